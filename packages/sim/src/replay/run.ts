// One seed of a scenario under each policy: builds the day, makes the morning boards once (the
// engine's solve is shared by the engine and static policies), plays the day per policy and turns
// each log into KPIs. Deterministic: the same scenario and seed give the same result (the morning
// solve runs to its iteration budget; wall-clock figures are kept apart in `timing`).
import { solve, type Board } from '@truckroll/solver';
import { makePolicy, type MorningBoards } from '../policies/index.ts';
import { buildSimDay, type SimDay } from '../scenario/day.ts';
import type { PolicyName, Scenario } from '../scenario/schema.ts';
import { dayKpis, type DayKpis, type HourKpis, type TechKpis } from './kpis.ts';
import { playDay, type PlayOptions } from './world.ts';

export interface PolicyDayResult {
  kpis: DayKpis;
  technicians: TechKpis[];
  hours: HourKpis[];
  /** Boards answered by the policy and checked (the morning board included). */
  boardsChecked: number;
  eventsDelivered: number;
}

export interface SeedTiming {
  morningSolveMs: number;
  policyMs: Partial<Record<PolicyName, number>>;
  checkMs: Partial<Record<PolicyName, number>>;
}

export interface SeedResult {
  seed: number;
  technicians: number;
  counts: SimDay['counts'];
  /** Σ planned minutes of the work asked for today (booked and called in, cancellations aside) / Σ net shift minutes. */
  demandRatio: number;
  morning: { iterations: number; iterationBudget: number; timeLimited: boolean };
  policies: Partial<Record<PolicyName, PolicyDayResult>>;
  /** Wall-clock figures (vary run to run; not part of the results). */
  timing: SeedTiming;
}

export interface RunSeedOptions {
  /** Technicians on shift instead of the scenario's (staffing what-ifs). */
  technicians?: number;
  onBoard?: PlayOptions['onBoard'];
  /** After each policy's day. */
  onPolicyDone?: (policy: PolicyName) => void;
}

/** Σ planned job minutes asked for (at the minimum level) / Σ net shift minutes. */
function demandRatioOf(day: SimDay): number {
  const cancelled = new Set(day.timeline.flatMap((e) => (e.kind === 'cancel' ? [e.jobId] : [])));
  let demand = 0;
  for (const j of day.problem.jobs) if (!cancelled.has(j.id)) demand += j.durationMin;
  for (const e of day.timeline) if (e.kind === 'call') demand += e.job.durationMin;
  let capacity = 0;
  for (const t of day.problem.technicians) {
    const shift = (Date.parse(t.shift.end) - Date.parse(t.shift.start)) / 60_000;
    capacity += shift - t.breaks.reduce((s, b) => s + b.durationMin, 0);
  }
  return capacity > 0 ? demand / capacity : 0;
}

/**
 * The morning boards of a day, each made once on first use: the engine's solve() (to its iteration
 * budget, the time limit a safety cap) and the solver's greedy.
 */
export function morningBoards(s: Scenario, day: SimDay, timing?: SeedTiming): MorningBoards & { readonly engineSolved: boolean } {
  let engineBoard: Promise<Board> | undefined;
  let greedyBoard: Promise<Board> | undefined;
  const timed = async (f: () => Promise<Board>) => {
    const t0 = performance.now();
    const b = await f();
    if (timing) timing.morningSolveMs += performance.now() - t0;
    return b;
  };
  return {
    engine: () => (engineBoard ??= timed(() => solve(day.problem, { seed: day.seed, maxIterations: s.planning.morningIterations, timeLimitSec: s.planning.morningTimeLimitSec }))),
    greedy: () => (greedyBoard ??= timed(() => solve(day.problem, { seed: day.seed, solver: 'greedy' }))),
    get engineSolved() {
      return engineBoard !== undefined;
    },
  };
}

export async function runSeed(s: Scenario, seed: number, policies: readonly PolicyName[], options: RunSeedOptions = {}): Promise<SeedResult> {
  const day = buildSimDay(s, seed, options.technicians !== undefined ? { technicians: options.technicians } : {});
  const timing: SeedTiming = { morningSolveMs: 0, policyMs: {}, checkMs: {} };
  const morning = morningBoards(s, day, timing);
  const out: SeedResult = {
    seed,
    technicians: day.problem.technicians.length,
    counts: day.counts,
    demandRatio: demandRatioOf(day),
    morning: { iterations: 0, iterationBudget: s.planning.morningIterations, timeLimited: false },
    policies: {},
    timing,
  };
  for (const name of policies) {
    const policy = makePolicy(name, { lockedHorizonMin: s.planning.lockedHorizonMin, fillIdle: s.planning.fillIdle });
    const r = await playDay({ scenario: s, day, policy, morning, ...(options.onBoard ? { onBoard: options.onBoard } : {}) });
    const k = dayKpis(r.log);
    out.policies[name] = { kpis: k.day, technicians: k.technicians, hours: k.hours, boardsChecked: r.boards, eventsDelivered: r.eventsDelivered };
    timing.policyMs[name] = r.policyMs;
    timing.checkMs[name] = r.checkMs;
    options.onPolicyDone?.(name);
  }
  if (morning.engineSolved) {
    const b = await morning.engine();
    out.morning.iterations = b.solver.iterations ?? 0;
    out.morning.timeLimited = out.morning.iterations < s.planning.morningIterations;
  }
  return out;
}
