// The objective recomputed from the raw problem and the walked routes (settings.weights): drive,
// distance, overtime, wait, unassigned jobs, emergency lateness, overqualification, preferred misses.
import type { Cost, Job, Problem } from '../model/index.ts';
import { parseIso } from '../model/index.ts';
import type { RouteFacts } from './route.ts';

/**
 * Cost of the routes counted for the board (one per technician) plus the unassigned jobs, in
 * currency units. Arrivals in `RouteFacts.scheduled` are seconds from `t0Ms`. O(jobs × skills).
 */
export function computeCost(problem: Problem, t0Ms: number, routes: readonly RouteFacts[], unassigned: readonly Job[]): Cost {
  const w = problem.settings.weights;
  let drive = 0;
  let distance = 0;
  let overtime = 0;
  let wait = 0;
  let emergencyLate = 0;
  let overqualification = 0;
  let preferredMiss = 0;
  for (const r of routes) {
    const tech = r.tech;
    drive += (r.legDriveMin / 60) * w.driveHour;
    distance += (r.totals.distanceM / 1000) * w.distanceKm;
    overtime += (r.totals.overtimeMin / 60) * (tech.overtimeCostPerHour ?? 1.5 * tech.costPerHour);
    wait += (r.waitMin / 60) * w.waitHour;
    for (const s of r.scheduled) {
      const job = s.job;
      if (job.responseDeadline !== undefined) {
        const lateMin = (t0Ms + s.arrivalSec * 1000 - parseIso(job.responseDeadline)) / 60_000;
        emergencyLate += Math.max(0, lateMin) * w.emergencyLateMin;
      }
      for (const [skill, min] of Object.entries(job.skills)) {
        const has = tech.skills[skill];
        if (has !== undefined) overqualification += Math.max(0, has - min) * w.overqualificationLevel;
      }
      if (job.preferredTechnicians.length > 0 && !job.preferredTechnicians.includes(tech.id)) preferredMiss += w.preferredMiss;
    }
  }
  let unassignedCost = 0;
  for (const job of unassigned) unassignedCost += w.unassigned[job.priority] + job.value * w.unassignedValueFactor;
  const total = drive + distance + overtime + wait + unassignedCost + emergencyLate + overqualification + preferredMiss;
  return { total, drive, distance, overtime, wait, unassigned: unassignedCost, emergencyLate, overqualification, preferredMiss };
}
