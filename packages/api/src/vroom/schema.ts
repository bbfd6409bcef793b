// VROOM's JSON input (VROOM-Project/vroom docs/API.md) as zod: jobs, vehicles, matrices, options.
// Objects are loose (unknown keys are ignored, as VROOM does); fields Truckroll cannot honour are
// accepted here and refused with a clear message by to-problem.ts.
import { z } from '@hono/zod-openapi';

const uint = (what: string) => z.number({ error: `${what} must be a number` }).int({ error: `${what} must be a whole number` }).min(0, { error: `${what} must not be negative` });

/** [lon, lat] in WGS84 degrees. */
export const VroomLocation = z.tuple([
  z.number({ error: 'longitude must be a number' }).min(-180, { error: 'longitude out of range [-180, 180]' }).max(180, { error: 'longitude out of range [-180, 180]' }),
  z.number({ error: 'latitude must be a number' }).min(-90, { error: 'latitude out of range [-90, 90]' }).max(90, { error: 'latitude out of range [-90, 90]' }),
], { error: 'a location is [lon, lat]' });

/** [start, end], seconds, both inclusive. */
export const VroomTimeWindow = z
  .tuple([uint('time window start'), uint('time window end')], { error: 'a time window is [start, end]' })
  .refine(([s, e]) => s <= e, { error: 'time window ends before it starts' });

const Amount = z.array(uint('amount'));

export const VroomJob = z.object({
  id: uint('job id'),
  description: z.string().optional(),
  location: VroomLocation.optional(),
  location_index: uint('location_index').optional(),
  setup: uint('setup').default(0),
  service: uint('service').default(0),
  setup_per_type: z.record(z.string(), uint('setup')).optional(),
  service_per_type: z.record(z.string(), uint('service')).optional(),
  delivery: Amount.optional(),
  pickup: Amount.optional(),
  /** Deprecated VROOM alias of `delivery`. */
  amount: Amount.optional(),
  skills: z.array(uint('skill')).default([]),
  priority: uint('priority').max(100, { error: 'priority must be within [0, 100]' }).default(0),
  time_windows: z.array(VroomTimeWindow).optional(),
});

export const VroomBreak = z.object({
  id: uint('break id'),
  time_windows: z.array(VroomTimeWindow).optional(),
  service: uint('break service').default(0),
  description: z.string().optional(),
  max_load: Amount.optional(),
});

export const VroomStep = z.object({
  type: z.enum(['start', 'job', 'pickup', 'delivery', 'break', 'end'], { error: 'step type must be start, job, break or end' }),
  id: uint('step id').optional(),
  service_at: uint('service_at').optional(),
  service_after: uint('service_after').optional(),
  service_before: uint('service_before').optional(),
});

export const VroomVehicle = z.object({
  id: uint('vehicle id'),
  profile: z.string().min(1).default('car'),
  description: z.string().optional(),
  start: VroomLocation.optional(),
  start_index: uint('start_index').optional(),
  end: VroomLocation.optional(),
  end_index: uint('end_index').optional(),
  capacity: Amount.optional(),
  costs: z
    .object({
      fixed: uint('costs.fixed').default(0),
      per_hour: uint('costs.per_hour').default(3600),
      per_task_hour: uint('costs.per_task_hour').default(0),
      per_km: uint('costs.per_km').default(0),
    })
    .optional(),
  skills: z.array(uint('skill')).default([]),
  type: z.string().optional(),
  time_window: VroomTimeWindow.optional(),
  breaks: z.array(VroomBreak).default([]),
  speed_factor: z.number({ error: 'speed_factor must be a number' }).gt(0, { error: 'speed_factor must be within (0, 5]' }).max(5, { error: 'speed_factor must be within (0, 5]' }).default(1),
  max_tasks: uint('max_tasks').optional(),
  max_travel_time: uint('max_travel_time').optional(),
  max_distance: uint('max_distance').optional(),
  steps: z.array(VroomStep).optional(),
});

const MatrixRows = z.array(z.array(uint('matrix entry')));

export const VroomMatrix = z.object({ durations: MatrixRows.optional(), distances: MatrixRows.optional(), costs: MatrixRows.optional() });

export const VroomInput = z
  .object({
    jobs: z.array(VroomJob).default([]),
    shipments: z.array(z.unknown()).optional(),
    vehicles: z.array(VroomVehicle, { error: 'vehicles must be an array' }),
    matrices: z.record(z.string(), VroomMatrix).optional(),
    /** VROOM's legacy single duration matrix (profile "car"). */
    matrix: MatrixRows.optional(),
    options: z.object({ c: z.boolean().optional(), g: z.boolean().optional(), t: z.number().optional(), x: z.number().optional() }).optional(),
  })
  .openapi('VroomInput', { description: 'A VROOM problem (VROOM-Project/vroom docs/API.md). Coordinates are [lon, lat]; times and durations are seconds.' });

export type VroomInput = z.infer<typeof VroomInput>;
export type VroomJob = z.infer<typeof VroomJob>;
export type VroomVehicle = z.infer<typeof VroomVehicle>;
export type VroomBreak = z.infer<typeof VroomBreak>;

const Num = z.number();
export const VroomStepOut = z.object({
  type: z.enum(['start', 'job', 'break', 'end']),
  arrival: Num,
  duration: Num,
  setup: Num,
  service: Num,
  waiting_time: Num,
  violations: z.array(z.object({ cause: z.string(), duration: Num.optional() })),
  id: Num.optional(),
  description: z.string().optional(),
  location: z.tuple([Num, Num]).optional(),
  location_index: Num.optional(),
  load: z.array(Num),
  distance: Num.optional(),
});

export const VroomOutput = z
  .object({
    code: z.literal(0),
    summary: z.object({
      cost: Num,
      routes: Num,
      unassigned: Num,
      setup: Num,
      service: Num,
      duration: Num,
      waiting_time: Num,
      priority: Num,
      violations: z.array(z.object({ cause: z.string(), duration: Num.optional() })),
      delivery: z.array(Num),
      pickup: z.array(Num),
      distance: Num.optional(),
      computing_times: z.object({ loading: Num, solving: Num, routing: Num }),
    }),
    unassigned: z.array(
      z.object({
        id: Num,
        type: z.literal('job'),
        description: z.string().optional(),
        location: z.tuple([Num, Num]).optional(),
        location_index: Num.optional(),
        reason: z.string().openapi({ description: 'Truckroll extension: why the job is unassigned (no_skilled_technician, window_unreachable, no_capacity, ...).' }),
      }),
    ),
    routes: z.array(
      z.object({
        vehicle: Num,
        cost: Num,
        setup: Num,
        service: Num,
        duration: Num,
        waiting_time: Num,
        priority: Num,
        delivery: z.array(Num),
        pickup: z.array(Num),
        distance: Num.optional(),
        description: z.string().optional(),
        violations: z.array(z.object({ cause: z.string(), duration: Num.optional() })),
        steps: z.array(VroomStepOut),
      }),
    ),
  })
  .openapi('VroomOutput', { description: "VROOM's output format; `unassigned[].reason` is a Truckroll extension." });

export const VroomErrorBody = z.object({ code: z.number().int().openapi({ description: '1 internal, 2 input, 3 routing, 4 too large (vroom-express)' }), error: z.string() }).openapi('VroomError');

export type VroomOutput = z.infer<typeof VroomOutput>;
export type VroomStepOut = z.infer<typeof VroomStepOut>;
