// Booking: POST /v1/boards/{id}/offers (a job in, the best arrival windows out) and
// POST /v1/boards/{id}/bookings (book the chosen window: the job is added through the live-board
// path, re-planned, stored, and its customer status link returned). A booking the board can no
// longer keep is refused with 409 and fresh offers; nothing is stored then.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { DateTime, Job, type Job as JobType } from '@truckroll/solver';
import type { AppEnv } from '../env.ts';
import { IdempotencyHeaders, onceOf, REPLAYED_HEADER } from '../idempotency.ts';
import { isReplayed, type LiveBoards } from '../live-boards.ts';
import { ApiError } from '../problem.ts';
import { BoardComponent, errorResponse } from '../schemas.ts';
import type { TrackingStore } from '../store/tracking.ts';

export interface BookingsRouteOptions {
  live: LiveBoards;
  tracking?: TrackingStore;
}

const JobComponent = Job.meta({ id: 'Job' });
const Window = z.object({ start: DateTime, end: DateTime });

const Offer = z
  .object({
    window: Window,
    technicianId: z.string(),
    plannedStart: z.string(),
    addedDriveMin: z.number(),
    addedCost: z.number(),
    keepsPromises: z.boolean(),
    wouldMove: z.array(z.string()),
  })
  .openapi('Offer');

const EmergencyOffer = z
  .object({ technicianId: z.string().nullable(), arrival: z.string().nullable(), deadline: z.string().nullable(), onTime: z.boolean(), bumped: z.array(z.string()), wouldMove: z.array(z.string()) })
  .openapi('EmergencyOffer');

const OffersRequest = z
  .object({
    job: JobComponent,
    k: z.number().int().min(1).max(20).optional().openapi({ description: 'How many offers at most (default 5).' }),
    now: DateTime.optional().openapi({ description: "The moment of the call (default: the board's clock); windows already over are not offered." }),
  })
  .openapi('OffersRequest');

const OffersResponse = z
  .object({ boardId: z.string(), eventsApplied: z.number().int(), jobId: z.string(), offers: z.array(Offer), emergency: EmergencyOffer.optional() })
  .openapi('OffersResponse');

const BookingRequest = z
  .object({
    job: JobComponent,
    window: Window.openapi({ description: 'The offered window the caller chose; the job must start inside it.' }),
    keepPromises: z.boolean().optional().openapi({ description: "The offer kept every promised customer: book only if it still does (the offer's keepsPromises)." }),
    at: DateTime.optional().openapi({ description: "When the booking happens (default: the board's clock)." }),
  })
  .openapi('BookingRequest');

const BookingResponse = z
  .object({
    boardId: z.string(),
    jobId: z.string(),
    technicianId: z.string(),
    plannedStart: z.string(),
    window: Window,
    eta: z.object({ start: z.string(), end: z.string() }).nullable(),
    tracking: z.object({ token: z.string(), url: z.string() }).nullable(),
    eventsApplied: z.number().int(),
    board: BoardComponent,
    changes: z.array(z.object({ jobId: z.string(), kind: z.string(), notify: z.boolean() }).passthrough()),
  })
  .openapi('BookingResponse');

const IdParams = z.object({ boardId: z.string().min(1).openapi({ param: { name: 'boardId', in: 'path' } }) });

export function registerBookings(app: OpenAPIHono<AppEnv>, { live, tracking }: BookingsRouteOptions): void {
  const offers = createRoute({
    method: 'post',
    path: '/v1/boards/{boardId}/offers',
    tags: ['booking'],
    summary: 'Arrival windows to offer a caller',
    description:
      "The shop's windows (settings.offerWindows) where the job fits today's board: technician, added drive and cost, and whether everyone already promised keeps their ETA window (offers that would move someone are marked and ranked after). Emergencies get the earliest arrival instead.",
    security: [{ ApiKey: [] }],
    request: { params: IdParams, body: { content: { 'application/json': { schema: OffersRequest } }, required: true } },
    responses: {
      200: { description: 'Offers, best first.', content: { 'application/json': { schema: OffersResponse } } },
      400: errorResponse('Body is not JSON or the job is malformed.'),
      401: errorResponse('Missing or unknown API key.'),
      404: errorResponse('No such board for this tenant.'),
      409: errorResponse('The board is not solved (yet).'),
      422: errorResponse('The job does not fit the problem (an id it already has, unknown parts…).'),
      503: errorResponse('The solver pool is full.'),
    },
  });
  app.openapi(offers, async (c) => {
    const { boardId } = c.req.valid('param');
    const { job, k, now } = c.req.valid('json');
    const { record, offers: o } = await live.offers(c.var.tenant, boardId, job as JobType, { ...(k === undefined ? {} : { k }), ...(now === undefined ? {} : { now }) });
    return c.json({ boardId, eventsApplied: record.eventsApplied, jobId: o.jobId, offers: o.offers, ...(o.emergency ? { emergency: o.emergency } : {}) }, 200);
  });

  const book = createRoute({
    method: 'post',
    path: '/v1/boards/{boardId}/bookings',
    tags: ['booking'],
    summary: 'Book a job into an offered window',
    description: 'Adds the job with that window as its promise through the live-board path (stored as a job_added event), and returns where it landed and the customer status link. 409 with fresh `offers` when the board changed and can no longer keep it.',
    security: [{ ApiKey: [] }],
    request: { params: IdParams, headers: IdempotencyHeaders, body: { content: { 'application/json': { schema: BookingRequest } }, required: true } },
    responses: {
      201: {
        description: `Booked. A repeat with the same Idempotency-Key books nothing new: it answers where the booked job stands now, the first booking's changes, and \`${REPLAYED_HEADER}: true\`.`,
        content: { 'application/json': { schema: BookingResponse } },
      },
      400: errorResponse('Body is not JSON or malformed.'),
      401: errorResponse('Missing or unknown API key.'),
      404: errorResponse('No such board for this tenant.'),
      409: errorResponse('The board is not solved, or can no longer keep this window (the problem document carries fresh `offers`).'),
      422: errorResponse('The job does not fit the problem, or the Idempotency-Key came with another request.'),
      503: errorResponse('The solver pool is full.'),
    },
  });
  app.openapi(book, async (c) => {
    const { boardId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { job, window, keepPromises, at } = body;
    const once = onceOf(c.req.valid('header')['idempotency-key'], body);
    const out = await live.book(c.var.tenant, boardId, job as JobType, { window, ...(keepPromises === undefined ? {} : { keepPromises }), ...(at === undefined ? {} : { at }) }, once);
    const replayed = isReplayed(out);
    if (replayed) c.header(REPLAYED_HEADER, 'true');
    const board = replayed ? out.record.board : out.result.board;
    const route = board.routes.find((r) => r.stops.some((s) => s.kind === 'job' && s.jobId === job.id));
    const stop = route?.stops.find((s) => s.kind === 'job' && s.jobId === job.id);
    if (!route || !stop) {
      // only a replay: the booking was made, and later events took the job off the board
      throw new ApiError({ status: 409, code: 'booked_job_moved', title: 'Conflict', detail: `${job.id} was booked (event ${out.seqs.join(', ')}) but is no longer on the board; see /v1/boards/${boardId}/jobs/${job.id}` });
    }
    const token = tracking?.issue(c.var.tenant, boardId, [job.id])[0];
    return c.json(
      {
        boardId,
        jobId: job.id,
        technicianId: route.technicianId,
        plannedStart: stop.start,
        window,
        eta: stop.eta ?? null,
        tracking: token ? { token: token.token, url: `/v1/track/${token.token}` } : null,
        eventsApplied: out.record.eventsApplied,
        board,
        changes: replayed ? (out.first?.changes ?? []) : out.result.changes,
      },
      201,
    );
  });
}
