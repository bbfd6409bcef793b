// The exact-delta test: for every operator, an applied move changes the recomputed total cost by
// exactly the delta evaluate() returned (plain VRPTW, penalties included), the caches stay true,
// and whenever the result is feasible the independent checker prices the board at the same cost.
import { describe, expect, it } from 'vitest';
import { checkBoard } from '../../../checker/index.ts';
import { greedy, Inserter } from '../../greedy.ts';
import { unload } from '../../unload.ts';
import { solomon } from '../fixture.test-helper.ts';
import { neighbours } from '../neighbours.ts';
import { Rng } from '../rng.ts';
import { GAIN_EPS, SearchState } from '../state.ts';
import { OPERATORS } from './index.ts';
import { swapStar } from './swap-star.ts';

/** Every operator, registered or not (SWAP* is tested whether or not it is on by default). */
const ALL = [...new Set([...OPERATORS, swapStar])];

/** Total penalised cost recomputed from scratch (a fresh state loaded from an unload of `st`). */
function recomputed(st: SearchState): number {
  const fresh = new SearchState(st.c);
  fresh.twPenalty = st.twPenalty;
  fresh.loadPenalty = st.loadPenalty;
  fresh.load(st.unload(0));
  return fresh.totalCost();
}

describe('operators: evaluate() is exact for applied moves', () => {
  for (const name of ['R101', 'RC201']) {
    for (const op of ALL) {
      it(`${op.name} on ${name}`, async () => {
        const { c } = await solomon(name);
        for (const lowPenalty of [false, true]) {
          const st = new SearchState(c);
          if (lowPenalty) {
            // cheap time warp and load: moves into infeasible ground get applied too
            st.twPenalty /= 50;
            st.loadPenalty /= 50;
          }
          st.load(greedy(c));
          const nb = neighbours(st, { k: 20 });
          const rng = new Rng(3);
          op.init(st);
          let applied = 0;
          let checked = 0;
          for (let round = 0; round < 3 && applied < 40; round++) {
            for (let u = 0; u < c.nJobs && applied < 40; u++) {
              const vs = [...nb[u]!, c.nJobs + rng.int(c.nTechs)];
              for (const v of vs) {
                const delta = op.evaluate(u, v, st);
                if (!(delta < -GAIN_EPS)) continue;
                const before = st.totalCost();
                op.apply(u, v, st);
                const after = st.totalCost();
                expect(after - before).toBeCloseTo(delta, 6);
                expect(recomputed(st)).toBeCloseTo(after, 6);
                if (!lowPenalty && st.feasible()) {
                  // and against the independent checker: a feasible Solomon board costs its exact distance
                  const board = unload(c, st.unload(0), new Inserter(c), { solverName: 'test', seed: 0, elapsedMs: 0 });
                  const check = checkBoard(c.problem, board);
                  expect(check.violations).toEqual([]);
                  expect(check.cost.total).toBeCloseTo(after, 6);
                  checked++;
                }
                applied++;
              }
            }
          }
          if (!lowPenalty && ['relocate', 'swap-1-1', 'swap-tails', 'or-opt-2', 'swap-star'].includes(op.name)) {
            expect(applied).toBeGreaterThan(0);
            expect(checked).toBeGreaterThan(0);
          }
        }
      });
    }
  }
});
