// The operator contract (PyVRP's): evaluate(u, v) returns the move's cost delta — it may return
// early for a move it rejects, but is exact for a move that is applied; apply performs it.
import type { Compiled } from '../../../compile/compiled.ts';
import type { RouteData, SearchState } from '../state.ts';

/**
 * A local-search move between node u (a job) and node v (a job, or `nJobs + r` for the start
 * depot of route r). Operators keep no state beyond what init/update maintain.
 */
export interface Operator {
  readonly name: string;
  /**
   * Every move of the operator between two routes takes u into v's route (relocate, or-opt, swaps):
   * the local search skips it, unevaluated, when v's technician may not do u (st.vanOk), where
   * evaluate() would reject it anyway.
   */
  readonly movesU?: boolean;
  /** Can the operator be used on this instance? */
  supports(c: Compiled): boolean;
  /** Cost delta of the move (negative = improvement); Infinity or ≥ 0 for a rejected move. O(1) in plain mode. */
  evaluate(u: number, v: number, st: SearchState): number;
  /** Performs the move (after an evaluate() of the same u, v that returned a gain). */
  apply(u: number, v: number, st: SearchState): void;
  /** Called once per search before any evaluate(). */
  init(st: SearchState): void;
  /** Called after route `route` changed (drop caches). */
  update(route: number): void;
}

/** Route of node v (a job, or nJobs + r for route r's start depot); -1 when unassigned. */
export function routeOfNode(v: number, st: SearchState): number {
  const nJ = st.c.nJobs;
  return v >= nJ ? v - nJ : st.routeOf[v]!;
}

/** Position of node v in its route (0 for a start depot). */
export function posOfNode(v: number, st: SearchState): number {
  return v >= st.c.nJobs ? 0 : st.posOf[v]!;
}

/**
 * Change of assignment costs when the stops at positions from..to of route S go to tech t; NaN when
 * t may not do one of their jobs or lacks their parts at the start of the day (st.vanOk). O(to − from).
 */
export function moveIn(st: SearchState, S: RouteData, from: number, to: number, t: number): number {
  const c = st.c;
  const nJ = c.nJobs;
  const nT = c.nTechs;
  const ts = S.tech;
  let delta = 0;
  let ticks = 0;
  for (let p = from; p <= to; p++) {
    const j = S.job[p]!;
    if (j < 0) continue;
    if (st.vanOk[t * nJ + j] === 0) return NaN;
    delta += c.assignCost[t * nJ + j]! - c.assignCost[ts * nJ + j]!;
    ticks += c.serviceTicks[j * nT + t]! + c.bufferTicks[j * nT + t]! - c.serviceTicks[j * nT + ts]! - c.bufferTicks[j * nT + ts]!;
  }
  moved.durationTicks = ticks;
  return delta;
}

/** Set by moveIn(): change of the moved stops' own durations (service and buffer at the new technician's level), ticks. */
export const moved = { durationTicks: 0 };

/** Legs and own durations of positions from..to of route R (the legs between them included), ticks. O(1). */
export function innerBusy(R: RouteData, from: number, to: number): number {
  return R.fBusy[to]! - R.fBusy[from]! + R.sD[from]!;
}

/** Cost of the arc route R drives into position pos (1 ≤ pos ≤ n + 1; 0 into the end depot of an empty route). O(1). */
export function arcIn(R: RouteData, pos: number): number {
  return R.fCost[pos]! - R.fCost[pos - 1]!;
}

/** Leg ticks of the arc route R drives into position pos (1 ≤ pos ≤ n + 1). O(1). */
export function legIn(R: RouteData, pos: number): number {
  return R.fBusy[pos]! - R.fBusy[pos - 1]! - R.sD[pos]!;
}
