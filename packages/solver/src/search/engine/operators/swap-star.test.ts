// SWAP*: on a hand-made two-route day it finds the exchange that an in-place swap misses, and on
// random routes every move it applies changes the recomputed cost by exactly its delta.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBoard } from '../../../checker/index.ts';
import { compile } from '../../../compile/compile.ts';
import { parseProblem } from '../../../model/parse.ts';
import { Inserter, type Solution } from '../../greedy.ts';
import { StopType, type PlanStop } from '../../schedule.ts';
import { unload } from '../../unload.ts';
import { solomon } from '../fixture.test-helper.ts';
import { GAIN_EPS, SearchState } from '../state.ts';
import { swap11 } from './swap.ts';
import { swapStar } from './swap-star.ts';

const plan = (jobs: readonly number[]): PlanStop[] => jobs.map((idx) => ({ type: StopType.Job, idx }));
const solution = (plans: number[][], unassigned: number[] = []): Solution => ({
  plans: plans.map(plan),
  unassigned,
  routeCost: new Float64Array(plans.length),
  iterations: 0,
});

/**
 * Depot 0 and jobs J1..J4 at matrix places 1..4. Every leg to or from the depot is 1 m; 1 → 3 and
 * 2 → 4 are 1 m but their reverses 10 m, like every other leg. A metre costs 1 (distanceKm 1000,
 * driveHour 0), so a route's cost is its length.
 */
function lopsidedDay() {
  const d = [
    [0, 1, 1, 1, 1],
    [1, 0, 10, 1, 10],
    [1, 10, 0, 10, 1],
    [1, 10, 10, 0, 10],
    [1, 10, 10, 10, 0],
  ];
  const at = (i: number) => ({ lat: 39.7, lon: -105 + i / 100, matrixIndex: i });
  const shift = { start: '2026-03-02T08:00:00Z', end: '2026-03-02T16:00:00Z' };
  return parseProblem({
    technicians: [
      { id: 'T1', start: at(0), shift },
      { id: 'T2', start: at(0), shift },
    ],
    jobs: [1, 2, 3, 4].map((i) => ({ id: `J${i}`, location: at(i), durationMin: 0 })),
    settings: {
      travel: { model: 'matrix' },
      buffer: { afterJobMin: 0, drivePaddingPct: 0 },
      weights: { driveHour: 0, distanceKm: 1000 },
    },
    matrix: { durationsSec: d, distancesM: d },
  });
}

describe('SWAP*', () => {
  it('exchanges two jobs into their best positions, where an in-place swap gains nothing', async () => {
    const problem = lopsidedDay();
    const c = await compile(problem);
    const st = new SearchState(c);
    expect(st.exact).toBe(false);
    // T1 drives 0 → J1 → J2 → 0 = 1 + 10 + 1 = 12, T2 0 → J3 → J4 → 0 = 1 + 10 + 1 = 12: 24 in all
    st.load(solution([[0, 1], [2, 3]]));
    expect(st.totalCost()).toBeCloseTo(24, 9);
    swapStar.init(st);
    swap11.init(st);
    // in place, J1 ↔ J4: 0 → J4 → J2 → 0 = 1 + 10 + 1 and 0 → J3 → J1 → 0 = 1 + 10 + 1, no gain
    expect(swap11.evaluate(0, 3, st)).toBeGreaterThanOrEqual(0);
    // SWAP*: J4 after J2 (0 → J2 → J4 → 0 = 3), J1 before J3 (0 → J1 → J3 → 0 = 3): 6, a gain of 18
    expect(swapStar.evaluate(0, 3, st)).toBeCloseTo(-18, 9);
    swapStar.apply(0, 3, st);
    expect(st.routes[0]!.stops.map((s) => s.idx)).toEqual([1, 3]);
    expect(st.routes[1]!.stops.map((s) => s.idx)).toEqual([0, 2]);
    expect(st.totalCost()).toBeCloseTo(6, 9);
    const check = checkBoard(problem, unload(c, st.unload(0), new Inserter(c), { solverName: 'test', seed: 0, elapsedMs: 0 }));
    expect(check.violations).toEqual([]);
    expect(check.cost.total).toBeCloseTo(6, 9);
  });

  it('leaves a pair in one route alone, and needs both jobs routed', async () => {
    const c = await compile(lopsidedDay());
    const st = new SearchState(c);
    st.load(solution([[0, 1, 2], []], [3]));
    swapStar.init(st);
    expect(swapStar.evaluate(0, 2, st)).toBe(Infinity);
    expect(swapStar.evaluate(0, 3, st)).toBe(Infinity);
  });

  it('applies only exact deltas on random routes (RC105, penalties included)', async () => {
    const { c } = await solomon('RC105');
    const jobs = fc.uniqueArray(fc.integer({ min: 0, max: c.nJobs - 1 }), { minLength: 4, maxLength: 40 });
    let total = 0;
    fc.assert(
      fc.property(jobs, fc.nat(), fc.boolean(), (js, cut, cheap) => {
        const st = new SearchState(c);
        if (cheap) {
          st.twPenalty /= 50;
          st.loadPenalty /= 50;
        }
        // the jobs split over three routes, the rest unassigned
        const a = 1 + (cut % (js.length - 2));
        const b = a + 1 + (Math.floor(cut / 7) % (js.length - a - 1));
        const inRoutes = new Set(js);
        const rest = Array.from({ length: c.nJobs }, (_, j) => j).filter((j) => !inRoutes.has(j));
        st.load(solution([js.slice(0, a), js.slice(a, b), js.slice(b)], rest));
        swapStar.init(st);
        let applied = 0;
        for (const u of js) {
          for (const v of js) {
            const delta = swapStar.evaluate(u, v, st);
            if (!(delta < -GAIN_EPS)) continue;
            const before = st.totalCost();
            swapStar.apply(u, v, st);
            expect(st.totalCost() - before).toBeCloseTo(delta, 6);
            const fresh = new SearchState(c);
            fresh.twPenalty = st.twPenalty;
            fresh.loadPenalty = st.loadPenalty;
            fresh.load(st.unload(0));
            expect(fresh.totalCost()).toBeCloseTo(st.totalCost(), 6);
            applied++;
          }
        }
        const routed = st.routes.reduce((n, R) => n + R.n, 0);
        expect(routed).toBe(js.length);
        total += applied;
      }),
      { numRuns: 60, seed: 11 },
    );
    expect(total).toBeGreaterThan(100);
  });
});
