// Placing points around a metro centre: uniform over a disc, or in Gaussian neighbourhoods.
// Invariant: every point returned lies within `radiusKm` of the centre (clusters are clipped), and
// coordinates are rounded to 5 decimals (~1 m), so the JSON stays short and platform-stable.
import type { Rng } from './rng.ts';

/** Mean Earth radius, km (the value the solver's great-circle model uses). */
const EARTH_RADIUS_KM = 6371.0088;
const DEG = 180 / Math.PI;

export interface LatLon {
  lat: number;
  lon: number;
}

/** A point on the local east/north plane around the centre, km. */
export interface PlanePoint {
  eastKm: number;
  northKm: number;
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Keeps points inside the service area: at most this share of the radius (rounding leaves slack). */
const MAX_FRAC = 0.995;

/**
 * The lat/lon of a plane offset from `centre` (equirectangular: within 0.1% of the great-circle
 * distance at metro scale, a few tens of km), rounded to 5 decimals.
 */
export function toLatLon(centre: LatLon, p: PlanePoint): LatLon {
  const lat = centre.lat + (p.northKm / EARTH_RADIUS_KM) * DEG;
  const lon = centre.lon + (p.eastKm / (EARTH_RADIUS_KM * Math.cos(centre.lat / DEG))) * DEG;
  return { lat: round5(lat), lon: round5(lon) };
}

/** Uniform by area over the ring minFrac·R ≤ r ≤ maxFrac·R (maxFrac capped just under 1). */
export function pointInRing(rng: Rng, radiusKm: number, minFrac = 0, maxFrac = 1): PlanePoint {
  const lo = minFrac * minFrac;
  const hi = Math.min(maxFrac, MAX_FRAC) ** 2;
  const r = radiusKm * Math.sqrt(lo + rng.next() * (hi - lo));
  const theta = 2 * Math.PI * rng.next();
  return { eastKm: r * Math.cos(theta), northKm: r * Math.sin(theta) };
}

/** A Gaussian scatter around `at` (sigmaKm each axis), redrawn when outside the area, else pulled to its edge. */
export function pointNear(rng: Rng, at: PlanePoint, sigmaKm: number, radiusKm: number): PlanePoint {
  for (let tries = 0; tries < 8; tries++) {
    const p = { eastKm: at.eastKm + sigmaKm * rng.normal(), northKm: at.northKm + sigmaKm * rng.normal() };
    if (Math.hypot(p.eastKm, p.northKm) <= MAX_FRAC * radiusKm) return p;
  }
  const r = Math.hypot(at.eastKm, at.northKm);
  const scale = r > MAX_FRAC * radiusKm ? (MAX_FRAC * radiusKm) / r : 1;
  return { eastKm: at.eastKm * scale, northKm: at.northKm * scale };
}

/** Compass name of a plane point's bearing from the centre ("North", "Southeast", …). */
export function compassName(p: PlanePoint): string {
  const names = ['East', 'Northeast', 'North', 'Northwest', 'West', 'Southwest', 'South', 'Southeast'];
  const sector = Math.round(Math.atan2(p.northKm, p.eastKm) / (Math.PI / 4));
  return names[((sector % 8) + 8) % 8]!;
}
