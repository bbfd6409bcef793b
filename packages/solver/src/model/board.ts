// The wire model of an answer: a dispatch board. Per technician the ordered stops with their
// times; per unassigned job the reason; for the whole board the KPIs and the cost.
//
// Timing rules every board obeys (the checker verifies them from the raw problem):
// - A route leaves its start location at `departure` (not before the shift starts).
// - Each stop's leg (drive + padding, distance) runs from the previous place (the start location,
//   or the previous job or pickup; a break happens where the technician already is) to this stop:
//   arrival = previous departure + drive + padding. Breaks have no leg.
// - start >= arrival; wait = start - arrival; end = start + duration (job: its duration for this
//   technician; pickup: the supply house's counter time; break: its duration).
// - Departure from a job = end + buffer; from a pickup or a break = end.
// - The route's `end` leg runs from the last place to the technician's end location; it must
//   arrive by shift end + allowed overtime. Overtime = max(0, end arrival - shift end).
// - Paid time = max(shift end, end arrival) - shift start - breaks. Every paid minute is exactly
//   one of service (on a job), drive (legs, and counter time at supply houses), buffer (after-job
//   buffer and drive padding) or idle (before departure, waits, after returning).
import { z } from 'zod';
import { DateTime, Id, Location, PartQuantities } from './problem.ts';

const num = z.number().refine(Number.isFinite, { error: 'must be a finite number' });
const ratio = z.number().min(0).max(1);

export const StopKind = z.enum(['job', 'pickup', 'break']);

export const Stop = z.strictObject({
  kind: StopKind,
  /** kind "job" */
  jobId: Id.optional(),
  /** kind "pickup" */
  supplyHouseId: Id.optional(),
  /** kind "break": index into the technician's breaks */
  breakIndex: z.number().int().nonnegative().optional(),
  location: Location,
  arrival: DateTime,
  start: DateTime,
  end: DateTime,
  /** Drive of the leg into this stop, minutes (0 for a break). */
  driveMin: num,
  /** Padding on that drive (settings.buffer.drivePaddingPct), minutes. */
  paddingMin: num,
  /** Distance of the leg into this stop, metres. */
  distanceM: num,
  /** start - arrival, minutes. */
  waitMin: num,
  /** Buffer kept after a job, minutes (0 for other stops). */
  bufferMin: num,
  /** Parts taken from the van at a job. */
  partsUsed: PartQuantities.optional(),
  /** Parts loaded at a supply house. */
  partsLoaded: PartQuantities.optional(),
  /** The customer-facing arrival window for a job. */
  eta: z.strictObject({ start: DateTime, end: DateTime }).optional(),
});

export const RouteEnd = z.strictObject({
  location: Location,
  arrival: DateTime,
  driveMin: num,
  paddingMin: num,
  distanceM: num,
});

/** Time accounting of one technician's day, minutes (and metres). */
export const Totals = z.strictObject({
  paidMin: num,
  serviceMin: num,
  driveMin: num,
  bufferMin: num,
  idleMin: num,
  breakMin: num,
  overtimeMin: num,
  distanceM: num,
  jobs: z.number().int().nonnegative(),
  utilization: ratio,
  driveShare: ratio,
});

/** Live boards: a visit already made or under way (history; not part of the totals). */
export const DoneStop = z.strictObject({
  jobId: Id,
  status: z.enum(['complete', 'on_site', 'cancelled']),
  location: Location,
  arrival: DateTime.optional(),
  start: DateTime,
  /** The actual end, or the expected end of work under way. */
  end: DateTime,
});

export const Route = z.strictObject({
  technicianId: Id,
  /** Live boards: visits already made or under way today, in order. */
  done: z.array(DoneStop).optional(),
  departure: DateTime,
  stops: z.array(Stop),
  end: RouteEnd,
  totals: Totals,
});

/** Why a job is unassigned (for the whole board). */
export const UnassignedReason = z.enum([
  'no_skilled_technician',
  'parts_unavailable',
  'window_unreachable',
  'shift_too_short',
  'no_capacity',
  'excluded',
  'unreachable',
]);

/** What stopped one technician from taking a job. */
export const Blocker = z.enum(['skill', 'level', 'excluded', 'pinned', 'parts', 'window', 'earliest_start', 'shift', 'break', 'capacity', 'max_drive', 'unreachable', 'full']);

export const Unassigned = z.strictObject({
  jobId: Id,
  reason: UnassignedReason,
  /** The technicians that came closest, nearest first, and what stopped each. */
  closest: z.array(z.strictObject({ technicianId: Id, blocker: Blocker, detail: z.string() })),
});

export const Kpis = z.strictObject({
  technicians: z.number().int().nonnegative(),
  techniciansUsed: z.number().int().nonnegative(),
  paidMin: num,
  serviceMin: num,
  driveMin: num,
  bufferMin: num,
  idleMin: num,
  breakMin: num,
  overtimeMin: num,
  /** (service + drive) / paid */
  utilization: ratio,
  /** drive / paid */
  driveShare: ratio,
  /** service / paid */
  wrenchTime: ratio,
  jobsScheduled: z.number().int().nonnegative(),
  jobsUnassigned: z.number().int().nonnegative(),
  revenueScheduled: num,
  distanceKm: num,
  /** Minutes from call to planned arrival over scheduled emergencies that give `calledAt`. */
  emergencyResponseMin: z.strictObject({ count: z.number().int(), median: num.nullable(), p90: num.nullable() }),
  /** Scheduled emergencies planned to arrive after their response deadline. */
  emergenciesLate: z.number().int().nonnegative(),
});

/** The objective, by component (currency units; see settings.weights). */
export const Cost = z.strictObject({
  total: num,
  drive: num,
  distance: num,
  overtime: num,
  wait: num,
  unassigned: num,
  emergencyLate: num,
  overqualification: num,
  preferredMiss: num,
});

export const Board = z.strictObject({
  version: z.literal(1).default(1),
  problemName: z.string().optional(),
  createdAt: DateTime,
  /** Live boards: the moment the board was re-planned at; routes and totals cover the day from there. */
  asOf: DateTime.optional(),
  solver: z.strictObject({
    name: z.string(),
    seed: z.number().int(),
    timeLimitSec: num.optional(),
    elapsedMs: num,
    iterations: z.number().int().nonnegative().optional(),
  }),
  routes: z.array(Route),
  unassigned: z.array(Unassigned),
  kpis: Kpis,
  cost: Cost,
});

export type Stop = z.infer<typeof Stop>;
export type StopKind = z.infer<typeof StopKind>;
export type Route = z.infer<typeof Route>;
export type DoneStop = z.infer<typeof DoneStop>;
export type RouteEnd = z.infer<typeof RouteEnd>;
export type Totals = z.infer<typeof Totals>;
export type Unassigned = z.infer<typeof Unassigned>;
export type UnassignedReason = z.infer<typeof UnassignedReason>;
export type Blocker = z.infer<typeof Blocker>;
export type Kpis = z.infer<typeof Kpis>;
export type Cost = z.infer<typeof Cost>;
export type Board = z.infer<typeof Board>;
