// The scenario file (zod): the parameters from which each seed's day and timeline are generated —
// the city and roster, the booked demand, same-day calls, disruption rates, noise, the planner's
// settings and the world's habits. Every field has a default except the name and the roster size;
// rates are fractions 0–1, durations minutes, clock times "HH:MM" local to the day.
import { z } from 'zod';
import { CITY_NAMES, type CityName } from '../generate/cities.ts';
import { IsoDate, UtcOffset } from '../generate/day.ts';

export const POLICY_NAMES = ['engine', 'greedy', 'static', 'offers'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

const num = (what: string) => z.number({ error: (i) => (i.input === undefined ? `${what} is required` : `expected ${what} as a number, got ${JSON.stringify(i.input)}`) });
const between = (what: string, min: number, max: number) =>
  num(what)
    .min(min, { error: (i) => `must be within [${min}, ${max}] (got ${String(i.input)})` })
    .max(max, { error: (i) => `must be within [${min}, ${max}] (got ${String(i.input)})` });
const whole = (what: string, min: number, max: number) =>
  between(what, min, max).int({ error: (i) => `must be a whole number within [${min}, ${max}] (got ${String(i.input)})` });
const rate = (what: string) => between(what, 0, 1);

/** "HH:MM", 00:00–23:59, as minutes after local midnight. */
const ClockTime = z
  .string({ error: 'expected a clock time "HH:MM"' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: (i) => `"${String(i.input)}" is not a clock time "HH:MM" (00:00–23:59)` })
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));

export const DaySettings = z.strictObject({
  /** Metro the day is generated in. */
  city: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(CITY_NAMES as [CityName, ...CityName[]], { error: (i) => `unknown city "${String(i.input)}"; known: ${CITY_NAMES.join(', ')}` }))
    .default('denver'),
  /** The working day, YYYY-MM-DD (the season decides the call mix: furnaces in January, AC in July). */
  date: IsoDate.default('2026-01-13'),
  utcOffset: UtcOffset.optional(),
  /** Service-area radius, km (default: the generator's, growing mildly with the roster). */
  radiusKm: between('radiusKm', 2, 200).optional(),
  /**
   * When the shop's first arrival windows open: the generator books them from 08:00; an earlier
   * time moves every booked window that starts at 08:00 to start then (technicians start 07:00–08:00).
   */
  windowsOpen: ClockTime.prefault('08:00'),
});

export const Booked = z.strictObject({
  /** Jobs booked for the day before it starts (overnight emergencies among them). */
  jobs: whole('jobs', 0, 20_000),
  /** Σ booked job minutes / Σ net shift minutes of the roster the demand is sized for. */
  load: between('load', 0.1, 3).default(0.6),
  /** Share of the booked jobs that are emergencies called in overnight or early (before the board is made they are booked; later ones arrive as calls). */
  emergencyShare: between('emergencyShare', 0, 0.5).default(0.04),
  /**
   * Special orders: a part on order waits at one supply house, so the job's pickup must be there
   * (job.supplyHouses). false: the part may be picked up at any counter that stocks it.
   */
  specialOrders: z.boolean({ error: 'expected true or false' }).default(true),
});

export const Calls = z
  .strictObject({
    /** Expected same-day service calls per technician (Poisson), arriving 09–11 and 13–15 mostly. */
    servicePerTechnician: between('servicePerTechnician', 0, 10).default(1),
    /** Expected emergency calls per technician over the day and evening (Poisson). */
    emergencyPerTechnician: between('emergencyPerTechnician', 0, 10).default(0.25),
    /** Mean duration of a same-day service call, minutes. */
    meanServiceMin: between('meanServiceMin', 20, 240).default(75),
    /** A same-day call is offered a window starting at least this long after the call. */
    leadMin: between('leadMin', 0, 480).default(60),
    /** Width of that window, minutes (ends at 17:00 at the latest). */
    windowMin: between('windowMin', 60, 600).default(240),
    /** Service calls after this time are booked for another day. */
    lastServiceCall: ClockTime.prefault('14:00'),
    /** Emergency calls come in until this time (evening calls beyond every shift go unserved). */
    lastEmergencyCall: ClockTime.prefault('20:00'),
    /** Response deadlines offered to emergencies, minutes after the call (one drawn per call). */
    responseMin: z.array(between('responseMin', 15, 720)).min(1, { error: 'give at least one response time' }).default([120, 180, 240]),
  })
  .prefault({});

export const Disruptions = z
  .strictObject({
    /** Share of the booked (non-emergency) jobs the customer calls off during the day. */
    cancellationRate: rate('cancellationRate').default(0.08),
    /** Of those, the share called off the same morning (before 09:00). */
    sameMorningShare: rate('sameMorningShare').default(0.4),
    /** Share of visits where nobody is home (the technician waits, then leaves). */
    noAccessRate: rate('noAccessRate').default(0.03),
    /** Share of visits that find more work than can be done today (a follow-up, not a first-time fix). */
    followUpRate: rate('followUpRate').default(0.04),
    /** Chance per technician of going home sick during the day (09:00–14:00). */
    sickRate: rate('sickRate').default(0.02),
    /** Share of jobs waiting on parts whose parts arrive late. */
    partsLateRate: rate('partsLateRate').default(0.4),
    /** How late, minutes [min, max]. */
    partsLateMin: z.tuple([between('partsLateMin[0]', 0, 600), between('partsLateMin[1]', 0, 600)]).default([30, 150]),
  })
  .prefault({});

export const Noise = z
  .strictObject({
    /** Multiplies the per-kind spread of actual durations (maintenance 0.10, service 0.20, repairs 0.30, installs 0.20; lognormal). */
    durationSdScale: between('durationSdScale', 0, 3).default(1),
    /** Mean log-overrun of actual durations (0.05: work runs ~5% long on average). */
    durationBias: between('durationBias', -0.5, 0.5).default(0.03),
    /** Spread of actual drive times around the travel model (lognormal, mean 1). */
    travelSd: between('travelSd', 0, 1).default(0.15),
  })
  .prefault({});

export const Planning = z
  .strictObject({
    /** Planned buffer after each job, minutes (settings.buffer.afterJobMin). */
    bufferMin: between('bufferMin', 0, 120).default(10),
    /** Planned padding on every drive, percent. */
    drivePaddingPct: between('drivePaddingPct', 0, 200).default(10),
    /**
     * The morning board: solve() runs this many iterations (so a seed always gives the same board);
     * the time limit is a safety cap (a run it stops is flagged: its results may not repeat).
     */
    morningIterations: whole('morningIterations', 0, 1_000_000).default(1000),
    morningTimeLimitSec: between('morningTimeLimitSec', 0.1, 600).default(10),
    /** Lock each technician's stops starting within this many minutes of a re-plan (they were told). */
    lockedHorizonMin: between('lockedHorizonMin', 0, 600).default(0),
    /**
     * The engine's re-plans fill idle time with open work: a technician with room in the day (30+
     * idle minutes planned) takes a job another can hand over, and that one takes an open job only
     * they can do (skills, window, place), when the open job is worth more than the moves cost.
     * false: re-plans insert open work only where it fits as it is.
     */
    fillIdle: z.boolean({ error: 'expected true or false' }).default(true),
    /**
     * When the policies hear of events: "every-event" (each instant with events: a re-plan and a
     * check each time) or "on-decision" (events are handed over in one batch when a technician
     * needs the next stop or new work comes in; far fewer re-plans).
     */
    delivery: z.enum(['every-event', 'on-decision'], { error: (i) => `expected "every-event" or "on-decision", got ${JSON.stringify(i.input)}` }).default('every-event'),
  })
  .prefault({});

export const World = z
  .strictObject({
    /** Time at a job after the work: invoice, payment, loading the van (counted as buffer). */
    wrapUpMin: between('wrapUpMin', 0, 120).default(10),
    /** How long a technician waits when nobody is home. */
    noAccessWaitMin: between('noAccessWaitMin', 0, 120).default(10),
    /** Time on site of a visit that fails for missing parts. */
    failedVisitMin: between('failedVisitMin', 0, 240).default(20),
    /** A job running long re-estimates its end this far ahead each time it overruns. */
    overrunStepMin: between('overrunStepMin', 1, 120).default(15),
  })
  .prefault({});

export const Staffing = z
  .strictObject({
    /** Utilization a technician is planned at in the staffing LP. */
    targetUtilization: between('targetUtilization', 0.3, 1).default(0.85),
  })
  .prefault({});

export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  name: z.string({ error: (i) => (i.input === undefined ? 'required (a name for the reports)' : 'expected a name string') }).min(1, { error: 'must not be empty' }),
  description: z.string().optional(),
  /** The first seed; a run of N seeds plays seed, seed + 1, … seed + N − 1. */
  seed: whole('seed', 0, 2 ** 31 - 1).default(1),
  /** Seeds played by default. */
  seeds: whole('seeds', 1, 1000).default(10),
  day: DaySettings.prefault({}),
  /** Technicians on shift. */
  technicians: whole('technicians', 1, 500),
  /** The demand (booked jobs and calls) is sized for this many technicians (default: technicians); staffing sweeps vary the roster only. */
  demandTechnicians: whole('demandTechnicians', 1, 500).optional(),
  booked: Booked,
  calls: Calls,
  disruptions: Disruptions,
  noise: Noise,
  planning: Planning,
  world: World,
  staffing: Staffing,
  policies: z
    .array(z.enum(POLICY_NAMES, { error: (i) => `unknown policy ${JSON.stringify(i.input)}; known: ${POLICY_NAMES.join(', ')}` }))
    .min(1, { error: 'name at least one policy' })
    .default(['engine', 'greedy', 'static']),
});

export type Scenario = z.output<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
