// What really happens to each job, drawn once per seed and shared by every policy (common random
// numbers): the actual work time as a factor of the planned one (lognormal, spread by kind of
// work), nobody home, a follow-up needed. Policies never see it; the world reads it as work ends.
import type { Job } from '@truckroll/solver';
import { Rng } from '../generate/rng.ts';
import type { Scenario } from '../scenario/schema.ts';

/** Spread (log-sd) of actual durations by kind of work: routine visits run to plan, diagnoses do not. */
export function durationSdFor(type: string | undefined): number {
  const t = type ?? '';
  if (/tune-up|maintenance|inspection|filter|flush|safety|follow-up|estimate/.test(t)) return 0.1;
  if (/diagnos|repair|troubleshoot|clearing|callback/.test(t)) return 0.3;
  if (/replacement|install|upgrade/.test(t)) return 0.2;
  return 0.2;
}

export interface JobTruth {
  /** Actual work = planned duration (for the technician who does it) × this. */
  durationFactor: number;
  /** Nobody home at the first visit. */
  noAccess: boolean;
  /** The visit finds more work than can be done today (done, but not a first-time fix). */
  followUp: boolean;
}

/**
 * Draws the truth of each job in the order given (ids must be stable across policies). Each
 * quantity has its own stream, so adding a job at the end changes nothing before it.
 */
export function drawTruth(seed: number, jobs: readonly Job[], s: Scenario): Map<string, JobTruth> {
  const dur = new Rng(seed, 'truth-durations');
  const access = new Rng(seed, 'truth-no-access');
  const follow = new Rng(seed, 'truth-follow-ups');
  const out = new Map<string, JobTruth>();
  for (const j of jobs) {
    const sd = durationSdFor(j.type) * s.noise.durationSdScale;
    // mean-one lognormal, shifted by the bias: E[factor] = e^bias
    const durationFactor = Math.exp(s.noise.durationBias + sd * dur.normal() - (sd * sd) / 2);
    const noAccess = access.chance(j.priority === 'emergency' ? 0 : s.disruptions.noAccessRate);
    const followUp = follow.chance(s.disruptions.followUpRate);
    out.set(j.id, { durationFactor, noAccess, followUp });
  }
  return out;
}
