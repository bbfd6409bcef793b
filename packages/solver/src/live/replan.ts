// replan(problem, board, events) -> { board, changes }: the live board. Applies the events to the
// problem (statuses, actual times, resume points, locks), keeps what survives of the current plan,
// and repairs it with as little disruption as it can: a job keeps its technician and starts inside
// the ETA window its customer was given unless moving it pays for itself (settings.weights
// disruptionReassign / disruptionEtaMove). Emergencies go where they meet their response deadline
// (bumping up to three jobs if nothing else can); freed time is offered to unassigned work and to
// jobs nearby on other routes. The result is always a complete board for the updated problem.
import type { CompileOptions } from '../compile/compile.ts';
import { Compat, NO_TIME, PRIORITY_INDEX } from '../compile/compiled.ts';
import type { Board } from '../model/board.ts';
import { formatIso, parseIso } from '../model/time.ts';
import type { Problem } from '../model/problem.ts';
import { Inserter, type Solution } from '../search/greedy.ts';
import { StopType, type PlanStop } from '../search/schedule.ts';
import { unload } from '../search/unload.ts';
import type { ApplyOptions } from './apply.ts';
import { prepareLive } from './context.ts';
import { boardChanges, type Disruption, type JobChange } from './changes.ts';
import type { LiveEvent } from './events.ts';

export interface ReplanOptions extends ApplyOptions, CompileOptions {
  /** Keep every promised ETA window whenever any placement can (booking an offer that moves no one). Default false: a move costs settings.weights.disruptionEtaMove. */
  keepPromises?: boolean;
  /**
   * Fill idle time with open work through a hand-over: a technician with room in the day (an
   * empty board, a long wait, an early finish) takes a job another technician can give up, and
   * that technician takes unassigned work only they can do (skills, window, place). Each such
   * chain moves one planned job (priced at settings.weights.disruptionReassign) and must pay for
   * itself with the unassigned job it places. Default false: only direct insertions.
   */
  fillIdle?: boolean;
}

export interface EmergencyOutcome {
  jobId: string;
  deadline: string | null;
  /** Where it went (null: nobody can take it; see the board's unassigned reason). */
  technicianId: string | null;
  arrival: string | null;
  onTime: boolean;
  /** Jobs taken off a route to make the deadline (re-placed elsewhere when they could be). */
  bumped: string[];
  /** When not on time: the earliest arrival any technician could make, bumping included… */
  bestArrival?: string;
  /** …and the jobs that would have to be bumped for it. */
  wouldBump?: string[];
}

export interface ReplanResult {
  board: Board;
  /** The problem after the events: validate later events and check boards against it. */
  problem: Problem;
  /** Per job, what moved: notify exactly these customers. */
  changes: JobChange[];
  emergencies: EmergencyOutcome[];
  disruption: Disruption;
}

/** Jobs bumped at most, to make an emergency's deadline. */
const MAX_BUMP = 3;
/** Jobs on other routes offered a cancelled job's freed time. */
const BACKFILL_NEIGHBOURS = 10;
/** fillIdle: a technician counts as having room with at least this many idle minutes planned (waits and before the shift end). */
const IDLE_MIN = 30;
/** fillIdle: hand-over chains applied per re-plan at most. */
const MAX_CHAINS = 4;

export async function replan(problem: Problem, board: Board, events: readonly LiveEvent[], options: ReplanOptions = {}): Promise<ReplanResult> {
  const t0 = performance.now();
  const ctx = await prepareLive(problem, board, events, options);
  const { state, p, h, ins, sched, plans, minPos, routeCost, onRoute, jobIndex, techIndex, prevTechIdx, reassignCost, cost } = ctx;
  const pending = ctx.takenOff.slice();
  const initial = plans.map((plan) => plan.slice());
  if (options.keepPromises) sched.promisePenalty = 1e6;

  // --- 2. what needs a place: new and orphaned jobs, then the unassigned (backfill) ---
  for (const id of state.pending) {
    const j = jobIndex.get(id);
    if (j !== undefined && !onRoute[j] && !pending.includes(j)) pending.push(j);
  }
  for (let j = 0; j < h.nJobs; j++) if (!onRoute[j] && !pending.includes(j)) pending.push(j);
  pending.sort((a, b) => h.priority[a]! - h.priority[b]! || h.unassignedCost[b]! - h.unassignedCost[a]!);

  const emergencies: EmergencyOutcome[] = [];
  const iso = (ticks: number) => formatIso(h.originMs + ticks * h.tickSec * 1000, h.utcOffsetMin);

  const insertBest = (j: number): boolean => tryInsert(j) || displace(j);
  const tryInsert = (j: number): boolean => {
    let bt = -1;
    let best: ReturnType<Inserter['best']> = null;
    let bestScore = Infinity;
    for (let t = 0; t < h.nTechs; t++) {
      const e = ins.best(t, plans[t]!, routeCost[t]!, j, minPos[t]!);
      if (!e) continue;
      const score = e.delta + (prevTechIdx[j]! >= 0 && prevTechIdx[j] !== t ? reassignCost : 0);
      if (score < bestScore) {
        bestScore = score;
        best = e;
        bt = t;
      }
    }
    if (!best || bestScore >= h.unassignedCost[j]!) return false;
    ins.apply(plans[bt]!, best, j);
    onRoute[j] = 1;
    routeCost[bt] = cost(bt);
    return true;
  };

  /**
   * When j fits nowhere: the least valuable, least urgent work waits. Takes the job k that pays
   * most to leave out for j (j in k's place), if j is worth more than k plus the cost of moving it;
   * k is offered one more place and otherwise waits unassigned.
   */
  const displace = (j: number): boolean => {
    let bt = -1;
    let bi = -1;
    let bestGain = 1e-9;
    const scratch: PlanStop[] = [];
    for (let t = 0; t < h.nTechs; t++) {
      if (h.compat[t * h.nJobs + j] !== Compat.Ok) continue;
      const plan = plans[t]!;
      for (let i = minPos[t]!; i < plan.length; i++) {
        const k = plan[i]!;
        if (k.type !== StopType.Job || h.unassignedCost[k.idx]! >= h.unassignedCost[j]!) continue;
        scratch.length = 0;
        for (let x = 0; x < plan.length; x++) scratch.push(x === i ? ins.jobStop(j) : plan[x]!);
        const r = sched.run(t, scratch);
        if (!r.feasible) continue;
        const gain = h.unassignedCost[j]! - h.unassignedCost[k.idx]! - (r.cost - routeCost[t]!) - reassignCost;
        if (gain > bestGain) {
          bestGain = gain;
          bt = t;
          bi = i;
        }
      }
    }
    if (bt < 0) return false;
    const k = plans[bt]![bi]!.idx;
    plans[bt]![bi] = ins.jobStop(j);
    onRoute[j] = 1;
    onRoute[k] = 0;
    routeCost[bt] = cost(bt);
    displaced.push(k);
    return true;
  };
  const displaced: number[] = [];

  const bumpedLater: number[] = [];
  // jobs the events left without a place may push out less valuable work; the old backlog only fills free time
  const fresh = new Set(ctx.takenOff);
  for (const id of state.pending) {
    const j = jobIndex.get(id);
    if (j !== undefined) fresh.add(j);
  }
  for (const j of pending) {
    if (onRoute[j]) continue;
    if (h.priority[j] === PRIORITY_INDEX.emergency && fresh.has(j)) {
      emergencies.push(placeEmergency(j));
      continue;
    }
    if (fresh.has(j)) insertBest(j);
    else tryInsert(j);
  }
  for (const j of bumpedLater) if (!onRoute[j]) insertBest(j);
  // a displaced job gets one more try, without displacing others in turn
  for (const j of displaced.splice(0)) if (!onRoute[j]) tryInsert(j);

  // --- 3. freed time after a cancellation: nearby jobs on other routes may move in ---
  for (const e of events) {
    if (e.type !== 'job_cancelled') continue;
    const cancelled = p.jobs.find((x) => x.id === e.jobId)!;
    const t = techIndex.get(state.prevTech.get(e.jobId) ?? '') ?? -1;
    if (t < 0) continue;
    backfillFrom(t, cancelled.location);
  }

  // --- 3b. idle time: hand-over chains place open work (options.fillIdle) ---
  if (options.fillIdle) fillIdle();

  // --- 4. pickups no job needs any more, on the routes this re-plan changed ---
  for (let t = 0; t < h.nTechs; t++) {
    const plan = plans[t]!;
    const before = initial[t]!;
    if (!ctx.touched[t] && plan.length === before.length && plan.every((s, i) => s === before[i])) continue;
    for (let i = plan.length - 1; i >= minPos[t]!; i--) {
      if (plan[i]!.type !== StopType.Pickup) continue;
      const s = plan.splice(i, 1)[0]!;
      const r = sched.run(t, plan);
      if (r.feasible && r.cost <= routeCost[t]! + 1e-9) {
        routeCost[t] = r.cost;
        if (s.loads) for (let x = 0; x < s.loads.length; x += 2) ins.houseLeft[s.idx * h.nSkus + s.loads[x]!] = ins.houseLeft[s.idx * h.nSkus + s.loads[x]!]! + s.loads[x + 1]!;
      } else plan.splice(i, 0, s);
    }
  }

  // --- the board ---
  sched.promisePenalty = 0;
  const unassigned: number[] = [];
  for (let j = 0; j < h.nJobs; j++) if (!onRoute[j]) unassigned.push(j);
  const sol: Solution = { plans, unassigned, routeCost, iterations: 0 };
  const out = unload(h, sol, ins, { solverName: 'replan', seed: p.settings.seed, elapsedMs: 0 });
  if (p.now !== undefined) out.asOf = p.now;
  for (const route of out.routes) {
    const done = state.history.get(route.technicianId);
    if (done?.length) route.done = done;
    for (const s of route.stops) {
      if (s.kind !== 'job' || s.jobId === undefined) continue;
      const pr = state.promised.get(s.jobId);
      const st = parseIso(s.start);
      if (pr && st >= pr.start && st <= pr.end) s.eta = { start: pr.startIso, end: pr.endIso };
    }
  }
  out.solver.elapsedMs = Math.round(performance.now() - t0);
  const { changes, disruption } = boardChanges(board, out, p, events);
  return { board: out, problem: p, changes, emergencies, disruption };

  // ----- helpers (closures over the repair state) -----

  /** Where emergency j arrives with `plan` (ticks), or -1. */
  function arrivalIn(t: number, plan: readonly PlanStop[], j: number): { arrival: number; cost: number } | null {
    const r = sched.run(t, plan, true);
    if (!r.feasible) return null;
    for (const s of r.stops) if (s.kind === 0 && s.idx === j) return { arrival: s.arrival, cost: r.cost };
    return null;
  }

  /** Plan with j (and a pickup for its missing parts, when one helps) at `pos`: the variants to try. */
  function variants(t: number, plan: readonly PlanStop[], pos: number, j: number): PlanStop[][] {
    const base = [...plan.slice(0, pos), ins.jobStop(j), ...plan.slice(pos)];
    const loads = ins.deficit(t, plan, pos, j);
    if (!loads) return [base];
    const out: PlanStop[][] = [];
    for (let k = 0; k < h.nHouses; k++) {
      if (!ins.allowedHouse(j, k) || !ins.houseCanSupply(k, loads)) continue;
      out.push([...plan.slice(0, pos), { type: StopType.Pickup, idx: k, loads }, ins.jobStop(j), ...plan.slice(pos)]);
    }
    return out;
  }

  function commit(t: number, plan: PlanStop[], j: number): void {
    for (const s of plan) {
      if (s.type === StopType.Pickup && s.loads && !plans[t]!.includes(s)) {
        for (let x = 0; x < s.loads.length; x += 2) ins.houseLeft[s.idx * h.nSkus + s.loads[x]!] = ins.houseLeft[s.idx * h.nSkus + s.loads[x]!]! - s.loads[x + 1]!;
      }
    }
    plans[t] = plan;
    onRoute[j] = 1;
    routeCost[t] = cost(t);
  }

  function placeEmergency(j: number): EmergencyOutcome {
    const deadline = h.deadline[j]!;
    const meets = (a: number) => deadline === NO_TIME || a <= deadline;
    type Option = { t: number; plan: PlanStop[]; arrival: number; score: number; bumped: number[] };
    let onTime: Option | null = null;
    let earliest: Option | null = null;
    for (let t = 0; t < h.nTechs; t++) {
      if (h.compat[t * h.nJobs + j] !== Compat.Ok) continue;
      const plan = plans[t]!;
      for (let pos = minPos[t]!; pos <= plan.length; pos++) {
        for (const v of variants(t, plan, pos, j)) {
          const r = arrivalIn(t, v, j);
          if (!r) continue;
          const o: Option = { t, plan: v, arrival: r.arrival, score: r.cost - routeCost[t]!, bumped: [] };
          if (meets(r.arrival) && (!onTime || o.score < onTime.score)) onTime = o;
          if (!earliest || o.arrival < earliest.arrival || (o.arrival === earliest.arrival && o.score < earliest.score)) earliest = o;
        }
      }
    }
    let best = onTime;
    let bestBump: Option | null = null;
    if (!onTime && deadline !== NO_TIME) {
      // bump up to MAX_BUMP jobs just before the insertion point
      for (let t = 0; t < h.nTechs; t++) {
        if (h.compat[t * h.nJobs + j] !== Compat.Ok) continue;
        const plan = plans[t]!;
        for (let pos = minPos[t]! + 1; pos <= plan.length; pos++) {
          const bumped: number[] = [];
          let rest = plan.slice();
          for (let d = 1; d <= MAX_BUMP && pos - d >= minPos[t]!; d++) {
            const s = plan[pos - d]!;
            if (s.type !== StopType.Job || h.priority[s.idx] === PRIORITY_INDEX.emergency) break;
            bumped.push(s.idx);
            rest = [...plan.slice(0, pos - d), ...plan.slice(pos)];
            for (const v of variants(t, rest, pos - d, j)) {
              const r = arrivalIn(t, v, j);
              if (!r) continue;
              let lost = 0;
              for (const b of bumped) lost += h.unassignedCost[b]!;
              const o: Option = { t, plan: v, arrival: r.arrival, score: r.cost - routeCost[t]! + lost, bumped: bumped.slice() };
              if (meets(r.arrival) && (!best || o.score < best.score)) best = o;
              if (!bestBump || o.arrival < bestBump.arrival || (o.arrival === bestBump.arrival && o.score < bestBump.score)) bestBump = o;
            }
          }
        }
      }
    }
    const outcome = (o: Option | null, isOnTime: boolean): EmergencyOutcome => ({
      jobId: h.jobIds[j]!,
      deadline: deadline === NO_TIME ? null : iso(deadline),
      technicianId: o ? h.techIds[o.t]! : null,
      arrival: o ? iso(o.arrival) : null,
      onTime: isOnTime,
      bumped: o ? o.bumped.map((b) => h.jobIds[b]!) : [],
    });
    if (best) {
      for (const b of best.bumped) {
        onRoute[b] = 0;
        bumpedLater.push(b);
      }
      commit(best.t, best.plan, j);
      return outcome(best, true);
    }
    if (earliest) {
      commit(earliest.t, earliest.plan, j);
      const res = outcome(earliest, meets(earliest.arrival));
      const lowest = bestBump && bestBump.arrival < earliest.arrival ? bestBump : earliest;
      res.bestArrival = iso(lowest.arrival);
      res.wouldBump = lowest.bumped.map((b) => h.jobIds[b]!);
      return res;
    }
    const res = outcome(null, false);
    if (bestBump) {
      res.bestArrival = iso(bestBump.arrival);
      res.wouldBump = bestBump.bumped.map((b) => h.jobIds[b]!);
    }
    return res;
  }

  /** Offers tech t's freed time to the jobs nearest `where` on other routes (each moves only if it pays, disruption included). */
  function backfillFrom(t: number, where: { lat: number; lon: number }): void {
    const d2 = (j: number) => {
      const dx = (h.locLat[h.jobLoc[j]!]! - where.lat) * 111;
      const dy = (h.locLon[h.jobLoc[j]!]! - where.lon) * 111 * Math.cos((where.lat * Math.PI) / 180);
      return dx * dx + dy * dy;
    };
    const candidates: { j: number; from: number; i: number }[] = [];
    for (let u = 0; u < h.nTechs; u++) {
      if (u === t) continue;
      plans[u]!.forEach((s, i) => {
        if (s.type === StopType.Job && i >= minPos[u]! && h.compat[t * h.nJobs + s.idx] === Compat.Ok) candidates.push({ j: s.idx, from: u, i });
      });
    }
    candidates.sort((a, b) => d2(a.j) - d2(b.j));
    for (const cand of candidates.slice(0, BACKFILL_NEIGHBOURS)) {
      const from = plans[cand.from]!;
      const i = from.indexOf(ins.jobStop(cand.j));
      if (i < minPos[cand.from]!) continue;
      const without = [...from.slice(0, i), ...from.slice(i + 1)];
      const r = sched.run(cand.from, without);
      if (!r.feasible) continue;
      const e = ins.best(t, plans[t]!, routeCost[t]!, cand.j, minPos[t]!);
      if (!e) continue;
      const gain = routeCost[cand.from]! - r.cost - e.delta - reassignCost;
      if (gain <= 1e-9) continue;
      plans[cand.from] = without;
      routeCost[cand.from] = r.cost;
      ins.apply(plans[t]!, e, cand.j);
      routeCost[t] = cost(t);
    }
  }

  /** Idle minutes in tech t's plan: waits before stops and breaks, and the time left before the shift ends. */
  function idleMinutes(t: number): number {
    const r = sched.run(t, plans[t]!, true);
    if (!r.feasible) return 0;
    let idle = Math.max(0, h.shiftEnd[t]! - (plans[t]!.length ? r.endArrival : h.shiftStart[t]!));
    if (plans[t]!.length) {
      idle += Math.max(0, r.departure - h.shiftStart[t]!);
      for (const s of r.stops) idle += Math.max(0, s.start - s.arrival);
    }
    return (idle * h.tickSec) / 60;
  }

  /**
   * Hand-over chains: technician t (with room) takes job k from technician u's route, and u takes
   * unassigned job j in the time k leaves. Applied best gain first while one pays:
   * gain = unassignedCost(j) − Δcost(t + k) − Δcost(u − k + j) − reassignments.
   */
  function fillIdle(): void {
    // open work someone could still start today: a window not yet over, parts not held past every shift
    let earliest = Infinity;
    let latest = -Infinity;
    for (let t = 0; t < h.nTechs; t++) {
      earliest = Math.min(earliest, h.shiftStart[t]!);
      latest = Math.max(latest, h.latestEnd[t]!);
    }
    const open: number[] = [];
    for (let j = 0; j < h.nJobs; j++) {
      if (onRoute[j] || (h.release[j] !== NO_TIME && h.release[j]! >= latest)) continue;
      const w0 = h.jobWinStart[j]!;
      const w1 = h.jobWinStart[j + 1]!;
      let live = w0 === w1;
      for (let w = w0; w < w1 && !live; w++) if (h.winEnd[w]! >= earliest) live = true;
      if (live) open.push(j);
    }
    if (!open.length) return;
    open.sort((a, b) => h.unassignedCost[b]! - h.unassignedCost[a]! || a - b);
    const moveCost = (j: number, to: number) => (prevTechIdx[j]! >= 0 && prevTechIdx[j] !== to ? reassignCost : 0);
    for (let round = 0; round < MAX_CHAINS && open.length; round++) {
      const receivers: number[] = [];
      for (let t = 0; t < h.nTechs; t++) if (idleMinutes(t) >= IDLE_MIN) receivers.push(t);
      if (!receivers.length) return;
      let best: { t: number; u: number; k: number; j: number; without: PlanStop[]; withoutCost: number; gain: number } | null = null;
      for (const t of receivers) {
        for (let u = 0; u < h.nTechs; u++) {
          if (u === t) continue;
          const plan = plans[u]!;
          for (let i = minPos[u]!; i < plan.length; i++) {
            const k = plan[i]!;
            if (k.type !== StopType.Job || h.compat[t * h.nJobs + k.idx] !== Compat.Ok) continue;
            const et = ins.best(t, plans[t]!, routeCost[t]!, k.idx, minPos[t]!);
            if (!et) continue;
            const without = [...plan.slice(0, i), ...plan.slice(i + 1)];
            const ru = sched.run(u, without);
            if (!ru.feasible) continue;
            const base = et.delta + ru.cost - routeCost[u]! + moveCost(k.idx, t);
            for (const j of open) {
              if (h.compat[u * h.nJobs + j] !== Compat.Ok) continue;
              if (h.unassignedCost[j]! - base <= (best?.gain ?? 1e-9)) break; // sorted, and an insertion costs ≥ 0 (no wait price): no later j pays more
              const eu = ins.best(u, without, ru.cost, j, minPos[u]!);
              if (!eu) continue;
              const gain = h.unassignedCost[j]! - base - eu.delta - moveCost(j, u);
              if (gain > (best?.gain ?? 1e-9)) best = { t, u, k: k.idx, j, without, withoutCost: ru.cost, gain };
            }
          }
        }
      }
      if (!best) return;
      const { t, u, k, j } = best;
      // both insertions again, in turn (a pickup of one may take the last of a part the other needs)
      const stock = ins.houseLeft.slice();
      const planT = plans[t]!.slice();
      const et = ins.best(t, plans[t]!, routeCost[t]!, k, minPos[t]!)!;
      ins.apply(plans[t]!, et, k);
      const eu = ins.best(u, best.without, best.withoutCost, j, minPos[u]!);
      if (!eu) {
        ins.houseLeft.set(stock);
        plans[t] = planT;
        open.splice(open.indexOf(j), 1); // not this re-plan
        continue;
      }
      routeCost[t] = cost(t);
      plans[u] = best.without;
      ins.apply(plans[u]!, eu, j);
      routeCost[u] = cost(u);
      onRoute[j] = 1;
      open.splice(open.indexOf(j), 1);
    }
  }
}
