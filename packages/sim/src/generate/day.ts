// generateDay: a seeded, realistic day of a residential HVAC / plumbing / electrical shop as a wire
// ProblemInput. Invariants: the same options give byte-identical JSON (seeded streams only, no
// clock, no Math.random); the result passes parseProblem; every point lies within radiusKm of the centre.
import { z } from 'zod';
import type { ProblemInput } from '@truckroll/solver';
import { PART_BY_SKU, partsCatalogue } from './catalogue.ts';
import { CITIES, CITY_NAMES, SEASON, cityOffsetMin, formatOffset, type CityName } from './cities.ts';
import { pointInRing } from './geo.ts';
import { generateJobs, type JobInput } from './jobs.ts';
import { generateTechnicians } from './roster.ts';
import { Rng } from './rng.ts';
import { generateSupplyHouses, stockForDemand, supplyHouseCount } from './supply.ts';

/** Preset sizes: technicians on shift and jobs booked. */
export const SIZES = {
  small: { technicians: 8, jobs: 50 },
  medium: { technicians: 30, jobs: 250 },
  large: { technicians: 100, jobs: 1000 },
} as const;
export type SizeName = keyof typeof SIZES;
export const SIZE_NAMES = Object.keys(SIZES) as SizeName[];

/** Bumped whenever the same options would give a different day (the shipped samples are regenerated). */
export const GENERATOR_VERSION = 2;

const isCalendarDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

export const IsoDate = z.string().refine(isCalendarDate, { error: (i) => `"${String(i.input)}" is not a calendar date YYYY-MM-DD` });
export const UtcOffset = z
  .string()
  .regex(/^(Z|[+-](0\d|1[0-4]):[0-5]\d)$/, { error: (i) => `"${String(i.input)}" is not a UTC offset like -07:00, +05:30 or Z` });

export const GenerateOptions = z.strictObject({
  /** Seed of every random choice (any whole number 0 … 2^53 − 1). */
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  technicians: z.number().int().min(1).max(2000).default(SIZES.small.technicians),
  jobs: z.number().int().min(0).max(50_000).default(SIZES.small.jobs),
  /** Metro centre (see CITIES). */
  city: z.enum(CITY_NAMES as [CityName, ...CityName[]]).default('denver'),
  /** The local working day, YYYY-MM-DD (a Tuesday in January by default: heating season). */
  date: IsoDate.default('2026-01-13'),
  /** Offset written on every time; by default the city's offset on that date (Denver in January: -07:00). */
  utcOffset: UtcOffset.optional(),
  /** Service-area radius around the centre, km; by default 12 km for 8 technicians, growing mildly with size. */
  radiusKm: z.number().min(2).max(200).optional(),
  /** Share of the jobs that are emergencies (no heat, active leak, …). */
  emergencyShare: z.number().min(0).max(0.5).default(0.04),
  /**
   * Target Σ job durationMin / Σ net shift minutes (shift less lunch, no overtime). 0.6 books a
   * full day the way a shop does: service (wrench time) about 60% of paid time, the rest drive,
   * the 10-minute buffers and slack. The mix of kinds leans toward short visits as jobs per
   * technician grow, but only so far (see jobs.ts): with ~8 jobs a technician (medium) the
   * ratio meets 0.6; with ~10 (large) it cannot fall much below ~0.63.
   */
  loadFactor: z.number().min(0.1).max(3).default(0.6),
});
export type GenerateOptions = z.input<typeof GenerateOptions>;

/** The default service-area radius, km: 12 for 8 technicians, ~20 for 30, ~27 for 100 (clamped to 10–40). */
export function defaultRadiusKm(technicians: number): number {
  const r = 12 + 4 * Math.log2(Math.max(1, technicians) / 8);
  return Math.round(Math.min(40, Math.max(10, r)) * 10) / 10;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A seeded day: technicians (trades, a level pyramid, shifts 7:00–8:00 to 16:00–17:00, lunch,
 * van stock), booked jobs (kinds by season, windows, priorities, emergencies, parts, value,
 * preferences), supply houses and the parts catalogue. Throws RangeError on invalid options.
 * O(technicians × jobs).
 */
export function generateDay(options: GenerateOptions = {}): ProblemInput {
  return buildDay(parseOptions(options), {}).problem;
}

/** What a simulator scenario adds to a generated day (generateDayWithCalls). */
export interface DayExtras {
  /**
   * Technicians actually on shift when they differ from `technicians` (staffing what-ifs): the
   * demand is still sized for `technicians`, the roster is drawn from the same stream for this
   * many; customer preferences and pins (which name the sized roster's ids) are dropped.
   */
  rosterSize?: number;
  /** Same-day calls drawn against the same roster and area (their own seeded streams). */
  calls?: {
    /** Service calls (no installs, no emergencies). */
    service: number;
    /** Σ durationMin of the service calls / Σ net shift minutes (sets their mean duration). */
    serviceLoadFactor: number;
    /** Emergency calls. */
    emergency: number;
  };
}

export interface DayWithCalls {
  /** The day as generateDay writes it (jobs = the booked jobs); supply-house stock also covers the calls. */
  problem: ProblemInput;
  /** Call jobs, ids C…/E…; their calledAt, windows and deadlines are the caller's to set. */
  serviceCalls: JobInput[];
  emergencyCalls: JobInput[];
}

/**
 * generateDay with same-day calls (streams "calls" and "emergency-calls", so the booked day does
 * not change with them) and an optional roster override. Without extras it equals generateDay.
 */
export function generateDayWithCalls(options: GenerateOptions, extras: DayExtras): DayWithCalls {
  if (extras.rosterSize !== undefined && !(Number.isInteger(extras.rosterSize) && extras.rosterSize >= 1 && extras.rosterSize <= 2000)) {
    throw new RangeError(`invalid rosterSize ${extras.rosterSize}: expected a whole number from 1 to 2000`);
  }
  return buildDay(parseOptions(options), extras);
}

function parseOptions(options: GenerateOptions): z.output<typeof GenerateOptions> {
  const parsed = GenerateOptions.safeParse(options);
  if (!parsed.success) {
    throw new RangeError(`invalid generate options: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Re-ids call jobs (prefix + zero-padded serial) and clears what the caller sets per call. */
function asCalls(jobs: readonly JobInput[], prefix: string): JobInput[] {
  const width = Math.max(3, String(jobs.length).length);
  return jobs.map((j, i) => {
    const { calledAt: _c, responseDeadline: _r, earliestStart: _e, supplyHouses: _s, windows: _w, ...rest } = j;
    return { ...rest, id: `${prefix}${String(i + 1).padStart(width, '0')}` };
  });
}

function buildDay(o: z.output<typeof GenerateOptions>, extras: DayExtras): DayWithCalls {
  const city = CITIES[o.city];
  const offset = o.utcOffset ?? formatOffset(cityOffsetMin(city, o.date));
  const at = (minutes: number) => `${o.date}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00${offset}`;
  const radiusKm = o.radiusKm ?? defaultRadiusKm(o.technicians);
  const centre = { lat: city.lat, lon: city.lon };
  const month = Number(o.date.slice(5, 7)) - 1;
  const heat = SEASON[city.climate].heat[month]!;
  const cool = SEASON[city.climate].cool[month]!;

  // Independent streams: a change in one part of the day does not reshuffle the others.
  const shop = pointInRing(new Rng(o.seed, 'shop'), radiusKm, 0.1, 0.4);
  const technicians = generateTechnicians(new Rng(o.seed, 'technicians'), o.technicians, { centre, radiusKm, shop, at });
  const houses = generateSupplyHouses(new Rng(o.seed, 'supply-houses'), supplyHouseCount(o.technicians), centre, radiusKm, at);
  const jobsContext = {
    technicians,
    houses,
    centre,
    radiusKm,
    heat,
    cool,
    emergencyShare: o.emergencyShare,
    at,
  };
  const { jobs, specialOrders } = generateJobs(new Rng(o.seed, 'jobs'), { ...jobsContext, count: o.jobs, loadFactor: o.loadFactor });
  let serviceCalls: JobInput[] = [];
  let emergencyCalls: JobInput[] = [];
  if (extras.calls) {
    const c = extras.calls;
    serviceCalls = asCalls(
      generateJobs(new Rng(o.seed, 'calls'), { ...jobsContext, count: c.service, loadFactor: c.serviceLoadFactor, emergencyShare: 0, noInstalls: true }).jobs,
      'C',
    );
    emergencyCalls = asCalls(
      generateJobs(new Rng(o.seed, 'emergency-calls'), { ...jobsContext, count: c.emergency, loadFactor: o.loadFactor, emergencyShare: 1, noInstalls: true }).jobs,
      'E',
    );
  }

  const demandBySku = new Map<string, { total: number; maxPerJob: number }>();
  for (const job of [...jobs, ...serviceCalls, ...emergencyCalls]) {
    for (const [sku, qty] of Object.entries(job.parts ?? {})) {
      const d = demandBySku.get(sku) ?? { total: 0, maxPerJob: 0 };
      d.total += qty;
      d.maxPerJob = Math.max(d.maxPerJob, qty);
      demandBySku.set(sku, d);
    }
  }
  stockForDemand(new Rng(o.seed, 'stock'), houses, new Map([...demandBySku].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), (sku) => PART_BY_SKU.get(sku)!.trade);
  for (const { house } of houses) {
    for (const [sku, qty] of Object.entries(specialOrders.get(house.id) ?? {})) house.stock[sku] = (house.stock[sku] ?? 0) + qty;
  }

  const serviceDemandMin = jobs.reduce((s, j) => s + j.durationMin, 0);
  const shiftCapacityMin = technicians.reduce((s, t) => s + t.netShiftMin, 0);

  // Staffing what-ifs: the same demand, a roster of another size (drawn from the same stream).
  let roster = technicians;
  if (extras.rosterSize !== undefined && extras.rosterSize !== o.technicians) {
    roster = generateTechnicians(new Rng(o.seed, 'technicians'), extras.rosterSize, { centre, radiusKm, shop, at });
    for (const j of [...jobs, ...serviceCalls, ...emergencyCalls]) {
      delete j.preferredTechnicians;
      delete j.excludedTechnicians;
      delete j.pinnedTechnician;
    }
  }

  const problem: ProblemInput = {
    version: 1,
    name: `${city.name}, ${o.date}: ${o.technicians} technicians, ${o.jobs} jobs (seed ${o.seed})`,
    business: city.business,
    technicians: roster.map((t) => t.tech),
    jobs,
    supplyHouses: houses.map((h) => h.house),
    parts: partsCatalogue(),
    settings: {
      // 10 minutes after each job for the invoice, payment and reloading the van; drives padded
      // by 10% for traffic and parking. Travel stays the default great-circle model (×1.3, 40 km/h).
      buffer: { afterJobMin: 10, drivePaddingPct: 10 },
    },
    meta: {
      generator: `@truckroll/sim generateDay v${GENERATOR_VERSION}`,
      seed: o.seed,
      city: o.city,
      centre,
      radiusKm,
      date: o.date,
      utcOffset: offset,
      loadFactor: o.loadFactor,
      emergencyShare: o.emergencyShare,
      serviceDemandMin,
      shiftCapacityMin,
      demandCapacityRatio: shiftCapacityMin > 0 ? Math.round((serviceDemandMin / shiftCapacityMin) * 1000) / 1000 : 0,
      ...(roster !== technicians ? { rosterSize: roster.length, rosterShiftCapacityMin: roster.reduce((s, t) => s + t.netShiftMin, 0) } : {}),
    },
  };
  return { problem, serviceCalls, emergencyCalls };
}

/** The JSON text the CLI writes and the samples hold: 2-space indent, trailing newline. */
export function problemJsonText(problem: ProblemInput): string {
  return `${JSON.stringify(problem, null, 2)}\n`;
}
