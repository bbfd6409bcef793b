// The operator contract (PyVRP's): evaluate(u, v) returns the move's cost delta — it may return
// early for a move it rejects, but is exact for a move that is applied; apply performs it.
import type { Compiled } from '../../../compile/compiled.ts';
import type { SearchState } from '../state.ts';

/**
 * A local-search move between node u (a job) and node v (a job, or `nJobs + r` for the start
 * depot of route r). Operators keep no state beyond what init/update maintain.
 */
export interface Operator {
  readonly name: string;
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
