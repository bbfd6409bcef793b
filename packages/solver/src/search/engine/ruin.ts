// SISR ruin (Christiaens & Vanden Berghe 2020, "Slack induction by string removals for vehicle
// routing problems", Transp. Sci. 54(2)): remove strings of consecutive jobs from several routes
// near a random seed job, sometimes keeping a preserved sub-string inside ("split string").
import type { PlanStop } from '../schedule.ts';
import { StopType } from '../schedule.ts';
import type { Rng } from './rng.ts';
import type { SearchState } from './state.ts';

export interface RuinOptions {
  /** average number of removed jobs, c̄ (paper: 10; default 10 on plain VRPTW, FIELD_AVG_REMOVED on field days) */
  avgRemoved?: number;
  /** longest string, L^max (paper: 10; default 10 on plain VRPTW, FIELD_MAX_STRING_LEN on field days) */
  maxStringLen?: number;
  /** share of the ruins of a stagnant search (see run) that use the paper's c̄ = 10, L^max = 10 instead (default 0.5) */
  largeShare?: number;
  /** probability of a split string (paper: 0.5) */
  splitRate?: number;
  /** β: chance per step that the preserved sub-string stops growing (paper: 0.01) */
  splitDepth?: number;
}

/**
 * Field days (exact mode) ruin less: their routes are full (overtime, breaks, parts) and some jobs
 * cannot be placed at all, so a small ruin is far likelier to be recreated without losing a job.
 * Large sample, 10 s: mean objective 75–85k with the paper's c̄ 10, L^max 10 against 67–74k for
 * 4–6, 2–3 (4 seeds); then, with a recreate that blinks more and no local search on candidates
 * rebuilt unchanged (6 seeds): 65.4k at 3, 2 (2, 2: 66.7k; 3, 1: 65.8k; 4, 2: 66.2k; 4, 3: 67.3k;
 * 6, 2: 66.9k). A stagnant search (run's `stagnant`) mixes the paper's size back in: the small
 * sample sticks at 6,234 with small ruins only, 6,208 with both.
 */
const FIELD_AVG_REMOVED = 3;
const FIELD_MAX_STRING_LEN = 2;
/** The paper's ruin size. */
const LARGE_AVG_REMOVED = 10;
const LARGE_MAX_STRING_LEN = 10;

export class Ruin {
  private readonly avgRemoved: number;
  private readonly maxStringLen: number;
  private readonly largeShare: number;
  private readonly splitRate: number;
  private readonly splitDepth: number;
  private readonly ruined: Int32Array;
  private stamp = 0;

  constructor(
    private readonly st: SearchState,
    private readonly nbrs: readonly Int32Array[],
    { avgRemoved, maxStringLen, largeShare, splitRate = 0.5, splitDepth = 0.01 }: RuinOptions = {},
  ) {
    this.avgRemoved = avgRemoved ?? (st.exact ? FIELD_AVG_REMOVED : LARGE_AVG_REMOVED);
    this.maxStringLen = maxStringLen ?? (st.exact ? FIELD_MAX_STRING_LEN : LARGE_MAX_STRING_LEN);
    this.largeShare = largeShare ?? 0.5;
    this.splitRate = splitRate;
    this.splitDepth = splitDepth;
    this.ruined = new Int32Array(st.routes.length);
  }

  /**
   * Removes jobs (appended to `removed` and to st.unassigned). Returns how many were removed. When
   * `stagnant` (no new best for a while), a share of the ruins take the paper's size instead.
   */
  run(rng: Rng, removed: number[], stagnant = false): number {
    const st = this.st;
    const nJ = st.c.nJobs;
    let routed = 0;
    let used = 0;
    for (const R of st.routes) {
      if (R.n > 0) used++;
      routed += R.n;
    }
    if (routed === 0) return 0;
    const small = this.avgRemoved !== LARGE_AVG_REMOVED || this.maxStringLen !== LARGE_MAX_STRING_LEN;
    const large = stagnant && small && this.largeShare > 0 && rng.next() < this.largeShare;
    const lsMax = Math.min(large ? LARGE_MAX_STRING_LEN : this.maxStringLen, routed / used);
    const ksMax = (4 * (large ? LARGE_AVG_REMOVED : this.avgRemoved)) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    let seed = rng.int(nJ);
    for (let tries = 0; st.routeOf[seed]! < 0 && tries < nJ; tries++) seed = (seed + 1) % nJ;
    if (st.routeOf[seed]! < 0) return 0;
    this.stamp++;
    let strings = 0;
    const before = removed.length;
    const nb = this.nbrs[seed]!;
    for (let q = -1; q < nb.length && strings < ks; q++) {
      const c = q < 0 ? seed : nb[q]!;
      const r = st.routeOf[c]!;
      if (r < 0 || this.ruined[r] === this.stamp) continue;
      this.ruined[r] = this.stamp;
      const R = st.routes[r]!;
      const ltMax = Math.min(R.n, lsMax);
      const lt = Math.floor(rng.next() * ltMax) + 1;
      this.removeString(rng, r, st.posOf[c]!, lt, removed);
      strings++;
    }
    return removed.length - before;
  }

  /** Removes a string of lt stops through position pc of route r (or a split string). */
  private removeString(rng: Rng, r: number, pc: number, lt: number, removed: number[]): void {
    const st = this.st;
    const R = st.routes[r]!;
    const n = R.n;
    let m = 0;
    if (lt < n && rng.next() < this.splitRate) {
      m = 1;
      while (lt + m < n && rng.next() >= this.splitDepth) m++;
    }
    const len = lt + m;
    const lo = Math.max(1, pc - len + 1);
    const hi = Math.min(pc, n - len + 1);
    const start = lo + rng.int(hi - lo + 1);
    const keepFrom = m > 0 ? start + rng.int(lt + 1) : -1;
    const old = R.stops;
    const next: PlanStop[] = [];
    const out: number[] = [];
    for (let p = 1; p <= n; p++) {
      const s = old[p - 1]!;
      const inString = p >= start && p < start + len && !(p >= keepFrom && p < keepFrom + m);
      if (inString && s.type === StopType.Job) out.push(s.idx);
      else next.push(s);
    }
    if (!out.length) return;
    st.setRoute(r, next);
    if (st.exact && st.routes[r]!.cost === Infinity) {
      // removing stops made the route infeasible (a matrix without the triangle inequality, a pickup left stranded)
      st.setRoute(r, old);
      return;
    }
    for (const j of out) {
      st.routeOf[j] = -1;
      st.unassigned.push(j);
      removed.push(j);
    }
    if (st.exact) dropIdlePickups(st, r);
  }
}

/** Removes each pickup of route r whose removal keeps the route feasible and lowers its cost; returns the stock. */
export function dropIdlePickups(st: SearchState, r: number): void {
  const c = st.c;
  for (let i = st.routes[r]!.stops.length - 1; i >= 0; i--) {
    const R = st.routes[r]!;
    const s = R.stops[i]!;
    if (s.type !== StopType.Pickup) continue;
    const next = R.stops.slice(0, i).concat(R.stops.slice(i + 1));
    const cost = st.exactCost(R.tech, next);
    if (!(cost < R.cost)) continue;
    if (s.loads) {
      for (let k = 0; k < s.loads.length; k += 2) {
        st.skuRaisedAt[s.loads[k]!] = st.clock;
        const at = s.idx * c.nSkus + s.loads[k]!;
        st.ins.houseLeft[at] = st.ins.houseLeft[at]! + s.loads[k + 1]!;
      }
    }
    st.setRoute(r, next);
  }
}
