// The staffing LP on a scenario's demand: each seed's day (booked work and calls, called-off jobs
// aside) at the scenario's roster shape, with a measured drive allowance per job.
import { parseIso } from '@truckroll/solver';
import { buildSimDay } from '../scenario/day.ts';
import type { Scenario } from '../scenario/schema.ts';
import { staffingBound, type StaffingBound } from './staffing.ts';

export interface StaffingSummary {
  targetUtilization: number;
  /** Drive allowance per job, minutes (measured by the caller: drive per job done on a good board). */
  drivePerJobMin: number;
  perSeed: { seed: number; technicians: number; byTrade: StaffingBound['byTrade'] }[];
  /** Technicians needed, mean and max over the seeds (LP relaxation: fractional). */
  mean: number;
  max: number;
}

/** The LP's inputs for one seed: the work asked for and the paid minutes per technician before and after noon. */
export function staffingInputOf(s: Scenario, seed: number) {
  const day = buildSimDay(s, seed);
  const cancelled = new Set(day.timeline.flatMap((e) => (e.kind === 'cancel' ? [e.jobId] : [])));
  const jobs = [...day.problem.jobs.filter((j) => !cancelled.has(j.id)), ...day.timeline.flatMap((e) => (e.kind === 'call' ? [e.job] : []))];
  const noon = day.midnightMs + 12 * 3_600_000;
  let am = 0;
  let pm = 0;
  for (const t of day.problem.technicians) {
    const start = parseIso(t.shift.start);
    const end = parseIso(t.shift.end);
    am += Math.max(0, Math.min(end, noon) - start) / 60_000;
    pm += Math.max(0, end - Math.max(start, noon)) / 60_000 - t.breaks.reduce((a, b) => a + b.durationMin, 0);
  }
  const n = Math.max(1, day.problem.technicians.length);
  return { day, jobs, morningMin: am / n, afternoonMin: pm / n };
}

/** The LP bound for each seed of a scenario (its own roster sized by demandTechnicians). */
export function scenarioStaffing(s: Scenario, seeds: readonly number[], drivePerJobMin: number): StaffingSummary {
  const base = s.demandTechnicians !== undefined && s.demandTechnicians !== s.technicians ? { ...s, technicians: s.demandTechnicians } : s;
  const perSeed = seeds.map((seed) => {
    const { day, jobs, morningMin, afternoonMin } = staffingInputOf(base, seed);
    const b = staffingBound({ jobs, midnightMs: day.midnightMs, morningMin, afternoonMin, utilization: s.staffing.targetUtilization, drivePerJobMin, wrapUpMin: s.world.wrapUpMin });
    return { seed, technicians: b.technicians, byTrade: b.byTrade };
  });
  return {
    targetUtilization: s.staffing.targetUtilization,
    drivePerJobMin,
    perSeed,
    mean: perSeed.reduce((a, x) => a + x.technicians, 0) / Math.max(1, perSeed.length),
    max: Math.max(...perSeed.map((x) => x.technicians)),
  };
}
