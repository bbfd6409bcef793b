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
  return 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

/** Drive time (seconds) and distance (metres) from `from` to `to` under the problem's travel settings. O(1). */
export function legBetween(problem: Problem, from: Location, to: Location): Leg {
  const t = problem.settings.travel;
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
