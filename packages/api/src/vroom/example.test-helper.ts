// A hand-made VROOM request for tests and the README: 2 vehicles and 6 jobs in Columbus, OH, with
// time windows (seconds of the day), skills, a delivery/pickup capacity and a lunch break.
export function vroomExample() {
  return {
    vehicles: [
      { id: 1, description: 'Van 1', start: [-83.0, 39.96], end: [-83.0, 39.96], capacity: [4], skills: [1], time_window: [28800, 61200], breaks: [{ id: 10, time_windows: [[41400, 45000]], service: 1800, description: 'lunch' }] },
      { id: 2, description: 'Van 2', start: [-83.05, 40.0], end: [-83.05, 40.0], capacity: [3], skills: [1, 2], time_window: [28800, 61200] },
    ],
    jobs: [
      { id: 1, description: 'AC tune-up', location: [-83.01, 39.97], service: 3600, delivery: [1], skills: [1], time_windows: [[28800, 43200]] },
      { id: 2, location: [-83.04, 39.99], service: 1800, delivery: [2], skills: [1] },
      { id: 3, location: [-82.98, 39.95], service: 2700, delivery: [1], pickup: [1], skills: [1], priority: 50, time_windows: [[46800, 54000]] },
      { id: 4, location: [-83.02, 39.98], service: 1800, delivery: [1], skills: [2] },
      { id: 5, location: [-83.06, 40.01], service: 1200, delivery: [1], skills: [3] },
      { id: 6, location: [-83.03, 39.96], setup: 300, service: 2400, delivery: [1], time_windows: [[32400, 39600]] },
    ],
  };
}
