// The mutable search state: routes loaded from a Solution (and unloaded back), each with cached
// prefix/suffix time-window segments (Vidal et al. 2013) so that a move is priced in O(1) by
// concatenating 2–4 segments. Invariant: every cache matches `stops` after `update(route)`.
import { Compat, NO_TIME, UNREACHABLE, type Compiled } from '../../compile/compiled.ts';
import { Inserter, type Solution } from '../greedy.ts';
import { RouteScheduler, StopType, type PlanStop } from '../schedule.ts';
import { pickupSourcesOk } from './pickups.ts';

/** Earliest start of a node with no lower bound, ticks (exact in doubles when added to int32 times). */
export const EARLY_NONE = -1e15;
/** Latest start of a node with no upper bound, ticks. */
export const LATE_NONE = 1e15;
/** A move must gain more than this (cost units) to be applied (guards against float cycling). */
export const GAIN_EPS = 1e-6;

/** Initial penalties as multiples of a tick of average driving / an average arc per average demand. */
const INITIAL_PENALTY = 10;

/** Max pieces per route side of a move, and ints per piece: [srcRoute, from, to, reversed]. */
const MAX_PIECES = 6;
/**
 * Arc costs are read from one precomputed table (one memory access per random arc instead of two,
 * the same values) up to this many matrix entries (8 bytes each, per search): 1,100 locations on
 * the large sample, about 10 MB. arcCostAt was 12% of a 10 s large solve's profile.
 */
const ARC_TABLE_MAX = 4_000_000;
const PIECE = 4;

/**
 * One technician's route. Positions: 0 = start depot, 1..n = stops (jobs and pickups), n+1 = end
 * depot. Arrays are sized to a capacity ≥ n+2 and grow by doubling.
 */
export class RouteData {
  /** number of stops */
  n = 0;
  stops: PlanStop[] = [];
  /** loc[pos]: location index of the node at pos */
  loc: Int32Array;
  /** job[pos]: job index at pos, -1 for a pickup or a depot */
  job: Int32Array;
  /** sD/sE/sL[pos]: the node's own duration (service + buffer), earliest and latest start, ticks */
  sD: Float64Array;
  sE: Float64Array;
  sL: Float64Array;
  /** sLoad[pos * nDims + d]: the node's demand */
  sLoad: Float64Array;
  /**
   * f*[pos]: the segment of positions 0..pos (start depot included): duration, time warp, earliest/latest
   * start, arc cost; fCost[n + 1] is the whole route's arc cost (end depot included)
   */
  fD: Float64Array;
  fTW: Float64Array;
  fE: Float64Array;
  fL: Float64Array;
  fCost: Float64Array;
  /** fLoad[pos * nDims + d]: demand of positions 0..pos */
  fLoad: Float64Array;
  /**
   * fBusy[pos]: leg ticks and own durations of positions 0..pos (no waiting), ticks; fBusy[n + 1] = busy.
   * The leg into pos is fBusy[pos] − fBusy[pos − 1] − sD[pos] (sD[n + 1] = 0), its cost fCost[pos] − fCost[pos − 1].
   */
  fBusy: Float64Array;
  /** b*[pos]: the segment of positions pos..n (stops only, no end depot); meaningful for 1 ≤ pos ≤ n */
  bD: Float64Array;
  bTW: Float64Array;
  bE: Float64Array;
  bL: Float64Array;
  bCost: Float64Array;
  /** bLoad[pos * nDims + d]: demand of positions pos..n */
  bLoad: Float64Array;
  /** penalised segment cost of the whole route (the O(1) model), cost units */
  estCost = 0;
  /** the route's objective: estCost in plain mode, RouteScheduler cost in exact mode */
  cost = 0;
  /** arc cost of the whole route (distance and drive), and estCost minus it (penalties, overtime) */
  arcCost = 0;
  penalty = 0;
  /** legs and own durations of the whole route (end depot included; 0 with no stops), ticks */
  busy = 0;
  /** time warp of the whole route, ticks, and excess load summed over dimensions */
  timeWarp = 0;
  excessLoad = 0;
  /** clock value of the last change */
  lastModified = 0;
  /**
   * clock value when the route's current stops were first set: like lastModified, except that a
   * rollback gives a restored route its old version back (for caches that depend on the stops only)
   */
  version = 0;

  constructor(
    readonly tech: number,
    private readonly nDims: number,
    cap: number,
  ) {
    this.loc = new Int32Array(cap);
    this.job = new Int32Array(cap);
    this.sD = new Float64Array(cap);
    this.sE = new Float64Array(cap);
    this.sL = new Float64Array(cap);
    this.sLoad = new Float64Array(cap * nDims);
    this.fD = new Float64Array(cap);
    this.fTW = new Float64Array(cap);
    this.fE = new Float64Array(cap);
    this.fL = new Float64Array(cap);
    this.fCost = new Float64Array(cap);
    this.fLoad = new Float64Array(cap * nDims);
    this.fBusy = new Float64Array(cap);
    this.bD = new Float64Array(cap);
    this.bTW = new Float64Array(cap);
    this.bE = new Float64Array(cap);
    this.bL = new Float64Array(cap);
    this.bCost = new Float64Array(cap);
    this.bLoad = new Float64Array(cap * nDims);
  }

  /** Grows every array to hold at least `cap` positions. */
  ensure(cap: number): void {
    if (this.loc.length >= cap) return;
    let size = this.loc.length * 2;
    while (size < cap) size *= 2;
    const d = this.nDims;
    const grow = <A extends Int32Array | Float64Array>(a: A, k: number): A => {
      const b = new (a.constructor as new (n: number) => A)(size * k);
      b.set(a);
      return b;
    };
    this.loc = grow(this.loc, 1);
    this.job = grow(this.job, 1);
    this.sD = grow(this.sD, 1);
    this.sE = grow(this.sE, 1);
    this.sL = grow(this.sL, 1);
    this.sLoad = grow(this.sLoad, d);
    this.fD = grow(this.fD, 1);
    this.fTW = grow(this.fTW, 1);
    this.fE = grow(this.fE, 1);
    this.fL = grow(this.fL, 1);
    this.fCost = grow(this.fCost, 1);
    this.fLoad = grow(this.fLoad, d);
    this.fBusy = grow(this.fBusy, 1);
    this.bD = grow(this.bD, 1);
    this.bTW = grow(this.bTW, 1);
    this.bE = grow(this.bE, 1);
    this.bL = grow(this.bL, 1);
    this.bCost = grow(this.bCost, 1);
    this.bLoad = grow(this.bLoad, d);
  }
}

/** Does the instance need the exact RouteScheduler to confirm moves (anything beyond plain VRPTW)? */
export function needsExact(c: Compiled): boolean {
  if (c.costPerWaitTick > 0 || c.partSku.length > 0 || c.breakDurTicks.length > 0) return true;
  for (let t = 0; t < c.nTechs; t++) if (c.maxDriveTicks[t]! < UNREACHABLE) return true;
  for (let j = 0; j < c.nJobs; j++) {
    if (c.jobWinStart[j + 1]! - c.jobWinStart[j]! > 1) return true;
    if (c.pinnedStart[j] !== NO_TIME || c.deadline[j] !== NO_TIME) return true;
    const s0 = c.serviceTicks[j * c.nTechs]! + c.bufferTicks[j * c.nTechs]!;
    for (let t = 1; t < c.nTechs; t++) if (c.serviceTicks[j * c.nTechs + t]! + c.bufferTicks[j * c.nTechs + t]! !== s0) return true;
  }
  for (let k = 0; k < c.assignCost.length; k++) if (c.assignCost[k] !== 0) return true;
  return false;
}

export class SearchState {
  readonly routes: RouteData[];
  /** routeOf[job]: route index, -1 when unassigned */
  readonly routeOf: Int32Array;
  /** posOf[job]: position in its route (1..n) */
  readonly posOf: Int32Array;
  /** unassigned jobs, in no particular order */
  unassigned: number[] = [];
  /** true: routes are priced by RouteScheduler and always feasible; false: plain VRPTW, exact segments with penalties */
  readonly exact: boolean;
  readonly sched: RouteScheduler;
  /** the inserter (its houseLeft is the supply houses' remaining stock for this state) */
  readonly ins: Inserter;
  /** penalty per tick of time warp, and per unit of excess load */
  twPenalty: number;
  loadPenalty: number;
  /** bumped on every route change; routes remember it in lastModified */
  clock = 1;
  /** bumped whenever the penalties change (every route repriced) */
  priceEpoch = 0;
  /** skuRaisedAt[sku]: clock value when some supply house's stock of the sku last rose (a pickup dropped, a rollback, a load) */
  readonly skuRaisedAt: Float64Array;
  /** jobE/jobL[job]: earliest/latest start bound (hull of windows, release, pin), ticks */
  readonly jobE: Float64Array;
  readonly jobL: Float64Array;
  /** every technician may do every job */
  readonly allCompat: boolean;
  /** some (technician, job) pair has a fixed assignment cost (overqualification, preferred miss) */
  readonly hasAssign: boolean;
  /**
   * vanOk[tech * nJobs + job]: the technician may do the job and starts the day with its parts in the
   * van (the local search moves no pickups, so a job whose parts the van lacks only moves by recreate)
   */
  readonly vanOk: Uint8Array;
  /** the highest overtime cost per tick over the technicians */
  readonly maxOvertimePerTick: number;
  /** arc costs and leg ticks are symmetric (a reversed stretch costs the same) */
  readonly symmetric: boolean;

  // move buffer: up to two route sides, each a list of pieces
  private mvSides = 0;
  private readonly mvRoute = new Int32Array(2);
  private readonly mvNp = new Int32Array(2);
  private readonly mvPc = new Int32Array(2 * MAX_PIECES * PIECE);
  private readonly mvPlan: PlanStop[][] = [[], []];

  // the concatenation accumulator (a segment under construction)
  private aD = 0;
  private aTW = 0;
  private aE = 0;
  private aL = 0;
  private aCost = 0;
  private aLast = 0;
  private aN = 0;
  private readonly aLoad: Float64Array;
  /** time warp and excess load of the last finished concatenation */
  lastTW = 0;
  lastExcess = 0;

  // the journal: routes' stops before the first change since beginJournal()
  private journaling = false;
  private readonly saved = new Map<number, PlanStop[]>();
  private readonly savedVersion = new Map<number, number>();
  private readonly savedSkuRaisedAt: Float64Array;
  private savedUnassigned: number[] = [];
  private savedHouseLeft: Int32Array;

  constructor(readonly c: Compiled) {
    this.exact = needsExact(c);
    this.ins = new Inserter(c);
    this.sched = this.ins.sched;
    this.routeOf = new Int32Array(c.nJobs).fill(-1);
    this.posOf = new Int32Array(c.nJobs);
    this.aLoad = new Float64Array(c.nDims);
    this.savedHouseLeft = new Int32Array(this.ins.houseLeft.length);
    this.skuRaisedAt = new Float64Array(c.nSkus);
    this.savedSkuRaisedAt = new Float64Array(c.nSkus);
    const cap = Math.max(8, Math.min(2 * c.nJobs + 2, 64));
    this.routes = Array.from({ length: c.nTechs }, (_, t) => new RouteData(t, c.nDims, cap));
    this.jobE = new Float64Array(c.nJobs);
    this.jobL = new Float64Array(c.nJobs);
    for (let j = 0; j < c.nJobs; j++) {
      const w0 = c.jobWinStart[j]!;
      const w1 = c.jobWinStart[j + 1]!;
      let e = w0 < w1 ? c.winStart[w0]! : EARLY_NONE;
      let l = w0 < w1 ? Math.max(...Array.from(c.winEnd.subarray(w0, w1))) : LATE_NONE;
      if (c.release[j] !== NO_TIME) e = Math.max(e, c.release[j]!);
      if (c.pinnedStart[j] !== NO_TIME) e = l = c.pinnedStart[j]!;
      this.jobE[j] = e;
      this.jobL[j] = l;
    }
    this.allCompat = c.compat.every((x) => x === Compat.Ok);
    this.hasAssign = c.assignCost.some((x) => x !== 0);
    this.vanOk = new Uint8Array(c.nTechs * c.nJobs);
    for (let t = 0; t < c.nTechs; t++) {
      for (let j = 0; j < c.nJobs; j++) {
        let ok = c.compat[t * c.nJobs + j] === Compat.Ok;
        for (let p = c.jobPartStart[j]!; ok && p < c.jobPartStart[j + 1]!; p++) ok = c.vanStock[t * c.nSkus + c.partSku[p]!]! >= c.partQty[p]!;
        this.vanOk[t * c.nJobs + j] = ok ? 1 : 0;
      }
    }
    this.maxOvertimePerTick = c.overtimeCostPerTick.reduce((a, b) => Math.max(a, b), 0);
    let sym = true;
    for (let a = 0; a < c.nLocs && sym; a++) {
      for (let b = a + 1; b < c.nLocs; b++) {
        const ab = a * c.nLocs + b;
        const ba = b * c.nLocs + a;
        if (c.distM[ab] !== c.distM[ba] || c.driveSec[ab] !== c.driveSec[ba] || c.legTicks[ab] !== c.legTicks[ba]) {
          sym = false;
          break;
        }
      }
    }
    this.symmetric = sym;
    const nn = c.nLocs * c.nLocs;
    if (nn <= ARC_TABLE_MAX) {
      const t = new Float64Array(nn);
      for (let k = 0; k < nn; k++) t[k] = c.distM[k]! * c.costPerMetre + c.driveSec[k]! * c.costPerDriveSec;
      this.arcTable = t;
    } else this.arcTable = null;
    // initial penalties: a tick of time warp costs as much as a tick of average driving; a unit of
    // excess load as much as an average arc (the penalty manager adapts both)
    let arc = 0;
    let leg = 0;
    let cnt = 0;
    const n = c.nLocs;
    const step = Math.max(1, Math.floor((n * n) / 20000));
    for (let k = 0; k < n * n; k += step) {
      const a = this.arcCostAt(k);
      if (!Number.isFinite(a) || c.legTicks[k]! >= UNREACHABLE || c.legTicks[k] === 0) continue;
      arc += a;
      leg += c.legTicks[k]!;
      cnt++;
    }
    const avgArc = cnt ? arc / cnt : 1;
    const avgLeg = cnt ? leg / cnt : 1;
    let dem = 0;
    for (let k = 0; k < c.demand.length; k++) dem += c.demand[k]!;
    const avgDemand = c.nJobs && c.nDims ? dem / (c.nJobs * c.nDims) : 1;
    this.avgArcCost = avgArc || 1;
    this.costPerTick = (avgArc || 1) / (avgLeg || 1);
    this.twPenalty = INITIAL_PENALTY * this.costPerTick;
    this.loadPenalty = (INITIAL_PENALTY * (avgArc || 1)) / (avgDemand || 1);
  }

  /** average arc cost (cost units) and cost of an average tick of driving */
  readonly avgArcCost: number;
  readonly costPerTick: number;

  /** arcTable[k] = arcCostAt(k), precomputed when the matrix is small enough (ARC_TABLE_MAX) */
  private readonly arcTable: Float64Array | null;

  /** Cost of the arc at matrix index k (distance and drive cost). */
  arcCostAt(k: number): number {
    const t = this.arcTable;
    if (t !== null) return t[k]!;
    const c = this.c;
    return c.distM[k]! * c.costPerMetre + c.driveSec[k]! * c.costPerDriveSec;
  }

  /** Leg ticks of the arc at matrix index k. */
  legAt(k: number): number {
    return this.c.legTicks[k]!;
  }

  // --- loading and unloading ---

  /** Loads `sol` (its plans are copied; the caller's arrays are not touched). */
  load(sol: Solution): void {
    const c = this.c;
    this.routeOf.fill(-1);
    this.ins.houseLeft.set(c.houseStock);
    this.skuRaisedAt.fill(this.clock);
    for (let t = 0; t < c.nTechs; t++) {
      const plan = sol.plans[t] ?? [];
      for (const s of plan) {
        if (s.type === StopType.Pickup && s.loads) {
          for (let k = 0; k < s.loads.length; k += 2) {
            const at = s.idx * c.nSkus + s.loads[k]!;
            this.ins.houseLeft[at] = this.ins.houseLeft[at]! - s.loads[k + 1]!;
          }
        }
      }
      this.routes[t]!.stops = plan.map((s) => (s.type === StopType.Job ? this.ins.jobStop(s.idx) : s));
      this.update(t);
    }
    this.unassigned = [];
    for (let j = 0; j < c.nJobs; j++) if (this.routeOf[j] === -1) this.unassigned.push(j);
  }

  /** The current routes as a Solution (plans copied; routeCost from the RouteScheduler). */
  unload(iterations: number): Solution {
    const plans = this.routes.map((r) => r.stops.slice());
    const routeCost = new Float64Array(this.c.nTechs);
    for (let t = 0; t < this.c.nTechs; t++) routeCost[t] = this.sched.run(t, plans[t]!).cost;
    return { plans, unassigned: this.unassigned.slice().sort((a, b) => a - b), routeCost, iterations };
  }

  // --- route caches ---

  /** Recomputes every cache of route r from its stops. O(n × nDims), plus a RouteScheduler run in exact mode. */
  update(r: number): void {
    const c = this.c;
    const R = this.routes[r]!;
    const t = R.tech;
    const stops = R.stops;
    const n = stops.length;
    const nd = c.nDims;
    R.n = n;
    R.ensure(n + 2);
    R.lastModified = R.version = ++this.clock;
    // nodes
    R.loc[0] = c.techStartLoc[t]!;
    R.job[0] = -1;
    R.sD[0] = 0;
    R.sE[0] = c.shiftStart[t]!;
    R.sL[0] = c.latestEnd[t]!;
    for (let d = 0; d < nd; d++) R.sLoad[d] = 0;
    for (let i = 1; i <= n; i++) {
      const s = stops[i - 1]!;
      if (s.type === StopType.Job) {
        const j = s.idx;
        R.loc[i] = c.jobLoc[j]!;
        R.job[i] = j;
        R.sD[i] = c.serviceTicks[j * c.nTechs + t]! + c.bufferTicks[j * c.nTechs + t]!;
        R.sE[i] = this.jobE[j]!;
        R.sL[i] = this.jobL[j]!;
        for (let d = 0; d < nd; d++) R.sLoad[i * nd + d] = c.demand[j * nd + d]!;
        this.routeOf[j] = r;
        this.posOf[j] = i;
      } else {
        const h = s.idx;
        R.loc[i] = c.houseLoc[h]!;
        R.job[i] = -1;
        R.sD[i] = c.pickupTicks[h]!;
        R.sE[i] = c.houseOpen[h]!;
        R.sL[i] = c.houseClose[h]! - c.pickupTicks[h]!;
        for (let d = 0; d < nd; d++) R.sLoad[i * nd + d] = 0;
      }
    }
    R.loc[n + 1] = c.techEndLoc[t]!;
    R.job[n + 1] = -1;
    // forward: f[0] is the start depot alone, f[i] = f[i-1] ⊕ node i
    R.fD[0] = 0;
    R.fTW[0] = 0;
    R.fE[0] = R.sE[0]!;
    R.fL[0] = R.sL[0]!;
    R.fCost[0] = 0;
    R.fBusy[0] = 0;
    for (let d = 0; d < nd; d++) R.fLoad[d] = 0;
    for (let i = 1; i <= n; i++) {
      R.fBusy[i] = R.fBusy[i - 1]! + this.legAt(R.loc[i - 1]! * c.nLocs + R.loc[i]!) + R.sD[i]!;
      this.accPrefix(R, i - 1);
      this.accNode(R, i);
      R.fD[i] = this.aD;
      R.fTW[i] = this.aTW;
      R.fE[i] = this.aE;
      R.fL[i] = this.aL;
      R.fCost[i] = this.aCost;
      for (let d = 0; d < nd; d++) R.fLoad[i * nd + d] = this.aLoad[d]!;
    }
    // backward: b[n] is node n alone, b[i] = node i ⊕ b[i+1]
    for (let i = n; i >= 1; i--) {
      if (i === n) {
        R.bD[i] = R.sD[i]!;
        R.bTW[i] = 0;
        R.bE[i] = R.sE[i]!;
        R.bL[i] = R.sL[i]!;
        R.bCost[i] = 0;
        for (let d = 0; d < nd; d++) R.bLoad[i * nd + d] = R.sLoad[i * nd + d]!;
        continue;
      }
      this.aD = R.sD[i]!;
      this.aTW = 0;
      this.aE = R.sE[i]!;
      this.aL = R.sL[i]!;
      this.aCost = 0;
      this.aLast = R.loc[i]!;
      this.aN = 1;
      for (let d = 0; d < nd; d++) this.aLoad[d] = R.sLoad[i * nd + d]!;
      this.accSuffix(R, i + 1);
      R.bD[i] = this.aD;
      R.bTW[i] = this.aTW;
      R.bE[i] = this.aE;
      R.bL[i] = this.aL;
      R.bCost[i] = this.aCost;
      for (let d = 0; d < nd; d++) R.bLoad[i * nd + d] = this.aLoad[d]!;
    }
    this.accPrefix(R, n);
    R.estCost = this.accFinish(t);
    R.arcCost = this.aCost;
    R.penalty = R.estCost - R.arcCost;
    R.timeWarp = this.lastTW;
    R.excessLoad = this.lastExcess;
    R.busy = n === 0 ? 0 : R.fBusy[n]! + this.legAt(R.loc[n]! * c.nLocs + R.loc[n + 1]!);
    // position n + 1 (the end depot) closes the prefix sums: fCost/fBusy[n + 1] are the whole route's
    R.sD[n + 1] = 0;
    R.fCost[n + 1] = R.arcCost;
    R.fBusy[n + 1] = R.busy;
    R.cost = this.exact ? this.exactCost(t, stops) : R.estCost;
  }

  /** RouteScheduler cost of `plan` for tech t, Infinity when infeasible (or a job takes parts from a house it may not). */
  exactCost(t: number, plan: readonly PlanStop[]): number {
    const res = this.sched.run(t, plan);
    return res.feasible && pickupSourcesOk(this.c, plan) ? res.cost : Infinity;
  }

  /** Recomputes every route's penalised cost after a penalty change. O(routes × nDims). */
  repriceAll(): void {
    this.priceEpoch++;
    for (const R of this.routes) {
      this.accPrefix(R, R.n);
      R.estCost = this.accFinish(R.tech);
      R.penalty = R.estCost - R.arcCost;
      if (!this.exact) R.cost = R.estCost;
    }
  }

  // --- segment concatenation (Vidal et al. 2013, "A unified solution framework for multi-attribute
  // vehicle routing problems", EJOR 234: the duration / time-warp / earliest / latest merge) ---

  /** Starts the accumulator with the prefix 0..i of route R (its start depot included). */
  accPrefix(R: RouteData, i: number): void {
    const nd = this.c.nDims;
    this.aD = R.fD[i]!;
    this.aTW = R.fTW[i]!;
    this.aE = R.fE[i]!;
    this.aL = R.fL[i]!;
    this.aCost = R.fCost[i]!;
    this.aLast = R.loc[i]!;
    this.aN = i;
    for (let d = 0; d < nd; d++) this.aLoad[d] = R.fLoad[i * nd + d]!;
  }

  /** Appends a segment (duration D, warp TW, earliest E, latest L, inner cost, first/last loc) to the accumulator. */
  private merge(D: number, TW: number, E: number, L: number, cost: number, first: number, last: number): void {
    const c = this.c;
    const k = this.aLast * c.nLocs + first;
    const leg = c.legTicks[k]!;
    const delta = this.aD - this.aTW + leg;
    const dWait = Math.max(E - delta - this.aL, 0);
    const dTW = Math.max(this.aE + delta - L, 0);
    this.aD = this.aD + D + leg + dWait;
    this.aTW = this.aTW + TW + dTW;
    this.aE = Math.max(E - delta, this.aE) - dWait;
    this.aL = Math.min(L - delta, this.aL) + dTW;
    this.aCost += this.arcCostAt(k) + cost;
    this.aLast = last;
  }

  /** Appends node `pos` of route R. */
  accNode(R: RouteData, pos: number): void {
    const nd = this.c.nDims;
    this.merge(R.sD[pos]!, 0, R.sE[pos]!, R.sL[pos]!, 0, R.loc[pos]!, R.loc[pos]!);
    for (let d = 0; d < nd; d++) this.aLoad[d] = this.aLoad[d]! + R.sLoad[pos * nd + d]!;
    this.aN++;
  }

  /** Appends the suffix pos..n of route R (nothing when pos > n). */
  accSuffix(R: RouteData, pos: number): void {
    if (pos > R.n) return;
    const nd = this.c.nDims;
    this.merge(R.bD[pos]!, R.bTW[pos]!, R.bE[pos]!, R.bL[pos]!, R.bCost[pos]!, R.loc[pos]!, R.loc[R.n]!);
    for (let d = 0; d < nd; d++) this.aLoad[d] = this.aLoad[d]! + R.bLoad[pos * nd + d]!;
    this.aN += R.n - pos + 1;
  }

  /** Appends an unrouted job j as done by tech t. */
  accJob(j: number, t: number): void {
    const c = this.c;
    const nd = c.nDims;
    const loc = c.jobLoc[j]!;
    this.merge(c.serviceTicks[j * c.nTechs + t]! + c.bufferTicks[j * c.nTechs + t]!, 0, this.jobE[j]!, this.jobL[j]!, 0, loc, loc);
    for (let d = 0; d < nd; d++) this.aLoad[d] = this.aLoad[d]! + c.demand[j * nd + d]!;
    this.aN++;
  }

  /** Appends a pickup stop at supply house h (no demand). */
  accHouse(h: number): void {
    const c = this.c;
    const loc = c.houseLoc[h]!;
    this.merge(c.pickupTicks[h]!, 0, c.houseOpen[h]!, c.houseClose[h]! - c.pickupTicks[h]!, 0, loc, loc);
    this.aN++;
  }

  /** Appends positions from..to of route R (reversed: to down to from). Uses the suffix cache when it can. */
  accRange(R: RouteData, from: number, to: number, reversed: boolean): void {
    if (from > to) return;
    if (!reversed) {
      if (to === R.n) return this.accSuffix(R, from);
      for (let p = from; p <= to; p++) this.accNode(R, p);
    } else for (let p = to; p >= from; p--) this.accNode(R, p);
  }

  /**
   * Closes the accumulator with tech t's end depot; returns the penalised cost (0 for a route with no
   * stops): arc cost + twPenalty × time warp + loadPenalty × excess load + overtime cost.
   */
  accFinish(t: number): number {
    const c = this.c;
    if (this.aN === 0) {
      this.lastTW = 0;
      this.lastExcess = 0;
      return 0;
    }
    const end = c.techEndLoc[t]!;
    this.merge(0, 0, c.shiftStart[t]!, c.latestEnd[t]!, 0, end, end);
    let excess = 0;
    const nd = c.nDims;
    for (let d = 0; d < nd; d++) {
      const over = this.aLoad[d]! - c.capacity[t * nd + d]!;
      if (over > 1e-9) excess += over;
    }
    this.lastTW = this.aTW;
    this.lastExcess = excess;
    const endTime = this.aE + this.aD - this.aTW;
    const overtime = Math.max(0, endTime - c.shiftEnd[t]!);
    return this.aCost + this.twPenalty * this.aTW + this.loadPenalty * excess + overtime * c.overtimeCostPerTick[t]!;
  }

  // --- moves: each route side is rebuilt from pieces of the current routes ---

  /** Starts describing a move. */
  beginMove(): void {
    this.mvSides = 0;
  }

  /** Adds a route side (the route that will be rebuilt); returns its side index. */
  side(route: number): number {
    const k = this.mvSides++;
    this.mvRoute[k] = route;
    this.mvNp[k] = 0;
    return k;
  }

  /** Appends positions from..to of route src (reversed when rev) to side k. Empty ranges are skipped. */
  piece(k: number, src: number, from: number, to: number, rev = false): void {
    if (from > to) return;
    const at = (k * MAX_PIECES + this.mvNp[k]!++) * PIECE;
    this.mvPc[at] = src;
    this.mvPc[at + 1] = from;
    this.mvPc[at + 2] = to;
    this.mvPc[at + 3] = rev ? 1 : 0;
  }

  /** May every job in the pieces of side k go to that side's technician? */
  private sideCompatible(k: number): boolean {
    if (this.allCompat) return true;
    const c = this.c;
    const r = this.mvRoute[k]!;
    const t = this.routes[r]!.tech;
    for (let q = 0; q < this.mvNp[k]!; q++) {
      const at = (k * MAX_PIECES + q) * PIECE;
      const src = this.mvPc[at]!;
      if (src === r) continue;
      const S = this.routes[src]!;
      for (let p = this.mvPc[at + 1]!; p <= this.mvPc[at + 2]!; p++) {
        const j = S.job[p]!;
        if (j >= 0 && c.compat[t * c.nJobs + j] !== Compat.Ok) return false;
      }
    }
    return true;
  }

  /**
   * Change of the assignment costs on side k: each job that comes from another route now costs
   * assignCost for this side's technician instead of its own. O(jobs moved in).
   */
  private assignSide(k: number): number {
    const c = this.c;
    const nJ = c.nJobs;
    const r = this.mvRoute[k]!;
    const t = this.routes[r]!.tech;
    let delta = 0;
    for (let q = 0; q < this.mvNp[k]!; q++) {
      const at = (k * MAX_PIECES + q) * PIECE;
      const src = this.mvPc[at]!;
      if (src === r) continue;
      const S = this.routes[src]!;
      const ts = S.tech;
      for (let p = this.mvPc[at + 1]!; p <= this.mvPc[at + 2]!; p++) {
        const j = S.job[p]!;
        if (j >= 0) delta += c.assignCost[t * nJ + j]! - c.assignCost[ts * nJ + j]!;
      }
    }
    return delta;
  }

  /** Penalised segment cost of side k after the move. O(pieces) except for inner ranges. */
  private estimateSide(k: number): number {
    const r = this.mvRoute[k]!;
    const R = this.routes[r]!;
    let first = true;
    for (let q = 0; q < this.mvNp[k]!; q++) {
      const at = (k * MAX_PIECES + q) * PIECE;
      const S = this.routes[this.mvPc[at]!]!;
      const from = this.mvPc[at + 1]!;
      const to = this.mvPc[at + 2]!;
      if (first) {
        // the first piece is always the route's own prefix 0..to
        this.accPrefix(R, to);
        first = false;
      } else this.accRange(S, from, to, this.mvPc[at + 3] === 1);
    }
    return this.accFinish(R.tech);
  }

  /**
   * Arc cost of side k after the move (a lower bound on its penalised cost). O(pieces), plus the
   * length of reversed pieces.
   */
  private arcSide(k: number): number {
    const c = this.c;
    const nL = c.nLocs;
    const R = this.routes[this.mvRoute[k]!]!;
    let cost = 0;
    let last = -1;
    let stops = 0;
    for (let q = 0; q < this.mvNp[k]!; q++) {
      const at = (k * MAX_PIECES + q) * PIECE;
      const S = this.routes[this.mvPc[at]!]!;
      const from = this.mvPc[at + 1]!;
      const to = this.mvPc[at + 2]!;
      if (q === 0) {
        cost = R.fCost[to]!;
        last = R.loc[to]!;
        stops = to;
        continue;
      }
      stops += to - from + 1;
      if (this.mvPc[at + 3] === 1) {
        cost += this.arcCostAt(last * nL + S.loc[to]!);
        for (let p = to; p > from; p--) cost += this.arcCostAt(S.loc[p]! * nL + S.loc[p - 1]!);
        last = S.loc[from]!;
      } else {
        cost += this.arcCostAt(last * nL + S.loc[from]!) + S.fCost[to]! - S.fCost[from]!;
        last = S.loc[to]!;
      }
    }
    if (stops === 0) return 0;
    return cost + this.arcCostAt(last * nL + c.techEndLoc[R.tech]!);
  }

  /** Writes side k's new stop list into `out`. */
  private buildSide(k: number, out: PlanStop[]): void {
    out.length = 0;
    for (let q = 0; q < this.mvNp[k]!; q++) {
      const at = (k * MAX_PIECES + q) * PIECE;
      const S = this.routes[this.mvPc[at]!]!;
      const from = Math.max(1, this.mvPc[at + 1]!);
      const to = this.mvPc[at + 2]!;
      if (this.mvPc[at + 3] === 1) for (let p = to; p >= from; p--) out.push(S.stops[p - 1]!);
      else for (let p = from; p <= to; p++) out.push(S.stops[p - 1]!);
    }
  }

  /**
   * Delta of the described move. Plain mode: exact penalised delta in O(1) (O(range) for inner
   * ranges). Exact mode: the O(1) estimate when it shows no gain (the move is then never applied),
   * else the RouteScheduler delta (Infinity when a rebuilt route is infeasible).
   */
  evaluateMove(): number {
    // gain before validity: the arc-cost delta less the penalties the routes carry now bounds the
    // delta below (plus, on field days, the change of assignment costs, which the exact cost carries)
    let bound = 0;
    if (this.hasAssign) for (let k = 0; k < this.mvSides; k++) bound += this.assignSide(k);
    for (let k = 0; k < this.mvSides; k++) {
      const R = this.routes[this.mvRoute[k]!]!;
      bound += this.arcSide(k) - R.estCost;
    }
    if (!(bound < -GAIN_EPS)) return bound;
    let est = 0;
    if (this.hasAssign) for (let k = 0; k < this.mvSides; k++) est += this.assignSide(k);
    for (let k = 0; k < this.mvSides; k++) {
      if (!this.sideCompatible(k)) return Infinity;
      est += this.estimateSide(k) - this.routes[this.mvRoute[k]!]!.estCost;
      // exact mode: time warp or excess load in the relaxation means the RouteScheduler would refuse it too
      if (this.exact && (this.lastTW > 0 || this.lastExcess > 0)) return Infinity;
    }
    if (!this.exact || !(est < -GAIN_EPS)) return est;
    let delta = 0;
    for (let k = 0; k < this.mvSides; k++) {
      const R = this.routes[this.mvRoute[k]!]!;
      const plan = this.mvPlan[k]!;
      this.buildSide(k, plan);
      const cost = this.exactCost(R.tech, plan);
      if (cost === Infinity) return Infinity;
      delta += cost - R.cost;
    }
    return delta;
  }

  /** Applies the described move: rebuilds its routes and their caches. */
  applyMove(): void {
    const plans: PlanStop[][] = [];
    for (let k = 0; k < this.mvSides; k++) {
      const out: PlanStop[] = [];
      this.buildSide(k, out);
      plans.push(out);
    }
    for (let k = 0; k < this.mvSides; k++) this.setRoute(this.mvRoute[k]!, plans[k]!);
  }

  // --- route changes and the journal ---

  /** Replaces route r's stops (journaled) and updates its caches. */
  setRoute(r: number, stops: PlanStop[]): void {
    if (this.journaling && !this.saved.has(r)) {
      this.saved.set(r, this.routes[r]!.stops);
      this.savedVersion.set(r, this.routes[r]!.version);
    }
    this.routes[r]!.stops = stops;
    this.update(r);
  }

  /** Starts recording changes so that rollback() can undo them. */
  beginJournal(): void {
    this.journaling = true;
    this.saved.clear();
    this.savedVersion.clear();
    this.savedUnassigned = this.unassigned.slice();
    this.savedHouseLeft.set(this.ins.houseLeft);
    this.savedSkuRaisedAt.set(this.skuRaisedAt);
  }

  /**
   * Are the routes changed since beginJournal() back to the stops they had then (and the unassigned
   * jobs the same)? O(stops of the changed routes).
   */
  unchanged(): boolean {
    if (this.unassigned.length !== this.savedUnassigned.length) return false;
    for (const [r, stops] of this.saved) {
      const now = this.routes[r]!.stops;
      if (now.length !== stops.length) return false;
      for (let i = 0; i < now.length; i++) {
        const a = now[i]!;
        const b = stops[i]!;
        if (a !== b && (a.type !== b.type || a.idx !== b.idx || a.loads !== b.loads)) return false;
      }
    }
    return true;
  }

  /**
   * Ends the journal of changes that came back to where they started (unchanged() is true): the
   * routes keep their (identical) stops and caches and get their old versions back. O(changed routes).
   */
  revertUnchanged(): void {
    for (const [r, version] of this.savedVersion) this.routes[r]!.version = version;
    this.journaling = false;
    this.saved.clear();
    this.savedVersion.clear();
    this.unassigned = this.savedUnassigned;
    this.skuRaisedAt.set(this.savedSkuRaisedAt);
  }

  /** Keeps the changes since beginJournal(). */
  commit(): void {
    this.journaling = false;
    this.saved.clear();
    this.savedVersion.clear();
  }

  /** Undoes every change since beginJournal(). */
  rollback(): void {
    this.journaling = false;
    for (const r of this.saved.keys()) for (const s of this.routes[r]!.stops) if (s.type === StopType.Job) this.routeOf[s.idx] = -1;
    for (const [r, stops] of this.saved) {
      this.routes[r]!.stops = stops;
      this.update(r);
      this.routes[r]!.version = this.savedVersion.get(r)!;
    }
    this.saved.clear();
    this.savedVersion.clear();
    this.unassigned = this.savedUnassigned;
    for (const j of this.unassigned) this.routeOf[j] = -1;
    // stock and its rise stamps as they were: the routes and the stock are the state at beginJournal()
    this.ins.houseLeft.set(this.savedHouseLeft);
    this.skuRaisedAt.set(this.savedSkuRaisedAt);
  }

  /**
   * Does adding stops to a route never lower its penalty (time warp, excess load, overtime)? True
   * while a tick of time warp costs at least a tick of overtime: a later arrival then either waits,
   * warps or ends the day later (with legs that keep the triangle inequality).
   */
  insertionMonotone(): boolean {
    return this.twPenalty >= this.maxOvertimePerTick;
  }

  /**
   * Lower bound on the penalty of tech t's route when its legs and own durations take `busy` ticks
   * (no waiting): the overtime of a day that starts at the shift start, or the time warp that would
   * replace it at no lower price. O(1).
   */
  penaltyFloor(t: number, busy: number): number {
    const c = this.c;
    const ot = c.overtimeCostPerTick[t]!;
    if (ot === 0 || this.twPenalty < ot) return 0;
    const over = c.shiftStart[t]! + busy - c.shiftEnd[t]!;
    return over > 0 ? over * ot : 0;
  }

  // --- whole-solution figures ---

  /** Sum of route objectives plus the cost of every unassigned job. */
  totalCost(): number {
    let s = 0;
    for (const R of this.routes) s += R.cost;
    for (const j of this.unassigned) s += this.c.unassignedCost[j]!;
    return s;
  }

  /** No time warp and no excess load on any route (exact mode: always true by invariant). */
  feasible(): boolean {
    if (this.exact) return true;
    for (const R of this.routes) if (R.timeWarp > 0 || R.excessLoad > 1e-9) return false;
    return true;
  }

  loadFeasible(): boolean {
    for (const R of this.routes) if (R.excessLoad > 1e-9) return false;
    return true;
  }

  timeFeasible(): boolean {
    for (const R of this.routes) if (R.timeWarp > 0) return false;
    return true;
  }
}
