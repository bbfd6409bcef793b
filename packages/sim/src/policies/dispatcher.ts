// The two baselines, as a busy dispatcher runs a day without an optimizer. Each hand-over applies
// the events (applyEvents: cancelled work leaves the lists, work under way is locked), keeps every
// technician's list in its order, hands the work that has no technician (new calls, a sick
// technician's list, what no longer fit) out by a simple rule, and times the lists into a board
// with timePlans (what cannot follow is dropped with a reason and handed out again later).
// - greedy: starts from the cheapest-insertion board; each job goes to the nearest qualified
//   technician (free ones first) at the end of their day, an emergency right after the current job.
//   Cancellations leave gaps: nothing is resequenced or pulled in.
// - static: starts from the morning's optimized board and never changes its order; only
//   cancellations come off, and new work goes at the end of whoever has the most room.
import {
  applyEvents,
  CLOSED_STATUSES,
  parseIso,
  timePlans,
  type Board,
  type Job,
  type LiveEvent,
  type Location,
  type PickupOrder,
  type PlanItem,
  type Problem,
  type Technician,
} from '@truckroll/solver';
import { durationFor, estimateDriveSec, mayTake, straightM } from '../common/jobs.ts';
import type { PolicyName } from '../scenario/schema.ts';
import type { MorningBoards, Policy, PolicyView } from './types.ts';

type Order = string | PickupOrder;

interface RouteEstimate {
  /** When the technician is done with the list (ms), and where. */
  freeAtMs: number;
  at: Location;
  /** Whether the list holds any job. */
  busy: boolean;
}

const toOrder = (it: PlanItem): Order => (it.kind === 'job' ? it.jobId : { supplyHouseId: it.houseId, parts: it.loads });

/** A list's orders with every pickup kept only when a job follows it before the next pickup (a pickup whose job left the list goes too). */
function ordersOf(plan: readonly PlanItem[]): Order[] {
  const out: Order[] = [];
  for (let i = 0; i < plan.length; i++) {
    const it = plan[i]!;
    if (it.kind === 'pickup') {
      const next = plan.slice(i + 1).find((x) => x.kind === 'job' || x.kind === 'pickup');
      if (next?.kind !== 'job') continue;
    }
    out.push(toOrder(it));
  }
  return out;
}

/** Earliest start in a window at or after `arrivalMs`, or null when every window has closed. */
function windowStart(job: Job, arrivalMs: number): number | null {
  let t = arrivalMs;
  if (job.earliestStart !== undefined) t = Math.max(t, parseIso(job.earliestStart));
  if (!job.windows.length) return t;
  let best: number | null = null;
  for (const w of job.windows) {
    const s = Math.max(t, parseIso(w.start));
    if (s <= parseIso(w.end) && (best === null || s < best)) best = s;
  }
  return best;
}

/**
 * A dispatcher's arithmetic for one list: from the resume point (or shift start), drive (padded),
 * wait for windows, work, buffer; a pickup costs its drive and counter time; the lunch still owed
 * is added once the list runs into its window. O(list length).
 */
function estimate(p: Problem, tech: Technician, order: readonly Order[], nowMs: number, jobs: ReadonlyMap<string, Job>, houses: ReadonlyMap<string, { location: Location; pickupMin: number }>): RouteEstimate {
  const pad = 1 + p.settings.buffer.drivePaddingPct / 100;
  let t = Math.max(nowMs, parseIso(tech.resume?.at ?? tech.shift.start), parseIso(tech.shift.start));
  let at = tech.resume?.location ?? tech.start;
  let lunch = tech.breaks.find((b) => !b.taken);
  let busy = false;
  for (const o of order) {
    if (typeof o === 'string') {
      const job = jobs.get(o);
      if (!job) continue;
      busy = true;
      const arrival = t + estimateDriveSec(p, at, job.location) * pad * 1000;
      const start = windowStart(job, arrival) ?? arrival;
      const dur = durationFor(job, tech);
      t = start + (dur + p.settings.buffer.afterJobMin + (dur * p.settings.buffer.afterJobPct) / 100) * 60_000;
      at = job.location;
    } else {
      const h = houses.get(o.supplyHouseId);
      if (!h) continue;
      t += (estimateDriveSec(p, at, h.location) * pad + h.pickupMin * 60) * 1000;
      at = h.location;
    }
    if (lunch && t > parseIso(lunch.window.start)) {
      t += lunch.durationMin * 60_000;
      lunch = undefined;
    }
  }
  return { freeAtMs: t, at, busy };
}

/** Where the job would start after `from` and whether the technician is home in time. */
function fits(p: Problem, tech: Technician, job: Job, from: RouteEstimate, nowMs: number): { startMs: number; endMs: number } | null {
  if (tech.unavailableFrom !== undefined && parseIso(tech.unavailableFrom) <= nowMs) return null;
  const pad = 1 + p.settings.buffer.drivePaddingPct / 100;
  const arrival = from.freeAtMs + estimateDriveSec(p, from.at, job.location) * pad * 1000;
  const start = windowStart(job, arrival);
  if (start === null) return null;
  const dur = durationFor(job, tech);
  const end = start + (dur + p.settings.buffer.afterJobMin) * 60_000;
  const home = end + estimateDriveSec(p, job.location, tech.end ?? tech.start) * pad * 1000;
  let latest = parseIso(tech.shift.end) + tech.shift.maxOvertimeMin * 60_000;
  if (tech.unavailableFrom !== undefined) latest = Math.min(latest, parseIso(tech.unavailableFrom));
  return home <= latest ? { startMs: start, endMs: end } : null;
}

export interface DispatcherRule {
  name: Extract<PolicyName, 'greedy' | 'static'>;
  /** Which morning board the dispatcher starts from. */
  morning: keyof MorningBoards;
  /** Technician choice for one job among those it fits (in technician order). */
  choose: 'nearest' | 'most-room';
  /** Emergencies go right after the current job (true) or at the end like the rest (false). */
  emergencyNext: boolean;
}

export const GREEDY_RULE: DispatcherRule = { name: 'greedy', morning: 'greedy', choose: 'nearest', emergencyNext: true };
export const STATIC_RULE: DispatcherRule = { name: 'static', morning: 'engine', choose: 'most-room', emergencyNext: false };

export function dispatcherPolicy(rule: DispatcherRule): Policy {
  let problem: Problem;
  let board: Board;
  /** job id -> technicians it was given to and dropped from (not tried again). */
  const tried = new Map<string, Set<string>>();

  function handOut(p: Problem, orders: Map<string, Order[]>, pool: readonly Job[], nowMs: number): void {
    const jobs = new Map(p.jobs.map((j) => [j.id, j]));
    const houses = new Map(p.supplyHouses.map((h) => [h.id, h]));
    const est = new Map<string, RouteEstimate>();
    for (const t of p.technicians) est.set(t.id, estimate(p, t, orders.get(t.id)!, nowMs, jobs, houses));
    for (const job of pool) {
      const emergencyNext = rule.emergencyNext && job.priority === 'emergency';
      let best: { tech: Technician; key: number; free: boolean } | null = null;
      for (const tech of p.technicians) {
        if (!mayTake(tech, job) || tried.get(job.id)?.has(tech.id)) continue;
        const order = orders.get(tech.id)!;
        const lockedCount = (tech.locked ?? []).length;
        const from = emergencyNext ? estimate(p, tech, order.slice(0, lockedCount), nowMs, jobs, houses) : est.get(tech.id)!;
        if (!fits(p, tech, job, from, nowMs)) continue;
        const e = est.get(tech.id)!;
        const free = !e.busy;
        const key = rule.choose === 'nearest' ? straightM(tech.resume?.location ?? tech.start, job.location) : e.freeAtMs;
        // nearest: free technicians before busy ones; most room: the earliest end of list
        if (!best || (rule.choose === 'nearest' && free !== best.free ? free : key < best.key)) best = { tech, key, free };
      }
      if (!best) continue;
      const order = orders.get(best.tech.id)!;
      if (emergencyNext) {
        // after the locked jobs (the current leg) and any pickup just before the next of them
        const lockedCount = (best.tech.locked ?? []).length;
        let pos = 0;
        for (let seen = 0; pos < order.length && seen < lockedCount; pos++) if (typeof order[pos] === 'string') seen++;
        order.splice(pos, 0, job.id);
      } else order.push(job.id);
      (tried.get(job.id) ?? tried.set(job.id, new Set()).get(job.id)!).add(best.tech.id);
      est.set(best.tech.id, estimate(p, best.tech, order, nowMs, jobs, houses));
    }
  }

  return {
    name: rule.name,
    async start(morningProblem, morning): Promise<PolicyView> {
      problem = morningProblem;
      board = await morning[rule.morning]();
      return { problem, board };
    },
    async update(events: readonly LiveEvent[], nowMs: number): Promise<PolicyView> {
      const st = applyEvents(problem, board, events);
      const p = st.problem;
      const orders = new Map<string, Order[]>();
      for (const t of p.technicians) orders.set(t.id, ordersOf(st.plans.get(t.id) ?? []));
      for (let round = 0; round < 2; round++) {
        const planned = new Set<string>();
        for (const o of orders.values()) for (const x of o) if (typeof x === 'string') planned.add(x);
        const pool = p.jobs.filter((j) => !CLOSED_STATUSES.has(j.status) && !planned.has(j.id));
        // emergencies first, then in the order the jobs became known
        pool.sort((a, b) => Number(b.priority === 'emergency') - Number(a.priority === 'emergency'));
        const before = new Map([...orders].map(([k, v]) => [k, v.length]));
        handOut(p, orders, pool, nowMs);
        const timed = await timePlans(p, Object.fromEntries(orders), { solverName: rule.name });
        board = timed.board;
        // a locked job that can no longer be timed (the leg under way runs past the shift) is not
        // locked any more: the board leaves it unassigned (the technician on the way still goes)
        for (const t of p.technicians) {
          if (!t.locked?.some((id) => timed.dropped.includes(id))) continue;
          const keep = t.locked.filter((id) => !timed.dropped.includes(id));
          if (keep.length) t.locked = keep;
          else delete t.locked;
        }
        if (!timed.dropped.length || [...orders].every(([k, v]) => v.length === before.get(k))) break;
        // what no longer fits goes back to the pool for a second hand-out
        const dropped = new Set(timed.dropped);
        for (const [techId, o] of orders) {
          for (const x of o) if (typeof x === 'string' && dropped.has(x)) (tried.get(x) ?? tried.set(x, new Set()).get(x)!).add(techId);
          orders.set(techId, o.filter((x) => typeof x !== 'string' || !dropped.has(x)));
        }
      }
      problem = p;
      return { problem, board };
    },
  };
}
