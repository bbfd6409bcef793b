// improve(): boards pass the independent checker (Solomon and a field day with breaks, parts,
// pickups, pins and drive limits), never cost more than the start, and are deterministic per seed.
import { describe, expect, it } from 'vitest';
import { checkBoard } from '../../checker/index.ts';
import { compile } from '../../compile/compile.ts';
import { parseProblem } from '../../model/parse.ts';
import { greedy, Inserter } from '../greedy.ts';
import { StopType } from '../schedule.ts';
import { unload } from '../unload.ts';
import { fieldProblem, solomon } from './fixture.test-helper.ts';
import { emptySolution, improve, solutionCost } from './loop.ts';
import { SearchState } from './state.ts';

const info = { solverName: 'engine', seed: 1, elapsedMs: 0 };

describe('improve', () => {
  for (const name of ['C101', 'R102', 'RC105', 'R205', 'C203']) {
    it(`gives a valid, better board on ${name}`, async () => {
      const { problem, c } = await solomon(name);
      const start = greedy(c);
      const sol = improve(c, start, { maxIterations: 150, seed: 5 });
      const board = unload(c, sol, new Inserter(c), info);
      const check = checkBoard(problem, board);
      expect(check.violations).toEqual([]);
      expect(sol.unassigned).toEqual([]);
      const st = new SearchState(c);
      expect(solutionCost(c, st, sol)).toBeLessThan(solutionCost(c, st, start));
      expect(check.kpis.distanceKm * 1000).toBeCloseTo(sol.routeCost.reduce((a, b) => a + b, 0), 6);
    }, 60_000);
  }

  it('builds its own start from nothing on R101', async () => {
    const { problem, c } = await solomon('R101');
    const sol = improve(c, emptySolution(c), { maxIterations: 100, seed: 2 });
    expect(sol.unassigned).toEqual([]);
    expect(checkBoard(problem, unload(c, sol, new Inserter(c), info)).violations).toEqual([]);
  }, 60_000);

  for (const seed of [1, 2, 3]) {
    it(`keeps every field constraint on a hand-made field day (seed ${seed})`, async () => {
      const problem = parseProblem(fieldProblem(seed));
      const c = await compile(problem);
      const st = new SearchState(c);
      expect(st.exact).toBe(true);
      const start = greedy(c);
      const sol = improve(c, start, { maxIterations: 120, seed });
      const board = unload(c, sol, new Inserter(c), info);
      const check = checkBoard(problem, board);
      expect(check.violations).toEqual([]);
      expect(solutionCost(c, st, sol)).toBeLessThanOrEqual(solutionCost(c, st, start) + 1e-9);
      // the day really has the features the plain model lacks
      expect(board.routes.some((r) => r.stops.some((s) => s.kind === 'break'))).toBe(true);
      const jobsPlaced = sol.plans.reduce((a, p) => a + p.filter((s) => s.type === StopType.Job).length, 0);
      expect(jobsPlaced + sol.unassigned.length).toBe(c.nJobs);
    }, 60_000);
  }

  it('is deterministic for a seed with an iteration cap', async () => {
    const { c } = await solomon('RC101');
    const start = greedy(c);
    const a = improve(c, start, { maxIterations: 80, seed: 9 });
    const b = improve(c, start, { maxIterations: 80, seed: 9 });
    const flat = (s: typeof a) => s.plans.map((p) => p.map((x) => `${x.type}:${x.idx}`).join(',')).join('|');
    expect(flat(a)).toBe(flat(b));
    expect(Array.from(a.routeCost)).toEqual(Array.from(b.routeCost));
    const field = await compile(parseProblem(fieldProblem(4)));
    const fs = greedy(field);
    expect(flat(improve(field, fs, { maxIterations: 40, seed: 3 }))).toBe(flat(improve(field, fs, { maxIterations: 40, seed: 3 })));
  }, 60_000);

  it('stops on an aborted signal and returns a valid solution', async () => {
    const { problem, c } = await solomon('C101');
    const ctrl = new AbortController();
    ctrl.abort();
    const sol = improve(c, greedy(c), { timeLimitMs: 10_000, signal: ctrl.signal });
    expect(checkBoard(problem, unload(c, sol, new Inserter(c), info)).violations).toEqual([]);
  });
});
