// Tests of generateDay: determinism, validity, realism of the presets, cities and seasons, options.
import { describe, it, expect } from 'vitest';
import { clockOf, parseProblem, type Problem } from '@truckroll/solver';
import { PARTS, VAN_KITS } from './catalogue.ts';
import { CITIES, usDstOn } from './cities.ts';
import { SIZES, SIZE_NAMES, defaultRadiusKm, generateDay, problemJsonText, type GenerateOptions } from './day.ts';
import { dayIssues } from './invariants.ts';
import { JOB_TYPES } from './job-types.ts';
import { Rng } from './rng.ts';

interface Meta {
  centre: { lat: number; lon: number };
  radiusKm: number;
  demandCapacityRatio: number;
  serviceDemandMin: number;
  shiftCapacityMin: number;
}

const day = (options: GenerateOptions): { p: Problem; meta: Meta } => {
  const p = parseProblem(generateDay(options));
  return { p, meta: p.meta as unknown as Meta };
};
const issuesOf = (options: GenerateOptions) => {
  const { p, meta } = day(options);
  return dayIssues(p, meta.centre, meta.radiusKm);
};

describe('generateDay: determinism', () => {
  it('gives byte-identical JSON for the same options', () => {
    const a = problemJsonText(generateDay({ ...SIZES.medium, seed: 7 }));
    const b = problemJsonText(generateDay({ ...SIZES.medium, seed: 7 }));
    expect(a).toBe(b);
  });

  it('gives a different day for a different seed', () => {
    const a = generateDay({ ...SIZES.small, seed: 1 });
    const b = generateDay({ ...SIZES.small, seed: 2 });
    expect(problemJsonText(a)).not.toBe(problemJsonText(b));
    expect(a.jobs![0]!.location).not.toEqual(b.jobs![0]!.location);
  });

  it('keeps the roster when only the number of jobs changes (independent streams)', () => {
    const a = generateDay({ technicians: 8, jobs: 50, seed: 3 });
    const b = generateDay({ technicians: 8, jobs: 60, seed: 3 });
    expect(b.technicians).toEqual(a.technicians);
  });
});

describe('generateDay: the presets', () => {
  for (const size of SIZE_NAMES) {
    for (const seed of [1, 2, 3]) {
      it(`${size}, seed ${seed}: valid, realistic, booked like a shop (service ≈ 0.6 of net shift)`, () => {
        const { p, meta } = day({ ...SIZES[size], seed });
        expect(p.technicians).toHaveLength(SIZES[size].technicians);
        expect(p.jobs).toHaveLength(SIZES[size].jobs);
        expect(dayIssues(p, meta.centre, meta.radiusKm)).toEqual([]);
        // Σ job minutes / Σ net shift minutes: about 0.6 (wrench time of a good shop, drive and
        // buffers on top); large books ten jobs a technician, so it may sit a little higher.
        expect(meta.demandCapacityRatio).toBeGreaterThanOrEqual(0.55);
        expect(meta.demandCapacityRatio).toBeLessThanOrEqual(size === 'large' ? 0.7 : 0.66);
        expect(meta.serviceDemandMin).toBe(p.jobs.reduce((s, j) => s + j.durationMin, 0));
      });
    }
  }

  it('has emergencies in medium and large, some with no window, all within 2–4 h deadlines', () => {
    for (const size of ['medium', 'large'] as const) {
      const { p } = day({ ...SIZES[size], seed: 1 });
      const emergencies = p.jobs.filter((j) => j.priority === 'emergency');
      expect(emergencies.length).toBe(Math.round(0.04 * SIZES[size].jobs));
      expect(emergencies.some((j) => j.windows.length === 0)).toBe(true);
      expect(emergencies.some((j) => j.windows.length > 0)).toBe(true);
    }
  });

  it('books a shop-like mix: mostly normal priority, the usual windows, preferences, late parts', () => {
    const { p } = day({ ...SIZES.large, seed: 1 });
    const share = (f: (j: Problem['jobs'][number]) => boolean) => p.jobs.filter(f).length / p.jobs.length;
    expect(share((j) => j.priority === 'normal')).toBeGreaterThan(0.6);
    expect(share((j) => j.priority === 'urgent')).toBeGreaterThan(0.03);
    expect(share((j) => j.priority === 'low')).toBeGreaterThan(0.03);
    const windowText = (j: Problem['jobs'][number]) => j.windows.map((w) => `${clockOf(w.start)}-${clockOf(w.end)}`).join(',');
    expect(share((j) => windowText(j) === '08:00-12:00')).toBeGreaterThan(0.2);
    expect(share((j) => windowText(j) === '12:00-16:00')).toBeGreaterThan(0.1);
    expect(share((j) => windowText(j) === '08:00-17:00')).toBeGreaterThan(0.05);
    expect(share((j) => ['08:00-10:00', '10:00-12:00', '13:00-15:00', '15:00-17:00'].includes(windowText(j)))).toBeGreaterThan(0.02);
    expect(p.jobs.some((j) => j.windows.length === 2)).toBe(true);
    expect(share((j) => j.preferredTechnicians.length > 0)).toBeGreaterThan(0.02);
    expect(p.jobs.some((j) => j.excludedTechnicians.length > 0)).toBe(true);
    expect(p.jobs.some((j) => j.pinnedTechnician !== undefined)).toBe(true);
    expect(p.jobs.some((j) => j.earliestStart !== undefined && j.priority !== 'emergency')).toBe(true);
    expect(p.jobs.some((j) => j.supplyHouses !== undefined)).toBe(true);
    expect(p.jobs.some((j) => j.durationByLevelMin !== undefined)).toBe(true);
  });

  it('leans on short visits as jobs per technician grow, and spreads jobs evenly over the trades', () => {
    const shortShare = (p: Problem) => p.jobs.filter((j) => j.durationMin <= 45).length / p.jobs.length;
    const small = day({ ...SIZES.small, seed: 1 }).p;
    const large = day({ ...SIZES.large, seed: 1 }).p;
    expect(shortShare(large)).toBeGreaterThan(0.8);
    expect(shortShare(large)).toBeGreaterThan(shortShare(small) + 0.15);
    // Every trade still books some of its longer diagnostic and repair work on the large day.
    for (const type of ['no-heat-diagnosis', 'toilet-repair', 'outlet-repair']) expect(large.jobs.some((j) => j.type === type), type).toBe(true);
    for (const size of ['medium', 'large'] as const) {
      const { p } = day({ ...SIZES[size], seed: 1 });
      const perTech = ['hvac', 'plumbing', 'electrical'].map((trade) => {
        const techs = p.technicians.filter((t) => t.meta!.trade === trade).length;
        const jobs = p.jobs.filter((j) => Object.keys(j.skills)[0] === trade).length;
        return jobs / techs;
      });
      expect(Math.max(...perTech) - Math.min(...perTech), `${size}: jobs per technician by trade ${perTech.join(', ')}`).toBeLessThan(0.5);
    }
  });

  it('sends water-heater replacements to a supply house: no van carries a water heater', () => {
    const { p } = day({ ...SIZES.medium, seed: 2 });
    const replacements = p.jobs.filter((j) => j.type === 'water-heater-replacement');
    expect(replacements.length).toBeGreaterThan(0);
    for (const j of replacements) {
      const heater = Object.keys(j.parts).find((sku) => sku.startsWith('WH-'));
      expect(heater).toBeDefined();
      expect(p.technicians.every((t) => (t.vanStock[heater!] ?? 0) === 0)).toBe(true);
      expect(p.supplyHouses.some((s) => (s.stock[heater!] ?? 0) > 0)).toBe(true);
    }
  });

  it('staffs a pyramid with multi-skilled technicians and 2–4 supply houses', () => {
    for (const size of SIZE_NAMES) {
      const { p } = day({ ...SIZES[size], seed: 1 });
      expect(p.supplyHouses.length).toBeGreaterThanOrEqual(2);
      expect(p.supplyHouses.length).toBeLessThanOrEqual(4);
      const levels = p.technicians.map((t) => t.skills[t.meta!.trade as string]!);
      expect(levels.filter((l) => l <= 2).length).toBeGreaterThan(levels.filter((l) => l >= 4).length);
      expect(levels.filter((l) => l >= 4).length).toBeGreaterThan(0);
      if (size !== 'small') expect(p.technicians.some((t) => Object.keys(t.skills).length > 1)).toBe(true);
    }
  });

  it('uses the default radius: 12 km for 8 technicians, growing mildly', () => {
    expect(defaultRadiusKm(8)).toBe(12);
    expect(defaultRadiusKm(30)).toBe(19.6);
    expect(defaultRadiusKm(100)).toBe(26.6);
    expect(defaultRadiusKm(1)).toBe(10);
  });
});

describe('generateDay: cities, dates and seasons', () => {
  it('writes times in the city offset of the date (US daylight saving; Phoenix never)', () => {
    expect(generateDay({ technicians: 2, jobs: 3 }).technicians[0]!.shift.start).toMatch(/^2026-01-13T0\d:\d\d:00-07:00$/);
    expect(generateDay({ technicians: 2, jobs: 3, date: '2026-07-14' }).technicians[0]!.shift.start).toMatch(/-06:00$/);
    expect(generateDay({ technicians: 2, jobs: 3, date: '2026-07-14', city: 'phoenix' }).technicians[0]!.shift.start).toMatch(/-07:00$/);
    expect(generateDay({ technicians: 2, jobs: 3, city: 'atlanta' }).technicians[0]!.shift.start).toMatch(/-05:00$/);
    expect(generateDay({ technicians: 2, jobs: 3, utcOffset: '+01:00' }).technicians[0]!.shift.start).toMatch(/\+01:00$/);
  });

  it('follows the US daylight-saving dates (2026: March 8 to November 1)', () => {
    expect(usDstOn('2026-03-07')).toBe(false);
    expect(usDstOn('2026-03-08')).toBe(true);
    expect(usDstOn('2026-10-31')).toBe(true);
    expect(usDstOn('2026-11-01')).toBe(false);
  });

  it('places every city day around that city, valid and realistic', () => {
    for (const city of Object.keys(CITIES) as (keyof typeof CITIES)[]) {
      const { p, meta } = day({ technicians: 12, jobs: 80, city, seed: 5 });
      expect(meta.centre).toEqual({ lat: CITIES[city].lat, lon: CITIES[city].lon });
      expect(dayIssues(p, meta.centre, meta.radiusKm)).toEqual([]);
    }
  });

  it('tilts the mix with the season: furnaces in a Denver January, air conditioners in a Phoenix July', () => {
    const count = (p: Problem, types: string[]) => p.jobs.filter((j) => types.includes(j.type!)).length;
    const heating = ['furnace-tune-up', 'furnace-maintenance-visit', 'no-heat-diagnosis', 'furnace-repair', 'furnace-safety-check'];
    const cooling = ['ac-tune-up', 'ac-maintenance-visit', 'no-cool-diagnosis', 'ac-replacement'];
    const winter = day({ ...SIZES.medium, seed: 1 }).p;
    const summer = day({ ...SIZES.medium, seed: 1, city: 'phoenix', date: '2026-07-14' }).p;
    expect(count(winter, heating)).toBeGreaterThan(3 * count(winter, cooling));
    expect(count(summer, cooling)).toBeGreaterThan(3 * count(summer, heating));
  });
});

describe('generateDay: options', () => {
  it('handles the edges: one technician, no jobs, many emergencies', () => {
    expect(issuesOf({ technicians: 1, jobs: 10, seed: 4 })).toEqual([]);
    const none = day({ technicians: 3, jobs: 0 });
    expect(none.p.jobs).toEqual([]);
    expect(none.meta.demandCapacityRatio).toBe(0);
    const stormy = day({ technicians: 10, jobs: 40, emergencyShare: 0.5, seed: 2 }).p;
    expect(stormy.jobs.filter((j) => j.priority === 'emergency')).toHaveLength(20);
  });

  it('meets a lighter or heavier load when the job count allows it', () => {
    expect(day({ ...SIZES.medium, seed: 1, loadFactor: 1 }).meta.demandCapacityRatio).toBeCloseTo(1, 1);
    expect(day({ ...SIZES.small, seed: 1, loadFactor: 0.7 }).meta.demandCapacityRatio).toBeCloseTo(0.7, 1);
    expect(day({ ...SIZES.small, seed: 1, loadFactor: 1.1 }).meta.demandCapacityRatio).toBeCloseTo(1.1, 1);
  });

  it('rejects bad options with a RangeError naming the option', () => {
    expect(() => generateDay({ technicians: 0 })).toThrow(/technicians/);
    expect(() => generateDay({ jobs: 1.5 })).toThrow(/jobs/);
    expect(() => generateDay({ date: '2026-02-30' })).toThrow(/date: "2026-02-30" is not a calendar date/);
    expect(() => generateDay({ utcOffset: '-7' })).toThrow(/utcOffset/);
    expect(() => generateDay({ city: 'gotham' as never })).toThrow(RangeError);
    expect(() => generateDay({ seed: -1 })).toThrow(/seed/);
  });
});

describe('catalogue and job kinds', () => {
  it('lists each SKU once and names only catalogued SKUs in van kits and job kinds', () => {
    const skus = new Set(PARTS.map((p) => p.sku));
    expect(skus.size).toBe(PARTS.length);
    for (const kit of Object.values(VAN_KITS)) for (const line of kit) expect(skus.has(line.sku), line.sku).toBe(true);
    const rng = new Rng(11);
    for (const type of JOB_TYPES) {
      for (let k = 0; k < 50; k++) for (const sku of Object.keys(type.parts?.(rng) ?? {})) expect(skus.has(sku), `${type.type}: ${sku}`).toBe(true);
    }
  });

  it('keeps kinds sane: unique names, levels 1–4, durations in 5-minute steps from 20 to 420', () => {
    expect(new Set(JOB_TYPES.map((t) => t.type)).size).toBe(JOB_TYPES.length);
    for (const t of JOB_TYPES) {
      for (const level of Object.values(t.skills)) {
        expect(level).toBeGreaterThanOrEqual(1);
        expect(level).toBeLessThanOrEqual(4);
      }
      expect(t.durationMin[0] % 5).toBe(0);
      expect(t.durationMin[0]).toBeGreaterThanOrEqual(20);
      expect(t.durationMin[1]).toBeLessThanOrEqual(420);
      expect(t.durationMin[1]).toBeGreaterThanOrEqual(t.durationMin[0]);
    }
  });
});
