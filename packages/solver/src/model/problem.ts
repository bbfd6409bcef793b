// The wire model of a day's problem: technicians, jobs, supply houses, parts, settings.
// Zod schemas are the single source of truth; the TypeScript types are inferred from them.
// Field-level rules live on the fields; rules that relate fields (ids, references, ordering of
// times) live in `problem-rules.ts`, so that every error names the exact place and the reason.
import { z } from 'zod';
import { isIsoWithOffset, isIsoWithoutOffset } from './time.ts';

/** ISO 8601 date-time that must carry an offset. */
export const DateTime = z
  .string({ error: 'expected an ISO 8601 date-time string with an offset, e.g. 2026-03-02T08:00:00-05:00' })
  .check((ctx) => {
    if (isIsoWithOffset(ctx.value)) return;
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: isIsoWithoutOffset(ctx.value)
        ? `time "${ctx.value}" has no offset; write it with one, e.g. "${ctx.value}Z" or "${ctx.value}-05:00"`
        : `"${ctx.value}" is not an ISO 8601 date-time with an offset, e.g. 2026-03-02T08:00:00-05:00`,
    });
  })
  .meta({ description: 'ISO 8601 date-time with an offset', examples: ['2026-03-02T08:00:00-05:00'] });

export const Id = z
  .string({ error: 'expected an id string' })
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });

/** A finite number (zod 4 rejects NaN and ±Infinity). */
const finite = (what: string) => z.number({ error: `expected ${what} as a number` });
const nonNegative = (what: string) => finite(what).min(0, { error: (i) => `must not be negative (got ${String(i.input)})` });

/** Minutes, zero or more (durations on the wire are minutes; fractions allowed). */
export const Minutes = finite('minutes').min(0, { error: (i) => `must not be negative (got ${String(i.input)} minutes)` });

export const Location = z
  .strictObject({
    lat: finite('latitude')
      .min(-90, { error: (i) => `latitude ${String(i.input)} is out of range [-90, 90]` })
      .max(90, { error: (i) => `latitude ${String(i.input)} is out of range [-90, 90]` }),
    lon: finite('longitude')
      .min(-180, { error: (i) => `longitude ${String(i.input)} is out of range [-180, 180]` })
      .max(180, { error: (i) => `longitude ${String(i.input)} is out of range [-180, 180]` }),
    /** Row/column of this location in `problem.matrix` (required when the travel model is `matrix`). */
    matrixIndex: z.number().int().nonnegative().optional(),
    address: z.string().optional(),
  })
  .meta({ description: 'A point as { lat, lon } in WGS84 degrees (never a bare pair).' });

const levelError = (i: { input?: unknown }) => `skill level ${String(i.input)} is outside 1–5`;
export const SkillLevel = z
  .number({ error: 'expected a skill level 1–5' })
  .int({ error: (i) => `skill level ${String(i.input)} is not a whole number 1–5` })
  .min(1, { error: levelError })
  .max(5, { error: levelError });

/** skill name -> level 1..5 (technicians: what they hold; jobs: the minimum level required). */
export const Skills = z.record(z.string().min(1), SkillLevel);

/** part SKU -> quantity (whole units, zero or more). */
export const PartQuantities = z.record(
  z.string().min(1),
  z
    .number({ error: 'expected a quantity' })
    .int({ error: (i) => `quantity ${String(i.input)} must be a whole number` })
    .min(0, { error: (i) => `quantity ${String(i.input)} must not be negative` }),
);

/** capacity dimension -> amount (e.g. Solomon's load). */
export const Amounts = z.record(z.string().min(1), nonNegative('amount'));

export const TimeWindow = z.strictObject({ start: DateTime, end: DateTime });

export const Shift = z.strictObject({
  start: DateTime,
  end: DateTime,
  /** Overtime allowed past `end`, minutes. The route must be back by end + this. */
  maxOvertimeMin: Minutes.default(0),
});

export const Break = z.strictObject({
  id: Id.optional(),
  durationMin: Minutes,
  /** The break lies entirely inside this window (e.g. 30 min somewhere in 11:30–13:30). */
  window: TimeWindow,
  /** Live boards: already taken (or given up) today; no longer planned. */
  taken: z.boolean().optional(),
});

/** Live boards: where and when a technician's remaining day continues (set by replan). */
export const Resume = z.strictObject({
  location: Location,
  /** The route leaves `location` no earlier than this; paid time counts from max(shift start, at). */
  at: DateTime,
});

export const Technician = z.strictObject({
  id: Id,
  name: z.string().optional(),
  start: Location,
  /** Where the day ends; the start location when absent. */
  end: Location.optional(),
  shift: Shift,
  breaks: z.array(Break).default([]),
  skills: Skills.default({}),
  vanStock: PartQuantities.default({}),
  /** Capacity per dimension; a dimension the technician does not list is unlimited. */
  capacity: Amounts.optional(),
  costPerHour: nonNegative('cost per hour').default(0),
  /** Cost per overtime hour; 1.5 × costPerHour when absent. */
  overtimeCostPerHour: nonNegative('overtime cost per hour').optional(),
  homeZone: z.string().optional(),
  /** Most driving in the day, minutes (hard). */
  maxDriveMin: Minutes.optional(),
  /** Live boards: the remaining day starts here (after the stops already done or under way). */
  resume: Resume.optional(),
  /** Live boards: gone for the day from this time (e.g. went home sick): every stop ends by then. */
  unavailableFrom: DateTime.optional(),
  /** Live boards: jobs that must open the route, in this order (the current leg, and stops the technician was already told). */
  locked: z.array(Id).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export const Priority = z.enum(['emergency', 'urgent', 'normal', 'low']);

export const JobStatus = z.enum(['unscheduled', 'scheduled', 'en_route', 'on_site', 'waiting_on_parts', 'complete', 'cancelled']);

/** Live boards: what really happened to a job (set from events). */
export const JobActual = z.strictObject({
  technicianId: Id,
  /** Left for the job (status en_route). */
  departure: DateTime.optional(),
  arrival: DateTime.optional(),
  start: DateTime.optional(),
  end: DateTime.optional(),
  /** Work under way is now expected to end then (a job running long). */
  expectedEnd: DateTime.optional(),
});

export const Job = z.strictObject({
  id: Id,
  name: z.string().optional(),
  /** Kind of work, e.g. "ac-tune-up" (informational; the generator sets it). */
  type: z.string().optional(),
  location: Location,
  durationMin: Minutes,
  /**
   * Duration by the technician's level (level = the lowest of the technician's levels over the
   * job's required skills), e.g. { "2": 120, "4": 75 }. A level not listed takes the entry of the
   * nearest lower listed level, else `durationMin`.
   */
  durationByLevelMin: z.partialRecord(z.enum(['1', '2', '3', '4', '5']), Minutes).optional(),
  /** Promised arrival windows: the job must start inside one of them. None = any time. */
  windows: z.array(TimeWindow).default([]),
  priority: Priority.default('normal'),
  /** When the customer called (emergency response is measured from here). */
  calledAt: DateTime.optional(),
  /** Emergencies: a technician should be on site by then (soft; lateness is costed). */
  responseDeadline: DateTime.optional(),
  skills: Skills.default({}),
  parts: PartQuantities.default({}),
  demand: Amounts.optional(),
  /** Revenue of the job (currency units). Decides what waits when not everything fits. */
  value: nonNegative('value').default(0),
  preferredTechnicians: z.array(Id).default([]),
  excludedTechnicians: z.array(Id).default([]),
  pinnedTechnician: Id.optional(),
  /** Pick up this job's missing parts only at these supply houses (e.g. where a special order waits). */
  supplyHouses: z.array(Id).optional(),
  /** The job must start exactly at this time. */
  pinnedStart: DateTime.optional(),
  /** Work cannot start before this (e.g. the parts arrive at 13:00). */
  earliestStart: DateTime.optional(),
  status: JobStatus.default('unscheduled'),
  /** Live boards: who took it and when it really started / ended. */
  actual: JobActual.optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export const SupplyHouse = z.strictObject({
  id: Id,
  name: z.string().optional(),
  location: Location,
  /** Opening hours of the day: a pickup starts and ends inside them. */
  hours: TimeWindow,
  stock: PartQuantities.default({}),
  /** Time at the counter for one pickup, minutes. */
  pickupMin: Minutes.default(15),
});

export const Part = z.strictObject({
  sku: z.string().min(1),
  name: z.string().optional(),
  unitCost: nonNegative('unit cost').optional(),
});

export const GreatCircleTravel = z.strictObject({
  model: z.literal('greatCircle'),
  /** Road distance / great-circle distance. ~1.3 for a flat metro grid; 1.85 in mountain valleys. */
  circuity: finite('circuity').min(1, { error: 'circuity must be within [1, 5]' }).max(5, { error: 'circuity must be within [1, 5]' }).default(1.3),
  /** Average driving speed, km/h. */
  speedKmh: finite('speed').gt(0, { error: 'speed must be within (0, 200] km/h' }).max(200, { error: 'speed must be within (0, 200] km/h' }).default(40),
  /** Fixed time added to every leg between distinct places (parking, walking to the door), seconds. */
  legOverheadSec: nonNegative('overhead').default(60),
});

export const MatrixTravel = z.strictObject({ model: z.literal('matrix') });

const wholeIn = (what: string, min: number, max: number) =>
  z
    .number({ error: `expected ${what} as a number` })
    .int({ error: `${what} must be a whole number within [${min}, ${max}]` })
    .min(min, { error: `${what} must be a whole number within [${min}, ${max}]` })
    .max(max, { error: `${what} must be a whole number within [${min}, ${max}]` });

/** Travel times and distances from an OSRM server (its `table` service). */
export const OsrmTravel = z.strictObject({
  model: z.literal('osrm'),
  /** The server root, e.g. http://localhost:5000. */
  url: z.url({ protocol: /^https?$/, error: 'expected the http(s) URL of an OSRM server, e.g. http://localhost:5000' }),
  /** The OSRM profile in request paths. */
  profile: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, { error: 'profile may hold only letters, digits, "_", "-" and "."' })
    .default('driving'),
  /** The server's --max-table-size: a request asks at most this many sources × this many destinations. */
  maxTableSize: wholeIn('maxTableSize', 1, 100_000).default(100),
  /** A location OSRM has to move farther than this to reach a road is an error, metres. */
  snapLimitM: nonNegative('snap limit').default(500),
  /** Limit per request attempt, milliseconds. */
  timeoutMs: wholeIn('timeoutMs', 1, 600_000).default(30_000),
  /** Extra attempts after a 5xx, a network error or a timeout (never after another 4xx). */
  retries: wholeIn('retries', 0, 10).default(3),
});

export const TravelSettings = z.discriminatedUnion('model', [GreatCircleTravel, MatrixTravel, OsrmTravel]);

export const BufferPolicy = z.strictObject({
  /** Minutes kept free after each job. */
  afterJobMin: Minutes.default(0),
  /** Plus this percentage of the job's duration. */
  afterJobPct: finite('percentage').min(0, { error: 'must be within [0, 200]' }).max(200, { error: 'must be within [0, 200]' }).default(0),
  /** Padding on every drive, percent of the drive time. */
  drivePaddingPct: finite('percentage').min(0, { error: 'must be within [0, 200]' }).max(200, { error: 'must be within [0, 200]' }).default(0),
});

const weight = nonNegative('weight');

export const Weights = z.strictObject({
  /** Cost per hour of driving (on top of the technician's own hourly cost). */
  driveHour: weight.default(30),
  /** Cost per km driven (fuel, wear). */
  distanceKm: weight.default(0.5),
  /** Cost of leaving a job unassigned, by priority, plus its value × unassignedValueFactor. */
  unassigned: z
    .strictObject({ emergency: weight.default(20000), urgent: weight.default(5000), normal: weight.default(1000), low: weight.default(300) })
    .prefault({}),
  unassignedValueFactor: weight.default(1),
  /** Cost per minute an emergency arrives after its response deadline. */
  emergencyLateMin: weight.default(50),
  /** Cost per skill level above the job's minimum, per job (a senior tech on a simple job). */
  overqualificationLevel: weight.default(10),
  /** Cost when a job with preferred technicians goes to someone else. */
  preferredMiss: weight.default(40),
  /** Cost per hour a technician waits idle between stops. */
  waitHour: weight.default(0),
  /** Live boards: cost of moving an already planned job to another technician. */
  disruptionReassign: weight.default(150),
  /** Live boards: cost of moving a job's planned start outside the ETA window the customer was given. */
  disruptionEtaMove: weight.default(100),
});

export const Settings = z.strictObject({
  travel: TravelSettings.prefault({ model: 'greatCircle' }),
  buffer: BufferPolicy.prefault({}),
  weights: Weights.prefault({}),
  /** Width of the customer-facing ETA window around the planned start, minutes. */
  etaWindowMin: Minutes.default(60),
  /** Booking: the arrival windows offered to callers, as local clock times of the board's day. */
  offerWindows: z
    .array(
      z.strictObject({
        start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a clock time HH:MM' }),
        end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'expected a clock time HH:MM' }),
      }),
    )
    .default([
      { start: '08:00', end: '10:00' },
      { start: '10:00', end: '12:00' },
      { start: '13:00', end: '15:00' },
      { start: '15:00', end: '17:00' },
    ]),
  /** Resolution of the compiled instance's integer times, seconds (Solomon uses 0.001). */
  timeResolutionSec: finite('resolution').min(0.001, { error: 'must be within [0.001, 60] seconds' }).max(60, { error: 'must be within [0.001, 60] seconds' }).default(1),
  timeLimitSec: finite('time limit').gt(0, { error: 'must be positive' }).default(5),
  seed: z.number().int().default(1),
});

const matrixRow = z.array(nonNegative('matrix entry').nullable());

/** An explicit travel matrix; `null` marks a pair with no route. */
export const TravelMatrix = z.strictObject({
  durationsSec: z.array(matrixRow),
  distancesM: z.array(matrixRow),
});

export const ProblemBase = z.strictObject({
  /** Wire format version. */
  version: z.literal(1).default(1),
  name: z.string().optional(),
  /** The business name shown to customers. */
  business: z.string().optional(),
  technicians: z.array(Technician),
  jobs: z.array(Job).default([]),
  supplyHouses: z.array(SupplyHouse).default([]),
  /** The parts catalogue: every SKU used anywhere must be listed here. */
  parts: z.array(Part).default([]),
  settings: Settings.prefault({}),
  matrix: TravelMatrix.optional(),
  /** Live boards: the moment the problem describes (set by replan); stops not yet started come after it. */
  now: DateTime.optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export type Location = z.infer<typeof Location>;
export type TimeWindow = z.infer<typeof TimeWindow>;
export type Technician = z.infer<typeof Technician>;
export type Job = z.infer<typeof Job>;
export type JobActual = z.infer<typeof JobActual>;
export type Resume = z.infer<typeof Resume>;
export type Break = z.infer<typeof Break>;
export type SupplyHouse = z.infer<typeof SupplyHouse>;
export type Part = z.infer<typeof Part>;
export type Settings = z.infer<typeof Settings>;
export type Weights = z.infer<typeof Weights>;
export type TravelSettings = z.infer<typeof TravelSettings>;
export type Priority = z.infer<typeof Priority>;
export type JobStatus = z.infer<typeof JobStatus>;
export type TravelMatrix = z.infer<typeof TravelMatrix>;
/** A validated problem with every default filled in. */
export type Problem = z.infer<typeof ProblemBase>;
/** What callers may send: defaults optional. */
export type ProblemInput = z.input<typeof ProblemBase>;

export const PRIORITIES = Priority.options;
