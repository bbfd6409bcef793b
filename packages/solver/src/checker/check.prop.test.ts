// Property tests of checkBoard on random valid boards built here by simulation (matrix travel,
// legs and buffers rounded up to the resolution): no violation, paid = service + drive + buffer +
// idle with idle equal to the waits and rounding slack; shifting a route in time breaks only windows,
// breaks, shift or overtime (and the stated figures that move with overtime).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatIso, parseBoard, parseProblem, type Board, type Problem, type ProblemInput } from '../model/index.ts';
import { checkBoard, type ViolationCode } from './index.ts';
import { restate } from './fixtures.test-helpers.ts';

const BASE_MS = Date.parse('2026-03-02T08:00:00Z');
const iso = (ms: number): string => formatIso(BASE_MS + ms, 0);

interface Scenario {
  nJobs: number;
  durationsSec: number[][];
  distancesM: number[][];
  jobMin: number[];
  waitSec: number[];
  order: number[];
  resSec: number;
  paddingPct: number;
  afterJobMin: number;
  afterJobPct: number;
  departureSec: number;
  shiftHours: number;
  overtimeSlackMin: number;
  windowSlackMin: [number, number][];
  breakAfter: number | null;
  breakWaitSec: number;
}

const scenario: fc.Arbitrary<Scenario> = fc.integer({ min: 1, max: 6 }).chain((nJobs) => {
  const n = nJobs + 1;
  const square = (max: number) => fc.array(fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n });
  return fc.record({
    nJobs: fc.constant(nJobs),
    durationsSec: square(3600),
    distancesM: square(50_000),
    jobMin: fc.array(fc.integer({ min: 5, max: 120 }), { minLength: nJobs, maxLength: nJobs }),
    waitSec: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3600 })), { minLength: nJobs, maxLength: nJobs }),
    order: fc.shuffledSubarray(Array.from({ length: nJobs }, (_, i) => i)),
    resSec: fc.constantFrom(0.001, 1, 60),
    paddingPct: fc.constantFrom(0, 7.5, 10, 33),
    afterJobMin: fc.integer({ min: 0, max: 20 }),
    afterJobPct: fc.constantFrom(0, 10, 12.5),
    departureSec: fc.integer({ min: 0, max: 3600 }),
    shiftHours: fc.integer({ min: 2, max: 12 }),
    overtimeSlackMin: fc.integer({ min: 0, max: 60 }),
    windowSlackMin: fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 })), { minLength: nJobs, maxLength: nJobs }),
    breakAfter: fc.option(fc.integer({ min: 0, max: nJobs - 1 })),
    breakWaitSec: fc.integer({ min: 0, max: 1800 }),
  });
});

/** Builds the problem and a valid board for a scenario; returns the idle minutes the builder expects. */
function build(s: Scenario): { problem: Problem; board: Board; expectedIdleMin: number } {
  const resMs = Math.round(s.resSec * 1000);
  const ceilRes = (ms: number): number => Math.ceil(ms / resMs - 1e-9) * resMs;
  const loc = (i: number) => ({ lat: i / 100, lon: 0, matrixIndex: i });
  const stops: Board['routes'][number]['stops'] = [];
  let t = s.departureSec * 1000;
  let idleMs = t;
  let prev = 0;
  const starts: number[] = [];
  const brk: { window?: { start: number; end: number } } = {};
  const leg = (to: number) => {
    const driveSec = s.durationsSec[prev]![to]!;
    const padSec = (driveSec * s.paddingPct) / 100;
    const legMs = ceilRes((driveSec + padSec) * 1000);
    idleMs += legMs - (driveSec + padSec) * 1000;
    return { driveMin: driveSec / 60, paddingMin: padSec / 60, distanceM: s.distancesM[prev]![to]!, legMs };
  };
  s.order.forEach((j, k) => {
    const l = leg(j + 1);
    const arrival = t + l.legMs;
    const start = arrival + s.waitSec[j]! * 1000;
    const end = start + s.jobMin[j]! * 60_000;
    const bufferMs = ceilRes((s.afterJobMin + (s.afterJobPct / 100) * s.jobMin[j]!) * 60_000);
    idleMs += start - arrival;
    starts[j] = start;
    stops.push({
      kind: 'job', jobId: `J-${j}`, location: loc(j + 1), arrival: iso(arrival), start: iso(start), end: iso(end),
      driveMin: l.driveMin, paddingMin: l.paddingMin, distanceM: l.distanceM, waitMin: (start - arrival) / 60_000, bufferMin: bufferMs / 60_000,
    });
    t = end + bufferMs;
    prev = j + 1;
    if (s.breakAfter === k || (s.breakAfter !== null && s.breakAfter >= s.order.length && k === s.order.length - 1)) {
      const start = t + s.breakWaitSec * 1000;
      idleMs += start - t;
      stops.push({ kind: 'break', breakIndex: 0, location: loc(prev), arrival: iso(t), start: iso(start), end: iso(start + 30 * 60_000), driveMin: 0, paddingMin: 0, distanceM: 0, waitMin: (start - t) / 60_000, bufferMin: 0 });
      brk.window = { start: start - 15 * 60_000, end: start + 45 * 60_000 };
      t = start + 30 * 60_000;
    }
  });
  const back = stops.length ? leg(0) : { driveMin: 0, paddingMin: 0, distanceM: 0, legMs: 0 };
  const endArrival = t + back.legMs;
  const shiftEnd = s.shiftHours * 3_600_000;
  idleMs += Math.max(shiftEnd, endArrival) - endArrival;
  const maxOvertimeMin = Math.max(0, Math.ceil((endArrival - shiftEnd) / 60_000)) + s.overtimeSlackMin;

  const input: ProblemInput = {
    technicians: [
      {
        id: 'T-1',
        start: loc(0),
        shift: { start: iso(0), end: iso(shiftEnd), maxOvertimeMin },
        breaks: brk.window ? [{ durationMin: 30, window: { start: iso(brk.window.start), end: iso(brk.window.end) } }] : [],
      },
      { id: 'T-2', start: loc(0), shift: { start: iso(0), end: iso(4 * 3_600_000) } },
    ],
    jobs: Array.from({ length: s.nJobs }, (_, j) => {
      const start = starts[j];
      const [before, after] = s.windowSlackMin[j]!;
      return {
        id: `J-${j}`,
        location: loc(j + 1),
        durationMin: s.jobMin[j]!,
        ...(start === undefined ? {} : { windows: [{ start: iso(start - before * 60_000), end: iso(start + after * 60_000) }] }),
      };
    }),
    settings: {
      travel: { model: 'matrix' },
      buffer: { afterJobMin: s.afterJobMin, afterJobPct: s.afterJobPct, drivePaddingPct: s.paddingPct },
      timeResolutionSec: s.resSec,
    },
    matrix: { durationsSec: s.durationsSec, distancesM: s.distancesM },
  };
  const problem = parseProblem(input);
  const zeroTotals = { paidMin: 0, serviceMin: 0, driveMin: 0, bufferMin: 0, idleMin: 0, breakMin: 0, overtimeMin: 0, distanceM: 0, jobs: 0, utilization: 0, driveShare: 0 };
  const draft = parseBoard({
    createdAt: iso(0),
    solver: { name: 'simulated', seed: 0, elapsedMs: 0 },
    routes: [{ technicianId: 'T-1', departure: iso(s.departureSec * 1000), stops, end: { location: loc(0), arrival: iso(endArrival), driveMin: back.driveMin, paddingMin: back.paddingMin, distanceM: back.distanceM }, totals: zeroTotals }],
    unassigned: Array.from({ length: s.nJobs }, (_, j) => j).filter((j) => !s.order.includes(j)).map((j) => ({ jobId: `J-${j}`, reason: 'no_capacity', closest: [] })),
    kpis: { technicians: 0, techniciansUsed: 0, paidMin: 0, serviceMin: 0, driveMin: 0, bufferMin: 0, idleMin: 0, breakMin: 0, overtimeMin: 0, utilization: 0, driveShare: 0, wrenchTime: 0, jobsScheduled: 0, jobsUnassigned: 0, revenueScheduled: 0, distanceKm: 0, emergencyResponseMin: { count: 0, median: null, p90: null }, emergenciesLate: 0 },
    cost: { total: 0, drive: 0, distance: 0, overtime: 0, wait: 0, unassigned: 0, emergencyLate: 0, overqualification: 0, preferredMiss: 0 },
  });
  return { problem, board: restate(problem, draft), expectedIdleMin: idleMs / 60_000 };
}

/** The board with T-1's whole route moved by `deltaMs` (departure, every stop, ETA-free, the return). */
function shifted(board: Board, deltaMs: number): Board {
  const move = (s: string): string => iso(Date.parse(s) - BASE_MS + deltaMs);
  return {
    ...board,
    routes: board.routes.map((r) => ({
      ...r,
      departure: move(r.departure),
      stops: r.stops.map((st) => ({ ...st, arrival: move(st.arrival), start: move(st.start), end: move(st.end) })),
      end: { ...r.end, arrival: move(r.end.arrival) },
    })),
  };
}

describe('checkBoard on random valid boards', () => {
  it('finds no violation; paid = service + drive + buffer + idle, idle = waits + rounding slack + time off the road', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { problem, board, expectedIdleMin } = build(s);
        const r = checkBoard(problem, board);
        expect(r.violations, r.violations.map((v) => v.message).join('\n')).toEqual([]);
        const t = r.routes[0]!.totals;
        expect(t.serviceMin + t.driveMin + t.bufferMin + t.idleMin).toBeCloseTo(t.paidMin, 9);
        expect(t.idleMin).toBeCloseTo(expectedIdleMin, 6);
        expect(t.serviceMin).toBeCloseTo(s.order.reduce((sum, j) => sum + s.jobMin[j]!, 0), 9);
        const k = r.kpis;
        expect(k.serviceMin + k.driveMin + k.bufferMin + k.idleMin).toBeCloseTo(k.paidMin, 9);
        expect(k.jobsScheduled + k.jobsUnassigned).toBe(s.nJobs);
      }),
      { numRuns: 300 },
    );
  });

  it('moving a whole route later keeps its timing; only windows, breaks and overtime (and figures that move with it) can break', () => {
    const allowed = new Set<ViolationCode>(['window', 'break', 'overtime', 'kpi']);
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 600 }), (s, laterMin) => {
        const { problem, board } = build(s);
        const r = checkBoard(problem, shifted(board, laterMin * 60_000));
        for (const v of r.violations) expect(allowed.has(v.code), v.message).toBe(true);
        for (const v of r.violations.filter((x) => x.code === 'kpi')) expect(v.message).toMatch(/paidMin|idleMin|overtimeMin|utilization|driveShare|wrenchTime|emergency/);
      }),
      { numRuns: 200 },
    );
  });

  it('moving a whole route earlier breaks only the shift start, windows and breaks (and figures that move with overtime)', () => {
    const allowed = new Set<ViolationCode>(['window', 'break', 'shift', 'kpi']);
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 600 }), (s, earlierMin) => {
        const { problem, board } = build(s);
        const r = checkBoard(problem, shifted(board, -earlierMin * 60_000));
        for (const v of r.violations) expect(allowed.has(v.code), v.message).toBe(true);
        for (const v of r.violations.filter((x) => x.code === 'kpi')) expect(v.message).toMatch(/paidMin|idleMin|overtimeMin|utilization|driveShare|wrenchTime/);
        if (s.departureSec < earlierMin * 60) expect(r.violations.some((v) => v.code === 'shift')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
