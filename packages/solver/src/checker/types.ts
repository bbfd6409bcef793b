// What the checker reports: violations of hard constraints (one code per rule) and the KPIs,
// route totals and cost it recomputed from the raw problem.
import type { Cost, Kpis, Totals } from '../model/index.ts';

export type ViolationCode =
  | 'skill'
  | 'level'
  | 'excluded'
  | 'pinned'
  | 'window'
  | 'earliest_start'
  | 'shift'
  | 'overtime'
  | 'break'
  | 'parts'
  | 'supply_house'
  | 'capacity'
  | 'max_drive'
  | 'job_twice'
  | 'job_missing'
  | 'unknown_job'
  | 'unknown_technician'
  | 'route_twice'
  | 'status'
  | 'locked'
  | 'history'
  | 'location'
  | 'timing'
  | 'travel'
  | 'kpi';

/** One broken rule. `message` names the numbers, e.g. `job J-3 needs hvac level 4; tech T-2 has 3`. */
export interface Violation {
  code: ViolationCode;
  message: string;
  technicianId?: string;
  jobId?: string;
  /** Index into the route's `stops` (the return leg has none). */
  stopIndex?: number;
  expected?: number | string;
  actual?: number | string;
}

export interface RouteCheck {
  technicianId: string;
  /** Recomputed from the problem and the stop times (not copied from the board). */
  totals: Totals;
}

export interface CheckResult {
  /** True when there is no violation at all (stated KPIs included). */
  ok: boolean;
  violations: Violation[];
  /** Recomputed over every technician of the problem. */
  kpis: Kpis;
  /** One entry per board route of a known technician, in board order. */
  routes: RouteCheck[];
  /** Recomputed objective (the board's stated cost is not compared). */
  cost: Cost;
}
