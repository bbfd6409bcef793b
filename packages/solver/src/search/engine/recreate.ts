// SISR recreate: greedy insertion with blinks (each position skipped with a small probability),
// jobs sorted randomly, by demand, far-first or close-first. Positions are priced in O(1) by segment
// concatenation and must be feasible; in exact mode the few best are confirmed with the RouteScheduler.
import { Compat } from '../../compile/compiled.ts';
import type { PlanStop } from '../schedule.ts';
import type { Rng } from './rng.ts';
import type { SearchState } from './state.ts';
import { techClasses } from './local-search.ts';

export interface RecreateOptions {
  /** probability of skipping a position (paper: 0.01) */
  blinkRate?: number;
  /** exact mode: positions confirmed with the RouteScheduler per job before the full fallback */
  exactCandidates?: number;
}

export class Recreate {
  private readonly blinkRate: number;
  private readonly K: number;
  private readonly techClass: Int32Array;
  private readonly classSeen: Int32Array;
  private stamp = 0;
  /** per job: demand summed over dimensions, and distance from the (first) depot */
  private readonly demandSum: Float64Array;
  private readonly depotDist: Float64Array;
  private readonly key: Float64Array;
  // exact-mode candidate list (route, pos, estimate), kept sorted by estimate
  private readonly candR: Int32Array;
  private readonly candP: Int32Array;
  private readonly candD: Float64Array;
  private readonly plan: PlanStop[] = [];

  constructor(
    private readonly st: SearchState,
    { blinkRate = 0.01, exactCandidates = 6 }: RecreateOptions = {},
  ) {
    const c = st.c;
    this.blinkRate = blinkRate;
    this.K = exactCandidates;
    this.techClass = techClasses(st);
    this.classSeen = new Int32Array(c.nTechs);
    this.demandSum = new Float64Array(c.nJobs);
    this.depotDist = new Float64Array(c.nJobs);
    this.key = new Float64Array(c.nJobs);
    const depot = c.techStartLoc[0] ?? 0;
    for (let j = 0; j < c.nJobs; j++) {
      for (let d = 0; d < c.nDims; d++) this.demandSum[j] = this.demandSum[j]! + c.demand[j * c.nDims + d]!;
      this.depotDist[j] = st.arcCostAt(depot * c.nLocs + c.jobLoc[j]!);
    }
    this.candR = new Int32Array(this.K);
    this.candP = new Int32Array(this.K);
    this.candD = new Float64Array(this.K);
  }

  /** Inserts `jobs` (all currently unassigned) in SISR order; jobs with no worthwhile position stay unassigned. */
  run(rng: Rng, jobs: number[]): void {
    const x = rng.next() * 11;
    const key = this.key;
    if (x < 4) for (const j of jobs) key[j] = rng.next();
    else if (x < 8) for (const j of jobs) key[j] = -this.demandSum[j]!;
    else if (x < 10) for (const j of jobs) key[j] = -this.depotDist[j]!;
    else for (const j of jobs) key[j] = this.depotDist[j]!;
    jobs.sort((a, b) => key[a]! - key[b]! || a - b);
    for (const j of jobs) this.insert(rng, j);
  }

  /** Best insertion of job j (blinking) if it costs less than leaving j out. */
  insert(rng: Rng, j: number): boolean {
    const st = this.st;
    const c = st.c;
    const nJ = c.nJobs;
    const exact = st.exact;
    const K = this.K;
    let nCand = 0;
    let best = exact ? Infinity : c.unassignedCost[j]!;
    let bestR = -1;
    let bestP = -1;
    this.stamp++;
    for (let r = 0; r < st.routes.length; r++) {
      const R = st.routes[r]!;
      const t = R.tech;
      if (c.compat[t * nJ + j] !== Compat.Ok) continue;
      if (R.n === 0) {
        const cls = this.techClass[t]!;
        if (this.classSeen[cls] === this.stamp) continue;
        this.classSeen[cls] = this.stamp;
      }
      const base = R.estCost;
      for (let p = 1; p <= R.n + 1; p++) {
        if (rng.next() < this.blinkRate) continue;
        st.accPrefix(R, p - 1);
        st.accJob(j, t);
        st.accSuffix(R, p);
        const d = st.accFinish(t) - base;
        if (!exact) {
          // plain mode: only positions without time warp or excess load (SISR's hard constraints)
          if (d < best && st.lastTW === 0 && st.lastExcess === 0) {
            best = d;
            bestR = r;
            bestP = p;
          }
          continue;
        }
        if (nCand === K && !(d < this.candD[K - 1]!)) continue;
        let i = nCand < K ? nCand++ : K - 1;
        while (i > 0 && this.candD[i - 1]! > d) {
          this.candD[i] = this.candD[i - 1]!;
          this.candR[i] = this.candR[i - 1]!;
          this.candP[i] = this.candP[i - 1]!;
          i--;
        }
        this.candD[i] = d;
        this.candR[i] = r;
        this.candP[i] = p;
      }
    }
    if (!exact) {
      if (bestR < 0) return false;
      const R = st.routes[bestR]!;
      const next = R.stops.slice();
      next.splice(bestP - 1, 0, st.ins.jobStop(j));
      this.place(j, bestR, next);
      return true;
    }
    // exact mode: confirm the best estimates with the RouteScheduler
    for (let i = 0; i < nCand; i++) {
      const R = st.routes[this.candR[i]!]!;
      const plan = this.plan;
      plan.length = 0;
      const p = this.candP[i]!;
      for (let q = 0; q < R.n; q++) {
        if (q === p - 1) plan.push(st.ins.jobStop(j));
        plan.push(R.stops[q]!);
      }
      if (p === R.n + 1) plan.push(st.ins.jobStop(j));
      const d = st.exactCost(R.tech, plan) - R.cost;
      if (d < best) {
        best = d;
        bestR = this.candR[i]!;
        bestP = p;
      }
    }
    if (bestR >= 0) {
      if (!(best < c.unassignedCost[j]!)) return false;
      const next = st.routes[bestR]!.stops.slice();
      next.splice(bestP - 1, 0, st.ins.jobStop(j));
      this.place(j, bestR, next);
      return true;
    }
    // fallback: every position of every route, with supply-house pickups (the greedy's inserter)
    let bestIns: ReturnType<typeof st.ins.best> = null;
    for (let r = 0; r < st.routes.length; r++) {
      const R = st.routes[r]!;
      const e = st.ins.best(R.tech, R.stops, R.cost, j);
      if (e && (!bestIns || e.delta < bestIns.delta)) {
        bestIns = e;
        bestR = r;
      }
    }
    if (!bestIns || !(bestIns.delta < c.unassignedCost[j]!)) return false;
    const next = st.routes[bestR]!.stops.slice();
    st.ins.apply(next, bestIns, j);
    this.place(j, bestR, next);
    return true;
  }

  private place(j: number, r: number, stops: PlanStop[]): void {
    const st = this.st;
    const u = st.unassigned;
    const i = u.indexOf(j);
    if (i >= 0) {
      u[i] = u[u.length - 1]!;
      u.pop();
    }
    st.setRoute(r, stops);
  }
}
