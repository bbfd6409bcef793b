// Exchange<N, M> (PyVRP's exchange.h): swaps the N consecutive stops starting at u with the M
// starting at v; M = 0 moves u's N stops to just after v (relocate, or-opt). Inter- and intra-route.
import type { Compiled } from '../../../compile/compiled.ts';
import { GAIN_EPS, type SearchState } from '../state.ts';
import { arcIn, innerBusy, legIn, moved, moveIn, posOfNode, routeOfNode, type Operator } from './types.ts';

export class Exchange implements Operator {
  readonly movesU = true;
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
   * Lower bound on the delta: the arc-cost change (the moved segments' inner arcs move with them) and
   * the assignment change, less the penalties the routes carry now plus a floor on those they will
   * carry (overtime of a day with no waiting). Infinity when a technician may not take a moved job;
   * NaN when it does not apply (intra-route swaps). O(N + M). Arcs the routes already drive are read
   * from their prefix sums (fCost, fBusy), so only the new arcs touch the travel matrix.
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
    // compatibility, assignment costs and own durations of the stops that change technician (first:
    // most pairs of neighbours fail here on field days)
    let assign = 0;
    let durU = 0;
    let durV = 0;
    if (ru !== rv && (!st.allCompat || st.hasAssign || st.exact)) {
      assign = moveIn(st, U, pu, pu + N - 1, V.tech);
      durU = moved.durationTicks;
      if (M > 0 && assign === assign) {
        assign += moveIn(st, V, pv, pv + M - 1, U.tech);
        durV = moved.durationTicks;
      }
      if (assign !== assign) return Infinity;
    }
    const nL = st.c.nLocs;
    const floors = st.maxOvertimePerTick > 0;
    const uL = U.loc;
    const uFirst = uL[pu]!;
    const uLast = uL[pu + N - 1]!;
    const uBefore = uL[pu - 1]!;
    const uAfter = uL[pu + N]!;
    // the arcs into u's stretch and out of it, and their legs
    const inU = arcIn(U, pu);
    const outU = arcIn(U, pu + N);
    if (ru === rv) {
      // intra-route relocate: three arcs out, three in (the moved stretch keeps its direction)
      if (pv >= pu - 1 && pv <= pu + N - 1) return NaN;
      const p = uL[pv]!;
      const q = uL[pv + 1]!;
      const kBA = uBefore * nL + uAfter;
      const kPF = p * nL + uFirst;
      const kLQ = uLast * nL + q;
      const b = st.arcCostAt(kBA) + st.arcCostAt(kPF) + st.arcCostAt(kLQ) - inU - outU - arcIn(U, pv + 1) - U.penalty;
      if (!(b < -GAIN_EPS) || !floors) return b;
      return b + st.penaltyFloor(U.tech, U.busy + st.legAt(kBA) + st.legAt(kPF) + st.legAt(kLQ) - legIn(U, pu) - legIn(U, pu + N) - legIn(U, pv + 1));
    }
    const vL = V.loc;
    const innerU = U.fCost[pu + N - 1]! - U.fCost[pu]!;
    const monotone = M === 0 && st.insertionMonotone();
    if (M === 0) {
      const p = vL[pv]!;
      const q = vL[pv + 1]!;
      const kBA = uBefore * nL + uAfter;
      const kPF = p * nL + uFirst;
      const kLQ = uLast * nL + q;
      const dU = U.n === N ? -U.arcCost : st.arcCostAt(kBA) - inU - innerU - outU;
      const dV = st.arcCostAt(kPF) + innerU + st.arcCostAt(kLQ) - arcIn(V, pv + 1);
      // a route that only gains stops keeps at least its penalty
      const b = dU + dV + assign - U.penalty - (monotone ? 0 : V.penalty);
      if (!(b < -GAIN_EPS) || !floors) return b;
      // penalty floors (overtime of a day with no waiting) tighten the bound
      const bU = innerBusy(U, pu, pu + N - 1);
      const penU = U.n > N ? st.penaltyFloor(U.tech, U.busy - legIn(U, pu) - bU - legIn(U, pu + N) + st.legAt(kBA)) : 0;
      const penV = st.penaltyFloor(V.tech, V.busy - legIn(V, pv + 1) + st.legAt(kPF) + bU + durU + st.legAt(kLQ));
      return dU + dV + assign + penU - U.penalty + (monotone ? Math.max(0, penV - V.penalty) : penV - V.penalty);
    }
    const innerV = V.fCost[pv + M - 1]! - V.fCost[pv]!;
    const vFirst = vL[pv]!;
    const vLast = vL[pv + M - 1]!;
    const vBefore = vL[pv - 1]!;
    const vAfter = vL[pv + M]!;
    const kUV = uBefore * nL + vFirst;
    const kVU = vLast * nL + uAfter;
    const kVu = vBefore * nL + uFirst;
    const kuV = uLast * nL + vAfter;
    const inV = arcIn(V, pv);
    const outV = arcIn(V, pv + M);
    const dU = st.arcCostAt(kUV) + innerV + st.arcCostAt(kVU) - inU - innerU - outU;
    const dV = st.arcCostAt(kVu) + innerU + st.arcCostAt(kuV) - inV - innerV - outV;
    const b = dU + dV + assign - U.penalty - V.penalty;
    if (!(b < -GAIN_EPS) || !floors) return b;
    const bU = innerBusy(U, pu, pu + N - 1);
    const bV = innerBusy(V, pv, pv + M - 1);
    const penU = st.penaltyFloor(U.tech, U.busy - legIn(U, pu) - bU - legIn(U, pu + N) + st.legAt(kUV) + bV + durV + st.legAt(kVU));
    const penV = st.penaltyFloor(V.tech, V.busy - legIn(V, pv) - bV - legIn(V, pv + M) + st.legAt(kVu) + bU + durU + st.legAt(kuV));
    return b + penU + penV;
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
