// Intra-route 2-opt: reverse the stops strictly after the earlier of u, v up to the later one.
// O(length of the reversed part) per evaluation (reversal cannot reuse the forward caches).
import type { Compiled } from '../../../compile/compiled.ts';
import { GAIN_EPS, type SearchState } from '../state.ts';
import { arcIn, posOfNode, routeOfNode, type Operator } from './types.ts';

export class TwoOpt implements Operator {
  readonly name = 'two-opt';

  supports(_c: Compiled): boolean {
    return true;
  }

  init(_st: SearchState): void {}

  update(_route: number): void {}

  private describe(u: number, v: number, st: SearchState): boolean {
    if (u >= st.c.nJobs) return false;
    const r = st.routeOf[u]!;
    if (r < 0 || routeOfNode(v, st) !== r) return false;
    const pu = st.posOf[u]!;
    const pv = posOfNode(v, st);
    const lo = Math.min(pu, pv);
    const hi = Math.max(pu, pv);
    if (hi - lo < 2) return false;
    st.beginMove();
    const a = st.side(r);
    st.piece(a, r, 0, lo);
    st.piece(a, r, lo + 1, hi, true);
    st.piece(a, r, hi + 1, st.routes[r]!.n);
    return true;
  }

  evaluate(u: number, v: number, st: SearchState): number {
    if (st.symmetric && u < st.c.nJobs) {
      // O(1) bound on symmetric matrices: only the two replaced arcs change, less the route's penalty
      const r = st.routeOf[u]!;
      if (r < 0 || routeOfNode(v, st) !== r) return Infinity;
      const pu = st.posOf[u]!;
      const pv = posOfNode(v, st);
      const lo = Math.min(pu, pv);
      const hi = Math.max(pu, pv);
      if (hi - lo < 2) return Infinity;
      const R = st.routes[r]!;
      const nL = st.c.nLocs;
      const L = R.loc;
      const b = st.arcCostAt(L[lo]! * nL + L[hi]!) + st.arcCostAt(L[lo + 1]! * nL + L[hi + 1]!) - arcIn(R, lo + 1) - arcIn(R, hi + 1) - R.penalty;
      if (!(b < -GAIN_EPS)) return b;
    }
    if (!this.describe(u, v, st)) return Infinity;
    return st.evaluateMove();
  }

  apply(u: number, v: number, st: SearchState): void {
    if (this.describe(u, v, st)) st.applyMove();
  }
}

export const twoOpt = new TwoOpt();
