// The checker's own travel model: haversine × circuity at a speed plus overhead, and matrix lookups.
import { describe, it, expect } from 'vitest';
import { parseProblem } from '../model/index.ts';
import { EARTH_RADIUS_M, haversineM, legBetween } from './travel.ts';

const shift = { start: '2026-03-02T08:00:00Z', end: '2026-03-02T16:00:00Z' };

describe('haversineM', () => {
  it('gives R × angle along a meridian: 1° = 6 371 008.8 × π/180 = 111 195.08 m', () => {
    expect(haversineM({ lat: 0, lon: 10 }, { lat: 1, lon: 10 })).toBeCloseTo(111_195.08, 1);
    expect(haversineM({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
  });

  it('is zero for one point and symmetric', () => {
    const a = { lat: 40.7, lon: -74 };
    const b = { lat: 40.8, lon: -73.9 };
    expect(haversineM(a, a)).toBe(0);
    expect(haversineM(a, b)).toBeCloseTo(haversineM(b, a), 9);
  });
});

describe('legBetween', () => {
  it('great circle: 1° × 1.5 circuity at 60 km/h + 30 s overhead', () => {
    const problem = parseProblem({
      technicians: [{ id: 'T', start: { lat: 0, lon: 0 }, shift }],
      settings: { travel: { model: 'greatCircle', circuity: 1.5, speedKmh: 60, legOverheadSec: 30 } },
    });
    // 111 195.08 m × 1.5 = 166 792.62 m at 16.667 m/s = 10 007.56 s, + 30 s.
    const leg = legBetween(problem, { lat: 0, lon: 0 }, { lat: 1, lon: 0 });
    expect(leg.ok && leg.distanceM).toBeCloseTo(166_792.62, 1);
    expect(leg.ok && leg.durationSec).toBeCloseTo(10_037.56, 1);
    expect(legBetween(problem, { lat: 5, lon: 5 }, { lat: 5, lon: 5 })).toEqual({ ok: true, durationSec: 0, distanceM: 0 });
  });

  it('matrix: reads [from.matrixIndex][to.matrixIndex]; null is no route; a missing index is reported', () => {
    const problem = parseProblem({
      technicians: [{ id: 'T', start: { lat: 0, lon: 0, matrixIndex: 0 }, shift }],
      jobs: [{ id: 'J', location: { lat: 1, lon: 1, matrixIndex: 1 }, durationMin: 10 }],
      settings: { travel: { model: 'matrix' } },
      matrix: { durationsSec: [[0, 300], [null, 0]], distancesM: [[0, 2500], [null, 0]] },
    });
    const a = { lat: 0, lon: 0, matrixIndex: 0 };
    const b = { lat: 1, lon: 1, matrixIndex: 1 };
    expect(legBetween(problem, a, b)).toEqual({ ok: true, durationSec: 300, distanceM: 2500 });
    expect(legBetween(problem, b, a)).toEqual({ ok: false, reason: 'no route (matrix entry [1][0] is null)' });
    expect(legBetween(problem, { lat: 0, lon: 0 }, b)).toEqual({ ok: false, reason: 'a location has no matrixIndex' });
  });
});
