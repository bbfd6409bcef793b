// construct(): boards pass the independent checker (the small sample, hand-made field days with
// breaks, parts, pickups and pins, Solomon), the least urgent work is what waits, and a seed fixes the board.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBoard } from '../../checker/index.ts';
import { compile } from '../../compile/compile.ts';
import type { Compiled } from '../../compile/compiled.ts';
import { parseProblem, parseProblemText } from '../../model/parse.ts';
import type { Problem, ProblemInput } from '../../model/problem.ts';
import { fieldProblem, solomon } from '../engine/fixture.test-helper.ts';
import { tinyProblem } from '../fixture.test-helper.ts';
import { Inserter, type Solution } from '../greedy.ts';
import { RouteScheduler, StopType } from '../schedule.ts';
import { unload } from '../unload.ts';
import { construct, type ConstructStats } from './regret.ts';

const info = { solverName: 'construct', seed: 1, elapsedMs: 0 };

function checked(problem: Problem, c: Compiled, sol: Solution) {
  const board = unload(c, sol, new Inserter(c), info);
  return { board, check: checkBoard(problem, board) };
}

/** Every job exactly once: on one route or unassigned. */
function expectPartition(c: Compiled, sol: Solution): void {
  const count = new Uint8Array(c.nJobs);
  for (const plan of sol.plans) for (const s of plan) if (s.type === StopType.Job) count[s.idx] = count[s.idx]! + 1;
  for (const j of sol.unassigned) count[j] = count[j]! + 1;
  expect(Array.from(count).every((x) => x === 1)).toBe(true);
}

describe('construct: valid boards', () => {
  it('the small sample (8 technicians, 50 jobs) passes the checker', async () => {
    const problem = parseProblemText(readFileSync(new URL('../../../../../datasets/small.json', import.meta.url), 'utf8'));
    const c = await compile(problem);
    const stats = {} as ConstructStats;
    const sol = construct(c, { seed: 1 }, stats);
    expectPartition(c, sol);
    const { check } = checked(problem, c, sol);
    expect(check.violations).toEqual([]);
    expect(sol.unassigned.length).toBeLessThanOrEqual(5);
    expect(stats.exactRuns).toBeGreaterThan(0);
    expect(stats.pruned).toBeGreaterThan(0);
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`a hand-made field day with breaks, parts, pickups and a pin passes the checker (seed ${seed})`, async () => {
      const problem = parseProblem(fieldProblem(seed));
      const c = await compile(problem);
      const sol = construct(c, { seed });
      expectPartition(c, sol);
      const { board, check } = checked(problem, c, sol);
      expect(check.violations).toEqual([]);
      // the pinned job J1 is on T1 at 10:00
      const t1 = board.routes.find((r) => r.technicianId === 'T1')!;
      expect(t1.stops.some((s) => s.kind === 'job' && s.jobId === 'J1')).toBe(true);
      // every scheduled route takes its lunch break
      for (const r of board.routes) if (r.stops.some((s) => s.kind === 'job')) expect(r.stops.some((s) => s.kind === 'break')).toBe(true);
    });
  }

  it('adds a supply-house pickup before a job whose parts the van lacks', async () => {
    const input = tinyProblem();
    input.jobs[1]!.parts = { WH: 1 };
    const problem = parseProblem(input);
    const c = await compile(problem);
    const sol = construct(c, { seed: 1 });
    expect(sol.unassigned).toEqual([]);
    const plan = sol.plans[0]!;
    const b = plan.findIndex((s) => s.type === StopType.Job && c.jobIds[s.idx] === 'B');
    const pickup = plan.findIndex((s) => s.type === StopType.Pickup);
    expect(pickup).toBeGreaterThanOrEqual(0);
    expect(pickup).toBeLessThan(b);
    expect(Array.from(plan[pickup]!.loads!)).toEqual([0, 1]);
    expect(checked(problem, c, sol).check.violations).toEqual([]);
  });

  for (const name of ['C101', 'R101', 'RC105', 'R211']) {
    it(`Solomon ${name} passes the checker with every customer served`, async () => {
      const { problem, c } = await solomon(name);
      const sol = construct(c, { seed: 1 });
      expectPartition(c, sol);
      expect(checked(problem, c, sol).check.violations).toEqual([]);
      expect(sol.unassigned).toEqual([]);
    });
  }

  it('stops early on an aborted signal with a valid board (only the fixed appointment placed)', async () => {
    const problem = parseProblem(fieldProblem(1));
    const c = await compile(problem);
    const ac = new AbortController();
    ac.abort();
    const sol = construct(c, { seed: 1, signal: ac.signal });
    expect(sol.unassigned.length).toBe(c.nJobs - 1);
    expect(sol.plans[0]!.map((s) => s.idx)).toEqual([0]);
    expect(checked(problem, c, sol).check.violations).toEqual([]);
  });
});

/**
 * One technician 08:00–12:00 (no overtime) and 16 jobs of 45 min within ~1 km, any time: at most
 * about 4 fit. Priorities cycle emergency, urgent, normal, low; every value is 0.
 */
function shortOfCapacity(): ProblemInput {
  const day = (hhmm: string) => `2026-03-02T${hhmm}:00-07:00`;
  const priorities = ['low', 'normal', 'urgent', 'emergency'] as const;
  return {
    name: 'short',
    technicians: [{ id: 'T1', start: { lat: 39.7, lon: -105 }, shift: { start: day('08:00'), end: day('12:00'), maxOvertimeMin: 0 }, skills: { hvac: 3 } }],
    jobs: Array.from({ length: 16 }, (_, i) => ({
      id: `J${i + 1}`,
      location: { lat: 39.7 + ((i * 7) % 16) * 6e-4, lon: -105 + ((i * 5) % 16) * 6e-4 },
      durationMin: 45,
      skills: { hvac: 1 },
      priority: priorities[i % 4]!,
      value: 0,
    })),
    settings: { travel: { model: 'greatCircle' }, buffer: { afterJobMin: 5, drivePaddingPct: 10 } },
  };
}

describe('construct: the least urgent work waits', () => {
  it('with one technician and more work than fits, every emergency is scheduled before any low job', async () => {
    const problem = parseProblem(shortOfCapacity());
    const c = await compile(problem);
    const sol = construct(c, { seed: 1 });
    expect(sol.unassigned.length).toBeGreaterThan(0);
    const scheduled = sol.plans[0]!.filter((s) => s.type === StopType.Job).map((s) => s.idx);
    const emergencies = Array.from({ length: c.nJobs }, (_, j) => j).filter((j) => c.priority[j] === 0);
    const lows = scheduled.filter((j) => c.priority[j] === 3);
    if (lows.length > 0) for (const e of emergencies) expect(scheduled).toContain(e);
    expect(emergencies.every((e) => scheduled.includes(e))).toBe(true);
    expect(checked(problem, c, sol).check.violations).toEqual([]);
  });

  it('no unassigned job has a strictly higher priority than a scheduled job it could replace', async () => {
    for (const input of [shortOfCapacity(), fieldProblem(5, 60)]) {
      const problem = parseProblem(input);
      const c = await compile(problem);
      const sol = construct(c, { seed: 2 });
      const sched = new RouteScheduler(c);
      expect(sol.unassigned.length).toBeGreaterThan(0);
      for (const u of sol.unassigned) {
        for (let t = 0; t < c.nTechs; t++) {
          const plan = sol.plans[t]!;
          for (let i = 0; i < plan.length; i++) {
            const s = plan[i]!;
            // priority index: 0 emergency … 3 low; a larger index is less urgent
            if (s.type !== StopType.Job || !(c.priority[s.idx]! > c.priority[u]!) || c.compat[t * c.nJobs + u] !== 0) continue;
            const swapped = plan.slice();
            swapped[i] = { type: StopType.Job, idx: u };
            expect(sched.run(t, swapped).feasible, `${c.jobIds[u]} could replace ${c.jobIds[s.idx]} on ${c.techIds[t]}`).toBe(false);
          }
        }
      }
    }
  });
});

describe('construct: determinism', () => {
  it('gives the same board for the same seed', async () => {
    const c = await compile(parseProblem(fieldProblem(3, 48)));
    const a = construct(c, { seed: 7 });
    const b = construct(c, { seed: 7 });
    const jobs = (s: Solution) => s.plans.map((p) => p.map((x) => `${x.type}:${x.idx}:${x.loads ? Array.from(x.loads).join('/') : ''}`).join(' '));
    expect(jobs(a)).toEqual(jobs(b));
    expect(a.unassigned).toEqual(b.unassigned);
    expect(Array.from(a.routeCost)).toEqual(Array.from(b.routeCost));
  });
});
