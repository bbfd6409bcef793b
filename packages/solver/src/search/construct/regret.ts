// construct(): clustering-aware regret-k insertion (fixed appointments first; jobs weigh only their
// nearest compatible routes; largest regret, weighted by the cost of leaving a job out, goes first). Every
// insertion is confirmed by the exact RouteScheduler, pickups included. Invariant: every plan is feasible.
import { Compat, NO_TIME, type Compiled } from '../../compile/compiled.ts';
import { Inserter, mergeLoads, type Solution } from '../greedy.ts';
import { RouteScheduler, StopType, type PlanStop } from '../schedule.ts';
import { pickupSourcesOk } from '../engine/pickups.ts';
import { approxKm, assignClusters, jobClusters } from './clusters.ts';

export interface ConstructOptions {
  /** seed of the clustering (default 1); the result is deterministic for a seed */
  seed?: number;
  /** stops early (the routes built so far are returned, all feasible) */
  signal?: AbortSignal;
  /** polled like `signal`, once per insertion: true stops early (a flag set by another thread) */
  shouldStop?: () => boolean;
  /** regret over the k best routes (default 3) */
  regretK?: number;
  /** weight of the regret against the priority term (u − best delta); default 1 */
  regretWeight?: number;
  /** routes a job considers during the regret phase (default 12; all compatible routes in the final sweep) */
  candidates?: number;
  /** number of k-means clusters (default: the number of technicians; 0: rank candidates by start distance only) */
  clusters?: number;
  /** insert fixed appointments (a pinned technician and start) before anything else (default true) */
  pinnedFirst?: boolean;
  /** start each technician's route with one job of its cluster (default false: measured worse) */
  seedRoutes?: boolean;
}

/** Figures of a construct() run, for benchmarks. */
export interface ConstructStats {
  /** exact RouteScheduler runs */
  exactRuns: number;
  /** positions rejected by the O(1) bounds */
  pruned: number;
  /** jobs placed by the final all-routes sweep */
  sweepPlaced: number;
  clusters: number;
  elapsedMs: number;
}

const NONE = Infinity;

/**
 * One technician's route while it is built. Node positions: 0 = start depot, 1..n = plan stops,
 * n+1 = end depot (plan index = node position − 1).
 */
class BuildRoute {
  plan: PlanStop[] = [];
  n = 0;
  /** RouteScheduler cost of the plan */
  cost = 0;
  /** loc[pos]: location of the node at pos */
  loc: Int32Array;
  /** dep[pos]: departure from node pos in the forward schedule (0: shift start), ticks; exact for a kept prefix */
  dep: Float64Array;
  /** late[pos]: latest arrival at node pos ignoring breaks (an upper bound on the true latest), ticks */
  late: Float64Array;
  /** latest end − shift start − (legs + services + pickups + breaks): no insertion may take more, ticks */
  free = 0;

  constructor(cap: number) {
    this.loc = new Int32Array(cap);
    this.dep = new Float64Array(cap);
    this.late = new Float64Array(cap);
  }

  ensure(cap: number): void {
    if (this.loc.length >= cap) return;
    const size = Math.max(cap, this.loc.length * 2);
    const loc = new Int32Array(size);
    loc.set(this.loc);
    this.loc = loc;
    this.dep = new Float64Array(size);
    this.late = new Float64Array(size);
  }
}

/** The builder: route states, the insertion cache (job × candidate slot) and the exact evaluator. */
class Builder {
  readonly sched: RouteScheduler;
  readonly routes: BuildRoute[];
  /** the parts logic shared with the greedy (deficits, allowed houses, stock checks) */
  readonly ins: Inserter;
  readonly houseLeft: Int32Array;
  readonly routed: Uint8Array;
  readonly jobStops: PlanStop[];
  /** jobLatest[job]: latest start allowed by windows and pin, ticks (Infinity: none) */
  private readonly jobLatest: Float64Array;
  private readonly scratch: PlanStop[] = [];
  // candidate positions of one evaluation: node position and lower bound, sorted by bound
  private candPos: Int32Array;
  private candLb: Float64Array;
  // result of the last evaluate()
  bDelta = NONE;
  bPos = -1;
  bHouse = -1;
  bMerge = -1;
  bLoads: Int32Array | null = null;
  exactRuns = 0;
  pruned = 0;

  constructor(readonly c: Compiled) {
    this.sched = new RouteScheduler(c);
    this.ins = new Inserter(c);
    // one stock ledger: the Inserter's, which its supply checks read
    this.houseLeft = this.ins.houseLeft;
    this.routed = new Uint8Array(c.nJobs);
    this.jobStops = Array.from({ length: c.nJobs }, (_, j) => ({ type: StopType.Job, idx: j }));
    this.jobLatest = new Float64Array(c.nJobs);
    for (let j = 0; j < c.nJobs; j++) {
      let l = Infinity;
      const w0 = c.jobWinStart[j]!;
      const w1 = c.jobWinStart[j + 1]!;
      if (w1 > w0) {
        l = -Infinity;
        for (let w = w0; w < w1; w++) l = Math.max(l, c.winEnd[w]!);
      }
      if (c.pinnedStart[j] !== NO_TIME) l = Math.min(l, c.pinnedStart[j]!);
      this.jobLatest[j] = l;
    }
    this.routes = Array.from({ length: c.nTechs }, () => new BuildRoute(16));
    this.candPos = new Int32Array(64);
    this.candLb = new Float64Array(64);
    for (let t = 0; t < c.nTechs; t++) this.refresh(t);
  }

  arc(k: number): number {
    const c = this.c;
    return c.distM[k]! * c.costPerMetre + c.driveSec[k]! * c.costPerDriveSec;
  }

  /** Recomputes route t's cost, times, bounds and free time from its plan. O(n × (parts + dims)). */
  refresh(t: number): void {
    const c = this.c;
    const R = this.routes[t]!;
    const plan = R.plan;
    const n = plan.length;
    R.n = n;
    R.ensure(n + 2);
    const res = this.sched.run(t, plan, true);
    if (!res.feasible) throw new Error(`internal: construct built an infeasible route for ${c.techIds[t]} (${res.fail})`);
    R.cost = res.cost;
    const nL = c.nLocs;
    R.loc[0] = c.techStartLoc[t]!;
    R.dep[0] = c.shiftStart[t]!;
    for (let i = 0; i < n; i++) {
      const s = plan[i]!;
      R.loc[i + 1] = s.type === StopType.Job ? c.jobLoc[s.idx]! : c.houseLoc[s.idx]!;
    }
    R.loc[n + 1] = c.techEndLoc[t]!;
    let busy = 0;
    for (const s of res.stops) {
      if (s.kind === 2) busy += s.end - s.start;
      else {
        R.dep[s.planPos + 1] = s.departure;
        busy += s.departure - s.start + c.legTicks[s.fromLoc * nL + s.loc]!;
      }
    }
    if (n > 0) busy += c.legTicks[R.loc[n]! * nL + R.loc[n + 1]!]!;
    else for (let b = c.techBreakStart[t]!; b < c.techBreakStart[t + 1]!; b++) busy += c.breakDurTicks[b]!;
    R.free = c.latestEnd[t]! - c.shiftStart[t]! - busy;
    // latest arrivals, backwards (breaks ignored: an upper bound)
    R.late[n + 1] = c.latestEnd[t]!;
    for (let i = n; i >= 1; i--) {
      const s = plan[i - 1]!;
      const leg = c.legTicks[R.loc[i]! * nL + R.loc[i + 1]!]!;
      let own: number;
      let dur: number;
      if (s.type === StopType.Job) {
        own = this.jobLatest[s.idx]!;
        dur = c.serviceTicks[s.idx * c.nTechs + t]! + c.bufferTicks[s.idx * c.nTechs + t]!;
      } else {
        dur = c.pickupTicks[s.idx]!;
        own = c.houseClose[s.idx]! - dur;
      }
      R.late[i] = Math.min(own, R.late[i + 1]! - leg - dur);
    }
  }

  /** Exact cost of tech t's plan with job j inserted at plan index pi (optional pickup before it, or plan[replaceAt] replaced); NaN if infeasible. */
  private tryAt(t: number, pi: number, j: number, pickup: PlanStop | null, replaceAt: number, replacement: PlanStop | null): number {
    const plan = this.routes[t]!.plan;
    const s = this.scratch;
    s.length = 0;
    for (let i = 0; i < pi; i++) s.push(i === replaceAt ? replacement! : plan[i]!);
    if (pickup) s.push(pickup);
    s.push(this.jobStops[j]!);
    for (let i = pi; i < plan.length; i++) s.push(plan[i]!);
    this.exactRuns++;
    const r = this.sched.run(t, s);
    this.lastFail = r.fail;
    this.lastFailPos = r.failPos;
    return r.feasible && pickupSourcesOk(this.c, s) ? r.cost : NaN;
  }
  private lastFail: string | null = null;
  private lastFailPos = -1;

  /**
   * Best insertion of job j into tech t's route (into bDelta, bPos, bHouse, bMerge, bLoads; bDelta =
   * Infinity when none). Positions are filtered by the free time and the time bounds, then tried in
   * order of their cost lower bound (arc delta + assignment + lateness) until the bound passes the
   * best exact delta. Same result as trying every position (for zero wait cost). O(n) + exact runs.
   */
  evaluate(t: number, j: number): void {
    const c = this.c;
    this.bDelta = NONE;
    this.bPos = -1;
    this.bHouse = -1;
    this.bMerge = -1;
    this.bLoads = null;
    if (c.compat[t * c.nJobs + j] !== Compat.Ok) return;
    const R = this.routes[t]!;
    const n = R.n;
    const nL = c.nLocs;
    const jl = c.jobLoc[j]!;
    const k = j * c.nTechs + t;
    const dur = c.serviceTicks[k]! + c.bufferTicks[k]!;
    if (dur > R.free) {
      this.pruned += n + 1;
      return;
    }
    const assign = c.assignCost[t * c.nJobs + j]!;
    const dl = c.deadline[j]!;
    if (this.candPos.length < n + 1) {
      this.candPos = new Int32Array(2 * (n + 1));
      this.candLb = new Float64Array(2 * (n + 1));
    }
    const cp = this.candPos;
    const cl = this.candLb;
    let m = 0;
    for (let p = 1; p <= n + 1; p++) {
      const a = R.loc[p - 1]!;
      const b = R.loc[p]!;
      const legAJ = c.legTicks[a * nL + jl]!;
      const legJB = c.legTicks[jl * nL + b]!;
      if (dur + legAJ + legJB - (n === 0 ? 0 : c.legTicks[a * nL + b]!) > R.free) {
        this.pruned++;
        continue;
      }
      const arrive = R.dep[p - 1]! + legAJ;
      const st = this.sched.jobStart(j, arrive);
      if (st < 0 || st + dur + legJB > R.late[p]!) {
        this.pruned++;
        continue;
      }
      let lb = this.arc(a * nL + jl) + this.arc(jl * nL + b) - (n === 0 ? 0 : this.arc(a * nL + b)) + assign;
      if (dl !== NO_TIME && arrive > dl) lb += (arrive - dl) * c.costPerLateTick;
      // insertion sort by bound (few positions)
      let i = m++;
      while (i > 0 && cl[i - 1]! > lb) {
        cl[i] = cl[i - 1]!;
        cp[i] = cp[i - 1]!;
        i--;
      }
      cl[i] = lb;
      cp[i] = p;
    }
    const base = R.cost;
    for (let q = 0; q < m; q++) {
      if (!(cl[q]! < this.bDelta)) break;
      const p = cp[q]!;
      const pi = p - 1;
      const cost = this.tryAt(t, pi, j, null, -1, null);
      if (cost === cost) {
        if (cost - base < this.bDelta) this.setBest(cost - base, pi, -1, -1, null);
        continue;
      }
      if (this.lastFail !== 'parts' || this.lastFailPos !== pi) continue;
      const loads = this.ins.deficit(t, R.plan, pi, j);
      if (!loads) continue;
      // load the missing parts at a pickup already on the route before the job…
      for (let kk = 0; kk < pi; kk++) {
        const stop = R.plan[kk]!;
        if (stop.type !== StopType.Pickup || !this.ins.allowedHouse(j, stop.idx) || !this.ins.houseCanSupply(stop.idx, loads)) continue;
        const merged: PlanStop = { type: StopType.Pickup, idx: stop.idx, loads: stop.loads ? mergeLoads(stop.loads, loads) : loads };
        const mc = this.tryAt(t, pi, j, null, kk, merged);
        if (mc === mc && mc - base < this.bDelta) this.setBest(mc - base, pi, stop.idx, kk, loads);
      }
      // …or stop at a supply house right before it (bounded by the detour's arc cost)
      const a = R.loc[p - 1]!;
      const b = R.loc[p]!;
      for (let h = 0; h < c.nHouses; h++) {
        if (!this.ins.allowedHouse(j, h) || !this.ins.houseCanSupply(h, loads)) continue;
        const hl = c.houseLoc[h]!;
        const hlb = this.arc(a * nL + hl) + this.arc(hl * nL + jl) + this.arc(jl * nL + b) - (n === 0 ? 0 : this.arc(a * nL + b)) + assign;
        if (!(hlb < this.bDelta)) continue;
        const pc = this.tryAt(t, pi, j, { type: StopType.Pickup, idx: h, loads }, -1, null);
        if (pc === pc && pc - base < this.bDelta) this.setBest(pc - base, pi, h, -1, loads);
      }
    }
  }

  private setBest(delta: number, pi: number, house: number, merge: number, loads: Int32Array | null): void {
    this.bDelta = delta;
    this.bPos = pi;
    this.bHouse = house;
    this.bMerge = merge;
    this.bLoads = loads;
  }

  /** Inserts job j into tech t's plan (plan index pi, optional pickup) and refreshes the route. */
  apply(t: number, j: number, pi: number, house: number, merge: number, loads: Int32Array | null): void {
    const c = this.c;
    const plan = this.routes[t]!.plan;
    if (house >= 0 && loads) {
      for (let k = 0; k < loads.length; k += 2) {
        const at = house * c.nSkus + loads[k]!;
        this.houseLeft[at] = this.houseLeft[at]! - loads[k + 1]!;
      }
      if (merge >= 0) {
        const old = plan[merge]!;
        plan[merge] = { type: StopType.Pickup, idx: house, loads: old.loads ? mergeLoads(old.loads, loads) : loads };
        plan.splice(pi, 0, this.jobStops[j]!);
      } else plan.splice(pi, 0, { type: StopType.Pickup, idx: house, loads }, this.jobStops[j]!);
    } else plan.splice(pi, 0, this.jobStops[j]!);
    this.routed[j] = 1;
    this.refresh(t);
  }
}

/**
 * Candidate routes of each job: its compatible technicians ranked by the distance from the job to the
 * nearer of the technician's start and its cluster's centroid (the technician given the job's own
 * cluster first). Returns cand[job * R + slot] (−1: empty slot). O(nJobs × nTechs log nTechs).
 */
function candidateRoutes(c: Compiled, R: number, clusterOf: Int32Array, techCluster: Int32Array, cLat: Float64Array, cLon: Float64Array): Int32Array {
  const nT = c.nTechs;
  const cand = new Int32Array(c.nJobs * R).fill(-1);
  const key = new Float64Array(nT);
  const order = Array.from({ length: nT }, (_, t) => t);
  const techs: number[] = [];
  for (let j = 0; j < c.nJobs; j++) {
    const jl = c.jobLoc[j]!;
    const lat = c.locLat[jl]!;
    const lon = c.locLon[jl]!;
    techs.length = 0;
    for (const t of order) {
      if (c.compat[t * c.nJobs + j] !== Compat.Ok) continue;
      const s = c.techStartLoc[t]!;
      let d = approxKm(lat, lon, c.locLat[s]!, c.locLon[s]!);
      const q = techCluster[t]!;
      if (q >= 0) d = q === clusterOf[j] ? -1 : Math.min(d, approxKm(lat, lon, cLat[q]!, cLon[q]!));
      key[t] = d;
      techs.push(t);
    }
    techs.sort((a, b) => key[a]! - key[b]! || a - b);
    for (let s = 0; s < Math.min(R, techs.length); s++) cand[j * R + s] = techs[s]!;
  }
  return cand;
}

/**
 * Builds a feasible Solution by clustering-aware regret insertion (see the file header). Deterministic
 * for a seed. Roughly O(nJobs × candidates) exact evaluations plus O(nJobs) per insertion.
 */
export function construct(c: Compiled, options: ConstructOptions = {}, stats?: ConstructStats): Solution {
  const t0 = performance.now();
  const { seed = 1, signal, shouldStop, regretK = 3, regretWeight = 1, seedRoutes = false } = options;
  const nJ = c.nJobs;
  const nT = c.nTechs;
  const R = Math.max(1, Math.min(nT, options.candidates ?? 12));
  const B = new Builder(c);
  const cl = jobClusters(c, { k: options.clusters ?? nT, seed });
  const techCluster = options.clusters === 0 ? new Int32Array(nT).fill(-1) : assignClusters(c, cl);
  const cand = candidateRoutes(c, R, cl.clusterOf, techCluster, cl.lat, cl.lon);

  // inverted lists: routeJobs[t] = the (job, slot) pairs that have t as a candidate
  const rjStart = new Int32Array(nT + 1);
  for (let i = 0; i < cand.length; i++) if (cand[i]! >= 0) rjStart[cand[i]! + 1] = rjStart[cand[i]! + 1]! + 1;
  for (let t = 0; t < nT; t++) rjStart[t + 1] = rjStart[t + 1]! + rjStart[t]!;
  const rjFill = rjStart.slice(0, nT);
  const rjEntry = new Int32Array(rjStart[nT]!);
  for (let i = 0; i < cand.length; i++) if (cand[i]! >= 0) rjEntry[rjFill[cand[i]!]!++] = i;

  // the insertion cache, per (job, slot)
  const cDelta = new Float64Array(nJ * R).fill(NONE);
  const cPos = new Int32Array(nJ * R);
  const cHouse = new Int32Array(nJ * R).fill(-1);
  const cMerge = new Int32Array(nJ * R).fill(-1);
  const cLoads: (Int32Array | null)[] = new Array<Int32Array | null>(nJ * R).fill(null);
  const score = new Float64Array(nJ).fill(-Infinity);
  const best = new Int32Array(nJ).fill(-1);
  const top = new Float64Array(Math.max(1, regretK));

  const price = (i: number): void => {
    const j = Math.floor(i / R);
    B.evaluate(cand[i]!, j);
    cDelta[i] = B.bDelta;
    cPos[i] = B.bPos;
    cHouse[i] = B.bHouse;
    cMerge[i] = B.bMerge;
    cLoads[i] = B.bLoads;
  };
  // score = (u − d1) + w · Σ_{h=2..k} (min(d_h, u) − d1): a missing alternative counts as leaving the job out
  const rescore = (j: number): void => {
    const u = c.unassignedCost[j]!;
    const K = top.length;
    top.fill(NONE);
    let bi = -1;
    for (let s = 0; s < R; s++) {
      const d = cDelta[j * R + s]!;
      if (!(d < top[K - 1]!)) continue;
      let i = K - 1;
      while (i > 0 && top[i - 1]! > d) {
        top[i] = top[i - 1]!;
        i--;
      }
      top[i] = d;
      if (i === 0) bi = j * R + s;
    }
    const d1 = top[0]!;
    if (!(d1 < u)) {
      score[j] = -Infinity;
      best[j] = -1;
      return;
    }
    let regret = 0;
    for (let h = 1; h < K; h++) regret += Math.min(top[h]!, u) - d1;
    score[j] = u - d1 + regretWeight * regret;
    best[j] = bi;
  };
  const place = (j: number, i: number): void => {
    const t = cand[i]!;
    B.apply(t, j, cPos[i]!, cHouse[i]!, cMerge[i]!, cLoads[i]!);
    score[j] = -Infinity;
    best[j] = -1;
    for (let e = rjStart[t]!; e < rjStart[t + 1]!; e++) {
      const k = rjEntry[e]!;
      const jj = Math.floor(k / R);
      if (B.routed[jj]) continue;
      price(k);
    }
    for (let e = rjStart[t]!; e < rjStart[t + 1]!; e++) {
      const jj = Math.floor(rjEntry[e]! / R);
      if (!B.routed[jj]) rescore(jj);
    }
  };

  // fixed appointments first (pinned to a technician and a start: no choice left), earliest first
  const pinned: number[] = [];
  if (options.pinnedFirst ?? true) for (let j = 0; j < nJ; j++) if (c.pinnedTech[j]! >= 0 && c.pinnedStart[j] !== NO_TIME) pinned.push(j);
  pinned.sort((a, b) => (c.pinnedStart[a] === NO_TIME ? Infinity : c.pinnedStart[a]!) - (c.pinnedStart[b] === NO_TIME ? Infinity : c.pinnedStart[b]!) || a - b);
  for (const j of pinned) {
    let bt = -1;
    let bd = c.unassignedCost[j]!;
    for (let t = 0; t < nT; t++) {
      B.evaluate(t, j);
      if (B.bDelta < bd) {
        bd = B.bDelta;
        bt = t;
      }
    }
    if (bt < 0) continue;
    B.evaluate(bt, j);
    B.apply(bt, j, B.bPos, B.bHouse, B.bMerge, B.bLoads);
  }

  // seeds: each technician's route starts with the most costly-to-leave-out job of its cluster it can take
  if (seedRoutes) {
    for (let t = 0; t < nT; t++) {
      const q = techCluster[t]!;
      if (q < 0) continue;
      let pick = -1;
      for (let m = cl.start[q]!; m < cl.start[q + 1]!; m++) {
        const j = cl.members[m]!;
        if (B.routed[j] || c.compat[t * nJ + j] !== Compat.Ok) continue;
        if (pick < 0 || c.unassignedCost[j]! > c.unassignedCost[pick]!) pick = j;
      }
      if (pick < 0) continue;
      B.evaluate(t, pick);
      if (B.bDelta < c.unassignedCost[pick]!) B.apply(t, pick, B.bPos, B.bHouse, B.bMerge, B.bLoads);
    }
  }

  for (let i = 0; i < cand.length; i++) if (cand[i]! >= 0 && !B.routed[Math.floor(i / R)]) price(i);
  for (let j = 0; j < nJ; j++) if (!B.routed[j]) rescore(j);

  const stopped = (): boolean => signal?.aborted === true || shouldStop?.() === true;
  let iterations = 0;
  for (;;) {
    if (stopped()) break;
    let pick = -1;
    let ps = -Infinity;
    for (let j = 0; j < nJ; j++) {
      if (score[j]! > ps) {
        ps = score[j]!;
        pick = j;
      }
    }
    if (pick < 0) break;
    const i = best[pick]!;
    const h = cHouse[i]!;
    const loads = cLoads[i]!;
    if (h >= 0 && loads && !B.ins.houseCanSupply(h, loads)) {
      // another route took that stock since this insertion was priced
      price(i);
      rescore(pick);
      continue;
    }
    place(pick, i);
    iterations++;
  }

  // final sweep: what is left tries every compatible route, most costly to leave out first
  let sweepPlaced = 0;
  if (!stopped()) {
    const left: number[] = [];
    for (let j = 0; j < nJ; j++) if (!B.routed[j]) left.push(j);
    left.sort((a, b) => c.unassignedCost[b]! - c.unassignedCost[a]! || a - b);
    for (const j of left) {
      if (stopped()) break;
      let bt = -1;
      let bd = c.unassignedCost[j]!;
      let bPos = -1;
      let bHouse = -1;
      let bMerge = -1;
      let bLoads: Int32Array | null = null;
      for (let t = 0; t < nT; t++) {
        B.evaluate(t, j);
        if (B.bDelta < bd) {
          bd = B.bDelta;
          bt = t;
          bPos = B.bPos;
          bHouse = B.bHouse;
          bMerge = B.bMerge;
          bLoads = B.bLoads;
        }
      }
      if (bt < 0) continue;
      B.apply(bt, j, bPos, bHouse, bMerge, bLoads);
      sweepPlaced++;
      iterations++;
    }
  }

  const unassigned: number[] = [];
  for (let j = 0; j < nJ; j++) if (!B.routed[j]) unassigned.push(j);
  const routeCost = new Float64Array(nT);
  for (let t = 0; t < nT; t++) routeCost[t] = B.routes[t]!.cost;
  if (stats) {
    stats.exactRuns = B.exactRuns;
    stats.pruned = B.pruned;
    stats.sweepPlaced = sweepPlaced;
    stats.clusters = cl.k;
    stats.elapsedMs = performance.now() - t0;
  }
  return { plans: B.routes.map((r) => r.plan), unassigned, routeCost, iterations };
}
