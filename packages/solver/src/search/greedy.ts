// The first solver: cheapest feasible insertion. Repeatedly inserts the job whose best insertion
// scores lowest (insertion cost minus what leaving it out would cost, so emergencies and valuable
// work go first), adding a supply-house pickup before a job whose parts the van lacks. Best
// insertions are cached per (job, technician) and recomputed only for the route that changed.
import { Compat, type Compiled } from '../compile/compiled.ts';
import { RouteScheduler, StopType, type Fail, type PlanStop } from './schedule.ts';

export interface Solution {
  plans: PlanStop[][];
  /** unassigned job indices */
  unassigned: number[];
  /** objective of the routes (without the unassigned penalty) */
  routeCost: Float64Array;
  iterations: number;
}

export interface GreedyOptions {
  signal?: AbortSignal;
  /** Polled like `signal` (per job while pricing, so often): true stops with the plans built so far. For a flag set by another thread. */
  shouldStop?: () => boolean;
}

export interface Insertion {
  delta: number;
  pos: number;
  /** supply house of the pickup that brings the missing parts (-1: none needed) */
  house: number;
  /** the missing parts [sku, qty, …] */
  loads: Int32Array | null;
  /** plan index of an earlier pickup at `house` that takes the extra load (-1: a new pickup before the job) */
  mergeAt: number;
}

/** [sku, qty, …] + [sku, qty, …], quantities of the same sku added. */
export function mergeLoads(a: Int32Array, b: Int32Array): Int32Array {
  const out = Array.from(a);
  for (let k = 0; k < b.length; k += 2) {
    let found = false;
    for (let i = 0; i < out.length; i += 2) {
      if (out[i] === b[k]) {
        out[i + 1] = out[i + 1]! + b[k + 1]!;
        found = true;
      }
    }
    if (!found) out.push(b[k]!, b[k + 1]!);
  }
  return Int32Array.from(out);
}

export class Inserter {
  readonly sched: RouteScheduler;
  /** remaining stock per supply house and sku */
  readonly houseLeft: Int32Array;
  private readonly jobStops: PlanStop[];
  private readonly scratch: PlanStop[] = [];
  private readonly inv: Int32Array;

  constructor(readonly c: Compiled) {
    this.sched = new RouteScheduler(c);
    this.houseLeft = Int32Array.from(c.houseStock);
    this.jobStops = Array.from({ length: c.nJobs }, (_, j) => ({ type: StopType.Job, idx: j }));
    this.inv = new Int32Array(c.nSkus);
  }

  jobStop(j: number): PlanStop {
    return this.jobStops[j]!;
  }

  /** Van inventory of tech `t` just before plan position `pos`. */
  private inventoryBefore(t: number, plan: readonly PlanStop[], pos: number): Int32Array {
    const c = this.c;
    const inv = this.inv;
    for (let k = 0; k < c.nSkus; k++) inv[k] = c.vanStock[t * c.nSkus + k]!;
    for (let i = 0; i < pos; i++) {
      const s = plan[i]!;
      if (s.type === StopType.Job) {
        for (let p = c.jobPartStart[s.idx]!; p < c.jobPartStart[s.idx + 1]!; p++) inv[c.partSku[p]!] = inv[c.partSku[p]!]! - c.partQty[p]!;
      } else if (s.loads) {
        for (let k = 0; k < s.loads.length; k += 2) inv[s.loads[k]!] = inv[s.loads[k]!]! + s.loads[k + 1]!;
      }
    }
    return inv;
  }

  /** Parts job j lacks at plan position `pos` of tech t: [sku, qty, …], or null when none. */
  deficit(t: number, plan: readonly PlanStop[], pos: number, j: number): Int32Array | null {
    const c = this.c;
    const p0 = c.jobPartStart[j]!;
    const p1 = c.jobPartStart[j + 1]!;
    if (p0 === p1) return null;
    const inv = this.inventoryBefore(t, plan, pos);
    const out: number[] = [];
    for (let p = p0; p < p1; p++) {
      const lack = c.partQty[p]! - inv[c.partSku[p]!]!;
      if (lack > 0) out.push(c.partSku[p]!, lack);
    }
    return out.length ? Int32Array.from(out) : null;
  }

  houseCanSupply(h: number, loads: Int32Array): boolean {
    const c = this.c;
    for (let k = 0; k < loads.length; k += 2) if (this.houseLeft[h * c.nSkus + loads[k]!]! < loads[k + 1]!) return false;
    return true;
  }

  /** Whether job j may take its parts from supply house h (job.supplyHouses; none listed = any). */
  allowedHouse(j: number, h: number): boolean {
    const c = this.c;
    const a = c.jobHouseStart[j]!;
    const b = c.jobHouseStart[j + 1]!;
    if (a === b) return true;
    for (let k = a; k < b; k++) if (c.jobHouse[k] === h) return true;
    return false;
  }

  /**
   * Cost of `plan` with job j (and optionally a pickup before it) inserted at `pos`, and
   * optionally plan[replaceAt] replaced by `replacement`; NaN if infeasible.
   */
  private tryAt(t: number, plan: readonly PlanStop[], pos: number, j: number, pickup: PlanStop | null, replaceAt = -1, replacement: PlanStop | null = null): number {
    const s = this.scratch;
    s.length = 0;
    for (let i = 0; i < pos; i++) s.push(i === replaceAt ? replacement! : plan[i]!);
    if (pickup) s.push(pickup);
    s.push(this.jobStops[j]!);
    for (let i = pos; i < plan.length; i++) s.push(plan[i]!);
    const r = this.sched.run(t, s);
    this.lastFail = r.fail;
    this.lastFailPos = r.failPos;
    return r.feasible ? r.cost : NaN;
  }
  lastFail: Fail | null = null;
  lastFailPos = -1;

  /** Best insertion of job j into tech t's plan at position `minPos` or later (delta over `baseCost`), or null. */
  best(t: number, plan: readonly PlanStop[], baseCost: number, j: number, minPos = 0): Insertion | null {
    const c = this.c;
    if (c.compat[t * c.nJobs + j] !== Compat.Ok) return null;
    let best: Insertion | null = null;
    for (let pos = minPos; pos <= plan.length; pos++) {
      const cost = this.tryAt(t, plan, pos, j, null);
      if (cost === cost) {
        if (!best || cost - baseCost < best.delta) best = { delta: cost - baseCost, pos, house: -1, loads: null, mergeAt: -1 };
        continue;
      }
      if (this.lastFail !== 'parts' || this.lastFailPos !== pos) continue;
      const loads = this.deficit(t, plan, pos, j);
      if (!loads) continue;
      // either load the missing parts at a pickup already on the route before the job…
      for (let k = 0; k < pos; k++) {
        const stop = plan[k]!;
        if (stop.type !== StopType.Pickup || !this.allowedHouse(j, stop.idx) || !this.houseCanSupply(stop.idx, loads)) continue;
        const merged: PlanStop = { type: StopType.Pickup, idx: stop.idx, loads: stop.loads ? mergeLoads(stop.loads, loads) : loads };
        const mc = this.tryAt(t, plan, pos, j, null, k, merged);
        if (mc === mc && (!best || mc - baseCost < best.delta)) best = { delta: mc - baseCost, pos, house: stop.idx, loads, mergeAt: k };
      }
      // …or stop at a supply house right before it
      for (let h = 0; h < c.nHouses; h++) {
        if (!this.allowedHouse(j, h) || !this.houseCanSupply(h, loads)) continue;
        const pc = this.tryAt(t, plan, pos, j, { type: StopType.Pickup, idx: h, loads });
        if (pc === pc && (!best || pc - baseCost < best.delta)) best = { delta: pc - baseCost, pos, house: h, loads, mergeAt: -1 };
      }
    }
    return best;
  }

  /** Inserts (mutating plan and the supply houses' stock). */
  apply(plan: PlanStop[], ins: Insertion, j: number): void {
    const c = this.c;
    if (ins.house >= 0 && ins.loads) {
      for (let k = 0; k < ins.loads.length; k += 2) {
        const at = ins.house * c.nSkus + ins.loads[k]!;
        this.houseLeft[at] = this.houseLeft[at]! - ins.loads[k + 1]!;
      }
      if (ins.mergeAt >= 0) {
        const old = plan[ins.mergeAt]!;
        plan[ins.mergeAt] = { type: StopType.Pickup, idx: ins.house, loads: old.loads ? mergeLoads(old.loads, ins.loads) : ins.loads };
        plan.splice(ins.pos, 0, this.jobStops[j]!);
      } else plan.splice(ins.pos, 0, { type: StopType.Pickup, idx: ins.house, loads: ins.loads }, this.jobStops[j]!);
    } else plan.splice(ins.pos, 0, this.jobStops[j]!);
  }
}

export function greedy(c: Compiled, options: GreedyOptions = {}): Solution {
  const { nJobs, nTechs } = c;
  const ins = new Inserter(c);
  const plans: PlanStop[][] = Array.from({ length: nTechs }, () => []);
  const routeCost = new Float64Array(nTechs);
  for (let t = 0; t < nTechs; t++) routeCost[t] = ins.sched.run(t, plans[t]!).cost;
  const cache: (Insertion | null)[] = new Array(nJobs * nTechs).fill(null);
  const routed = new Uint8Array(nJobs);
  const bestTech = new Int32Array(nJobs).fill(-1);

  const refreshJob = (j: number) => {
    let bt = -1;
    let bd = Infinity;
    for (let t = 0; t < nTechs; t++) {
      const e = cache[j * nTechs + t];
      if (e && e.delta < bd) {
        bd = e.delta;
        bt = t;
      }
    }
    bestTech[j] = bt;
  };
  const stopped = (): boolean => options.signal?.aborted === true || options.shouldStop?.() === true;
  let halted = false;
  for (let j = 0; j < nJobs && !(halted = stopped()); j++) {
    for (let t = 0; t < nTechs; t++) cache[j * nTechs + t] = ins.best(t, plans[t]!, routeCost[t]!, j);
    refreshJob(j);
  }

  let iterations = 0;
  for (;;) {
    if (halted || stopped()) break;
    let pick = -1;
    let pickScore = Infinity;
    for (let j = 0; j < nJobs; j++) {
      if (routed[j] || bestTech[j]! < 0) continue;
      const e = cache[j * nTechs + bestTech[j]!]!;
      const score = e.delta - c.unassignedCost[j]!;
      if (score < pickScore) {
        pickScore = score;
        pick = j;
      }
    }
    if (pick < 0) break;
    const t = bestTech[pick]!;
    const e = cache[pick * nTechs + t]!;
    if (e.house >= 0 && e.loads && !ins.houseCanSupply(e.house, e.loads)) {
      // another route took that stock since this insertion was priced
      cache[pick * nTechs + t] = ins.best(t, plans[t]!, routeCost[t]!, pick);
      refreshJob(pick);
      continue;
    }
    ins.apply(plans[t]!, e, pick);
    routed[pick] = 1;
    iterations++;
    routeCost[t] = ins.sched.run(t, plans[t]!).cost;
    for (let j = 0; j < nJobs; j++) {
      if (routed[j]) continue;
      if ((halted = stopped())) break;
      cache[j * nTechs + t] = ins.best(t, plans[t]!, routeCost[t]!, j);
      refreshJob(j);
    }
  }
  const unassigned: number[] = [];
  for (let j = 0; j < nJobs; j++) if (!routed[j]) unassigned.push(j);
  return { plans, unassigned, routeCost, iterations };
}
