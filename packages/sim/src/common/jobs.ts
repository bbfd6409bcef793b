// Small job facts the simulator needs outside the solver, by the model's own rules (model/problem.ts):
// the level a technician brings to a job, the job's duration at that level, whether the
// technician may take it at all, and a travel estimate by the problem's great-circle settings.
import { haversineM, type Job, type Location, type Problem, type Technician } from '@truckroll/solver';

/** The technician's level for the job: the lowest of their levels over its required skills (0: no skills required). */
export function levelFor(techSkills: Readonly<Record<string, number>>, jobSkills: Readonly<Record<string, number>>): number {
  let level = 5;
  let any = false;
  for (const skill of Object.keys(jobSkills)) {
    any = true;
    level = Math.min(level, techSkills[skill] ?? 0);
  }
  return any ? level : 0;
}

/** Minutes the job takes this technician (durationByLevelMin: the nearest lower listed level, else durationMin). */
export function durationFor(job: Job, tech: Technician): number {
  const level = levelFor(tech.skills, job.skills);
  const table = job.durationByLevelMin;
  if (table && level > 0) {
    for (let l = level; l >= 1; l--) {
      const v = table[String(l) as '1'];
      if (v !== undefined) return v;
    }
  }
  return job.durationMin;
}

/** Skills at level, not excluded, not pinned to someone else. */
export function mayTake(tech: Technician, job: Job): boolean {
  for (const [skill, min] of Object.entries(job.skills)) if ((tech.skills[skill] ?? 0) < min) return false;
  if (job.excludedTechnicians.includes(tech.id)) return false;
  if (job.pinnedTechnician !== undefined && job.pinnedTechnician !== tech.id) return false;
  return true;
}

/**
 * Drive seconds between two places as the problem's great-circle settings give them (a
 * dispatcher's estimate; other travel models fall back to the default 1.3 × 40 km/h + 60 s).
 */
export function estimateDriveSec(problem: Problem, a: Location, b: Location): number {
  const t = problem.settings.travel;
  const { circuity, speedKmh, legOverheadSec } = t.model === 'greatCircle' ? t : { circuity: 1.3, speedKmh: 40, legOverheadSec: 60 };
  const d = haversineM(a.lat, a.lon, b.lat, b.lon) * circuity;
  return d > 0 ? d / ((speedKmh * 1000) / 3600) + legOverheadSec : 0;
}

/** Straight-line metres (for "nearest"). */
export function straightM(a: Location, b: Location): number {
  return haversineM(a.lat, a.lon, b.lat, b.lon);
}
