// The repair state shared by replan() and recommend(): the events applied, the updated problem
// compiled with every promised ETA window as a lower bound on the start (a promise kept means no
// early arrival either), the surviving plans, and every route made feasible again (what no longer
// fits is taken off and returned as `takenOff`).
import { compile, type CompileOptions } from '../compile/compile.ts';
import { NO_TIME, type Compiled } from '../compile/compiled.ts';
import type { Board } from '../model/board.ts';
import type { Problem } from '../model/problem.ts';
import { Inserter } from '../search/greedy.ts';
import { StopType, type PlanStop, type RouteScheduler } from '../search/schedule.ts';
import { applyEvents, type ApplyOptions, type LiveState } from './apply.ts';
import type { LiveEvent } from './events.ts';

export interface LiveContext {
  state: LiveState;
  /** the updated problem */
  p: Problem;
  /** compiled, with promised ETA windows as start lower bounds */
  h: Compiled & { promiseEnd: Int32Array };
  ins: Inserter;
  sched: RouteScheduler;
  plans: PlanStop[][];
  /** per technician: plan positions before this are locked */
  minPos: Int32Array;
  routeCost: Float64Array;
  onRoute: Uint8Array;
  /** jobs taken off routes that no longer fit */
  takenOff: number[];
  /** per technician: 1 when the repair took something off the route */
  touched: Uint8Array;
  jobIndex: Map<string, number>;
  techIndex: Map<string, number>;
  /** the previous board's technician per job (-1: none) */
  prevTechIdx: Int32Array;
  reassignCost: number;
  cost(t: number): number;
}

export async function prepareLive(problem: Problem, board: Board, events: readonly LiveEvent[], options: ApplyOptions & CompileOptions = {}): Promise<LiveContext> {
  const state = applyEvents(problem, board, events, options);
  const p = state.problem;
  const c = await compile(p, options);
  const h = withPromises(c, state);
  const ins = new Inserter(h);
  const sched = ins.sched;
  sched.promiseEnd = h.promiseEnd;
  sched.promisePenalty = p.settings.weights.disruptionEtaMove;
  const reassignCost = p.settings.weights.disruptionReassign;

  const jobIndex = new Map(h.jobIds.map((id, j) => [id, j]));
  const houseIndex = new Map(h.houseIds.map((id, k) => [id, k]));
  const skuIndex = new Map(h.skus.map((s, k) => [s, k]));
  const prevTechIdx = new Int32Array(h.nJobs).fill(-1);
  const techIndex = new Map(h.techIds.map((id, t) => [id, t]));
  for (const [jobId, techId] of state.prevTech) {
    const j = jobIndex.get(jobId);
    if (j !== undefined) prevTechIdx[j] = techIndex.get(techId)!;
  }

  // --- the surviving plans ---
  const plans: PlanStop[][] = [];
  const minPos = new Int32Array(h.nTechs);
  for (let t = 0; t < h.nTechs; t++) {
    const tech = p.technicians[t]!;
    const plan: PlanStop[] = [];
    for (const it of state.plans.get(tech.id) ?? []) {
      if (it.kind === 'job') {
        const j = jobIndex.get(it.jobId);
        if (j !== undefined) plan.push(ins.jobStop(j));
      } else {
        const k = houseIndex.get(it.houseId);
        if (k === undefined) continue;
        const loads: number[] = [];
        for (const [sku, q] of Object.entries(it.loads)) if (q > 0 && skuIndex.has(sku)) loads.push(skuIndex.get(sku)!, q);
        if (!loads.length) continue;
        const l = Int32Array.from(loads);
        for (let x = 0; x < l.length; x += 2) ins.houseLeft[k * h.nSkus + l[x]!] = ins.houseLeft[k * h.nSkus + l[x]!]! - l[x + 1]!;
        plan.push({ type: StopType.Pickup, idx: k, loads: l });
      }
    }
    const locked = tech.locked ?? [];
    let seen = 0;
    for (let i = 0; i < plan.length && seen < locked.length; i++) {
      if (plan[i]!.type === StopType.Job && h.jobIds[plan[i]!.idx] === locked[seen]) {
        seen++;
        minPos[t] = i + 1;
      }
    }
    plans.push(plan);
  }
  const routeCost = new Float64Array(h.nTechs);
  const cost = (t: number) => sched.run(t, plans[t]!).cost;
  const onRoute = new Uint8Array(h.nJobs);
  for (const plan of plans) for (const s of plan) if (s.type === StopType.Job) onRoute[s.idx] = 1;

  // --- 1. make every route feasible again, taking off what no longer fits ---
  const takenOff: number[] = [];
  const touched = new Uint8Array(h.nTechs);
  const take = (t: number, i: number) => {
    touched[t] = 1;
    const s = plans[t]![i]!;
    plans[t]!.splice(i, 1);
    if (i < minPos[t]! && s.type === StopType.Pickup) minPos[t] = minPos[t]! - 1;
    else if (i < minPos[t]!) {
      // a locked job that can no longer be done: it and the locked jobs after it are free again
      minPos[t] = i;
      const tech = p.technicians[t]!;
      let jobsBefore = 0;
      for (let x = 0; x < i; x++) if (plans[t]![x]!.type === StopType.Job) jobsBefore++;
      tech.locked = (tech.locked ?? []).slice(0, jobsBefore);
      if (!tech.locked.length) delete tech.locked;
    }
    if (s.type === StopType.Job) {
      onRoute[s.idx] = 0;
      takenOff.push(s.idx);
    } else if (s.loads) {
      for (let x = 0; x < s.loads.length; x += 2) ins.houseLeft[s.idx * h.nSkus + s.loads[x]!] = ins.houseLeft[s.idx * h.nSkus + s.loads[x]!]! + s.loads[x + 1]!;
    }
  };
  for (let t = 0; t < h.nTechs; t++) {
    // each pass takes one stop off, so this ends
    for (;;) {
      const r = sched.run(t, plans[t]!);
      if (r.feasible || plans[t]!.length === 0) break;
      let i = r.failPos;
      if (i < 0 || i >= plans[t]!.length) {
        i = plans[t]!.length - 1;
        while (i > 0 && plans[t]![i]!.type !== StopType.Job) i--;
      }
      if (i < 0) break;
      take(t, i);
    }
    routeCost[t] = cost(t);
  }

  return { state, p, h, ins, sched, plans, minPos, routeCost, onRoute, takenOff, touched, jobIndex, techIndex, prevTechIdx, reassignCost, cost };
}

/**
 * A copy of the compiled instance in which every job whose customer was given an ETA window may
 * not start before that window (waiting instead), with the window's end as its promise.
 */
function withPromises(c: Compiled, state: LiveState): Compiled & { promiseEnd: Int32Array } {
  const promiseEnd = new Int32Array(c.nJobs).fill(NO_TIME);
  const toTicks = (ms: number) => (ms - c.originMs) / 1000 / c.tickSec;
  const jobWinStart = new Int32Array(c.nJobs + 1);
  const ws: number[] = [];
  const we: number[] = [];
  for (let j = 0; j < c.nJobs; j++) {
    jobWinStart[j] = ws.length;
    const pr = state.promised.get(c.jobIds[j]!);
    const a = c.jobWinStart[j]!;
    const b = c.jobWinStart[j + 1]!;
    if (!pr) {
      for (let k = a; k < b; k++) {
        ws.push(c.winStart[k]!);
        we.push(c.winEnd[k]!);
      }
      continue;
    }
    const lo = Math.ceil(toTicks(pr.start));
    promiseEnd[j] = Math.floor(toTicks(pr.end));
    const before = ws.length;
    if (a === b) {
      ws.push(lo);
      we.push(0x3fffffff);
    }
    for (let k = a; k < b; k++) {
      if (c.winEnd[k]! < lo) continue;
      ws.push(Math.max(lo, c.winStart[k]!));
      we.push(c.winEnd[k]!);
    }
    if (ws.length === before) {
      // the promise lies after every window (should not happen): keep the customer's windows
      for (let k = a; k < b; k++) {
        ws.push(c.winStart[k]!);
        we.push(c.winEnd[k]!);
      }
    }
  }
  jobWinStart[c.nJobs] = ws.length;
  return { ...c, jobWinStart, winStart: Int32Array.from(ws), winEnd: Int32Array.from(we), promiseEnd };
}
