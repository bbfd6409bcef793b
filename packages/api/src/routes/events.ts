// /v1/boards/{id}/events: the live events of a day (job cancelled, new job, started, finished,
// running long, technician unavailable, position, parts arrived, window changed). POST stores them
// append-only, re-plans the board and answers with the new board and what moved per job; GET
// lists the stored log.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { LiveEvent } from '@truckroll/solver';
import type { AppEnv } from '../env.ts';
import { IdempotencyHeaders, onceOf, REPLAYED_HEADER } from '../idempotency.ts';
import { isReplayed, type LiveBoards } from '../live-boards.ts';
import { ApiError } from '../problem.ts';
import { BoardComponent, errorResponse } from '../schemas.ts';
import type { BoardStore } from '../store/boards.ts';
import type { TrackingStore } from '../store/tracking.ts';

export interface EventsRouteOptions {
  store: BoardStore;
  live: LiveBoards;
  tracking?: TrackingStore;
}

const LiveEventComponent = LiveEvent.meta({ id: 'LiveEvent' });

const EventsBody = z
  .object({
    events: z.array(LiveEventComponent).min(1, { error: 'send at least one event' }).max(500, { error: 'at most 500 events per request' }),
    lockedHorizonMin: z.number().min(0).max(24 * 60).optional().openapi({ description: "Also keep each technician's next stops that start within this many minutes (they were told)." }),
    fillIdle: z
      .boolean()
      .optional()
      .openapi({ description: 'Also fill idle time with open work: a technician with 30+ idle minutes takes a job another can give up, who takes an open job only they can do, when the open job pays for the moves (default false).' }),
  })
  .openapi('EventsRequest');

const Placement = z.object({ technicianId: z.string().nullable(), start: z.string().nullable(), eta: z.object({ start: z.string(), end: z.string() }).nullable() });

const EventsResponse = z
  .object({
    boardId: z.string(),
    /** sequence numbers of the events just stored */
    seqs: z.array(z.number().int()),
    eventsApplied: z.number().int().openapi({ description: 'The sequence number of the last event the board reflects.' }),
    updatedAt: z.string(),
    board: BoardComponent,
    changes: z.array(
      z.object({
        jobId: z.string(),
        kind: z.enum(['scheduled', 'unassigned', 'reassigned', 'eta_moved', 'cancelled']),
        before: Placement.nullable(),
        after: Placement.nullable(),
        notify: z.boolean(),
      }),
    ),
    emergencies: z.array(
      z.object({
        jobId: z.string(),
        deadline: z.string().nullable(),
        technicianId: z.string().nullable(),
        arrival: z.string().nullable(),
        onTime: z.boolean(),
        bumped: z.array(z.string()),
        bestArrival: z.string().optional(),
        wouldBump: z.array(z.string()).optional(),
      }),
    ),
    disruption: z.object({ jobsMoved: z.number().int(), reassigned: z.number().int(), etaMoved: z.number().int(), techniciansTouched: z.number().int() }),
    tracking: z.array(z.object({ jobId: z.string(), token: z.string(), url: z.string() })).optional(),
    recovered: z
      .boolean()
      .optional()
      .openapi({
        description:
          'On a replay (Idempotency-Key header): true when the first request was stored but its answer was lost (a crash). Its events are on the board now; `changes`, `emergencies` and `disruption` are not known and left empty.',
      }),
  })
  .openapi('EventsResponse');

const EventLog = z
  .object({
    boardId: z.string(),
    eventsApplied: z.number().int(),
    items: z.array(z.object({ seq: z.number().int(), type: z.string(), event: z.unknown(), createdAt: z.string() })),
  })
  .openapi('EventLog');

const IdParams = z.object({ boardId: z.string().min(1).openapi({ param: { name: 'boardId', in: 'path' } }) });

export function registerEvents(app: OpenAPIHono<AppEnv>, { store, live, tracking }: EventsRouteOptions): void {
  const post = createRoute({
    method: 'post',
    path: '/v1/boards/{boardId}/events',
    tags: ['boards'],
    summary: 'Tell a board what happened; get the re-planned board and what moved',
    description:
      'Events are validated, stored append-only, then applied in order. What is done or under way does not move, nor the current leg; a job keeps its technician and ETA window unless moving it pays (settings.weights.disruptionReassign / disruptionEtaMove). `changes` lists per job what moved (notify those with `notify: true`); `emergencies` says whether each emergency makes its deadline.',
    security: [{ ApiKey: [] }],
    request: { params: IdParams, headers: IdempotencyHeaders, body: { content: { 'application/json': { schema: EventsBody } }, required: true } },
    responses: {
      200: {
        description: `The re-planned board and what moved. A repeat with the same Idempotency-Key answers the first request's seqs, changes and emergencies with the board as it stands now, and \`${REPLAYED_HEADER}: true\`.`,
        content: { 'application/json': { schema: EventsResponse } },
      },
      400: errorResponse('Body is not JSON or an event is malformed.'),
      401: errorResponse('Missing or unknown API key.'),
      404: errorResponse('No such board for this tenant.'),
      409: errorResponse('The board is not solved (yet).'),
      422: errorResponse('An event names an unknown job or technician, or does not fit the board (e.g. finishing a job that never started); or the Idempotency-Key came with another request.'),
      503: errorResponse('The solver pool is full; nothing was stored.'),
    },
  });
  app.openapi(post, async (c) => {
    const { boardId } = c.req.valid('param');
    const { events, lockedHorizonMin, fillIdle } = c.req.valid('json');
    const once = onceOf(c.req.valid('header')['idempotency-key'], events, lockedHorizonMin ?? null, fillIdle ?? false);
    const out = await live.apply(
      c.var.tenant,
      boardId,
      events as LiveEvent[],
      {
        ...(lockedHorizonMin === undefined ? {} : { lockedHorizonMin }),
        ...(fillIdle ? { fillIdle: true } : {}),
      },
      once,
    );
    const replayed = isReplayed(out);
    if (replayed) c.header(REPLAYED_HEADER, 'true');
    const first = replayed ? out.first : out.result;
    const changes = first?.changes ?? [];
    const scheduledNow = changes.filter((x) => x.kind === 'scheduled').map((x) => x.jobId);
    return c.json(
      {
        boardId,
        seqs: out.seqs,
        eventsApplied: out.record.eventsApplied,
        updatedAt: out.record.updatedAt,
        board: replayed ? out.record.board : out.result.board,
        changes,
        emergencies: first?.emergencies ?? [],
        disruption: first?.disruption ?? { jobsMoved: 0, reassigned: 0, etaMoved: 0, techniciansTouched: 0 },
        ...(tracking && scheduledNow.length ? { tracking: tracking.issue(c.var.tenant, boardId, scheduledNow).map((t) => ({ ...t, url: `/v1/track/${t.token}` })) } : {}),
        ...(first ? {} : { recovered: true }),
      },
      200,
    );
  });

  const list = createRoute({
    method: 'get',
    path: '/v1/boards/{boardId}/events',
    tags: ['boards'],
    summary: "A board's event log",
    security: [{ ApiKey: [] }],
    request: { params: IdParams, query: z.object({ after: z.coerce.number().int().min(0).default(0).openapi({ description: 'Only events after this sequence number.' }) }) },
    responses: {
      200: { description: 'Stored events, oldest first.', content: { 'application/json': { schema: EventLog } } },
      401: errorResponse('Missing or unknown API key.'),
      404: errorResponse('No such board for this tenant.'),
    },
  });
  app.openapi(list, (c) => {
    const { boardId } = c.req.valid('param');
    const { after } = c.req.valid('query');
    const r = store.get(c.var.tenant, boardId);
    if (!r) throw new ApiError({ status: 404, code: 'board_not_found', title: 'Not Found', detail: `no board ${boardId}` });
    return c.json({ boardId, eventsApplied: r.eventsApplied, items: store.eventsAfter(boardId, after) }, 200);
  });
}
