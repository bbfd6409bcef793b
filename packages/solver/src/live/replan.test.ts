// replan: one test per event kind on the medium sample (30 technicians / 250 jobs), every board
// judged by the independent checker against the updated problem, plus an event storm.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBoard } from '../checker/index.ts';
import { InputError } from '../model/errors.ts';
import type { Board } from '../model/board.ts';
import { parseProblem } from '../model/parse.ts';
import type { Problem } from '../model/problem.ts';
import { formatIso, parseIso } from '../model/time.ts';
import { Rng } from '../search/engine/rng.ts';
import { solve } from '../solve.ts';
import { LiveEvents, type LiveEventInput } from './events.ts';
import { replan, type ReplanResult } from './replan.ts';
import { nextStormEvent } from './storm.ts';

const MEDIUM = fileURLToPath(new URL('../../../../datasets/medium.json', import.meta.url));

let problem: Problem;
let board: Board;
let day: string;
/** "HH:MM" on the sample's day, in its offset */
const at = (hhmm: string) => `${day.slice(0, 11)}${hhmm}:00${day.slice(19)}`;
const events = (xs: LiveEventInput[]) => LiveEvents.parse(xs);

function expectValid(r: ReplanResult): void {
  const check = checkBoard(r.problem, r.board);
  expect(check.violations.map((v) => `${v.code}: ${v.message}`)).toEqual([]);
  expect(check.ok).toBe(true);
}

const jobStops = (b: Board, techId: string) => b.routes.find((r) => r.technicianId === techId)!.stops.filter((s) => s.kind === 'job');
const routeOf = (b: Board, jobId: string) => b.routes.find((r) => r.stops.some((s) => s.jobId === jobId))?.technicianId;
/** A technician with at least n jobs on the board. */
const busyTech = (b: Board, n: number) => b.routes.find((r) => r.stops.filter((s) => s.kind === 'job').length >= n)!;

beforeAll(async () => {
  problem = parseProblem(JSON.parse(readFileSync(MEDIUM, 'utf8')));
  day = problem.technicians[0]!.shift.start;
  board = await solve(problem, { seed: 1, maxIterations: 300, timeLimitSec: 60 });
  expect(checkBoard(problem, board).ok).toBe(true);
}, 120_000);

describe('replan', () => {
  it('with no events and no clock keeps the board as it is', async () => {
    const r = await replan(problem, board, []);
    expectValid(r);
    expect(r.changes).toEqual([]);
    expect(r.disruption.jobsMoved).toBe(0);
  });

  it('job_cancelled: the job leaves the board, nobody else gets a new ETA window', async () => {
    const route = busyTech(board, 4);
    const victim = jobStops(board, route.technicianId)[2]!.jobId!;
    const r = await replan(problem, board, events([{ type: 'job_cancelled', at: at('07:30'), jobId: victim }]));
    expectValid(r);
    expect(r.problem.jobs.find((j) => j.id === victim)!.status).toBe('cancelled');
    expect(routeOf(r.board, victim)).toBeUndefined();
    expect(r.board.unassigned.some((u) => u.jobId === victim)).toBe(false);
    expect(r.changes.find((c) => c.jobId === victim)!.kind).toBe('cancelled');
    expect(r.disruption.etaMoved).toBe(0);
  });

  it('a cancellation mid-day, with nothing reported yet, keeps the plan as it was running (pickups behind unreported jobs included)', async () => {
    const later = board.routes.flatMap((r) => r.stops).filter((s) => s.kind === 'job' && parseIso(s.start) > parseIso(at('12:00')));
    for (const victim of later.slice(0, 4)) {
      const r = await replan(problem, board, events([{ type: 'job_cancelled', at: formatIso(parseIso(victim.start) - 75 * 60_000, -420), jobId: victim.jobId! }]));
      expectValid(r);
      expect(r.disruption).toMatchObject({ reassigned: 0, etaMoved: 0 });
    }
  });

  it('job_added (normal): scheduled inside its window or unassigned with a reason', async () => {
    const near = jobStops(board, busyTech(board, 3).technicianId)[1]!;
    const r = await replan(problem, board, events([
      { type: 'job_added', at: at('07:00'), job: { id: 'NEW-1', location: near.location, durationMin: 45, windows: [{ start: at('13:00'), end: at('15:00') }], value: 300 } },
    ]));
    expectValid(r);
    const stop = r.board.routes.flatMap((x) => x.stops).find((s) => s.jobId === 'NEW-1');
    if (stop) {
      expect(parseIso(stop.start)).toBeGreaterThanOrEqual(parseIso(at('13:00')));
      expect(parseIso(stop.start)).toBeLessThanOrEqual(parseIso(at('15:00')));
      expect(r.changes.find((c) => c.jobId === 'NEW-1')).toMatchObject({ kind: 'scheduled', notify: true });
    } else expect(r.board.unassigned.find((u) => u.jobId === 'NEW-1')!.reason).toBeTruthy();
  });

  it('job_added (emergency): on site by its deadline, disturbing at most two technicians', async () => {
    const near = jobStops(board, busyTech(board, 4).technicianId)[3]!;
    const r = await replan(problem, board, events([
      {
        type: 'job_added',
        at: at('10:00'),
        job: { id: 'EM-1', location: near.location, durationMin: 60, priority: 'emergency', calledAt: at('10:00'), responseDeadline: at('11:30') },
      },
    ]));
    expectValid(r);
    const e = r.emergencies.find((x) => x.jobId === 'EM-1')!;
    expect(e.onTime).toBe(true);
    expect(parseIso(e.arrival!)).toBeLessThanOrEqual(parseIso(at('11:30')));
    expect(routeOf(r.board, 'EM-1')).toBe(e.technicianId);
    expect(r.disruption.techniciansTouched).toBeLessThanOrEqual(2);
  });

  it('an emergency no technician can reach in time says so, with the best arrival and what would be bumped', async () => {
    const r = await replan(problem, board, events([
      {
        type: 'job_added',
        at: at('10:00'),
        job: { id: 'EM-X', location: { lat: 39.9, lon: -104.6 }, durationMin: 60, priority: 'emergency', calledAt: at('10:00'), responseDeadline: at('10:05') },
      },
    ]));
    expectValid(r);
    const e = r.emergencies.find((x) => x.jobId === 'EM-X')!;
    expect(e.onTime).toBe(false);
    expect(e.bestArrival).toBeDefined();
    expect(parseIso(e.bestArrival!)).toBeGreaterThan(parseIso(at('10:05')));
    expect(Array.isArray(e.wouldBump)).toBe(true);
  });

  it('job_started and job_finished: history keeps the visit, the day resumes from the job at its real end', async () => {
    const route = busyTech(board, 3);
    const first = jobStops(board, route.technicianId)[0]!;
    const started = parseIso(first.start) + 10 * 60_000;
    const startIso = formatIso(started, -420);
    const r1 = await replan(problem, board, events([{ type: 'job_started', at: startIso, jobId: first.jobId!, technicianId: route.technicianId }]));
    expectValid(r1);
    const tech1 = r1.problem.technicians.find((t) => t.id === route.technicianId)!;
    expect(r1.board.routes.find((x) => x.technicianId === route.technicianId)!.done).toEqual([
      expect.objectContaining({ jobId: first.jobId, status: 'on_site', start: startIso }),
    ]);
    expect(tech1.resume!.location).toEqual(first.location);
    expect(routeOf(r1.board, first.jobId!)).toBeUndefined();

    const endIso = formatIso(started + 20 * 60_000, -420);
    const r2 = await replan(r1.problem, r1.board, events([{ type: 'job_finished', at: endIso, jobId: first.jobId! }]));
    expectValid(r2);
    expect(r2.problem.jobs.find((j) => j.id === first.jobId)!.status).toBe('complete');
    const r2route = r2.board.routes.find((x) => x.technicianId === route.technicianId)!;
    expect(r2route.done![0]).toMatchObject({ status: 'complete', end: endIso });
    expect(parseIso(r2route.departure)).toBeGreaterThanOrEqual(parseIso(endIso));
  });

  it('job_running_long: the rest of the day moves after the new expected end', async () => {
    const route = busyTech(board, 3);
    const [first, second] = jobStops(board, route.technicianId);
    const startIso = first!.start;
    const r1 = await replan(problem, board, events([{ type: 'job_started', at: startIso, jobId: first!.jobId!, technicianId: route.technicianId }]));
    const late = formatIso(parseIso(startIso) + 4 * 60 * 60_000, -420);
    const r2 = await replan(r1.problem, r1.board, events([{ type: 'job_running_long', at: formatIso(parseIso(startIso) + 60 * 60_000, -420), jobId: first!.jobId!, expectedEnd: late }]));
    expectValid(r2);
    for (const s of jobStops(r2.board, route.technicianId)) expect(parseIso(s.start)).toBeGreaterThanOrEqual(parseIso(late));
    // the job that was next either waits until after the overrun, or went to someone else
    const moved = r2.changes.find((c) => c.jobId === second!.jobId);
    expect(moved).toBeDefined();
  });

  it('work that ends past the allowed overtime leaves a valid (empty) rest of the day', async () => {
    const route = busyTech(board, 2);
    const last = jobStops(board, route.technicianId).at(-1)!;
    const tech = problem.technicians.find((t) => t.id === route.technicianId)!;
    const lateEnd = formatIso(parseIso(tech.shift.end) + (tech.shift.maxOvertimeMin + 45) * 60_000 + 555, -420);
    const r1 = await replan(problem, board, events([{ type: 'job_started', at: last.start, jobId: last.jobId!, technicianId: route.technicianId }]));
    const r2 = await replan(r1.problem, r1.board, events([{ type: 'job_finished', at: lateEnd, jobId: last.jobId! }]));
    expectValid(r2);
    expect(jobStops(r2.board, route.technicianId)).toEqual([]);
  });

  it('technician_unavailable: nothing on the route ends after they leave; their jobs are re-placed', async () => {
    const route = busyTech(board, 4);
    const jobs = jobStops(board, route.technicianId).map((s) => s.jobId!);
    const r = await replan(problem, board, events([{ type: 'technician_unavailable', at: at('07:00'), technicianId: route.technicianId, reason: 'sick' }]));
    expectValid(r);
    expect(jobStops(r.board, route.technicianId)).toEqual([]);
    // the medium day is full: their jobs go to others where they fit or push out less valuable work
    const placed = jobs.filter((id) => routeOf(r.board, id) !== undefined);
    expect(placed.length).toBeGreaterThan(0);
    for (const id of jobs) expect(r.changes.find((c) => c.jobId === id)?.kind).toMatch(/reassigned|unassigned/);
    const value = (id: string) => r.problem.settings.weights.unassigned[r.problem.jobs.find((j) => j.id === id)!.priority] + r.problem.jobs.find((j) => j.id === id)!.value;
    for (const c of r.changes.filter((x) => x.kind === 'unassigned' && !jobs.includes(x.jobId))) {
      // anyone pushed out is worth less than some job of the sick technician that took their place
      expect(Math.min(...placed.map(value))).toBeGreaterThan(0);
      expect(value(c.jobId)).toBeLessThan(Math.max(...placed.map(value)));
    }
  });

  it('technician_position: the next leg starts where the technician is', async () => {
    const route = busyTech(board, 3);
    const where = { lat: 39.75, lon: -104.99 };
    const r = await replan(problem, board, events([{ type: 'technician_position', at: at('09:30'), technicianId: route.technicianId, location: where }]));
    expectValid(r);
    const tech = r.problem.technicians.find((t) => t.id === route.technicianId)!;
    expect(tech.resume).toEqual({ location: where, at: at('09:30') });
    const next = jobStops(r.board, route.technicianId)[0]!;
    // the leg into the next stop is the one from where the technician is
    expect(parseIso(r.board.routes.find((x) => x.technicianId === route.technicianId)!.departure)).toBeGreaterThanOrEqual(parseIso(at('09:30')));
    expect(next.driveMin).toBeGreaterThan(0);
  });

  it('parts_arrived: the earliest start is lifted to the arrival', async () => {
    const waiting = problem.jobs.find((j) => j.earliestStart !== undefined && j.status !== 'cancelled')!;
    expect(waiting).toBeDefined();
    const arrived = formatIso(parseIso(waiting.earliestStart!) - 60 * 60_000, -420);
    const r = await replan(problem, board, events([{ type: 'parts_arrived', at: arrived, jobId: waiting.id }]));
    expectValid(r);
    expect(r.problem.jobs.find((j) => j.id === waiting.id)!.earliestStart).toBe(arrived);
  });

  it('window_changed: the job starts inside the new window (or waits unassigned)', async () => {
    const route = busyTech(board, 3);
    const job = jobStops(board, route.technicianId)[2]!.jobId!;
    const r = await replan(problem, board, events([{ type: 'window_changed', at: at('07:00'), jobId: job, windows: [{ start: at('15:00'), end: at('16:30') }] }]));
    expectValid(r);
    const stop = r.board.routes.flatMap((x) => x.stops).find((s) => s.jobId === job);
    if (stop) {
      expect(parseIso(stop.start)).toBeGreaterThanOrEqual(parseIso(at('15:00')));
      expect(parseIso(stop.start)).toBeLessThanOrEqual(parseIso(at('16:30')));
    } else expect(r.board.unassigned.some((u) => u.jobId === job)).toBe(true);
  });

  it('job_en_route: the current leg cannot move, in this re-plan or the next', async () => {
    const route = busyTech(board, 3);
    const third = jobStops(board, route.technicianId)[2]!.jobId!;
    const r1 = await replan(problem, board, events([{ type: 'job_en_route', at: at('08:00'), jobId: third, technicianId: route.technicianId }]));
    expectValid(r1);
    expect(jobStops(r1.board, route.technicianId)[0]!.jobId).toBe(third);
    expect(r1.problem.technicians.find((t) => t.id === route.technicianId)!.locked).toEqual([third]);
    const r2 = await replan(r1.problem, r1.board, events([{ type: 'technician_unavailable', at: at('08:05'), technicianId: 'nobody-else'.length ? board.routes.find((x) => x.technicianId !== route.technicianId)!.technicianId : '' }]));
    expectValid(r2);
    expect(jobStops(r2.board, route.technicianId)[0]!.jobId).toBe(third);
    // solving the updated problem from scratch keeps the lock too
    const again = await solve(r1.problem, { seed: 3, maxIterations: 100, timeLimitSec: 60 });
    expect(checkBoard(r1.problem, again).violations).toEqual([]);
    expect(jobStops(again, route.technicianId)[0]!.jobId).toBe(third);
  });

  it('a locked horizon keeps the next stops of every technician where they were', async () => {
    const r = await replan(problem, board, events([{ type: 'job_cancelled', at: at('09:00'), jobId: jobStops(board, busyTech(board, 2).technicianId)[1]!.jobId! }]), { lockedHorizonMin: 90 });
    expectValid(r);
    for (const t of r.problem.technicians) {
      const before = jobStops(board, t.id).filter((s) => parseIso(s.start) <= parseIso(at('10:30')) && r.problem.jobs.find((j) => j.id === s.jobId)!.status !== 'cancelled');
      const after = jobStops(r.board, t.id);
      before.forEach((s, k) => expect(after[k]?.jobId).toBe(s.jobId));
    }
  });

  it('rejects events that name unknown jobs or technicians, naming the field', async () => {
    const e = await replan(problem, board, events([{ type: 'job_cancelled', at: at('09:00'), jobId: 'NOPE' }])).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).issues[0]).toMatchObject({ path: 'events[0].jobId', code: 'unknown_reference' });
    const e2 = await replan(problem, board, events([{ type: 'technician_position', at: at('09:00'), technicianId: 'T-404', location: { lat: 39.7, lon: -105 } }])).catch((x: unknown) => x);
    expect((e2 as InputError).issues[0]!.path).toBe('events[0].technicianId');
  });

  it('an event storm: 50 events in a row, every intermediate board valid', async () => {
    const rng = new Rng(7);
    let state = { problem, board, nowMs: parseIso(at('08:00')) };
    let applied = 0;
    const kinds = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const e = nextStormEvent(state, rng, i);
      if (!e) break;
      const r = await replan(state.problem, state.board, [e]);
      expectValid(r);
      kinds.add(e.type);
      state = { problem: r.problem, board: r.board, nowMs: Math.max(state.nowMs, parseIso(e.at)) };
      applied++;
    }
    expect(applied).toBe(50);
    expect(kinds.size).toBeGreaterThanOrEqual(7);
  }, 120_000);

  it('property: any seeded storm of 12 events keeps every board valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        const rng = new Rng(seed);
        let state = { problem, board, nowMs: parseIso(at('07:45')) };
        for (let i = 0; i < 12; i++) {
          const e = nextStormEvent(state, rng, i);
          if (!e) break;
          const r = await replan(state.problem, state.board, [e]);
          const check = checkBoard(r.problem, r.board);
          if (!check.ok) throw new Error(`seed ${seed}, event ${i} (${e.type}): ${check.violations.map((v) => v.message).join('; ')}`);
          state = { problem: r.problem, board: r.board, nowMs: Math.max(state.nowMs, parseIso(e.at)) };
        }
      }),
      { numRuns: 6, seed: 42 },
    );
  }, 120_000);
});
