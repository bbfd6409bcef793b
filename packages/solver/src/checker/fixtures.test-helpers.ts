// Hand-checkable fixtures for the checker's tests: a small matrix problem and a valid board whose
// every time and figure is derived in the comments; plus `restate`, which rewrites a mutated
// board's stated totals and KPIs so that a test isolates the one rule it breaks.
import { parseBoard, parseProblem, type Board, type Problem, type ProblemInput } from '../model/index.ts';
import { checkBoard } from './check.ts';

/** 2026-03-02 at a local clock time ("08:22" or "09:32:30") in -05:00. */
export const at = (hhmm: string): string => `2026-03-02T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}-05:00`;

/**
 * Matrix locations (index: place):
 *   0 shop (T-1 starts and ends here)   1 J-1   2 J-2   3 supply houses S-1 and S-2 (one building)
 *   4 T-2's home                         5 J-3 and J-4
 * Symmetric round numbers: [seconds, metres] per pair.
 */
const PAIRS: Record<string, [number, number]> = {
  '0-1': [1200, 10000], // 20 min
  '0-2': [1800, 20000], // 30 min
  '0-3': [1500, 15000],
  '0-4': [2400, 25000],
  '0-5': [900, 9000],
  '1-2': [1200, 12000],
  '1-3': [600, 5000], // 10 min
  '1-4': [2700, 30000],
  '1-5': [1200, 11000],
  '2-3': [900, 8000], // 15 min
  '2-4': [3000, 33000],
  '2-5': [1500, 14000],
  '3-4': [2700, 28000],
  '3-5': [1200, 10000],
  '4-5': [1800, 18000],
};

function matrix(): { durationsSec: (number | null)[][]; distancesM: (number | null)[][] } {
  const n = 6;
  const durationsSec = Array.from({ length: n }, () => Array<number | null>(n).fill(0));
  const distancesM = Array.from({ length: n }, () => Array<number | null>(n).fill(0));
  for (const [key, [sec, m]] of Object.entries(PAIRS)) {
    const [i, j] = key.split('-').map(Number) as [number, number];
    durationsSec[i]![j] = durationsSec[j]![i] = sec;
    distancesM[i]![j] = distancesM[j]![i] = m;
  }
  return { durationsSec, distancesM };
}

export const LOC = {
  shop: { lat: 40.0, lon: -75.0, matrixIndex: 0 },
  j1: { lat: 40.05, lon: -75.0, matrixIndex: 1 },
  j2: { lat: 40.1, lon: -75.05, matrixIndex: 2 },
  supply: { lat: 40.07, lon: -75.02, matrixIndex: 3 },
  t2Home: { lat: 39.95, lon: -75.1, matrixIndex: 4 },
  j3: { lat: 40.02, lon: -75.08, matrixIndex: 5 },
};

/** The problem as sent (defaults left out where they are what we want). */
export function problemInput(): ProblemInput {
  return {
    name: 'checker fixture',
    technicians: [
      {
        id: 'T-1',
        start: LOC.shop,
        // 8 h shift, up to 60 min overtime; 30 min lunch somewhere in 11:30–13:30.
        shift: { start: at('08:00'), end: at('16:00'), maxOvertimeMin: 60 },
        breaks: [{ durationMin: 30, window: { start: at('11:30'), end: at('13:30') } }],
        skills: { hvac: 4, plumbing: 2 },
        vanStock: { 'CAP-45': 1 },
        capacity: { load: 10 },
        costPerHour: 40,
        maxDriveMin: 80,
      },
      {
        id: 'T-2',
        start: LOC.t2Home,
        shift: { start: at('08:00'), end: at('12:00') },
        skills: { electrical: 2 },
        costPerHour: 30,
      },
    ],
    jobs: [
      {
        id: 'J-1',
        location: LOC.j1,
        // T-1 holds hvac 4; 4 is not listed, the nearest lower listed level is 3: 45 min.
        durationMin: 60,
        durationByLevelMin: { '2': 55, '3': 45 },
        windows: [{ start: at('08:00'), end: at('10:00') }],
        priority: 'emergency',
        calledAt: at('07:40'),
        responseDeadline: at('09:00'),
        skills: { hvac: 2 },
        parts: { 'CAP-45': 1 },
        demand: { load: 4 },
        value: 300,
      },
      {
        id: 'J-2',
        location: LOC.j2,
        durationMin: 90,
        windows: [{ start: at('10:30'), end: at('15:00') }],
        skills: { plumbing: 1 },
        parts: { 'FILTER-1': 2 },
        demand: { load: 5 },
        value: 500,
        preferredTechnicians: ['T-2'],
        supplyHouses: ['S-1'],
      },
      // Nobody holds electrical 3 (T-2 has 2): unassigned.
      { id: 'J-3', location: LOC.j3, durationMin: 60, priority: 'urgent', skills: { electrical: 3 }, value: 200 },
      // Cancelled: on no route, in no list.
      { id: 'J-4', location: LOC.j3, durationMin: 30, status: 'cancelled', value: 100 },
    ],
    supplyHouses: [
      { id: 'S-1', location: LOC.supply, hours: { start: at('07:00'), end: at('17:00') }, stock: { 'FILTER-1': 3 }, pickupMin: 15 },
      { id: 'S-2', location: LOC.supply, hours: { start: at('07:00'), end: at('17:00') }, stock: { 'FILTER-1': 5 }, pickupMin: 15 },
    ],
    parts: [{ sku: 'CAP-45' }, { sku: 'FILTER-1' }],
    settings: {
      travel: { model: 'matrix' },
      // After each job 10 min + 10 % of its duration; 10 % padding on every drive.
      buffer: { afterJobMin: 10, afterJobPct: 10, drivePaddingPct: 10 },
      weights: { waitHour: 6 },
      timeResolutionSec: 1,
    },
    matrix: matrix(),
  };
}

/**
 * T-1's day, derived by hand:
 *   leaves the shop 08:00
 *   J-1:   drive 20 min + 2 padding = 22 → arrives 08:22, starts 08:22 (window 08:00–10:00),
 *          45 min → ends 09:07, buffer 10 + 4.5 = 14.5 → leaves 09:21:30. Uses the van's CAP-45.
 *          Emergency called 07:40: response 42 min, before its 09:00 deadline.
 *   S-1:   drive 10 + 1 = 11 → arrives 09:32:30, 15 min at the counter → leaves 09:47:30 with 2 × FILTER-1.
 *   J-2:   drive 15 + 1.5 = 16.5 → arrives 10:04, waits 26 min for its window (10:30),
 *          90 min → ends 12:00, buffer 10 + 9 = 19 → leaves 12:19.
 *   break: at J-2, 12:19–12:49 (window 11:30–13:30).
 *   home:  drive 30 + 3 = 33 → back 13:22.
 * Totals (min): paid = 16:00 − 08:00 − 30 = 450; service = 45 + 90 = 135;
 *   drive = 20 + 10 + 15 + 30 = 75 legs + 15 counter = 90; buffer = 14.5 + 19 + padding 7.5 = 41;
 *   break 30; idle = 450 − 135 − 90 − 41 = 184 (= 26 wait + 158 after 13:22); distance 43 000 m;
 *   utilization = 225 / 450 = 0.5; drive share = 90 / 450 = 0.2.
 * T-2 has no route: paid 240, all idle.
 */
export const T1_TOTALS = {
  paidMin: 450,
  serviceMin: 135,
  driveMin: 90,
  bufferMin: 41,
  idleMin: 184,
  breakMin: 30,
  overtimeMin: 0,
  distanceM: 43000,
  jobs: 2,
  utilization: 0.5,
  driveShare: 0.2,
};

/**
 * Board KPIs over both technicians: paid 450 + 240 = 690; idle 184 + 240 = 424;
 * utilization 225/690, drive share 90/690, wrench time 135/690; revenue 300 + 500; 43 km.
 */
export const KPIS = {
  technicians: 2,
  techniciansUsed: 1,
  paidMin: 690,
  serviceMin: 135,
  driveMin: 90,
  bufferMin: 41,
  idleMin: 424,
  breakMin: 30,
  overtimeMin: 0,
  utilization: 225 / 690,
  driveShare: 90 / 690,
  wrenchTime: 135 / 690,
  jobsScheduled: 2,
  jobsUnassigned: 1,
  revenueScheduled: 800,
  distanceKm: 43,
  emergencyResponseMin: { count: 1, median: 42, p90: 42 },
  emergenciesLate: 0,
};

/**
 * Cost: drive 75 min = 1.25 h × 30 = 37.5; distance 43 km × 0.5 = 21.5; overtime 0;
 * wait 26 min = 0.4333 h × 6 = 2.6; unassigned J-3 (urgent) 5000 + 200 × 1 = 5200; emergency late 0;
 * overqualification J-1 hvac 4 − 2 = 2, J-2 plumbing 2 − 1 = 1 → 3 × 10 = 30;
 * preferred miss J-2 (prefers T-2) 40. Total 5331.6.
 */
export const COST = {
  total: 5331.6,
  drive: 37.5,
  distance: 21.5,
  overtime: 0,
  wait: 2.6,
  unassigned: 5200,
  emergencyLate: 0,
  overqualification: 30,
  preferredMiss: 40,
};

export function boardInput(): unknown {
  return {
    createdAt: at('06:00'),
    solver: { name: 'by hand', seed: 1, elapsedMs: 0 },
    routes: [
      {
        technicianId: 'T-1',
        departure: at('08:00'),
        stops: [
          {
            kind: 'job',
            jobId: 'J-1',
            location: LOC.j1,
            arrival: at('08:22'),
            start: at('08:22'),
            end: at('09:07'),
            driveMin: 20,
            paddingMin: 2,
            distanceM: 10000,
            waitMin: 0,
            bufferMin: 14.5,
            partsUsed: { 'CAP-45': 1 },
            eta: { start: at('08:00'), end: at('09:00') },
          },
          {
            kind: 'pickup',
            supplyHouseId: 'S-1',
            location: LOC.supply,
            arrival: at('09:32:30'),
            start: at('09:32:30'),
            end: at('09:47:30'),
            driveMin: 10,
            paddingMin: 1,
            distanceM: 5000,
            waitMin: 0,
            bufferMin: 0,
            partsLoaded: { 'FILTER-1': 2 },
          },
          {
            kind: 'job',
            jobId: 'J-2',
            location: LOC.j2,
            arrival: at('10:04'),
            start: at('10:30'),
            end: at('12:00'),
            driveMin: 15,
            paddingMin: 1.5,
            distanceM: 8000,
            waitMin: 26,
            bufferMin: 19,
            partsUsed: { 'FILTER-1': 2 },
            eta: { start: at('10:00'), end: at('11:00') },
          },
          {
            kind: 'break',
            breakIndex: 0,
            location: LOC.j2,
            arrival: at('12:19'),
            start: at('12:19'),
            end: at('12:49'),
            driveMin: 0,
            paddingMin: 0,
            distanceM: 0,
            waitMin: 0,
            bufferMin: 0,
          },
        ],
        end: { location: LOC.shop, arrival: at('13:22'), driveMin: 30, paddingMin: 3, distanceM: 20000 },
        totals: T1_TOTALS,
      },
    ],
    unassigned: [{ jobId: 'J-3', reason: 'no_skilled_technician', closest: [{ technicianId: 'T-2', blocker: 'level', detail: 'electrical 2 < 3' }] }],
    kpis: KPIS,
    cost: COST,
  };
}

export interface Fixture {
  problem: Problem;
  board: Board;
}

/** A fresh problem and valid board (each call builds new objects, so tests may mutate them). */
export function fixture(): Fixture {
  return { problem: parseProblem(problemInput()), board: parseBoard(boardInput()) };
}

/** T-2's route with no work: leaves and "returns" 08:00 at home; paid 240, all idle. */
export function emptyRoute(technicianId = 'T-2', home = LOC.t2Home, paidMin = 240): Board['routes'][number] {
  return {
    technicianId,
    departure: at('08:00'),
    stops: [],
    end: { location: home, arrival: at('08:00'), driveMin: 0, paddingMin: 0, distanceM: 0 },
    totals: { paidMin, serviceMin: 0, driveMin: 0, bufferMin: 0, idleMin: paidMin, breakMin: 0, overtimeMin: 0, distanceM: 0, jobs: 0, utilization: 0, driveShare: 0 },
  };
}

/**
 * The board with its stated route totals and KPIs replaced by the checker's recomputation, so a
 * mutation that legitimately moves a figure (overtime, paid time, counts) shows only its own code.
 */
export function restate(problem: Problem, board: Board): Board {
  const r = checkBoard(problem, board);
  const known = new Set(problem.technicians.map((t) => t.id));
  const totals = r.routes.map((x) => x.totals);
  let i = 0;
  return {
    ...board,
    routes: board.routes.map((route) => (known.has(route.technicianId) ? { ...route, totals: totals[i++]! } : route)),
    kpis: r.kpis,
  };
}
