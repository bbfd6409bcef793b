// checkBoard on the hand-checked fixture: the valid board passes with exact KPIs, then each test
// breaks one rule and expects exactly that violation code, on the right job and technician.
import { describe, it, expect } from 'vitest';
import { parseBoard, parseProblem, type Board, type Problem } from '../model/index.ts';
import { checkBoard, type CheckResult, type Violation, type ViolationCode } from './index.ts';
import { at, COST, emptyRoute, fixture, KPIS, LOC, restate, T1_TOTALS } from './fixtures.test-helpers.ts';

function codes(r: CheckResult): ViolationCode[] {
  return [...new Set(r.violations.map((v) => v.code))];
}

/** Every violation has `code`, there is at least one, and the first one names `who`. */
function expectOnly(r: CheckResult, code: ViolationCode, who: Partial<Violation> = {}): void {
  expect(codes(r), r.violations.map((v) => v.message).join('\n')).toEqual([code]);
  expect(r.ok).toBe(false);
  expect(r.violations[0]).toMatchObject(who);
}

/** The fixture's T-1 route and its stops (throws if missing, to keep tests short). */
function t1(board: Board) {
  const route = board.routes.find((r) => r.technicianId === 'T-1')!;
  return { route, j1: route.stops[0]!, pickup: route.stops[1]!, j2: route.stops[2]!, brk: route.stops[3]! };
}

function job(problem: Problem, id: string) {
  return problem.jobs.find((j) => j.id === id)!;
}

function tech(problem: Problem, id: string) {
  return problem.technicians.find((t) => t.id === id)!;
}

describe('checkBoard: the valid fixture', () => {
  it('passes with no violation and the hand-derived totals, KPIs and cost', () => {
    const { problem, board } = fixture();
    const r = checkBoard(problem, board);
    expect(r.violations).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.routes).toHaveLength(1);
    expect(r.routes[0]!.technicianId).toBe('T-1');
    const totals = r.routes[0]!.totals;
    for (const [k, v] of Object.entries(T1_TOTALS)) expect(totals[k as keyof typeof totals], k).toBeCloseTo(v, 9);
    const { emergencyResponseMin, ...flat } = r.kpis;
    for (const [k, v] of Object.entries(KPIS)) if (k !== 'emergencyResponseMin') expect(flat[k as keyof typeof flat], k).toBeCloseTo(v as number, 9);
    expect(emergencyResponseMin).toEqual({ count: 1, median: 42, p90: 42 });
    expect(r.kpis.utilization).toBeCloseTo(0.326087, 6);
    expect(r.kpis.driveShare).toBeCloseTo(0.130435, 6);
    expect(r.kpis.wrenchTime).toBeCloseTo(0.195652, 6);
    for (const [k, v] of Object.entries(COST)) expect(r.cost[k as keyof typeof r.cost], k).toBeCloseTo(v, 9);
  });

  it('accepts a technician without work listed as an empty route', () => {
    const { problem, board } = fixture();
    board.routes.push(emptyRoute());
    const r = checkBoard(problem, board);
    expect(r.violations).toEqual([]);
    expect(r.routes.map((x) => x.technicianId)).toEqual(['T-1', 'T-2']);
    expect(r.routes[1]!.totals).toMatchObject({ paidMin: 240, idleMin: 240, jobs: 0 });
    expect(r.kpis.paidMin).toBe(690);
  });

  it('ignores the stated cost (it is the solver’s objective), returning its own', () => {
    const { problem, board } = fixture();
    board.cost.total = 1;
    const r = checkBoard(problem, board);
    expect(r.ok).toBe(true);
    expect(r.cost.total).toBeCloseTo(5331.6, 9);
  });
});

describe('checkBoard: skills and technicians', () => {
  it('skill: T-1 without plumbing cannot do J-2', () => {
    const { problem, board } = fixture();
    delete tech(problem, 'T-1').skills.plumbing;
    const r = checkBoard(problem, board);
    expectOnly(r, 'skill', { jobId: 'J-2', technicianId: 'T-1' });
    expect(r.violations[0]!.message).toBe('job J-2 needs plumbing; tech T-1 does not have it');
  });

  it('level: J-1 needs hvac 5, T-1 has 4', () => {
    const { problem, board } = fixture();
    job(problem, 'J-1').skills.hvac = 5;
    const r = checkBoard(problem, board);
    expectOnly(r, 'level', { jobId: 'J-1', technicianId: 'T-1', expected: 5, actual: 4 });
    expect(r.violations[0]!.message).toBe('job J-1 needs hvac level 5; tech T-1 has 4');
  });

  it('excluded: J-1 excludes T-1', () => {
    const { problem, board } = fixture();
    job(problem, 'J-1').excludedTechnicians = ['T-1'];
    expectOnly(checkBoard(problem, board), 'excluded', { jobId: 'J-1', technicianId: 'T-1' });
  });

  it('pinned: J-1 pinned to T-2 but on T-1', () => {
    const { problem, board } = fixture();
    job(problem, 'J-1').pinnedTechnician = 'T-2';
    expectOnly(checkBoard(problem, board), 'pinned', { jobId: 'J-1', technicianId: 'T-1', expected: 'T-2' });
  });

  it('pinned: J-1 pinned to start 08:30 but starts 08:22; 08:22:01 is within the 1 s resolution', () => {
    const { problem, board } = fixture();
    job(problem, 'J-1').pinnedStart = at('08:30');
    expectOnly(checkBoard(problem, board), 'pinned', { jobId: 'J-1' });
    job(problem, 'J-1').pinnedStart = at('08:22:01');
    expect(checkBoard(problem, board).violations).toEqual([]);
  });

  it('status: a cancelled job on a route', () => {
    const { problem, board } = fixture();
    job(problem, 'J-1').status = 'cancelled';
    expectOnly(checkBoard(problem, board), 'status', { jobId: 'J-1', technicianId: 'T-1' });
  });

  it('capacity: 4 + 5 load on a van that holds 8; a dimension the tech does not list is unlimited', () => {
    const { problem, board } = fixture();
    job(problem, 'J-1').demand = { load: 4, volume: 1000 };
    expect(checkBoard(problem, board).ok).toBe(true);
    tech(problem, 'T-1').capacity = { load: 8 };
    const r = checkBoard(problem, board);
    expectOnly(r, 'capacity', { technicianId: 'T-1', expected: 8, actual: 9 });
  });

  it('max_drive: 75 min of legs (counter time and padding not counted) against 75 passes, against 70 fails', () => {
    const { problem, board } = fixture();
    tech(problem, 'T-1').maxDriveMin = 75;
    expect(checkBoard(problem, board).ok).toBe(true);
    tech(problem, 'T-1').maxDriveMin = 70;
    expectOnly(checkBoard(problem, board), 'max_drive', { technicianId: 'T-1', expected: 70, actual: 75 });
  });
});

describe('checkBoard: times', () => {
  it('window: J-1 starts 08:22, after its window 08:00–08:15', () => {
    const { problem, board } = fixture();
    job(problem, 'J-1').windows = [{ start: at('08:00'), end: at('08:15') }];
    const r = checkBoard(problem, board);
    expectOnly(r, 'window', { jobId: 'J-1', technicianId: 'T-1' });
    expect(r.violations[0]!.message).toBe('job J-1 starts 08:22, after its windows (08:00–08:15)');
  });

  it('window: any one of several windows will do; its edges are inclusive', () => {
    const { problem, board } = fixture();
    job(problem, 'J-1').windows = [{ start: at('07:00'), end: at('07:30') }, { start: at('08:10'), end: at('08:22') }];
    expect(checkBoard(problem, board).ok).toBe(true);
    job(problem, 'J-1').windows = [{ start: at('07:00'), end: at('07:30') }, { start: at('08:30'), end: at('09:00') }];
    const r = checkBoard(problem, board);
    expectOnly(r, 'window', { jobId: 'J-1' });
    expect(r.violations[0]!.message).toBe('job J-1 starts 08:22, outside its windows (07:00–07:30, 08:30–09:00)');
  });

  it('earliest_start: J-2 starts 10:30 but its parts arrive at 11:00', () => {
    const { problem, board } = fixture();
    job(problem, 'J-2').earliestStart = at('11:00');
    const r = checkBoard(problem, board);
    expectOnly(r, 'earliest_start', { jobId: 'J-2', technicianId: 'T-1' });
    expect(r.violations[0]!.message).toBe('job J-2 starts 10:30, before its earliest start 11:00');
  });

  it('shift: the shift starts 08:30 (ends 16:30, same paid time) but T-1 leaves 08:00 and starts J-1 08:22', () => {
    const { problem, board } = fixture();
    tech(problem, 'T-1').shift.start = at('08:30');
    tech(problem, 'T-1').shift.end = at('16:30');
    const r = checkBoard(problem, board);
    expectOnly(r, 'shift', { technicianId: 'T-1' });
    expect(r.violations.map((v) => v.jobId)).toEqual([undefined, 'J-1']);
  });

  it('overtime: shift ends 13:00 with 15 min allowed; T-1 is back 13:22 (22 min of overtime, costed at 1.5 × 40/h)', () => {
    const { problem, board } = fixture();
    tech(problem, 'T-1').shift.end = at('13:00');
    tech(problem, 'T-1').shift.maxOvertimeMin = 15;
    const stated = restate(problem, board);
    const r = checkBoard(problem, stated);
    expectOnly(r, 'overtime', { technicianId: 'T-1' });
    expect(r.violations[0]!.message).toBe('tech T-1 returns 13:22, after shift end 13:00 + 15 min overtime (13:15)');
    // paid = 13:22 − 08:00 − 30 = 292; overtime 22 min = 22/60 h × 60 = 22.
    expect(r.routes[0]!.totals.paidMin).toBeCloseTo(292, 9);
    expect(r.routes[0]!.totals.overtimeMin).toBeCloseTo(22, 9);
    expect(r.cost.overtime).toBeCloseTo(22, 9);
    tech(problem, 'T-1').shift.maxOvertimeMin = 30;
    expect(checkBoard(problem, stated).violations).toEqual([]);
  });

  it('timing: a stated wait that is not start − arrival', () => {
    const { problem, board } = fixture();
    t1(board).j2.waitMin = 20;
    const r = checkBoard(problem, board);
    expectOnly(r, 'timing', { jobId: 'J-2', technicianId: 'T-1', stopIndex: 2, expected: 26, actual: 20 });
  });

  it('timing: leaving 08:01 and arriving 08:22 is a 21 min leg where drive + padding is 22', () => {
    const { problem, board } = fixture();
    t1(board).route.departure = at('08:01');
    const r = checkBoard(problem, board);
    expectOnly(r, 'timing', { jobId: 'J-1', stopIndex: 0, expected: 22, actual: 21 });
    expect(r.violations[0]!.message).toBe('job J-1: arrives 08:22, 21 min after leaving T-1\'s start at 08:01; the leg takes 22 min (drive + padding, resolution 1 s)');
  });

  it('timing: arriving one resolution (1 s) late is fine, 2 s late is not', () => {
    const { problem, board } = fixture();
    t1(board).route.departure = at('07:59:59');
    expect(checkBoard(problem, board).violations.filter((v) => v.code !== 'shift')).toEqual([]);
    t1(board).route.departure = at('07:59:58');
    expect(codes(checkBoard(problem, board))).toEqual(['shift', 'timing']);
  });

  it('timing: J-2 runs 95 min where T-1 needs 90 (restated totals, so only timing remains)', () => {
    const { problem, board } = fixture();
    t1(board).j2.end = at('12:05');
    const r = checkBoard(problem, restate(problem, board));
    expectOnly(r, 'timing', { jobId: 'J-2', expected: 90, actual: 95 });
  });

  it('timing: padding that is not 10 % of the drive', () => {
    const { problem, board } = fixture();
    t1(board).pickup.paddingMin = 2;
    expectOnly(checkBoard(problem, board), 'timing', { stopIndex: 1, expected: 1, actual: 2 });
  });

  it('timing: a buffer short of 10 min + 10 % of 45 min', () => {
    const { problem, board } = fixture();
    // 10.5 < 14.5; the departure becomes 09:17:30, so the 09:32:30 arrival at S-1 no longer adds up either.
    t1(board).j1.bufferMin = 10.5;
    const r = checkBoard(problem, restate(problem, board));
    expect(codes(r)).toEqual(['timing']);
    expect(r.violations.find((v) => v.expected === 14.5)).toMatchObject({ jobId: 'J-1', actual: 10.5 });
  });

  it('timing: an ETA that does not contain the start', () => {
    const { problem, board } = fixture();
    t1(board).j1.eta = { start: at('08:30'), end: at('09:30') };
    expectOnly(checkBoard(problem, board), 'timing', { jobId: 'J-1' });
  });

  it('timing: a stop that starts before it arrives', () => {
    const { problem, board } = fixture();
    const { j2 } = t1(board);
    j2.arrival = at('10:04');
    j2.start = at('10:00');
    j2.end = at('11:30');
    j2.waitMin = -4;
    j2.eta = { start: at('09:30'), end: at('10:30') };
    job(problem, 'J-2').windows = [];
    const r = checkBoard(problem, restate(problem, board));
    expect(codes(r)).toEqual(['timing']);
    expect(r.violations[0]!.message).toBe('job J-2 starts 10:00, before it arrives (10:04)');
  });
});

describe('checkBoard: breaks', () => {
  it('break: the lunch window closes 12:30 but the break runs 12:19–12:49', () => {
    const { problem, board } = fixture();
    tech(problem, 'T-1').breaks[0]!.window.end = at('12:30');
    const r = checkBoard(problem, board);
    expectOnly(r, 'break', { technicianId: 'T-1', stopIndex: 3 });
    expect(r.violations[0]!.message).toBe('break 0 runs 12:19–12:49, outside its window (11:30–12:30)');
  });

  it('break: an unknown breakIndex, and so break 0 missing', () => {
    const { problem, board } = fixture();
    t1(board).brk.breakIndex = 1;
    const r = checkBoard(problem, board);
    expectOnly(r, 'break', { technicianId: 'T-1' });
    expect(r.violations.map((v) => v.message)).toEqual(['break stop 3 names breakIndex 1; tech T-1 has 1 break', "tech T-1's break 0 (30 min in 11:30–13:30) is missing"]);
  });

  it('break: the same break taken twice', () => {
    const { problem, board } = fixture();
    const { route, brk } = t1(board);
    // A second 30 min break right after the first: 12:49–13:19, home 13:52.
    route.stops.push({ ...brk, arrival: at('12:49'), start: at('12:49'), end: at('13:19') });
    route.end.arrival = at('13:52');
    const r = checkBoard(problem, restate(problem, board));
    expectOnly(r, 'break', { technicianId: 'T-1', stopIndex: 4 });
  });

  it('break: a route without jobs holds no break (and needs none)', () => {
    const { problem, board } = fixture();
    tech(problem, 'T-2').breaks = [{ durationMin: 30, window: { start: at('10:00'), end: at('11:00') } }];
    board.routes.push(emptyRoute('T-2', LOC.t2Home, 210));
    const stated = restate(problem, board);
    expect(checkBoard(problem, stated).violations).toEqual([]);
    const route = stated.routes[1]!;
    route.stops.push({ kind: 'break', breakIndex: 0, location: LOC.t2Home, arrival: at('08:00'), start: at('10:00'), end: at('10:30'), driveMin: 0, paddingMin: 0, distanceM: 0, waitMin: 120, bufferMin: 0 });
    route.end.arrival = at('10:30');
    expectOnly(checkBoard(problem, restate(problem, stated)), 'break', { technicianId: 'T-2' });
  });
});

describe('checkBoard: parts and supply houses', () => {
  it('parts: an empty van cannot serve J-1 (needs 1 × CAP-45)', () => {
    const { problem, board } = fixture();
    tech(problem, 'T-1').vanStock = {};
    const r = checkBoard(problem, board);
    expectOnly(r, 'parts', { jobId: 'J-1', technicianId: 'T-1', expected: 1, actual: 0 });
    expect(r.violations[0]!.message).toBe('job J-1 needs 1 × CAP-45; the van holds 0');
  });

  it('parts: loading only 1 × FILTER-1 where J-2 needs 2', () => {
    const { problem, board } = fixture();
    t1(board).pickup.partsLoaded = { 'FILTER-1': 1 };
    expectOnly(checkBoard(problem, board), 'parts', { jobId: 'J-2', expected: 2, actual: 1 });
  });

  it('parts: stated parts used that are not the job’s parts', () => {
    const { problem, board } = fixture();
    t1(board).j1.partsUsed = { 'CAP-45': 2 };
    expectOnly(checkBoard(problem, board), 'parts', { jobId: 'J-1' });
  });

  it('supply_house: J-2 takes FILTER-1 only from S-1, but it was loaded at S-2 (same building)', () => {
    const { problem, board } = fixture();
    t1(board).pickup.supplyHouseId = 'S-2';
    const r = checkBoard(problem, board);
    expectOnly(r, 'supply_house', { jobId: 'J-2', technicianId: 'T-1', expected: 'S-1', actual: 'S-2' });
    delete job(problem, 'J-2').supplyHouses;
    expect(checkBoard(problem, board).ok).toBe(true);
  });

  it('supply_house: a pickup 09:32:30–09:47:30 before S-1 opens at 10:00', () => {
    const { problem, board } = fixture();
    problem.supplyHouses[0]!.hours.start = at('10:00');
    const r = checkBoard(problem, board);
    expectOnly(r, 'supply_house', { technicianId: 'T-1', stopIndex: 1 });
    expect(r.violations[0]!.message).toBe('pickup at S-1 runs 09:32:30–09:47:30, outside its hours (10:00–17:00)');
  });

  it('supply_house: loading 2 × FILTER-1 where S-1 stocks 1', () => {
    const { problem, board } = fixture();
    problem.supplyHouses[0]!.stock = { 'FILTER-1': 1 };
    const r = checkBoard(problem, board);
    expectOnly(r, 'supply_house', { expected: 1, actual: 2 });
    expect(r.violations[0]!.message).toBe('routes load 2 × FILTER-1 at S-1; it stocks 1');
  });

  it('supply_house: a pickup at an unknown supply house', () => {
    const { problem, board } = fixture();
    t1(board).pickup.supplyHouseId = 'S-9';
    expectOnly(checkBoard(problem, board), 'supply_house', { technicianId: 'T-1', stopIndex: 1 });
  });
});

describe('checkBoard: the board as a whole', () => {
  it('job_twice: J-2 both on T-1 and unassigned', () => {
    const { problem, board } = fixture();
    board.unassigned.push({ jobId: 'J-2', reason: 'no_capacity', closest: [] });
    const r = checkBoard(problem, restate(problem, board));
    expectOnly(r, 'job_twice', { jobId: 'J-2', technicianId: 'T-1' });
    expect(r.violations[0]!.message).toBe("job J-2 appears 2 times: on T-1's route, in the unassigned list");
  });

  it('job_missing: J-3 neither on a route nor unassigned', () => {
    const { problem, board } = fixture();
    board.unassigned = [];
    const r = checkBoard(problem, restate(problem, board));
    expectOnly(r, 'job_missing', { jobId: 'J-3' });
  });

  it('a cancelled job may sit in the unassigned list; a complete one need be nowhere', () => {
    const { problem, board } = fixture();
    board.unassigned.push({ jobId: 'J-4', reason: 'excluded', closest: [] });
    job(problem, 'J-3').status = 'complete';
    board.unassigned = board.unassigned.filter((u) => u.jobId !== 'J-3');
    expect(checkBoard(problem, board).violations).toEqual([]);
  });

  it('unknown_job: the unassigned list names J-99', () => {
    const { problem, board } = fixture();
    board.unassigned.push({ jobId: 'J-99', reason: 'unreachable', closest: [] });
    expectOnly(checkBoard(problem, restate(problem, board)), 'unknown_job', { jobId: 'J-99' });
  });

  it('unknown_job: a route visits J-99 (so J-2 goes missing)', () => {
    const { problem, board } = fixture();
    t1(board).j2.jobId = 'J-99';
    const r = checkBoard(problem, restate(problem, board));
    expect(codes(r).sort()).toEqual(['job_missing', 'unknown_job']);
    expect(r.violations.find((v) => v.code === 'unknown_job')).toMatchObject({ jobId: 'J-99', technicianId: 'T-1', stopIndex: 2 });
  });

  it('unknown_technician: a route for T-9', () => {
    const { problem, board } = fixture();
    board.routes.push(emptyRoute('T-9'));
    const r = checkBoard(problem, board);
    expectOnly(r, 'unknown_technician', { technicianId: 'T-9' });
    expect(r.routes).toHaveLength(1);
  });

  it('route_twice: T-1 with a second (empty) route; the first one counts', () => {
    const { problem, board } = fixture();
    board.routes.push(emptyRoute('T-1', LOC.shop, 450));
    const r = checkBoard(problem, board);
    expectOnly(r, 'route_twice', { technicianId: 'T-1' });
    expect(r.kpis.jobsScheduled).toBe(2);
  });

  it('location: J-1 stated at the wrong place; a break away from the tech; a route ending away from home', () => {
    const { problem, board } = fixture();
    t1(board).j1.location = { ...LOC.j1, lat: 40.06 };
    expectOnly(checkBoard(problem, board), 'location', { jobId: 'J-1', stopIndex: 0 });

    const b2 = fixture().board;
    t1(b2).brk.location = LOC.shop;
    expectOnly(checkBoard(problem, b2), 'location', { technicianId: 'T-1', stopIndex: 3 });

    const b3 = fixture().board;
    t1(b3).route.end.location = LOC.j3;
    expectOnly(checkBoard(problem, b3), 'location', { technicianId: 'T-1' });
  });
});

describe('checkBoard: travel', () => {
  it('travel: J-1 states 21 min of driving where the matrix says 20', () => {
    const { problem, board } = fixture();
    t1(board).j1.driveMin = 21;
    const r = checkBoard(problem, board);
    expectOnly(r, 'travel', { jobId: 'J-1', technicianId: 'T-1', expected: 20, actual: 21 });
    expect(r.violations[0]!.message).toBe("leg from T-1's start to job J-1 states 21 min of driving; the travel model gives 20 min");
  });

  it('travel: the return states 21 km where the matrix says 20', () => {
    const { problem, board } = fixture();
    t1(board).route.end.distanceM = 21000;
    expectOnly(checkBoard(problem, board), 'travel', { technicianId: 'T-1', expected: 20000, actual: 21000 });
  });

  it('travel: a leg the matrix has no route for (null)', () => {
    const { problem, board } = fixture();
    problem.matrix!.durationsSec[0]![1] = null;
    const r = checkBoard(problem, board);
    expectOnly(r, 'travel', { jobId: 'J-1' });
    expect(r.violations[0]!.message).toBe("no leg from T-1's start to job J-1: no route (matrix entry [0][1] is null)");
  });

  it('travel: a break that states a leg', () => {
    const { problem, board } = fixture();
    t1(board).brk.distanceM = 100;
    expectOnly(checkBoard(problem, board), 'travel', { stopIndex: 3 });
  });

  it('great circle: one job 0.1° north, times rounded up to the second', () => {
    // 0.1° of latitude = 6 371 008.8 m × 0.1 × π/180 = 11 119.508 m; × 1.3 circuity = 14 455.36 m;
    // at 40 km/h (11.111 m/s) = 1300.98 s, + 60 s overhead = 1360.98 s = 22.683 min → arrives 08:22:41.
    const distanceM = 6_371_008.8 * 0.1 * (Math.PI / 180) * 1.3;
    const driveMin = (distanceM / (40 / 3.6) + 60) / 60;
    expect(distanceM).toBeCloseTo(14455.36, 2);
    expect(driveMin).toBeCloseTo(22.683, 3);
    const home = { lat: 40, lon: -75 };
    const site = { lat: 40.1, lon: -75 };
    const problem = parseProblem({
      technicians: [{ id: 'T-1', start: home, shift: { start: at('08:00'), end: at('12:00') } }],
      jobs: [{ id: 'J-1', location: site, durationMin: 30 }],
    });
    const leg = { driveMin, paddingMin: 0, distanceM };
    // 08:22:41 + 30 min = 08:52:41; back 1361 s later = 09:15:22.
    // paid 240; service 30; drive 2 × 22.683 = 45.366; idle 164.634.
    const drive = 2 * driveMin;
    const totals = { paidMin: 240, serviceMin: 30, driveMin: drive, bufferMin: 0, idleMin: 240 - 30 - drive, breakMin: 0, overtimeMin: 0, distanceM: 2 * distanceM, jobs: 1, utilization: (30 + drive) / 240, driveShare: drive / 240 };
    const board = parseBoard({
      createdAt: at('06:00'),
      solver: { name: 'by hand', seed: 1, elapsedMs: 0 },
      routes: [
        {
          technicianId: 'T-1',
          departure: at('08:00'),
          stops: [{ kind: 'job', jobId: 'J-1', location: site, arrival: at('08:22:41'), start: at('08:22:41'), end: at('08:52:41'), waitMin: 0, bufferMin: 0, ...leg }],
          end: { location: home, arrival: at('09:15:22'), ...leg },
          totals,
        },
      ],
      unassigned: [],
      kpis: {
        technicians: 1,
        paidMin: 240,
        serviceMin: 30,
        driveMin: drive,
        bufferMin: 0,
        idleMin: 240 - 30 - drive,
        breakMin: 0,
        overtimeMin: 0,
        utilization: (30 + drive) / 240,
        driveShare: drive / 240,
        techniciansUsed: 1,
        wrenchTime: 30 / 240,
        jobsScheduled: 1,
        jobsUnassigned: 0,
        revenueScheduled: 0,
        distanceKm: (2 * distanceM) / 1000,
        emergencyResponseMin: { count: 0, median: null, p90: null },
        emergenciesLate: 0,
      },
      cost: { total: 0, drive: 0, distance: 0, overtime: 0, wait: 0, unassigned: 0, emergencyLate: 0, overqualification: 0, preferredMiss: 0 },
    });
    const r = checkBoard(problem, board);
    expect(r.violations).toEqual([]);
    // drive 0.756 h × 30 + 28.91 km × 0.5
    expect(r.cost.drive).toBeCloseTo((drive / 60) * 30, 9);
    expect(r.cost.distance).toBeCloseTo((2 * distanceM) / 1000 * 0.5, 9);
    board.routes[0]!.stops[0]!.distanceM = 14400;
    expectOnly(checkBoard(problem, board), 'travel', { jobId: 'J-1' });
  });
});

describe('checkBoard: stated figures', () => {
  it('kpi: a route that states 80 min of drive where it has 90', () => {
    const { problem, board } = fixture();
    t1(board).route.totals.driveMin = 80;
    const r = checkBoard(problem, board);
    expectOnly(r, 'kpi', { technicianId: 'T-1', expected: 90, actual: 80 });
    expect(r.violations[0]!.message).toBe('route of T-1: totals.driveMin is 80; recomputed 90');
  });

  it('kpi: tolerances — 0.005 min off is fine, 0.02 is not; ratios to 1e-4', () => {
    const { problem, board } = fixture();
    board.kpis.idleMin = 424.005;
    board.kpis.utilization = KPIS.utilization + 5e-5;
    expect(checkBoard(problem, board).ok).toBe(true);
    board.kpis.idleMin = 424.02;
    board.kpis.utilization = 0.5;
    const r = checkBoard(problem, board);
    expectOnly(r, 'kpi');
    expect(r.violations.map((v) => v.message)).toEqual(['kpis.idleMin is 424.02; recomputed 424', 'kpis.utilization is 0.5; recomputed 0.326']);
  });

  it('kpi: J-1 due by 08:15 arrives 08:22, a late emergency the board does not count; costed 7 min × 50', () => {
    const { problem, board } = fixture();
    job(problem, 'J-1').responseDeadline = at('08:15');
    const r = checkBoard(problem, board);
    expectOnly(r, 'kpi', { expected: 1, actual: 0 });
    expect(r.violations[0]!.message).toBe('kpis.emergenciesLate is 0; recomputed 1');
    expect(r.cost.emergencyLate).toBeCloseTo(350, 9);
  });

  it('kpi: emergency response counts only emergencies with calledAt', () => {
    const { problem, board } = fixture();
    delete job(problem, 'J-1').calledAt;
    const r = checkBoard(problem, board);
    expect(r.kpis.emergencyResponseMin).toEqual({ count: 0, median: null, p90: null });
    expect(r.violations.map((v) => v.message)).toEqual([
      'kpis.emergencyResponseMin.count is 1; recomputed 0',
      'kpis.emergencyResponseMin.median is 42; recomputed null',
      'kpis.emergencyResponseMin.p90 is 42; recomputed null',
    ]);
  });
});
