// improve(): the improvement engine. Local search to a local optimum, then ruin (SISR strings) and
// recreate (greedy with blinks) followed by local search on the touched routes, accepted by simulated
// annealing on the total cost (routes + unassigned jobs). Returns the best solution the RouteScheduler accepts.
import type { Compiled } from '../../compile/compiled.ts';
import type { Solution } from '../greedy.ts';
import { LocalSearch } from './local-search.ts';
import { neighbours, type NeighbourOptions } from './neighbours.ts';
import { OPERATORS, type Operator } from './operators/index.ts';
import { PenaltyManager, type PenaltyOptions } from './penalty.ts';
import { Recreate, type RecreateOptions } from './recreate.ts';
import { Rng } from './rng.ts';
import { pickupSourcesOk } from './pickups.ts';
import { Ruin, type RuinOptions } from './ruin.ts';
import { SearchState } from './state.ts';
import type { PlanStop } from '../schedule.ts';

export interface ImproveProgress {
  /** total cost of the new best (routes + unassigned) */
  cost: number;
  iteration: number;
  elapsedMs: number;
}

export interface ImproveOptions {
  /** wall-clock budget, milliseconds (default: none when maxIterations is set, else 1000) */
  timeLimitMs?: number;
  /** ruin-and-recreate iterations; with it the search is deterministic for a seed (annealing follows iterations) */
  maxIterations?: number;
  seed?: number;
  signal?: AbortSignal;
  /** Polled with the clock; true stops like an aborted signal (for a flag another thread sets: no AbortSignal fires while this loop holds the thread). */
  shouldStop?: () => boolean;
  onImprove?: (p: ImproveProgress) => void;
  /** operators to use (default: OPERATORS) */
  operators?: readonly Operator[];
  /** granular neighbourhoods; k sets the local search's and the ruin and recreate's lists (default 30; field days 60 and 40, and sharedWeight 1) */
  neighbours?: NeighbourOptions;
  ruin?: RuinOptions;
  recreate?: RecreateOptions;
  penalty?: PenaltyOptions;
  /** annealing temperatures as multiples of the average arc cost to a job's nearest neighbours */
  startTemperature?: number;
  endTemperature?: number;
}

/** What improve() did (beside its Solution's iterations). */
export interface ImproveStats {
  iterations: number;
  improvements: number;
  lsMoves: number;
  /** candidates not searched: the recreate left out more than the current solution does, or rebuilt it unchanged */
  lsSkipped: number;
  bestCost: number;
  startCost: number;
  elapsedMs: number;
}

/**
 * Clock and signal are read once per this many iterations. An iteration (ruin, recreate, local
 * search) costs 0.1–10 ms, far above a clock read, so every iteration checks.
 */
const CHECK_EVERY = 1;
/** Penalty multiplier of the repair search. */
const REPAIR_FACTOR = 10;
/** A recreate that leaves out this many average arcs' worth more than the current solution is not searched further. */
const SKIP_ARCS = 10;

/** Granular neighbourhood size (neighbours.ts's default, PyVRP-like): plain VRPTW. */
const DEFAULT_NEIGHBOURS = 30;
/**
 * Field days search wider neighbourhoods: most neighbour pairs fail there on compatibility (skills,
 * levels: a move needs the other route's technician to be allowed the job), so 30 neighbours leave
 * local search few real moves. Large sample, 10 s, seeds 1–10, mean objective / drive: 65.8k /
 * 13,103 min with 30 for both; local search 80, ruin and recreate 80: 63.1k / 12,877; 120, 120:
 * 63.8k / 12,776; 120, 60: 63.0k / 12,689; 200, 60: 64.7k / 12,623; 80, 30: 64.8k / 12,917;
 * 30, 80: 66.0k / 13,183 (half the iterations at 120, but each searches far more). Then with
 * the proximity divided by the share of technicians who may do both (FIELD_SHARED_WEIGHT), fewer
 * but usable neighbours do better (and cheaper iterations, state.ts / local-search.ts): seeds 1–10,
 * 62.8k / 12,620 at 120, 60 without it; with it 61.3k / 12,461 at 60, 40; 61.4k / 12,520 at 40,
 * 30; 62.9k / 12,443 at 120, 60; exponent 2 at 60, 40: 61.9k / 12,521. Seeds 11–20: 62.2k / 12,439
 * at 60, 40 with it against 63.5k / 12,576 at 120, 60 without.
 */
const FIELD_LS_NEIGHBOURS = 60;
/** Neighbours whose routes a field-day ruin strings through and a recreate scans first. */
const FIELD_RR_NEIGHBOURS = 40;
/** Field days: neighbours.ts's sharedWeight (see FIELD_LS_NEIGHBOURS). */
const FIELD_SHARED_WEIGHT = 1;

/** The solution with every job unassigned: improve() builds its own start from it (SISR recreate). */
export function emptySolution(c: Compiled): Solution {
  return {
    plans: Array.from({ length: c.nTechs }, () => []),
    unassigned: Array.from({ length: c.nJobs }, (_, j) => j),
    routeCost: new Float64Array(c.nTechs),
    iterations: 0,
  };
}

/** What the unassigned jobs of the state cost. O(unassigned). */
function leftOutCost(c: Compiled, st: SearchState): number {
  let s = 0;
  for (const j of st.unassigned) s += c.unassignedCost[j]!;
  return s;
}

/** Total cost of a solution per the RouteScheduler: Infinity when a route is infeasible. */
export function solutionCost(c: Compiled, st: SearchState, sol: Solution): number {
  let s = 0;
  for (let t = 0; t < c.nTechs; t++) s += st.exactCost(t, sol.plans[t] ?? []);
  for (const j of sol.unassigned) s += c.unassignedCost[j]!;
  return s;
}

/**
 * Improves `start` (a feasible solution, e.g. the greedy's) within the budget. Never returns a route
 * the RouteScheduler rejects: the best is confirmed route by route, and `start` is returned if
 * nothing better was confirmed. O(time budget).
 */
export function improve(c: Compiled, start: Solution, options: ImproveOptions = {}, stats?: ImproveStats): Solution {
  const t0 = performance.now();
  const { maxIterations, seed = 1, signal, onImprove } = options;
  const timeLimitMs = options.timeLimitMs ?? (maxIterations !== undefined ? Infinity : 1000);
  const rng = new Rng(seed);
  const st = new SearchState(c);
  st.load(start);
  // field days: wider granular neighbourhoods that weigh shared technicians (FIELD_LS_NEIGHBOURS); an explicit k sets both
  const kLS = options.neighbours?.k ?? (st.exact ? FIELD_LS_NEIGHBOURS : DEFAULT_NEIGHBOURS);
  const kRR = options.neighbours?.k ?? (st.exact ? FIELD_RR_NEIGHBOURS : DEFAULT_NEIGHBOURS);
  const nbrs = neighbours(st, { ...(st.exact ? { sharedWeight: FIELD_SHARED_WEIGHT } : {}), ...options.neighbours, k: Math.max(kLS, kRR) });
  const nbrsLS = kLS < Math.max(kLS, kRR) ? nbrs.map((a) => a.subarray(0, kLS)) : nbrs;
  const nbrsRR = kRR < Math.max(kLS, kRR) ? nbrs.map((a) => a.subarray(0, kRR)) : nbrs;
  const ops = (options.operators ?? OPERATORS).filter((op) => op.supports(c));
  const ls = new LocalSearch(st, nbrsLS, ops);
  const ruin = new Ruin(st, nbrsRR, options.ruin);
  const recreate = new Recreate(st, nbrsRR, options.recreate);
  const pm = new PenaltyManager(st, options.penalty);

  // temperature scale: the average arc cost from a job to its five nearest neighbours
  let nbrArc = 0;
  let nbrCnt = 0;
  for (let j = 0; j < c.nJobs; j++) {
    const nb = nbrs[j]!;
    for (let q = 0; q < Math.min(5, nb.length); q++) {
      const a = st.arcCostAt(c.jobLoc[j]! * c.nLocs + c.jobLoc[nb[q]!]!);
      if (Number.isFinite(a)) {
        nbrArc += a;
        nbrCnt++;
      }
    }
  }
  const scale = nbrCnt ? nbrArc / nbrCnt : st.avgArcCost;
  const tStart = (options.startTemperature ?? 0.3) * scale;
  const tEnd = (options.endTemperature ?? 0.01) * scale;

  const startCost = solutionCost(c, st, start);
  let bestCost = startCost;
  let bestPlans: PlanStop[][] | null = null;
  let bestUnassigned: number[] = [];
  let improvements = 0;
  /** iteration of the last new best; a search without one for nJobs / 4 iterations is stagnant (ruin.run) */
  let lastBest = 0;
  const elapsed = () => performance.now() - t0;
  const snapshot = (iteration: number): void => {
    const cost = st.totalCost();
    if (!(cost < bestCost - 1e-9) || !st.feasible()) return;
    bestCost = cost;
    bestPlans = st.routes.map((R) => R.stops.slice());
    bestUnassigned = st.unassigned.slice();
    improvements++;
    lastBest = iteration;
    onImprove?.({ cost, iteration, elapsedMs: elapsed() });
  };

  const removed: number[] = [];
  const aborted = () => signal?.aborted === true || options.shouldStop?.() === true;
  const stop = () => aborted() || elapsed() >= timeLimitMs;
  // Repair (PyVRP's): an infeasible local optimum is searched again with ten-fold penalties.
  const repair = (since: number): void => {
    if (st.feasible()) return;
    st.twPenalty *= REPAIR_FACTOR;
    st.loadPenalty *= REPAIR_FACTOR;
    st.repriceAll();
    ls.reset();
    ls.run(rng, undefined, since);
    st.twPenalty /= REPAIR_FACTOR;
    st.loadPenalty /= REPAIR_FACTOR;
    st.repriceAll();
  };
  // start: place what the start left out, then descend
  if (st.unassigned.length && !aborted()) recreate.run(rng, st.unassigned.slice());
  ls.run(rng, stop);
  repair(0);
  snapshot(0);
  // the current solution is always feasible (Infinity until one is)
  let current = st.feasible() ? st.totalCost() : Infinity;
  // Local search places no job, and what it gains on routes stays far below the cost of leaving a
  // job out (large sample: 99% of searches gain under 210, about 5 average arcs; the cheapest job
  // costs 300+): a candidate whose recreate left out at least `skipAbove` more than the current
  // solution is rejected before local search (half of all candidates on the large sample, 2% of the
  // acceptances).
  let cheapest = Infinity;
  for (let j = 0; j < c.nJobs; j++) cheapest = Math.min(cheapest, c.unassignedCost[j]!);
  const skipAbove = Math.max(cheapest, SKIP_ARCS * st.avgArcCost);
  let currentLeftOut = leftOutCost(c, st);
  let lsSkipped = 0;

  let iteration = 0;
  for (;;) {
    if (maxIterations !== undefined && iteration >= maxIterations) break;
    if (iteration % CHECK_EVERY === 0 && stop()) break;
    const progress = maxIterations !== undefined ? iteration / maxIterations : Math.min(1, elapsed() / timeLimitMs);
    const temperature = tStart * Math.pow(tEnd / tStart, progress);
    iteration++;

    const since = st.clock;
    st.beginJournal();
    recreate.beginJournal();
    removed.length = 0;
    ruin.run(rng, removed, iteration - lastBest > c.nJobs / 4);
    const pending = st.unassigned.slice();
    recreate.run(rng, pending);
    const leftOut = leftOutCost(c, st);
    if (current < Infinity && skipAbove > 0 && leftOut - currentLeftOut >= skipAbove - 1e-9) {
      st.rollback();
      recreate.rollback();
      lsSkipped++;
      continue;
    }
    // a small ruin is often recreated exactly as it was (two thirds of the candidates on the large
    // sample): nothing for local search to do
    if (st.unchanged()) {
      st.revertUnchanged();
      recreate.rollback();
      lsSkipped++;
      continue;
    }
    ls.run(rng, undefined, since);
    const loadOk = st.loadFeasible();
    const timeOk = st.timeFeasible();
    repair(since);
    const cost = st.totalCost();
    // simulated annealing (threshold form of SISR) over feasible candidates: accept when cost < current − T·ln(U)
    if (st.feasible() && cost < current - temperature * Math.log(rng.next())) {
      st.commit();
      recreate.commit();
      current = cost;
      currentLeftOut = leftOut;
      snapshot(iteration);
    } else {
      st.rollback();
      recreate.rollback();
    }
    if (pm.register(loadOk, timeOk) && current < Infinity) current = st.totalCost();
  }

  if (stats) {
    stats.iterations = iteration;
    stats.improvements = improvements;
    stats.lsMoves = ls.moves;
    stats.lsSkipped = lsSkipped;
    stats.bestCost = bestCost;
    stats.startCost = startCost;
    stats.elapsedMs = elapsed();
  }
  if (!bestPlans) return { ...start, iterations: iteration };
  const plans: PlanStop[][] = bestPlans;
  const sol: Solution = { plans, unassigned: bestUnassigned.sort((a, b) => a - b), routeCost: new Float64Array(c.nTechs), iterations: iteration };
  for (let t = 0; t < c.nTechs; t++) {
    const r = st.sched.run(t, plans[t]!);
    if (!r.feasible || !pickupSourcesOk(c, plans[t]!)) return { ...start, iterations: iteration };
    sol.routeCost[t] = r.cost;
  }
  return sol;
}
