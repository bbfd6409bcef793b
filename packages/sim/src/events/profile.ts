// When calls come in: hourly arrival weights (the seeds' pattern: service calls peak 09–11 and
// 13–15; emergencies arrive all day and into the evening), sampling a time under them, and the
// Poisson counts of a day. All draws go through the seeded Rng.
import type { Rng } from '../generate/rng.ts';

/** Relative arrival rate of same-day service calls by local hour (index = hour). */
export const SERVICE_CALL_WEIGHTS: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0.5, 1.0, 1.6, 1.6, 1.0, 0.8, 1.4, 1.4, 0.7, 0.3, 0.1, 0, 0, 0, 0, 0, 0];
/** Relative arrival rate of emergency calls by local hour (a long tail into the evening). */
export const EMERGENCY_CALL_WEIGHTS: readonly number[] = [0, 0, 0, 0, 0, 0, 0.6, 1.0, 1.2, 1.2, 1.2, 1.1, 1.0, 1.0, 1.0, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0, 0];

/**
 * A minute of the day in [fromMin, toMin) drawn with density ∝ the hour's weight (piecewise
 * constant), as whole minutes after midnight. Returns null when the weights give the span no mass.
 */
export function drawMinute(rng: Rng, weights: readonly number[], fromMin: number, toMin: number): number | null {
  const pieces: { lo: number; hi: number; mass: number }[] = [];
  for (let h = 0; h < 24; h++) {
    const lo = Math.max(fromMin, h * 60);
    const hi = Math.min(toMin, (h + 1) * 60);
    const w = weights[h] ?? 0;
    if (hi > lo && w > 0) pieces.push({ lo, hi, mass: (hi - lo) * w });
  }
  if (!pieces.length) return null;
  const p = pieces[rng.weightedIndex(pieces.map((x) => x.mass))]!;
  return Math.min(p.hi - 1, Math.floor(p.lo + rng.next() * (p.hi - p.lo)));
}

/** A Poisson count with mean `mean` (Knuth's product method below 30, a rounded normal above). */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = 1;
  for (;;) {
    p *= rng.next();
    if (p <= limit) return k;
    k++;
  }
}
