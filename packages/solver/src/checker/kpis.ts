// Board KPIs from per-technician totals (one definition: DESIGN.md, "KPIs"), and the comparison of
// a board's stated totals and KPIs with the recomputed ones, field by field with unit tolerances.
import type { Kpis, Problem, Totals } from '../model/index.ts';
import { parseIso } from '../model/index.ts';
import { num } from './format.ts';
import type { ScheduledJob } from './route.ts';
import type { Violation } from './types.ts';

/** Median of ascending values (mean of the two middle ones for an even count); null when empty. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank 90th percentile of ascending values: sorted[ceil(0.9 n) − 1]; null when empty. */
export function p90(sorted: readonly number[]): number | null {
  const n = sorted.length;
  return n === 0 ? null : sorted[Math.ceil(0.9 * n) - 1]!;
}

/**
 * KPIs over every technician: `perTech` holds one Totals per technician of the problem (routed or
 * idle); `scheduled` the jobs on those routes, with arrivals in seconds from `t0Ms`.
 */
export function computeKpis(problem: Problem, t0Ms: number, perTech: readonly Totals[], scheduled: readonly ScheduledJob[], unassignedCount: number): Kpis {
  const sum = (f: (t: Totals) => number): number => perTech.reduce((s, t) => s + f(t), 0);
  const paidMin = sum((t) => t.paidMin);
  const serviceMin = sum((t) => t.serviceMin);
  const driveMin = sum((t) => t.driveMin);
  const share = (x: number): number => (paidMin > 0 ? x / paidMin : 0);

  const responses: number[] = [];
  let emergenciesLate = 0;
  for (const s of scheduled) {
    if (s.job.priority !== 'emergency') continue;
    const arrivalMs = t0Ms + s.arrivalSec * 1000;
    if (s.job.calledAt !== undefined) responses.push((arrivalMs - parseIso(s.job.calledAt)) / 60_000);
    if (s.job.responseDeadline !== undefined && arrivalMs > parseIso(s.job.responseDeadline)) emergenciesLate++;
  }
  responses.sort((a, b) => a - b);

  return {
    technicians: problem.technicians.length,
    techniciansUsed: perTech.filter((t) => t.jobs > 0).length,
    paidMin,
    serviceMin,
    driveMin,
    bufferMin: sum((t) => t.bufferMin),
    idleMin: sum((t) => t.idleMin),
    breakMin: sum((t) => t.breakMin),
    overtimeMin: sum((t) => t.overtimeMin),
    utilization: share(serviceMin + driveMin),
    driveShare: share(driveMin),
    wrenchTime: share(serviceMin),
    jobsScheduled: scheduled.length,
    jobsUnassigned: unassignedCount,
    revenueScheduled: scheduled.reduce((s, j) => s + j.job.value, 0),
    distanceKm: sum((t) => t.distanceM) / 1000,
    emergencyResponseMin: { count: responses.length, median: median(responses), p90: p90(responses) },
    emergenciesLate,
  };
}

/** Tolerance per unit: minutes 0.01, ratios 1e-4, metres 0.01, km 1e-5, counts exact. */
const TOL = { min: 0.01, ratio: 1e-4, m: 0.01, km: 1e-5, count: 0, money: 0.01 } as const;
type Unit = keyof typeof TOL;

const TOTALS_UNITS: Record<keyof Totals, Unit> = {
  paidMin: 'min',
  serviceMin: 'min',
  driveMin: 'min',
  bufferMin: 'min',
  idleMin: 'min',
  breakMin: 'min',
  overtimeMin: 'min',
  distanceM: 'm',
  jobs: 'count',
  utilization: 'ratio',
  driveShare: 'ratio',
};

type FlatKpi = Exclude<keyof Kpis, 'emergencyResponseMin'>;
const KPI_UNITS: Record<FlatKpi, Unit> = {
  technicians: 'count',
  techniciansUsed: 'count',
  paidMin: 'min',
  serviceMin: 'min',
  driveMin: 'min',
  bufferMin: 'min',
  idleMin: 'min',
  breakMin: 'min',
  overtimeMin: 'min',
  utilization: 'ratio',
  driveShare: 'ratio',
  wrenchTime: 'ratio',
  jobsScheduled: 'count',
  jobsUnassigned: 'count',
  revenueScheduled: 'money',
  distanceKm: 'km',
  emergenciesLate: 'count',
};

function differs(stated: number | null, recomputed: number | null, unit: Unit): boolean {
  if (stated === null || recomputed === null) return stated !== recomputed;
  return !(Math.abs(stated - recomputed) <= TOL[unit] + 1e-12 * Math.abs(recomputed));
}

function show(x: number | null): string {
  return x === null ? 'null' : num(x);
}

/** Appends a 'kpi' violation for every field of a route's stated totals that differs from the recomputed one. */
export function compareTotals(technicianId: string, stated: Totals, recomputed: Totals, out: Violation[]): void {
  for (const [field, unit] of Object.entries(TOTALS_UNITS) as [keyof Totals, Unit][]) {
    if (differs(stated[field], recomputed[field], unit)) {
      out.push({
        code: 'kpi',
        message: `route of ${technicianId}: totals.${field} is ${show(stated[field])}; recomputed ${show(recomputed[field])}`,
        technicianId,
        expected: recomputed[field],
        actual: stated[field],
      });
    }
  }
}

/** Appends a 'kpi' violation for every board KPI that differs from the recomputed one. */
export function compareKpis(stated: Kpis, recomputed: Kpis, out: Violation[]): void {
  const push = (field: string, s: number | null, r: number | null): void => {
    out.push({ code: 'kpi', message: `kpis.${field} is ${show(s)}; recomputed ${show(r)}`, ...(r === null ? {} : { expected: r }), ...(s === null ? {} : { actual: s }) });
  };
  for (const [field, unit] of Object.entries(KPI_UNITS) as [FlatKpi, Unit][]) {
    if (differs(stated[field], recomputed[field], unit)) push(field, stated[field], recomputed[field]);
  }
  const se = stated.emergencyResponseMin;
  const re = recomputed.emergencyResponseMin;
  if (differs(se.count, re.count, 'count')) push('emergencyResponseMin.count', se.count, re.count);
  if (differs(se.median, re.median, 'min')) push('emergencyResponseMin.median', se.median, re.median);
  if (differs(se.p90, re.p90, 'min')) push('emergencyResponseMin.p90', se.p90, re.p90);
}
