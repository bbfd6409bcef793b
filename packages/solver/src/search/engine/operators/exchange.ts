// Exchange<N, M> (PyVRP's exchange.h): swaps the N consecutive stops starting at u with the M
// starting at v; M = 0 moves u's N stops to just after v (relocate, or-opt). Inter- and intra-route.
import type { Compiled } from '../../../compile/compiled.ts';
import { GAIN_EPS, type SearchState } from '../state.ts';
import { posOfNode, routeOfNode, type Operator } from './types.ts';

export class Exchange implements Operator {
  constructor(
    readonly name: string,
    private readonly N: number,
    private readonly M: number,
  ) {}

  supports(_c: Compiled): boolean {
    return true;
  }

  init(_st: SearchState): void {}

  update(_route: number): void {}

  /** Describes the move in st's move buffer; false when it does not apply to (u, v). */
  private describe(u: number, v: number, st: SearchState): boolean {
    const { N, M } = this;
    if (u >= st.c.nJobs || u === v) return false;
    const ru = st.routeOf[u]!;
    const rv = routeOfNode(v, st);
    if (ru < 0 || rv < 0) return false;
    const pu = st.posOf[u]!;
    const pv = posOfNode(v, st);
    const U = st.routes[ru]!;
    const V = st.routes[rv]!;
    if (pu + N - 1 > U.n) return false;
    if (M > 0 && (pv === 0 || pv + M - 1 > V.n)) return false;
    st.beginMove();
    if (ru !== rv) {
      const a = st.side(ru);
      const b = st.side(rv);
      if (M === 0) {
        st.piece(a, ru, 0, pu - 1);
        st.piece(a, ru, pu + N, U.n);
        st.piece(b, rv, 0, pv);
        st.piece(b, ru, pu, pu + N - 1);
        st.piece(b, rv, pv + 1, V.n);
      } else {
        st.piece(a, ru, 0, pu - 1);
        st.piece(a, rv, pv, pv + M - 1);
        st.piece(a, ru, pu + N, U.n);
        st.piece(b, rv, 0, pv - 1);
        st.piece(b, ru, pu, pu + N - 1);
        st.piece(b, rv, pv + M, V.n);
      }
      return true;
    }
    const a = st.side(ru);
    const n = U.n;
    if (M === 0) {
      if (pv >= pu - 1 && pv <= pu + N - 1) return false;
      if (pv < pu) {
        st.piece(a, ru, 0, pv);
        st.piece(a, ru, pu, pu + N - 1);
        st.piece(a, ru, pv + 1, pu - 1);
        st.piece(a, ru, pu + N, n);
      } else {
        st.piece(a, ru, 0, pu - 1);
        st.piece(a, ru, pu + N, pv);
        st.piece(a, ru, pu, pu + N - 1);
        st.piece(a, ru, pv + 1, n);
      }
      return true;
    }
    if (pu < pv) {
      if (pu + N > pv) return false;
      st.piece(a, ru, 0, pu - 1);
      st.piece(a, ru, pv, pv + M - 1);
      st.piece(a, ru, pu + N, pv - 1);
      st.piece(a, ru, pu, pu + N - 1);
      st.piece(a, ru, pv + M, n);
    } else {
      if (pv + M > pu) return false;
      st.piece(a, ru, 0, pv - 1);
      st.piece(a, ru, pu, pu + N - 1);
      st.piece(a, ru, pv + M, pu - 1);
      st.piece(a, ru, pv, pv + M - 1);
      st.piece(a, ru, pu + N, n);
    }
    return true;
  }

  /**
   * Lower bound on the delta from arc costs alone (the moved segments' inner arcs move with them)
   * less the penalties the routes carry now; NaN when it does not apply (intra-route swaps). O(1).
   */
  private bound(u: number, v: number, st: SearchState): number {
    const { N, M } = this;
    if (u >= st.c.nJobs) return NaN;
    const ru = st.routeOf[u]!;
    const rv = routeOfNode(v, st);
    if (ru < 0 || rv < 0 || (ru === rv && M > 0)) return NaN;
    const pu = st.posOf[u]!;
    const pv = posOfNode(v, st);
    const U = st.routes[ru]!;
    const V = st.routes[rv]!;
    if (pu + N - 1 > U.n || (M > 0 && (pv === 0 || pv + M - 1 > V.n))) return NaN;
    const nL = st.c.nLocs;
    if (ru === rv) {
      // intra-route relocate: three arcs out, three in (the moved stretch keeps its direction)
      if (pv >= pu - 1 && pv <= pu + N - 1) return NaN;
      const L = U.loc;
      const first = L[pu]!;
      const last = L[pu + N - 1]!;
      const before = L[pu - 1]!;
      const after = L[pu + N]!;
      const p = L[pv]!;
      const q = L[pv + 1]!;
      return (
        st.arcCostAt(before * nL + after) +
        st.arcCostAt(p * nL + first) +
        st.arcCostAt(last * nL + q) -
        st.arcCostAt(before * nL + first) -
        st.arcCostAt(last * nL + after) -
        st.arcCostAt(p * nL + q) -
        U.penalty
      );
    }
    const uL = U.loc;
    const vL = V.loc;
    const innerU = U.fCost[pu + N - 1]! - U.fCost[pu]!;
    const uFirst = uL[pu]!;
    const uLast = uL[pu + N - 1]!;
    const uBefore = uL[pu - 1]!;
    const uAfter = uL[pu + N]!;
    let dU: number;
    let dV: number;
    if (M === 0) {
      dU = U.n === N ? -U.arcCost : st.arcCostAt(uBefore * nL + uAfter) - st.arcCostAt(uBefore * nL + uFirst) - innerU - st.arcCostAt(uLast * nL + uAfter);
      const p = vL[pv]!;
      const q = vL[pv + 1]!;
      dV = st.arcCostAt(p * nL + uFirst) + innerU + st.arcCostAt(uLast * nL + q) - (V.n === 0 ? 0 : st.arcCostAt(p * nL + q));
    } else {
      const innerV = V.fCost[pv + M - 1]! - V.fCost[pv]!;
      const vFirst = vL[pv]!;
      const vLast = vL[pv + M - 1]!;
      const vBefore = vL[pv - 1]!;
      const vAfter = vL[pv + M]!;
      dU = st.arcCostAt(uBefore * nL + vFirst) + innerV + st.arcCostAt(vLast * nL + uAfter) - st.arcCostAt(uBefore * nL + uFirst) - innerU - st.arcCostAt(uLast * nL + uAfter);
      dV = st.arcCostAt(vBefore * nL + uFirst) + innerU + st.arcCostAt(uLast * nL + vAfter) - st.arcCostAt(vBefore * nL + vFirst) - innerV - st.arcCostAt(vLast * nL + vAfter);
    }
    return dU + dV - U.penalty - V.penalty;
  }

  evaluate(u: number, v: number, st: SearchState): number {
    const b = this.bound(u, v, st);
    if (!(b < -GAIN_EPS)) {
      if (b === b) return b;
    }
    if (!this.describe(u, v, st)) return Infinity;
    return st.evaluateMove();
  }

  apply(u: number, v: number, st: SearchState): void {
    if (this.describe(u, v, st)) st.applyMove();
  }
}
