// Fits the great-circle estimate (circuity, speedKmh, legOverheadSec) to a real router's durations,
// so a contractor without an OSRM server at solve time still gets times close to the roads'. The fit
// and its median and p90 relative error |estimate − router| / router come out together.
import { TravelError, TruckrollError } from '../../model/errors.ts';
import type { Location } from '../../model/problem.ts';
import { greatCircleMatrix, haversineM, type GreatCircleOptions } from '../great-circle.ts';
import { wireCoordinate } from './client.ts';
import type { OsrmTravelModel } from './table.ts';
import { mulberry32 } from '../../search/engine/rng.ts';

export interface CalibrateOptions {
  /** At most this many ordered pairs: that many locations are drawn (seeded) for one table (default 2,000). */
  sample?: number;
  /** Seed of the draw (default 1). */
  seed?: number;
  /** The settings to compare against (default the built-in 1.3, 40 km/h, 60 s). */
  baseline?: GreatCircleOptions;
  signal?: AbortSignal;
  /** One per location, passed to the model for errors. */
  labels?: readonly (string | undefined)[];
}

export interface RelativeErrors {
  /** Ordered pairs of distinct places with a route. */
  pairs: number;
  /** Median of |estimate − router| / router. */
  median: number;
  /** 90th percentile of the same (linear interpolation, as numpy's default). */
  p90: number;
}

export interface GreatCircleFit {
  model: 'greatCircle';
  circuity: number;
  speedKmh: number;
  legOverheadSec: number;
}

export interface Calibration {
  /** Ready to paste into settings.travel. Rounded (3 decimals, 0.1 km/h, 1 s); errors are of the rounded values. */
  settings: GreatCircleFit;
  /** Locations used (distinct places, after the draw). */
  locations: number;
  /** Pairs with no route in the router (left out). */
  unreachablePairs: number;
  baseline: { settings: Required<GreatCircleOptions>; errors: RelativeErrors };
  fitted: RelativeErrors;
}

/** q-quantile of ascending `sorted` with linear interpolation between order statistics. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Relative errors of `settings` against the router matrix over the same locations (pairs i ≠ j, distinct places, finite route). */
export function relativeErrors(locations: readonly Location[], routerDurationsSec: Float64Array, settings: GreatCircleOptions): RelativeErrors {
  const n = locations.length;
  const est = greatCircleMatrix(locations, settings).durationsSec;
  const errs: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const y = routerDurationsSec[i * n + j]!;
      if (i === j || !(Number.isFinite(y) && y > 0)) continue;
      errs.push(Math.abs(est[i * n + j]! - y) / y);
    }
  }
  const sorted = Float64Array.from(errs).sort();
  return { pairs: sorted.length, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

/**
 * Fits `duration = gc × circuity / speed + overhead` to the router's durations:
 * - circuity = median of road distance / great-circle distance over the pairs (≥ 50 m apart);
 * - then speed and overhead by least squares on the relative residual, i.e. minimising
 *   Σ ((a·x + b − y) / y)² with x = gc × circuity, a = 1 / speed, b = overhead (weighted least
 *   squares with weights 1/y², closed form from the 2×2 normal equations); b is kept ≥ 0.
 * Relative, not absolute, residuals so that short legs (most of a contractor's day) count as much
 * as long ones: that is the error reported. O(n²) over the drawn locations, one `matrix()` call.
 * `osrm` may be any TravelModel (an explicit matrix works too); labels reach it when it takes them.
 */
export async function calibrate(locations: readonly Location[], osrm: Pick<OsrmTravelModel, 'matrix'>, options: CalibrateOptions = {}): Promise<Calibration> {
  const { sample = 2000, seed = 1 } = options;
  const baseline: Required<GreatCircleOptions> = { circuity: 1.3, speedKmh: 40, legOverheadSec: 60, ...options.baseline };
  // Distinct places, then a seeded draw of k of them with k(k − 1) ≤ sample.
  const seen = new Map<string, number>();
  locations.forEach((loc, i) => {
    const key = wireCoordinate(loc);
    if (!seen.has(key)) seen.set(key, i);
  });
  let picked = [...seen.values()];
  const k = Math.max(2, Math.floor((1 + Math.sqrt(1 + 4 * Math.max(2, sample))) / 2));
  if (picked.length > k) {
    const rnd = mulberry32(seed);
    for (let i = picked.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [picked[i], picked[j]] = [picked[j]!, picked[i]!];
    }
    picked = picked.slice(0, k).sort((a, b) => a - b);
  }
  const locs = picked.map((i) => locations[i]!);
  const labels = options.labels ? picked.map((i) => options.labels![i]) : undefined;
  const n = locs.length;
  if (n < 2) throw new TruckrollError('input', 'too_few_places', `calibration needs at least two distinct places; got ${n}`);
  const m = await osrm.matrix(locs, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(labels ? { labels } : {}),
  });

  const gc: number[] = [];
  const y: number[] = [];
  const ratios: number[] = [];
  let unreachablePairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const d = m.durationsSec[i * n + j]!;
      const road = m.distancesM[i * n + j]!;
      if (!Number.isFinite(d)) {
        unreachablePairs++;
        continue;
      }
      const g = haversineM(locs[i]!.lat, locs[i]!.lon, locs[j]!.lat, locs[j]!.lon);
      if (!(d > 0 && g > 0)) continue;
      gc.push(g);
      y.push(d);
      if (g >= 50 && Number.isFinite(road)) ratios.push(road / g);
    }
  }
  if (y.length === 0) throw new TravelError('no_routes', 'calibration found no pair of distinct places with a route between them');
  const circuity = ratios.length > 0 ? quantile(Float64Array.from(ratios).sort(), 0.5) : baseline.circuity;

  let sw = 0, swx = 0, swxx = 0, swy = 0, swxy = 0;
  for (let p = 0; p < y.length; p++) {
    const w = 1 / (y[p]! * y[p]!);
    const x = gc[p]! * circuity;
    sw += w;
    swx += w * x;
    swxx += w * x * x;
    swy += w * y[p]!;
    swxy += w * x * y[p]!;
  }
  const det = swxx * sw - swx * swx;
  let a = det > 0 ? (swxy * sw - swx * swy) / det : NaN;
  let b = det > 0 ? (swxx * swy - swx * swxy) / det : NaN;
  if (!(b >= 0)) {
    b = 0;
    a = swxy / swxx;
  }
  const speedKmh = a > 0 ? 3.6 / a : baseline.speedKmh;

  const settings: GreatCircleFit = {
    model: 'greatCircle',
    circuity: Math.min(5, Math.max(1, Math.round(circuity * 1000) / 1000)),
    speedKmh: Math.min(200, Math.max(0.1, Math.round(speedKmh * 10) / 10)),
    legOverheadSec: Math.round(b),
  };
  return {
    settings,
    locations: n,
    unreachablePairs,
    baseline: { settings: baseline, errors: relativeErrors(locs, m.durationsSec, baseline) },
    fitted: relativeErrors(locs, m.durationsSec, settings),
  };
}
