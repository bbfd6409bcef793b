// Properties of the great-circle model over arbitrary points (anywhere on Earth and metro-scale):
// turf × circuity to 1e-6 relative, symmetry, zero diagonal, duration = distance / speed + overhead.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import turfDistance from '@turf/distance';
import type { Location } from '../model/problem.ts';
import { EARTH_RADIUS_M, greatCircleMatrix, haversineM } from './great-circle.ts';

/**
 * Degrees in [min, max]: fast-check's doubles (biased to edge values and tiny magnitudes) mixed with
 * uniform 1e-7° steps (fc.double alone rarely lands where rounding matters, e.g. near antipodes).
 */
const degrees = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(fc.double({ min, max, noNaN: true }), fc.integer({ min: min * 1e7, max: max * 1e7 }).map((k) => k / 1e7));

const anywhere: fc.Arbitrary<Location> = fc.record({ lat: degrees(-90, 90), lon: degrees(-180, 180) });

/** Points within ~0.5° (≈ 50 km) of a random metro centre: the scale the solver actually sees. */
const metro: fc.Arbitrary<Location[]> = fc
  .record({ lat: fc.double({ min: -60, max: 60, noNaN: true }), lon: fc.double({ min: -179, max: 179, noNaN: true }) })
  .chain((c) =>
    fc.array(
      fc.record({
        lat: fc.double({ min: c.lat - 0.25, max: c.lat + 0.25, noNaN: true }),
        lon: fc.double({ min: c.lon - 0.25, max: c.lon + 0.25, noNaN: true }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  );

const options = fc.record({
  circuity: fc.double({ min: 1, max: 5, noNaN: true }),
  speedKmh: fc.double({ min: 1, max: 200, noNaN: true }),
  legOverheadSec: fc.double({ min: 0, max: 600, noNaN: true }),
});

/** Turf's haversine in metres (turf takes [lon, lat]); NaN where its formula breaks down at antipodes. */
function turfM(a: Location, b: Location): number {
  return turfDistance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' });
}

/** |a − b| ≤ 1e-6 · |b|, plus a micrometre for distances near zero (rounding in the angle differences). */
function relClose(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-6 * Math.abs(expected) + 1e-6;
}

function checkMatrix(points: Location[], opts: { circuity: number; speedKmh: number; legOverheadSec: number }): void {
  const m = greatCircleMatrix(points, opts);
  const n = points.length;
  const metresPerSec = opts.speedKmh / 3.6;
  for (let i = 0; i < n; i++) {
    expect(m.distancesM[i * n + i]).toBe(0);
    expect(m.durationsSec[i * n + i]).toBe(0);
    for (let j = 0; j < n; j++) {
      const d = m.distancesM[i * n + j]!;
      const t = m.durationsSec[i * n + j]!;
      expect(Number.isFinite(d) && d >= 0).toBe(true);
      expect(d).toBe(m.distancesM[j * n + i]);
      expect(t).toBe(m.durationsSec[j * n + i]);
      const oracle = turfM(points[i]!, points[j]!);
      if (Number.isFinite(oracle)) expect(relClose(d, oracle * opts.circuity), `${JSON.stringify([points[i], points[j]])}: ${d} vs ${oracle * opts.circuity}`).toBe(true);
      expect(relClose(t, d > 0 ? d / metresPerSec + opts.legOverheadSec : 0)).toBe(true);
    }
  }
}

/** d(a, c) ≤ d(a, b) + d(b, c) within `slackM`, and likewise durations (the overhead is paid once on a→c, twice or not at all via b). */
function checkTriangle(points: Location[], opts: { circuity: number; speedKmh: number; legOverheadSec: number }, slackM: number): void {
  const m = greatCircleMatrix(points, opts);
  const slackSec = slackM / (opts.speedKmh / 3.6);
  expect(m.distancesM[2]!).toBeLessThanOrEqual(m.distancesM[1]! + m.distancesM[5]! + 1e-12 * m.distancesM[2]! + slackM);
  expect(m.durationsSec[2]!).toBeLessThanOrEqual(m.durationsSec[1]! + m.durationsSec[5]! + 1e-12 * m.durationsSec[2]! + slackSec);
}

describe('greatCircleMatrix (properties)', () => {
  it('matches turf × circuity, symmetric, zero diagonal, duration = distance / speed + overhead (anywhere)', () => {
    fc.assert(
      fc.property(fc.array(anywhere, { minLength: 1, maxLength: 8 }), options, (points, opts) => {
        checkMatrix(points, opts);
      }),
      { numRuns: 300 },
    );
  });

  it('same, at metro scale', () => {
    fc.assert(
      fc.property(metro, options, (points, opts) => {
        checkMatrix(points, opts);
      }),
      { numRuns: 300 },
    );
  });

  it('satisfies the triangle inequality for distances and durations (anywhere)', () => {
    fc.assert(
      fc.property(anywhere, anywhere, anywhere, options, (a, b, c, opts) => {
        // Near antipodes the haversine loses precision: 1 − s is rounded to ~1e-16, so the angle
        // is off by up to ~2·√(2.2e-16) ≈ 3e-8 rad ≈ 0.2 m (0.22 m seen in 300,000 random triples).
        checkTriangle([a, b, c], opts, 0.5 * opts.circuity);
      }),
      { numRuns: 300 },
    );
  });

  it('satisfies the triangle inequality to a micrometre at metro scale', () => {
    fc.assert(
      fc.property(metro.filter((p) => p.length >= 3), options, (points, opts) => {
        checkTriangle(points.slice(0, 3), opts, 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('gives πR × circuity, never NaN, for antipodal points', () => {
    fc.assert(
      fc.property(degrees(-90, 90), degrees(-180, 0), (lat, lon) => {
        const m = greatCircleMatrix([{ lat, lon }, { lat: -lat, lon: lon + 180 }], { circuity: 1.3 });
        expect(relClose(m.distancesM[1]!, EARTH_RADIUS_M * Math.PI * 1.3)).toBe(true);
        expect(relClose(haversineM(lat, lon, -lat, lon + 180), EARTH_RADIUS_M * Math.PI)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with haversineM × circuity', () => {
    fc.assert(
      fc.property(anywhere, anywhere, fc.double({ min: 1, max: 5, noNaN: true }), (a, b, circuity) => {
        const m = greatCircleMatrix([a, b], { circuity });
        expect(relClose(m.distancesM[1]!, haversineM(a.lat, a.lon, b.lat, b.lon) * circuity)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
