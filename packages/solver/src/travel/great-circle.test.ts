// The great-circle travel model on hand-checkable points, with @turf/distance as the oracle for
// distances and `distance / speed + overhead` for durations.
import { describe, it, expect } from 'vitest';
import turfDistance from '@turf/distance';
import type { Location } from '../model/problem.ts';
import { EARTH_RADIUS_M, greatCircleMatrix, greatCircleModel, haversineM } from './great-circle.ts';

/** Turf's haversine in metres; turf takes [lon, lat]. */
function turfM(a: Location, b: Location): number {
  return turfDistance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' });
}

function expectRelClose(actual: number, expected: number, rel = 1e-6): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-9);
}

// A shop and three customers around Denver.
const SHOP: Location = { lat: 39.7392, lon: -104.9903 };
const POINTS: Location[] = [SHOP, { lat: 39.6133, lon: -105.0166 }, { lat: 39.8028, lon: -105.0875 }, { lat: 39.7294, lon: -104.8319 }];

describe('haversineM', () => {
  it('gives one degree of latitude as πR/180 (≈ 111.195 km)', () => {
    // On a meridian the haversine reduces to R · Δφ exactly: 6,371,008.8 · π / 180 = 111,195.08 m.
    expectRelClose(haversineM(0, 0, 1, 0), (EARTH_RADIUS_M * Math.PI) / 180, 1e-12);
    expectRelClose(haversineM(0, 0, 1, 0), 111_195.08, 1e-7);
  });

  it('gives a quarter of the equator as πR/2 and antipodes as πR', () => {
    expectRelClose(haversineM(0, 0, 0, 90), (EARTH_RADIUS_M * Math.PI) / 2, 1e-12);
    expectRelClose(haversineM(0, 0, 0, 180), EARTH_RADIUS_M * Math.PI, 1e-12);
    // Near-antipodal pairs where the haversine term rounds above 1 (found by the property test):
    // the distance is still πR, not NaN.
    expectRelClose(haversineM(73.75100453630535, -36.69262079728179, -73.75100453630535, 143.30737920271821), EARTH_RADIUS_M * Math.PI, 1e-9);
  });

  it('equals @turf/distance', () => {
    for (const a of POINTS) for (const b of POINTS) expectRelClose(haversineM(a.lat, a.lon, b.lat, b.lon), turfM(a, b), 1e-12);
  });
});

describe('greatCircleMatrix', () => {
  const circuity = 1.4;
  const speedKmh = 36; // 10 m/s, so durations are easy to check by hand
  const legOverheadSec = 45;
  const m = greatCircleMatrix(POINTS, { circuity, speedKmh, legOverheadSec });
  const n = POINTS.length;

  it('has n × n row-major arrays', () => {
    expect(m.n).toBe(n);
    expect(m.distancesM).toHaveLength(n * n);
    expect(m.durationsSec).toHaveLength(n * n);
  });

  it('gives turf distance × circuity', () => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) expectRelClose(m.distancesM[i * n + j]!, turfM(POINTS[i]!, POINTS[j]!) * circuity);
    }
  });

  it('is symmetric with a zero diagonal', () => {
    for (let i = 0; i < n; i++) {
      expect(m.distancesM[i * n + i]).toBe(0);
      expect(m.durationsSec[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) {
        expect(m.distancesM[i * n + j]).toBe(m.distancesM[j * n + i]);
        expect(m.durationsSec[i * n + j]).toBe(m.durationsSec[j * n + i]);
      }
    }
  });

  it('gives duration = distance / speed + overhead between distinct places', () => {
    // Shop to the first customer: ≈ 14.09 km great-circle × 1.4 ≈ 19.73 km at 10 m/s ≈ 1973 s, + 45 s.
    const d01 = m.distancesM[1]!;
    expect(d01).toBeGreaterThan(19_500);
    expect(d01).toBeLessThan(20_000);
    expectRelClose(m.durationsSec[1]!, d01 / 10 + 45, 1e-12);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) if (i !== j) expectRelClose(m.durationsSec[i * n + j]!, m.distancesM[i * n + j]! / 10 + legOverheadSec, 1e-12);
    }
  });

  it('charges no overhead between two stops at the same place', () => {
    const same = greatCircleMatrix([SHOP, { ...SHOP }, POINTS[1]!], { legOverheadSec: 60 });
    expect(same.distancesM[1]).toBe(0);
    expect(same.durationsSec[1]).toBe(0);
    expect(same.durationsSec[2]).toBeGreaterThan(60);
  });

  it('uses circuity 1.3, 40 km/h and 60 s by default', () => {
    const d = greatCircleMatrix(POINTS.slice(0, 2));
    const gc = turfM(POINTS[0]!, POINTS[1]!);
    expectRelClose(d.distancesM[1]!, gc * 1.3);
    expectRelClose(d.durationsSec[1]!, (gc * 1.3) / (40 / 3.6) + 60);
  });

  it('handles no locations and one location', () => {
    expect(greatCircleMatrix([])).toEqual({ n: 0, durationsSec: new Float64Array(0), distancesM: new Float64Array(0) });
    const one = greatCircleMatrix([SHOP]);
    expect(Array.from(one.distancesM)).toEqual([0]);
    expect(Array.from(one.durationsSec)).toEqual([0]);
  });
});

describe('greatCircleModel', () => {
  it('builds the same matrix as greatCircleMatrix, with its options', async () => {
    const model = greatCircleModel({ circuity: 1.85, speedKmh: 55, legOverheadSec: 0 });
    expect(model.name).toBe('greatCircle');
    expect(await model.matrix(POINTS)).toEqual(greatCircleMatrix(POINTS, { circuity: 1.85, speedKmh: 55, legOverheadSec: 0 }));
  });
});
