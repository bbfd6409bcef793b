// Per-job rules the checker derives from the raw problem: the technician's level for a job, the
// job's duration for that technician, and the after-job buffer the settings require.
import type { Job, Settings, Technician } from '../model/index.ts';

/**
 * The technician's level for a job: the lowest of their levels over the job's required skills
 * (0 when they lack one); undefined when the job requires no skill.
 */
export function levelFor(job: Job, tech: Technician): number | undefined {
  const names = Object.keys(job.skills);
  if (names.length === 0) return undefined;
  let level = Infinity;
  for (const name of names) level = Math.min(level, tech.skills[name] ?? 0);
  return level;
}

/**
 * Minutes this technician spends on the job: `durationByLevelMin` at their level, else at the
 * nearest lower listed level, else `durationMin` (also for jobs without skills).
 */
export function jobDurationMin(job: Job, tech: Technician): number {
  const level = levelFor(job, tech);
  const byLevel = job.durationByLevelMin;
  if (level === undefined || !byLevel) return job.durationMin;
  for (let l = Math.min(5, level); l >= 1; l--) {
    const d = byLevel[String(l) as '1' | '2' | '3' | '4' | '5'];
    if (d !== undefined) return d;
  }
  return job.durationMin;
}

/** Buffer required after a job of `durationMin`: afterJobMin + afterJobPct % of the duration, minutes. */
export function requiredBufferMin(settings: Settings, durationMin: number): number {
  return settings.buffer.afterJobMin + (settings.buffer.afterJobPct / 100) * durationMin;
}
