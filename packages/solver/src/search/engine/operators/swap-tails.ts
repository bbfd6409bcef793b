// 2-opt* (PyVRP's SwapTails): exchange the tails after u and after v of two different routes.
// The tails keep their order; the end depot is always the receiving technician's.
import type { Compiled } from '../../../compile/compiled.ts';
import { GAIN_EPS, type RouteData, type SearchState } from '../state.ts';
import { moveIn, posOfNode, routeOfNode, type Operator } from './types.ts';

export class SwapTails implements Operator {
  readonly name = 'swap-tails';

  supports(_c: Compiled): boolean {
    return true;
  }

  init(_st: SearchState): void {}

  update(_route: number): void {}

  private describe(u: number, v: number, st: SearchState): boolean {
    if (u >= st.c.nJobs) return false;
    const ru = st.routeOf[u]!;
    const rv = routeOfNode(v, st);
    if (ru < 0 || rv < 0 || ru === rv) return false;
    const pu = st.posOf[u]!;
    const pv = posOfNode(v, st);
    const U = st.routes[ru]!;
    const V = st.routes[rv]!;
    if (pu === U.n && pv === V.n) return false;
    st.beginMove();
    const a = st.side(ru);
    st.piece(a, ru, 0, pu);
    st.piece(a, rv, pv + 1, V.n);
    const b = st.side(rv);
    st.piece(b, rv, 0, pv);
    st.piece(b, ru, pu + 1, U.n);
    return true;
  }

  /** Arc cost of prefix 0..pa of A followed by the tail pb+1.. of B, ending at A's end depot. */
  private arcs(st: SearchState, A: RouteData, pa: number, B: RouteData, pb: number): number {
    const nL = st.c.nLocs;
    const end = st.c.techEndLoc[A.tech]!;
    if (pb < B.n) return A.fCost[pa]! + st.arcCostAt(A.loc[pa]! * nL + B.loc[pb + 1]!) + B.fCost[B.n]! - B.fCost[pb + 1]! + st.arcCostAt(B.loc[B.n]! * nL + end);
    return pa === 0 ? 0 : A.fCost[pa]! + st.arcCostAt(A.loc[pa]! * nL + end);
  }

  evaluate(u: number, v: number, st: SearchState): number {
    if (u >= st.c.nJobs) return Infinity;
    const ru = st.routeOf[u]!;
    const rv = routeOfNode(v, st);
    if (ru < 0 || rv < 0 || ru === rv) return Infinity;
    const U = st.routes[ru]!;
    const V = st.routes[rv]!;
    const pu = st.posOf[u]!;
    const pv = posOfNode(v, st);
    // gain before validity: new arc costs (and assignment costs) less both routes' current penalised costs
    let assign = 0;
    if (!st.allCompat || st.hasAssign) {
      assign = moveIn(st, U, pu + 1, U.n, V.tech);
      if (assign === assign) assign += moveIn(st, V, pv + 1, V.n, U.tech);
      if (assign !== assign) return Infinity;
    }
    const b = this.arcs(st, U, pu, V, pv) + this.arcs(st, V, pv, U, pu) + assign - U.estCost - V.estCost;
    if (!(b < -GAIN_EPS)) return b;
    if (!this.describe(u, v, st)) return Infinity;
    return st.evaluateMove();
  }

  apply(u: number, v: number, st: SearchState): void {
    if (this.describe(u, v, st)) st.applyMove();
  }
}

export const swapTails = new SwapTails();
