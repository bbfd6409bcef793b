// A tiny hand-checkable problem on an explicit matrix (round numbers), shared by tests.
// Locations: 0 = shop, 1 = job A, 2 = job B, 3 = supply house. Drive times (seconds):
//   shop–A 600, shop–B 900, A–B 300, shop–S 1200, A–S 600, B–S 600. Distances: 10 m per second.
import type { ProblemInput } from '../model/problem.ts';

const D = [
  [0, 600, 900, 1200],
  [600, 0, 300, 600],
  [900, 300, 0, 600],
  [1200, 600, 600, 0],
];

export const at = (hhmm: string) => `2026-01-13T${hhmm}:00Z`;

/** ProblemInput with the optional parts this fixture always sets made required (for tests to edit). */
export type TinyProblem = ProblemInput & Required<Pick<ProblemInput, 'jobs' | 'supplyHouses' | 'parts' | 'settings' | 'matrix'>>;

export function tinyProblem(): TinyProblem {
  return {
    name: 'tiny',
    technicians: [
      {
        id: 'T1',
        start: { lat: 0, lon: 0, matrixIndex: 0 },
        shift: { start: at('08:00'), end: at('12:00'), maxOvertimeMin: 30 },
        skills: { hvac: 3 },
        vanStock: {},
      },
    ],
    jobs: [
      { id: 'A', location: { lat: 0.01, lon: 0, matrixIndex: 1 }, durationMin: 30, windows: [{ start: at('08:30'), end: at('09:00') }], skills: { hvac: 2 } },
      { id: 'B', location: { lat: 0.02, lon: 0, matrixIndex: 2 }, durationMin: 60, skills: { hvac: 3 } },
    ],
    supplyHouses: [{ id: 'S', location: { lat: 0.03, lon: 0, matrixIndex: 3 }, hours: { start: at('07:00'), end: at('17:00') }, stock: { WH: 1 }, pickupMin: 15 }],
    parts: [{ sku: 'WH' }],
    settings: { travel: { model: 'matrix' }, weights: { driveHour: 60, distanceKm: 1, overqualificationLevel: 10 } },
    matrix: { durationsSec: D.map((r) => [...r]), distancesM: D.map((r) => r.map((x) => x * 10)) },
  };
}
