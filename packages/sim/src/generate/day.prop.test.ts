// Property tests of generateDay: any seed, small sizes, any city and month give a valid problem
// (parseProblem), unique ids, every point within radiusKm of the centre, and the realism invariants.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { haversineM, parseProblem } from '@truckroll/solver';
import { CITIES, CITY_NAMES } from './cities.ts';
import { generateDay, problemJsonText } from './day.ts';
import { dayIssues } from './invariants.ts';

const options = fc.record({
  seed: fc.nat({ max: 2 ** 32 - 1 }),
  technicians: fc.integer({ min: 1, max: 15 }),
  jobs: fc.integer({ min: 0, max: 90 }),
  city: fc.constantFrom(...CITY_NAMES),
  date: fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}-${m === 2 ? '10' : '15'}`),
  radiusKm: fc.option(fc.double({ min: 3, max: 60, noNaN: true }), { nil: undefined }),
  emergencyShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
});

describe('generateDay (properties)', () => {
  it('always yields a valid, realistic problem with unique ids, all points inside the area', () => {
    fc.assert(
      fc.property(options, (o) => {
        const p = parseProblem(generateDay(o));
        const meta = p.meta as { centre: { lat: number; lon: number }; radiusKm: number };
        expect(meta.centre).toEqual({ lat: CITIES[o.city].lat, lon: CITIES[o.city].lon });
        if (o.radiusKm !== undefined) expect(meta.radiusKm).toBe(o.radiusKm);
        for (const list of [p.technicians, p.jobs, p.supplyHouses]) expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
        // Slack: 0.2% for the flat placement plus 5 m for rounding to 5 decimals.
        const maxM = meta.radiusKm * 1000 * 1.002 + 5;
        for (const loc of [...p.technicians.map((t) => t.start), ...p.jobs.map((j) => j.location), ...p.supplyHouses.map((s) => s.location)]) {
          expect(haversineM(meta.centre.lat, meta.centre.lon, loc.lat, loc.lon)).toBeLessThanOrEqual(maxM);
        }
        expect(dayIssues(p, meta.centre, meta.radiusKm)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('is a function of its options: the same options give the same bytes', () => {
    fc.assert(
      fc.property(options, (o) => {
        expect(problemJsonText(generateDay(o))).toBe(problemJsonText(generateDay({ ...o })));
      }),
      { numRuns: 30 },
    );
  });
});
