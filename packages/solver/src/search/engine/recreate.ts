// SISR recreate: greedy insertion with blinks (each position skipped with a small probability),
// jobs sorted randomly, by demand, far-first or close-first. Plain mode: positions priced in O(1) by
// segment concatenation, feasible ones only. Exact mode: positions tried in order of a lower bound
// (arc delta + assignment cost), filtered by the segments' relaxation (no time warp, no excess load),
// confirmed by the RouteScheduler (supply-house pickups added when the van lacks parts) until the
// bound passes the best confirmed delta. A job that found no place is retried only on routes that
// changed since (and on every route once some supply-house stock rose).
import { Compat } from '../../compile/compiled.ts';
import type { Inserter } from '../greedy.ts';
import { mergeLoads } from '../greedy.ts';
import { StopType, type PlanStop } from '../schedule.ts';
import { pickupSourcesOk } from './pickups.ts';
import type { Rng } from './rng.ts';
import type { RouteData, SearchState } from './state.ts';
import { techClasses } from './local-search.ts';

export interface RecreateOptions {
  /** probability of skipping a position (paper: 0.01; default 0.01 on plain VRPTW, FIELD_BLINK_RATE on field days) */
  blinkRate?: number;
  /** exact mode with a waiting cost (where the bound is not one): positions confirmed per job */
  exactCandidates?: number;
}

type Insertion = NonNullable<ReturnType<Inserter['best']>>;

/**
 * Field days blink more: their small ruins (ruin.ts) are otherwise mostly rebuilt exactly as they
 * were. Large sample, 10 s, 8 seeds: mean objective 64.2k at 0.05 (0.03: 64.4k; the paper's 0.01:
 * 66.4k).
 */
const FIELD_BLINK_RATE = 0.05;

export class Recreate {
  private readonly blinkRate: number;
  private readonly K: number;
  private readonly techClass: Int32Array;
  private readonly classSeen: Int32Array;
  private stamp = 0;
  /** per job: demand summed over dimensions (without demands: the shortest service), and distance from the (first) depot */
  private readonly demandSum: Float64Array;
  private readonly depotDist: Float64Array;
  private readonly key: Float64Array;
  /**
   * exact mode: testedAt[job] = state clock when the job last found no place (0: never): no route
   * whose version is at most that has a place for it. Journaled like the state (begin/rollback).
   */
  private readonly testedAt: Float64Array;
  private readonly jJob: Int32Array;
  private readonly jOld: Float64Array;
  private jN = 0;
  private journaling = false;
  /** routeSeen[route] = stamp: scanned for the job being placed */
  private readonly routeSeen: Int32Array;
  // exact mode: a binary min-heap of candidate positions (bound, route, position)
  private hLb: Float64Array;
  private hR: Int32Array;
  private hP: Int32Array;
  private hN = 0;
  private readonly plan: PlanStop[] = [];
  /** the best confirmed insertion of the job being placed */
  private bDelta = 0;
  private bR = -1;
  private bPos = -1;
  private bHouse = -1;
  private bMerge = -1;
  private bLoads: Int32Array | null = null;

  constructor(
    private readonly st: SearchState,
    private readonly nbrs: readonly Int32Array[],
    { blinkRate, exactCandidates = 6 }: RecreateOptions = {},
  ) {
    const c = st.c;
    this.blinkRate = blinkRate ?? (st.exact ? FIELD_BLINK_RATE : 0.01);
    this.K = exactCandidates;
    this.techClass = techClasses(st);
    this.classSeen = new Int32Array(c.nTechs);
    this.demandSum = new Float64Array(c.nJobs);
    this.depotDist = new Float64Array(c.nJobs);
    this.key = new Float64Array(c.nJobs);
    this.testedAt = new Float64Array(c.nJobs);
    this.routeSeen = new Int32Array(c.nTechs);
    this.jJob = new Int32Array(2 * c.nJobs);
    this.jOld = new Float64Array(2 * c.nJobs);
    const depot = c.techStartLoc[0] ?? 0;
    let anyDemand = false;
    for (let j = 0; j < c.nJobs; j++) {
      for (let d = 0; d < c.nDims; d++) this.demandSum[j] = this.demandSum[j]! + c.demand[j * c.nDims + d]!;
      if (this.demandSum[j]! > 0) anyDemand = true;
      this.depotDist[j] = st.arcCostAt(depot * c.nLocs + c.jobLoc[j]!);
    }
    // without demands the "largest first" order takes the longest jobs first (time is what they use up)
    if (!anyDemand) {
      for (let j = 0; j < c.nJobs; j++) {
        let d = Infinity;
        for (let t = 0; t < c.nTechs; t++) d = Math.min(d, c.serviceTicks[j * c.nTechs + t]! + c.bufferTicks[j * c.nTechs + t]!);
        this.demandSum[j] = d;
      }
    }
    this.hLb = new Float64Array(256);
    this.hR = new Int32Array(256);
    this.hP = new Int32Array(256);
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
    return this.st.exact ? this.insertExact(rng, j) : this.insertPlain(rng, j);
  }

  /** Plain VRPTW: the cheapest position without time warp or excess load (SISR's hard constraints). */
  private insertPlain(rng: Rng, j: number): boolean {
    const st = this.st;
    const c = st.c;
    const nJ = c.nJobs;
    let best = c.unassignedCost[j]!;
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
        if (d < best && st.lastTW === 0 && st.lastExcess === 0) {
          best = d;
          bestR = r;
          bestP = p;
        }
      }
    }
    if (bestR < 0) return false;
    const next = st.routes[bestR]!.stops.slice();
    next.splice(bestP - 1, 0, st.ins.jobStop(j));
    this.place(j, bestR, next);
    return true;
  }

  /**
   * Field days: the best RouteScheduler-confirmed insertion, pickups included. Without a waiting
   * cost the bound (arc delta + assignment) is a lower bound on the exact delta (inserting a job
   * never shortens a drive or a day), so the search stops once it passes the best confirmed delta;
   * with one, the K positions of lowest bound are confirmed. Granular first: the routes that hold
   * one of j's neighbours; every other route only when none of those takes j. O(positions scanned ×
   * log) plus the exact runs (each O(route length)).
   */
  private insertExact(rng: Rng, j: number): boolean {
    const st = this.st;
    const c = st.c;
    // routes unchanged since j last found no place still have none, unless the stock of one of its parts rose since
    let since = this.testedAt[j]!;
    for (let q = c.jobPartStart[j]!; q < c.jobPartStart[j + 1]! && since > 0; q++) if (st.skuRaisedAt[c.partSku[q]!]! >= since) since = 0;
    this.bDelta = c.unassignedCost[j]!;
    this.bR = -1;
    this.hN = 0;
    const stamp = ++this.stamp;
    if (since === 0) {
      const nb = this.nbrs[j]!;
      for (let q = 0; q < nb.length; q++) {
        const r = st.routeOf[nb[q]!]!;
        if (r < 0 || this.routeSeen[r] === stamp) continue;
        this.routeSeen[r] = stamp;
        this.scan(rng, r, j);
      }
      this.confirm(j);
    }
    if (this.bR < 0) {
      for (let r = 0; r < st.routes.length; r++) {
        if (this.routeSeen[r] === stamp || st.routes[r]!.version <= since) continue;
        this.scan(rng, r, j);
      }
      this.confirm(j);
    }
    if (this.bR < 0) {
      this.setTested(j, st.clock);
      return false;
    }
    this.setTested(j, 0);
    const next = st.routes[this.bR]!.stops.slice();
    const ins: Insertion = { delta: this.bDelta, pos: this.bPos, house: this.bHouse, loads: this.bLoads, mergeAt: this.bMerge };
    st.ins.apply(next, ins, j);
    this.place(j, this.bR, next);
    return true;
  }

  private setTested(j: number, at: number): void {
    if (this.journaling) {
      if (this.jN < this.jJob.length) {
        this.jJob[this.jN] = j;
        this.jOld[this.jN] = this.testedAt[j]!;
      }
      this.jN++;
    }
    this.testedAt[j] = at;
  }

  /** Starts recording what was tested (with st.beginJournal()): a rolled-back search tested routes that are gone. */
  beginJournal(): void {
    this.journaling = true;
    this.jN = 0;
  }

  /** Keeps what was tested since beginJournal(). */
  commit(): void {
    this.journaling = false;
    this.jN = 0;
  }

  /** Forgets what was tested since beginJournal() (with st.rollback()). */
  rollback(): void {
    if (this.jN > this.jJob.length) this.testedAt.fill(0);
    else for (let k = this.jN - 1; k >= 0; k--) this.testedAt[this.jJob[k]!] = this.jOld[k]!;
    this.journaling = false;
    this.jN = 0;
  }

  /** Pushes the positions of route r that may take job j (blinking; window checks; bound below what leaving j out costs). */
  private scan(rng: Rng, r: number, j: number): void {
    const st = this.st;
    const c = st.c;
    const nJ = c.nJobs;
    const nL = c.nLocs;
    const R = st.routes[r]!;
    const t = R.tech;
    if (c.compat[t * nJ + j] !== Compat.Ok) return;
    const u = c.unassignedCost[j]!;
    const prune = c.costPerWaitTick === 0;
    const jl = c.jobLoc[j]!;
    const jobE = st.jobE[j]!;
    const jobL = st.jobL[j]!;
    const assign = c.assignCost[t * nJ + j]!;
    const dur = c.serviceTicks[j * c.nTechs + t]! + c.bufferTicks[j * c.nTechs + t]!;
    const n = R.n;
    const L = R.loc;
    // without time warp a prefix's earliest end never decreases along the route
    const monotone = R.timeWarp === 0;
    for (let p = 1; p <= n + 1; p++) {
      if (rng.next() < this.blinkRate) continue;
      // the relaxation's window checks on both sides of the job (necessary; the end depot is checked later)
      const dep = R.fE[p - 1]! + R.fD[p - 1]! - R.fTW[p - 1]!;
      if (dep > jobL) {
        if (monotone) break;
        continue;
      }
      const kAJ = L[p - 1]! * nL + jl;
      const kJB = jl * nL + L[p]!;
      const start = Math.max(jobE, dep + st.legAt(kAJ));
      if (start > jobL || (p <= n && start + dur + st.legAt(kJB) > R.bL[p]!)) continue;
      const lb = st.arcCostAt(kAJ) + st.arcCostAt(kJB) - (R.fCost[p]! - R.fCost[p - 1]!) + assign;
      if (prune && !(lb < u)) continue;
      this.push(lb, r, p);
    }
  }

  /** Confirms the pushed positions in order of their bound (see insertExact); empties the heap. */
  private confirm(j: number): void {
    const st = this.st;
    const prune = st.c.costPerWaitTick === 0;
    let tried = 0;
    while (this.hN > 0) {
      const lb = this.hLb[0]!;
      const r = this.hR[0]!;
      const p = this.hP[0]!;
      this.pop();
      if (prune ? !(lb < this.bDelta) : tried >= this.K) break;
      const R = st.routes[r]!;
      const t = R.tech;
      // the segments' relaxation (hull of the windows, no breaks, no parts) must hold
      st.accPrefix(R, p - 1);
      st.accJob(j, t);
      st.accSuffix(R, p);
      st.accFinish(t);
      if (st.lastTW > 0 || st.lastExcess > 0) continue;
      tried++;
      this.tryPosition(r, R, p, j, prune);
    }
    this.hN = 0;
  }

  /** RouteScheduler cost of R's stops with job j at node position p (plan index p − 1), an optional pickup before it, or stop `replaceAt` replaced. */
  private exactAt(R: RouteData, p: number, j: number, pickup: PlanStop | null, replaceAt: number, replacement: PlanStop | null) {
    const st = this.st;
    const plan = this.plan;
    plan.length = 0;
    const stops = R.stops;
    for (let q = 0; q < p - 1; q++) plan.push(q === replaceAt ? replacement! : stops[q]!);
    if (pickup) plan.push(pickup);
    plan.push(st.ins.jobStop(j));
    for (let q = p - 1; q < R.n; q++) plan.push(stops[q]!);
    return st.sched.run(R.tech, plan);
  }

  /** Confirms job j at node position p of route r (and, when the van lacks its parts there, with a pickup). */
  private tryPosition(r: number, R: RouteData, p: number, j: number, prune: boolean): void {
    const st = this.st;
    const c = st.c;
    const res = this.exactAt(R, p, j, null, -1, null);
    if (res.feasible && !pickupSourcesOk(c, this.plan)) return;
    if (res.feasible) {
      const d = res.cost - R.cost;
      if (d < this.bDelta) this.setBest(d, r, p - 1, -1, -1, null);
      return;
    }
    if (res.fail !== 'parts' || res.failPos !== p - 1) return;
    const pi = p - 1;
    const loads = st.ins.deficit(R.tech, R.stops, pi, j);
    if (!loads) return;
    // load the missing parts at a pickup already on the route before the job (same timing)…
    for (let k = 0; k < pi; k++) {
      const stop = R.stops[k]!;
      if (stop.type !== StopType.Pickup || !st.ins.allowedHouse(j, stop.idx) || !st.ins.houseCanSupply(stop.idx, loads)) continue;
      const merged: PlanStop = { type: StopType.Pickup, idx: stop.idx, loads: stop.loads ? mergeLoads(stop.loads, loads) : loads };
      const m = this.exactAt(R, p, j, null, k, merged);
      if (m.feasible && m.cost - R.cost < this.bDelta && pickupSourcesOk(c, this.plan)) this.setBest(m.cost - R.cost, r, pi, stop.idx, k, loads);
    }
    // …or stop at a supply house right before it (bounded by the detour, filtered by the relaxation)
    const nL = c.nLocs;
    const a = R.loc[p - 1]!;
    const b = R.loc[p]!;
    const jl = c.jobLoc[j]!;
    const t = R.tech;
    const assign = c.assignCost[t * c.nJobs + j]!;
    for (let h = 0; h < c.nHouses; h++) {
      if (!st.ins.allowedHouse(j, h) || !st.ins.houseCanSupply(h, loads)) continue;
      const hl = c.houseLoc[h]!;
      const hlb = st.arcCostAt(a * nL + hl) + st.arcCostAt(hl * nL + jl) + st.arcCostAt(jl * nL + b) - (R.n === 0 ? 0 : st.arcCostAt(a * nL + b)) + assign;
      if (prune && !(hlb < this.bDelta)) continue;
      st.accPrefix(R, pi);
      st.accHouse(h);
      st.accJob(j, t);
      st.accSuffix(R, p);
      st.accFinish(t);
      if (st.lastTW > 0 || st.lastExcess > 0) continue;
      const e = this.exactAt(R, p, j, { type: StopType.Pickup, idx: h, loads }, -1, null);
      if (e.feasible && e.cost - R.cost < this.bDelta && pickupSourcesOk(c, this.plan)) this.setBest(e.cost - R.cost, r, pi, h, -1, loads);
    }
  }

  private setBest(delta: number, r: number, pi: number, house: number, merge: number, loads: Int32Array | null): void {
    this.bDelta = delta;
    this.bR = r;
    this.bPos = pi;
    this.bHouse = house;
    this.bMerge = merge;
    this.bLoads = loads;
  }

  // --- the candidate heap (bound, route, position), smallest bound on top; ties by insertion order are not kept ---

  private push(lb: number, r: number, p: number): void {
    if (this.hN === this.hLb.length) {
      const size = this.hN * 2;
      const lbs = new Float64Array(size);
      lbs.set(this.hLb);
      this.hLb = lbs;
      const rs = new Int32Array(size);
      rs.set(this.hR);
      this.hR = rs;
      const ps = new Int32Array(size);
      ps.set(this.hP);
      this.hP = ps;
    }
    const H = this.hLb;
    let i = this.hN++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!(H[parent]! > lb)) break;
      H[i] = H[parent]!;
      this.hR[i] = this.hR[parent]!;
      this.hP[i] = this.hP[parent]!;
      i = parent;
    }
    H[i] = lb;
    this.hR[i] = r;
    this.hP[i] = p;
  }

  private pop(): void {
    const n = --this.hN;
    if (n === 0) return;
    const H = this.hLb;
    const lb = H[n]!;
    const r = this.hR[n]!;
    const p = this.hP[n]!;
    let i = 0;
    for (;;) {
      let k = 2 * i + 1;
      if (k >= n) break;
      if (k + 1 < n && H[k + 1]! < H[k]!) k++;
      if (!(H[k]! < lb)) break;
      H[i] = H[k]!;
      this.hR[i] = this.hR[k]!;
      this.hP[i] = this.hP[k]!;
      i = k;
    }
    H[i] = lb;
    this.hR[i] = r;
    this.hP[i] = p;
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
