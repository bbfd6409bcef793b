// SWAP* (Vidal 2022, "Hybrid genetic search for the CVRP: open-source implementation and SWAP*
// neighborhood", Comput. Oper. Res. 140): u and v of two different routes change places, each going to
// its best position in the other route, not necessarily where the other one was. Restricted to
// granular neighbours (v is near u). As in PyVRP's SwapStar: the three best insertion positions of a
// job in a route are cached until the route changes; a pair is screened with the removal costs and
// those positions, and only the best candidate is priced exactly (segment concatenation).
import type { Compiled } from '../../../compile/compiled.ts';
import { GAIN_EPS, type RouteData, type SearchState } from '../state.ts';
import { moveIn, type Operator } from './types.ts';

/** Most (route, job) insertion caches kept (direct-mapped above it). */
const CACHE_MAX = 1 << 18;

export class SwapStar implements Operator {
  readonly name = 'swap-star';
  private st: SearchState | null = null;
  private cap = 0;
  /** per cache slot: the key route * nJobs + job (-1: empty), the route's version and the state's priceEpoch then */
  private cKey = new Int32Array(0);
  private cStamp = new Float64Array(0);
  private cEpoch = new Float64Array(0);
  /** per cache slot, three best "insert after node position" entries (-1: none) and their penalised deltas */
  private cAfter = new Int32Array(0);
  private cCost = new Float64Array(0);
  // the move last evaluated: u goes after node mAfterV of V, v after node mAfterU of U (original positions)
  private mU = -1;
  private mV = -1;
  private mClock = -1;
  private mAfterU = 0;
  private mAfterV = 0;

  supports(_c: Compiled): boolean {
    return true;
  }

  init(st: SearchState): void {
    const c = st.c;
    this.st = st;
    this.cap = Math.max(1, Math.min(c.nTechs * c.nJobs, CACHE_MAX));
    if (this.cKey.length !== this.cap) {
      this.cKey = new Int32Array(this.cap);
      this.cStamp = new Float64Array(this.cap);
      this.cEpoch = new Float64Array(this.cap);
      this.cAfter = new Int32Array(3 * this.cap);
      this.cCost = new Float64Array(3 * this.cap);
    }
    this.cKey.fill(-1);
    this.mU = -1;
  }

  update(_route: number): void {}

  /**
   * Cache slot holding the three best positions of job j in route r (computed on a miss: every
   * position priced by concatenation, O(route length)).
   */
  private insertions(st: SearchState, r: number, R: RouteData, j: number): number {
    const key = r * st.c.nJobs + j;
    const slot = key % this.cap;
    if (this.cKey[slot] === key && this.cStamp[slot] === R.version && this.cEpoch[slot] === st.priceEpoch) return slot;
    this.cKey[slot] = key;
    this.cStamp[slot] = R.version;
    this.cEpoch[slot] = st.priceEpoch;
    const A = this.cAfter;
    const C = this.cCost;
    const at = 3 * slot;
    A[at] = A[at + 1] = A[at + 2] = -1;
    C[at] = C[at + 1] = C[at + 2] = Infinity;
    const t = R.tech;
    for (let a = 0; a <= R.n; a++) {
      st.accPrefix(R, a);
      st.accJob(j, t);
      st.accSuffix(R, a + 1);
      const d = st.accFinish(t) - R.estCost;
      if (!(d < C[at + 2]!)) continue;
      let i = 2;
      while (i > 0 && C[at + i - 1]! > d) {
        C[at + i] = C[at + i - 1]!;
        A[at + i] = A[at + i - 1]!;
        i--;
      }
      C[at + i] = d;
      A[at + i] = a;
    }
    return slot;
  }

  /** set by placeIn(): the node position the job goes after */
  private bestAfter = 0;

  /**
   * Best place for job j (from another route) in route R once the stop at position pv leaves it:
   * after the first cached position not next to pv, or in pv's place. Sets this.bestAfter; returns
   * the estimated delta of R's side (v's removal included).
   */
  private placeIn(st: SearchState, r: number, R: RouteData, pv: number, j: number, removal: number): number {
    const slot = this.insertions(st, r, R, j);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const a = this.cAfter[3 * slot + i]!;
      if (a < 0) break;
      if (a === pv || a === pv - 1) continue;
      best = removal + this.cCost[3 * slot + i]!;
      this.bestAfter = a;
      break;
    }
    // in place of the leaving stop: prefix ⊕ j ⊕ suffix after it
    st.accPrefix(R, pv - 1);
    st.accJob(j, R.tech);
    st.accSuffix(R, pv + 1);
    const inPlace = st.accFinish(R.tech) - R.estCost;
    if (inPlace < best) {
      best = inPlace;
      this.bestAfter = pv - 1;
    }
    return best;
  }

  /** Penalised delta of removing position p from route R (segments, O(1)). */
  private removal(st: SearchState, R: RouteData, p: number): number {
    st.accPrefix(R, p - 1);
    st.accSuffix(R, p + 1);
    return st.accFinish(R.tech) - R.estCost;
  }

  evaluate(u: number, v: number, st: SearchState): number {
    const nJ = st.c.nJobs;
    if (u >= nJ || v >= nJ) return Infinity;
    const ru = st.routeOf[u]!;
    const rv = st.routeOf[v]!;
    this.mU = -1;
    if (ru < 0 || rv < 0 || ru === rv) return Infinity;
    if (this.st !== st) this.init(st);
    const U = st.routes[ru]!;
    const V = st.routes[rv]!;
    const pu = st.posOf[u]!;
    const pv = st.posOf[v]!;
    let assign = 0;
    if (!st.allCompat || st.hasAssign) {
      assign = moveIn(st, U, pu, pu, V.tech);
      if (assign === assign) assign += moveIn(st, V, pv, pv, U.tech);
      if (assign !== assign) return Infinity;
    }
    // screens: the removals' gain must pay for the assignment change and the insertions (which cost
    // at least 0 while adding a stop never lowers a route's penalty)
    const remU = this.removal(st, U, pu);
    const remV = this.removal(st, V, pv);
    const screens = st.insertionMonotone();
    if (screens && !(assign + remU + remV < -GAIN_EPS)) return assign + remU + remV;
    const sideV = this.placeIn(st, rv, V, pv, u, remV);
    if (screens && !(assign + remU + sideV < -GAIN_EPS)) return assign + remU + sideV;
    const afterV = this.bestAfter;
    const sideU = this.placeIn(st, ru, U, pu, v, remU);
    const estimate = assign + sideU + sideV;
    if (!(estimate < -GAIN_EPS)) return estimate;
    const afterU = this.bestAfter;
    this.describe(st, ru, pu, afterU, rv, pv, afterV);
    this.mU = u;
    this.mV = v;
    this.mClock = st.clock;
    this.mAfterU = afterU;
    this.mAfterV = afterV;
    return st.evaluateMove();
  }

  /** Side of route r without its stop at p, with stop q of route src inserted after node `after` (≠ p). */
  private side(st: SearchState, r: number, p: number, src: number, q: number, after: number): void {
    const n = st.routes[r]!.n;
    const k = st.side(r);
    if (after < p) {
      st.piece(k, r, 0, after);
      st.piece(k, src, q, q);
      st.piece(k, r, after + 1, p - 1);
      st.piece(k, r, p + 1, n);
    } else {
      st.piece(k, r, 0, p - 1);
      st.piece(k, r, p + 1, after);
      st.piece(k, src, q, q);
      st.piece(k, r, after + 1, n);
    }
  }

  private describe(st: SearchState, ru: number, pu: number, afterU: number, rv: number, pv: number, afterV: number): void {
    st.beginMove();
    this.side(st, ru, pu, rv, pv, afterU);
    this.side(st, rv, pv, ru, pu, afterV);
  }

  apply(u: number, v: number, st: SearchState): void {
    if (this.mU !== u || this.mV !== v || this.mClock !== st.clock || this.st !== st) {
      if (!(this.evaluate(u, v, st) < Infinity) || this.mU !== u || this.mV !== v) return;
    }
    const ru = st.routeOf[u]!;
    const rv = st.routeOf[v]!;
    this.describe(st, ru, st.posOf[u]!, this.mAfterU, rv, st.posOf[v]!, this.mAfterV);
    this.mU = -1;
    st.applyMove();
  }
}

export const swapStar = new SwapStar();
