// POST /v1/vroom in-process: the hand-made 2-vehicle, 6-job example (windows, skills, capacity, a
// break) answers VROOM's format; every route is rebuilt as a Board and passes the solver's
// checker on the mapped problem; ids round-trip; matrices, open routes, plan mode and errors.
import { describe, expect, it } from 'vitest';
import { checkBoard, parseProblem, type Board, type Problem, type Stop } from '@truckroll/solver';
import { createApp } from '../app.ts';
import { inlinePool } from '../fixtures.test-helper.ts';
import { createKeyRing } from '../middleware/auth.ts';
import { vroomExample } from './example.test-helper.ts';
import type { VroomInput, VroomOutput } from './schema.ts';
import { VroomInput as VroomInputSchema } from './schema.ts';
import { isoAt, priorityClass, vroomToProblem, type VroomMapping } from './to-problem.ts';

function setup(deps: Partial<Parameters<typeof createApp>[0]> = {}) {
  const pool = inlinePool();
  const app = createApp({ pool, ...deps });
  const post = (body: unknown, { query = '?timeLimit=0.2', headers = {} }: { query?: string; headers?: Record<string, string> } = {}) =>
    app.request(`/v1/vroom${query}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });
  return { app, pool, post };
}

/** The VROOM answer as a Truckroll Board (times, legs, loads from the steps alone), for checkBoard. */
function boardFromVroom(out: VroomOutput, m: VroomMapping, problem: Problem): Board {
  const routes = out.routes.map((r) => {
    const tech = problem.technicians.find((t) => t.id === String(r.vehicle))!;
    const vehicle = m.vehicleById.get(String(r.vehicle))!;
    const first = r.steps[0]!;
    const departure = first.type === 'start' ? first.arrival : first.arrival - first.duration;
    let prev = { duration: 0, distance: 0, location: tech.start };
    const stops: Stop[] = [];
    for (const s of r.steps) {
      if (s.type !== 'job' && s.type !== 'break') continue;
      const start = s.arrival + s.waiting_time;
      const job = s.type === 'job' ? problem.jobs.find((j) => j.id === String(s.id))! : undefined;
      const location = job ? job.location : prev.location;
      stops.push({
        kind: s.type,
        ...(job ? { jobId: job.id } : { breakIndex: vehicle.breaks.findIndex((b) => b.id === s.id) }),
        location,
        arrival: isoAt(s.arrival),
        start: isoAt(start),
        end: isoAt(start + s.setup + s.service),
        driveMin: (s.duration - prev.duration) / 60,
        paddingMin: 0,
        distanceM: (s.distance ?? 0) - prev.distance,
        waitMin: s.waiting_time / 60,
        bufferMin: 0,
      });
      prev = { duration: s.duration, distance: s.distance ?? 0, location };
    }
    const last = r.steps.at(-1)!;
    const endArrival = last.type === 'end' ? last.arrival : last.arrival + last.waiting_time + last.setup + last.service;
    const zero = { paidMin: 0, serviceMin: 0, driveMin: 0, bufferMin: 0, idleMin: 0, breakMin: 0, overtimeMin: 0, distanceM: 0, jobs: 0, utilization: 0, driveShare: 0 };
    return {
      technicianId: tech.id,
      departure: isoAt(departure),
      stops,
      end: { location: tech.end ?? tech.start, arrival: isoAt(endArrival), driveMin: (r.duration - prev.duration) / 60, paddingMin: 0, distanceM: (r.distance ?? 0) - prev.distance },
      totals: zero,
    };
  });
  return {
    version: 1,
    createdAt: new Date().toISOString(),
    solver: { name: 'vroom-test', seed: 1, elapsedMs: 0 },
    routes,
    unassigned: out.unassigned.map((u) => ({ jobId: String(u.id), reason: u.reason as Board['unassigned'][number]['reason'], closest: [] })),
    kpis: { technicians: 0, techniciansUsed: 0, paidMin: 0, serviceMin: 0, driveMin: 0, bufferMin: 0, idleMin: 0, breakMin: 0, overtimeMin: 0, utilization: 0, driveShare: 0, wrenchTime: 0, jobsScheduled: 0, jobsUnassigned: 0, revenueScheduled: 0, distanceKm: 0, emergencyResponseMin: { count: 0, median: null, p90: null }, emergenciesLate: 0 },
    cost: { total: 0, drive: 0, distance: 0, overtime: 0, wait: 0, unassigned: 0, emergencyLate: 0, overqualification: 0, preferredMiss: 0 },
  };
}

/**
 * Checker violations of the answer on the mapped problem. Not counted: the stated KPIs (not the
 * VROOM side's to fill) and legs that differ from the great-circle model only by VROOM's rounding
 * to whole seconds and metres.
 */
function violationsOf(input: unknown, out: VroomOutput) {
  const m = vroomToProblem(VroomInputSchema.parse(input));
  const problem = parseProblem(m.problem);
  const rounding = (v: { code: string; message: string; actual?: number | string; expected?: number | string }) =>
    v.code === 'travel' && typeof v.actual === 'number' && typeof v.expected === 'number' && Math.abs(v.actual - v.expected) <= (v.message.includes(' min ') ? 1 / 60 + 1e-9 : 1);
  return checkBoard(problem, boardFromVroom(out, m, problem)).violations.filter((v) => v.code !== 'kpi' && !rounding(v));
}

/** VROOM's own rules on an answer: windows, skills, capacity at every step, break windows, working hours. */
function vroomRules(input: ReturnType<typeof vroomExample>, out: VroomOutput): string[] {
  const bad: string[] = [];
  for (const r of out.routes) {
    const v = input.vehicles.find((x) => x.id === r.vehicle)!;
    for (const s of r.steps) {
      const start = s.arrival + s.waiting_time;
      if (s.load.some((q, k) => q > (v.capacity[k] ?? 0))) bad.push(`vehicle ${v.id} over capacity at ${s.type} ${s.id ?? ''}`);
      if (s.arrival < v.time_window[0]! || s.arrival > v.time_window[1]!) bad.push(`vehicle ${v.id} ${s.type} at ${s.arrival} outside working hours`);
      if (s.type === 'job') {
        const j = input.jobs.find((x) => x.id === s.id)!;
        if (j.time_windows && !j.time_windows.some(([a, b]) => start >= a! && start <= b!)) bad.push(`job ${j.id} starts at ${start} outside its windows`);
        if ((j.skills ?? []).some((k) => !v.skills.includes(k))) bad.push(`job ${j.id} lacks skills on vehicle ${v.id}`);
      }
      if (s.type === 'break') {
        const b = v.breaks?.find((x) => x.id === s.id);
        const w = b?.time_windows[0];
        if (w && (start < w[0]! || start > w[1]!)) bad.push(`break ${s.id} starts at ${start} outside [${w.join(', ')}]`);
      }
    }
  }
  return bad;
}

describe('POST /v1/vroom', () => {
  it('solves the 2-vehicle, 6-job example in VROOM’s output format; every route passes the checker', async () => {
    const { post } = setup();
    const input = vroomExample();
    const res = await post(input);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const out = (await res.json()) as VroomOutput;
    expect(out.code).toBe(0);

    // ids round-trip: every job exactly once, assigned or unassigned; vehicles are input ids
    const assigned = out.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id));
    expect([...assigned, ...out.unassigned.map((u) => u.id)].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out.routes.every((r) => [1, 2].includes(r.vehicle))).toBe(true);
    expect(out.unassigned).toEqual([{ id: 5, type: 'job', location: [-83.06, 40.01], reason: 'no_skilled_technician' }]);

    // shape: start ... end with cumulated duration/distance and load after each step
    for (const r of out.routes) {
      expect(r.steps[0]!.type).toBe('start');
      expect(r.steps.at(-1)!.type).toBe('end');
      expect(r.steps.at(-1)!.duration).toBe(r.duration);
      expect(r.steps.at(-1)!.distance).toBe(r.distance);
      expect(r.cost).toBe(r.duration); // per_hour 3600: cost = travel seconds
      for (const [a, b] of r.steps.slice(1).map((s, i) => [r.steps[i]!, s] as const)) {
        expect(b.arrival).toBe(a.arrival + a.waiting_time + a.setup + a.service + (b.duration - a.duration));
      }
      expect(r.steps.filter((s) => s.type === 'job').every((s) => Number.isInteger(s.arrival))).toBe(true);
    }
    const van1 = out.routes.find((r) => r.vehicle === 1);
    if (van1) expect(van1.steps.filter((s) => s.type === 'break').map((s) => s.id)).toEqual([10]);
    expect(out.summary).toMatchObject({ routes: out.routes.length, unassigned: 1, violations: [], delivery: [6], pickup: [1] });
    expect(out.summary.cost).toBe(out.routes.reduce((s, r) => s + r.cost, 0));
    expect(out.summary.priority).toBe(50);

    expect(vroomRules(input, out)).toEqual([]);
    expect(violationsOf(input, out)).toEqual([]);
  });

  it('uses a custom matrix (location_index, no distances) and open routes (a vehicle with no end)', async () => {
    const { post } = setup();
    const durations = [
      [0, 600, 900, 1200],
      [600, 0, 400, 800],
      [900, 400, 0, 500],
      [1200, 800, 500, 0],
    ];
    const input = {
      vehicles: [{ id: 7, start_index: 0, time_window: [0, 20000] }],
      jobs: [
        { id: 101, location_index: 1, service: 300 },
        { id: 102, location_index: 2, service: 300, time_windows: [[2000, 3000]] },
        { id: 103, location_index: 3, service: 300 },
      ],
      matrices: { car: { durations } },
    };
    const out = (await (await post(input)).json()) as VroomOutput;
    expect(out.code).toBe(0);
    const route = out.routes[0]!;
    expect(route.steps.map((s) => s.type)).toEqual(['start', 'job', 'job', 'job']); // no end step
    expect(route.steps.map((s) => s.location_index)).toEqual([0, ...route.steps.slice(1).map((s) => input.jobs.find((j) => j.id === s.id)!.location_index)]);
    expect(route).not.toHaveProperty('distance');
    expect(out.summary).not.toHaveProperty('distance');
    const legs = route.steps.slice(1).map((s, i) => s.duration - route.steps[i]!.duration);
    const idx = route.steps.map((s) => s.location_index!);
    expect(legs).toEqual(idx.slice(1).map((to, i) => durations[idx[i]!]![to]));
    const j102 = route.steps.find((s) => s.id === 102)!;
    expect(j102.arrival + j102.waiting_time).toBeGreaterThanOrEqual(2000);
    expect(j102.arrival + j102.waiting_time).toBeLessThanOrEqual(3000);
    expect(violationsOf(input, out)).toEqual([]);
  });

  it('plan mode (options.c) keeps the fixed steps and reports violations', async () => {
    const { post } = setup();
    const input = vroomExample();
    const body = {
      ...input,
      vehicles: [
        { ...input.vehicles[0]!, steps: [{ type: 'start' }, { type: 'job', id: 3 }, { type: 'job', id: 1 }, { type: 'job', id: 4 }, { type: 'end' }] },
        { ...input.vehicles[1]!, steps: [{ type: 'job', id: 2 }] },
      ],
      options: { c: true },
    };
    const res = await post(body);
    expect(res.status).toBe(200);
    const out = (await res.json()) as VroomOutput;
    const v1 = out.routes.find((r) => r.vehicle === 1)!;
    expect(v1.steps.filter((s) => s.type === 'job').map((s) => s.id)).toEqual([3, 1, 4]);
    // job 3 waits for 13:00, so job 1 (due by 12:00) is late; job 4 needs skill 2; the break is missing
    const job1 = v1.steps.find((s) => s.id === 1)!;
    expect(job1.violations).toContainEqual({ cause: 'delay', duration: job1.arrival + job1.waiting_time - 43200 });
    expect(v1.steps.find((s) => s.id === 4)!.violations).toEqual([{ cause: 'skills' }]);
    expect(v1.violations.map((v) => v.cause)).toEqual(expect.arrayContaining(['delay', 'skills', 'missing_break']));
    expect(out.summary.violations.map((v) => v.cause)).toEqual(expect.arrayContaining(['delay', 'skills', 'missing_break']));
    expect(out.routes.find((r) => r.vehicle === 2)!.violations).toEqual([]);
    expect(out.unassigned.map((u) => [u.id, u.reason])).toEqual([
      [5, 'not_in_steps'],
      [6, 'not_in_steps'],
    ]);
  });

  it('answers errors in VROOM’s { code, error } shape, never problem+json', async () => {
    const { post } = setup({ caps: { maxJobs: 4, maxTechnicians: 1 } });
    const expectError = async (res: Response, status: number, code: number, match: RegExp) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/json');
      const body = (await res.json()) as { code: number; error: string };
      expect(body).toEqual({ code, error: expect.stringMatching(match) });
    };
    const small = { vehicles: [{ id: 1, start: [-83, 39.96] }], jobs: [{ id: 1, location: [-83.01, 39.97] }] };
    await expectError(await post({ ...small, shipments: [{ pickup: {}, delivery: {} }] }), 400, 2, /shipments are not supported/);
    await expectError(await post('{"vehicles": ['), 400, 2, /Invalid JSON/);
    await expectError(await post({ jobs: [] }), 400, 2, /vehicles/);
    await expectError(await post({ ...small, jobs: [{ id: 1, location: [200, 39] }] }), 400, 2, /^jobs\[0\]\.location\[0\]: longitude out of range/);
    await expectError(await post({ ...small, jobs: [{ id: 1, location: [-83, 39] }, { id: 1, location: [-83, 39] }] }), 400, 2, /duplicate job id: 1/);
    await expectError(await post({ ...small, jobs: [{ id: 1, location_index: 0 }] }), 400, 2, /location_index but no matrices/);
    await expectError(await post({ ...small, vehicles: [{ id: 1, start: [-83, 39.96], capacity: [2] }], jobs: [{ id: 1, location: [-83, 39], delivery: [1, 1] }] }), 400, 2, /inconsistent amount lengths/);
    await expectError(await post({ ...small, vehicles: [{ id: 1, start: [-83, 39.96], max_tasks: 3 }] }), 400, 2, /max_tasks is not supported/);
    await expectError(await post(small, { query: '?timeLimit=-1' }), 400, 2, /timeLimit/);
    await expectError(await post({ ...small, jobs: Array.from({ length: 5 }, (_, i) => ({ id: i, location: [-83, 39] })) }), 413, 4, /Too many locations \(5\) in query, maximum is set to 4/);
    await expectError(await post({ ...small, vehicles: [small.vehicles[0], { id: 2, start: [-83, 39.96] }] }), 413, 4, /Too many vehicles \(2\)/);

    const keyed = setup({ keys: createKeyRing([{ key: 'vroom-key-0123456789', tenant: 'a' }]) });
    const unauth = await keyed.post(small);
    await expectError(unauth, 401, 2, /API key/);
    expect(unauth.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await keyed.post(small, { headers: { Authorization: 'Bearer vroom-key-0123456789' } })).status).toBe(200);

    const full = setup();
    full.pool.full = true;
    const busy = await full.post(small);
    await expectError(busy, 503, 1, /pool is full/);
    expect(busy.headers.get('retry-after')).toBe('7');

    const failing = setup({ logError: () => {} });
    failing.pool.solve = () => Promise.reject(new Error('boom'));
    await expectError(await failing.post(small), 500, 1, /unexpected error/);
  });
});

describe('VROOM -> Truckroll mapping', () => {
  const map = (input: unknown) => vroomToProblem(VroomInputSchema.parse(input) as VroomInput);

  it('maps [lon, lat], skills, amounts, priority classes, shifts and breaks', () => {
    const { problem } = map(vroomExample());
    const t1 = problem.technicians[0]!;
    expect(t1.start).toEqual({ lat: 39.96, lon: -83.0 });
    expect(t1.shift).toEqual({ start: '2000-01-01T08:00:00Z', end: '2000-01-01T17:00:00Z', maxOvertimeMin: 0 });
    expect(t1.skills).toEqual({ s1: 1 });
    expect(t1.capacity).toEqual({ d0: 4 });
    // VROOM's break window bounds its START: ours must hold the whole 30 min break
    expect(t1.breaks).toEqual([{ id: '10', durationMin: 30, window: { start: '2000-01-01T11:30:00Z', end: '2000-01-01T13:00:00Z' } }]);
    const j3 = problem.jobs?.find((j) => j.id === '3');
    expect(j3).toMatchObject({ location: { lat: 39.95, lon: -82.98 }, durationMin: 45, demand: { d0: 2 }, priority: 'urgent', value: 50, windows: [{ start: '2000-01-01T13:00:00Z', end: '2000-01-01T15:00:00Z' }] });
    expect(problem.jobs?.find((j) => j.id === '6')?.durationMin).toBe(45); // setup + service
    expect([0, 49, 50, 89, 90, 100].map(priorityClass)).toEqual(['normal', 'normal', 'urgent', 'urgent', 'emergency', 'emergency']);
    expect(problem.settings?.timeResolutionSec).toBe(1);
  });

  it('refuses what it cannot honour, with a clear message', () => {
    const base = { vehicles: [{ id: 1, start: [0, 0] }], jobs: [] };
    expect(() => map({ ...base, vehicles: [{ id: 1, start: [0, 0], profile: 'car' }, { id: 2, start: [0, 0], profile: 'bike' }] })).toThrow(/same profile/);
    expect(() => map({ ...base, vehicles: [{ id: 1, start: [0, 0], breaks: [{ id: 1, time_windows: [[0, 10], [20, 30]] }] }] })).toThrow(/one time window per break/);
    expect(() => map({ ...base, vehicles: [{ id: 1 }] })).toThrow(/neither start nor end/);
    expect(() => map({ ...base, jobs: [{ id: 1, location: [0, 0], service_per_type: { a: 1 } }] })).toThrow(/service_per_type/);
  });
});
