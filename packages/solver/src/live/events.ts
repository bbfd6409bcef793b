// The live events a day's board re-plans for (zod schemas; types inferred). Every event says when
// it happened (`at`, ISO 8601 with an offset); events are applied in the order given.
import { z } from 'zod';
import { InputError } from '../model/errors.ts';
import { zodIssues } from '../model/parse.ts';
import { DateTime, Id, Job, Location, TimeWindow } from '../model/problem.ts';

const at = DateTime.meta({ description: 'When it happened' });

export const JobCancelled = z.strictObject({
  type: z.literal('job_cancelled'),
  at,
  jobId: Id,
  /** e.g. "customer cancelled", "no access" */
  reason: z.string().optional(),
});

export const JobAdded = z.strictObject({
  type: z.literal('job_added'),
  at,
  /** The new job (any priority; emergencies are inserted to meet their response deadline). */
  job: Job,
});

export const JobEnRoute = z.strictObject({
  type: z.literal('job_en_route'),
  at,
  jobId: Id,
  technicianId: Id,
});

export const JobStarted = z.strictObject({
  type: z.literal('job_started'),
  at,
  jobId: Id,
  technicianId: Id,
  /** When the technician arrived (defaults to `at`). */
  arrival: DateTime.optional(),
});

export const JobFinished = z.strictObject({
  type: z.literal('job_finished'),
  at,
  jobId: Id,
});

export const JobRunningLong = z.strictObject({
  type: z.literal('job_running_long'),
  at,
  jobId: Id,
  /** The new expected end of the work under way. */
  expectedEnd: DateTime,
});

export const TechnicianUnavailable = z.strictObject({
  type: z.literal('technician_unavailable'),
  at,
  technicianId: Id,
  /** Gone from this time (defaults to `at`). */
  from: DateTime.optional(),
  reason: z.string().optional(),
});

export const TechnicianPosition = z.strictObject({
  type: z.literal('technician_position'),
  at,
  technicianId: Id,
  location: Location,
});

export const PartsArrived = z.strictObject({
  type: z.literal('parts_arrived'),
  at,
  jobId: Id,
});

export const WindowChanged = z.strictObject({
  type: z.literal('window_changed'),
  at,
  jobId: Id,
  /** The customer's new arrival windows (empty: any time). */
  windows: z.array(TimeWindow),
});

export const LiveEvent = z.discriminatedUnion('type', [
  JobCancelled,
  JobAdded,
  JobEnRoute,
  JobStarted,
  JobFinished,
  JobRunningLong,
  TechnicianUnavailable,
  TechnicianPosition,
  PartsArrived,
  WindowChanged,
]);

export const LiveEvents = z.array(LiveEvent);

export type LiveEvent = z.infer<typeof LiveEvent>;
export type LiveEventInput = z.input<typeof LiveEvent>;
export type LiveEventType = LiveEvent['type'];
export const LIVE_EVENT_TYPES = LiveEvent.options.map((o) => o.shape.type.value);

/** Validates a list of events, or throws InputError naming every bad field (`events[2].jobId: …`). */
export function parseEvents(input: unknown): LiveEvent[] {
  const r = LiveEvents.safeParse(input);
  if (!r.success) throw new InputError(zodIssues(r.error, ['events']), 'events');
  return r.data;
}
