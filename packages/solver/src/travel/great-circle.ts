// The default travel model, needing no server: great-circle (haversine) distance times a
// circuity factor, driven at an average speed, plus a fixed overhead per leg between distinct places.
import type { Location } from '../model/problem.ts';
import type { TravelMatrix, TravelModel } from './types.ts';

/** Mean Earth radius, metres (IUGG; the value @turf/helpers uses). */
export const EARTH_RADIUS_M = 6_371_008.8;

export interface GreatCircleOptions {
  /** road distance / great-circle distance (default 1.3, a flat metro grid) */
  circuity?: number;
  /** average speed, km/h (default 40) */
  speedKmh?: number;
  /** seconds added to every leg between distinct places (default 60) */
  legOverheadSec?: number;
}

/** Haversine distance in metres between two points in degrees. */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  // s can round to just above 1 for (near-)antipodal points; clamp so the result is πR, not NaN.
  return 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(s), Math.sqrt(Math.max(0, 1 - s)));
}

/**
 * Builds the matrix in O(n²) over typed arrays: per-location sines and cosines are computed once,
 * and each pair is computed once and mirrored (the model is symmetric).
 */
export function greatCircleMatrix(locations: readonly Location[], options: GreatCircleOptions = {}): TravelMatrix {
  const { circuity = 1.3, speedKmh = 40, legOverheadSec = 60 } = options;
  const n = locations.length;
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const cosLat = new Float64Array(n);
  const rad = Math.PI / 180;
  for (let i = 0; i < n; i++) {
    lat[i] = locations[i]!.lat * rad;
    lon[i] = locations[i]!.lon * rad;
    cosLat[i] = Math.cos(lat[i]!);
  }
  const durationsSec = new Float64Array(n * n);
  const distancesM = new Float64Array(n * n);
  const metresPerSec = (speedKmh * 1000) / 3600;
  for (let i = 0; i < n; i++) {
    const lai = lat[i]!;
    const loi = lon[i]!;
    const ci = cosLat[i]!;
    for (let j = i + 1; j < n; j++) {
      const sLat = Math.sin((lat[j]! - lai) / 2);
      const sLon = Math.sin((lon[j]! - loi) / 2);
      const s = sLat * sLat + ci * cosLat[j]! * sLon * sLon;
      const d = 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(s), Math.sqrt(Math.max(0, 1 - s))) * circuity;
      const t = d > 0 ? d / metresPerSec + legOverheadSec : 0;
      distancesM[i * n + j] = d;
      distancesM[j * n + i] = d;
      durationsSec[i * n + j] = t;
      durationsSec[j * n + i] = t;
    }
  }
  return { n, durationsSec, distancesM };
}

export function greatCircleModel(options: GreatCircleOptions = {}): TravelModel {
  return {
    name: 'greatCircle',
    matrix: (locations) => Promise.resolve(greatCircleMatrix(locations, options)),
  };
}
