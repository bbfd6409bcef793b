// The checker's own travel model, written apart from travel/ so that a bug there cannot hide here:
// haversine × circuity at a speed (plus a per-leg overhead), or a lookup in the problem's matrix.
import type { Location, Problem } from '../model/index.ts';

/** Mean Earth radius, metres (IUGG). */
export const EARTH_RADIUS_M = 6_371_008.8;

/** One leg as the model sees it, or why there is none. */
export type Leg = { ok: true; durationSec: number; distanceM: number } | { ok: false; reason: string };

/** Great-circle (haversine) distance in metres between two points given in degrees. O(1). */
export function haversineM(a: Location, b: Location): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  // h can round just above 1 for antipodal points: clamp so the result is πR, not NaN
  return 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(h), Math.sqrt(Math.max(0, 1 - h)));
}

/**
 * Travel the checker cannot recompute itself (a road network such as OSRM): the caller passes the
 * table the solve used, as a lookup; null when it has no such leg.
 */
export type LegLookup = (from: Location, to: Location) => { durationSec: number; distanceM: number } | null;

/** Drive time (seconds) and distance (metres) from `from` to `to` under the problem's travel settings. O(1). */
export function legBetween(problem: Problem, from: Location, to: Location, lookup?: LegLookup): Leg {
  const t = problem.settings.travel;
  if (lookup) {
    const leg = lookup(from, to);
    if (!leg) return { ok: false, reason: 'the travel table given to the checker has no such leg' };
    if (!Number.isFinite(leg.durationSec) || !Number.isFinite(leg.distanceM)) return { ok: false, reason: 'no route (the travel table marks it unreachable)' };
    return { ok: true, ...leg };
  }
  if (t.model === 'osrm') return { ok: false, reason: 'road travel (OSRM): pass the travel table to checkBoard (options.legs)' };
  if (t.model === 'greatCircle') {
    const distanceM = haversineM(from, to) * t.circuity;
    const durationSec = distanceM > 0 ? distanceM / (t.speedKmh / 3.6) + t.legOverheadSec : 0;
    return { ok: true, durationSec, distanceM };
  }
  const m = problem.matrix;
  if (!m) return { ok: false, reason: 'the problem has no matrix' };
  const i = from.matrixIndex;
  const j = to.matrixIndex;
  if (i === undefined || j === undefined) return { ok: false, reason: 'a location has no matrixIndex' };
  const durationSec = m.durationsSec[i]?.[j];
  const distanceM = m.distancesM[i]?.[j];
  if (durationSec === undefined || distanceM === undefined) return { ok: false, reason: `matrix has no entry [${i}][${j}]` };
  if (durationSec === null || distanceM === null) return { ok: false, reason: `no route (matrix entry [${i}][${j}] is null)` };
  return { ok: true, durationSec, distanceM };
}
