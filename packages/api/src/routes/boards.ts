// /v1/boards: store a day's problem and solve it in the background (202 + Location, or 201 when
// `?wait=S` sees it finish), read a board, list a tenant's boards by date, and where a job stands.
// Every read is scoped by tenant: another tenant's board is a 404, never a 403.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { parseIso, type Problem } from '@truckroll/solver';
import type { BoardRunner } from '../board-runner.ts';
import type { AppEnv } from '../env.ts';
import type { SolvePool } from '../pool.ts';
import { boardEtag, etagMatches } from '../etag.ts';
import { IdempotencyHeaders, keyReused, onceOf, REPLAYED_HEADER } from '../idempotency.ts';
import { ApiError } from '../problem.ts';
import { BoardComponent, BoardPage, BoardStatus, DateParam, errorResponse, JobStanding, problemRef, solveQuery } from '../schemas.ts';
import { decodeCursor, type BoardRecord, type BoardStore } from '../store/boards.ts';
import type { TrackingStore } from '../store/tracking.ts';
import type { SizeCaps } from '../limits.ts';
import { readProblem } from './body.ts';
import { TIME_LIMIT_HEADER } from './solve.ts';

export interface BoardsRouteOptions {
  store: BoardStore;
  runner: BoardRunner;
  pool: SolvePool;
  maxTimeLimitSec: number;
  /** Upper bound of `?wait=`, seconds. */
  maxWaitSec?: number;
  /** Customer status tokens; without it the board view has no `tracking`. */
  tracking?: TrackingStore;
  caps?: SizeCaps;
}

const BoardResource = z
  .object({
    id: z.string(),
    date: z.string(),
    status: BoardStatus,
    createdAt: z.string(),
    updatedAt: z.string(),
    board: z.union([BoardComponent, z.null()]),
    error: z.object({ code: z.string(), detail: z.string() }).nullable(),
    timeLimitReached: z.boolean().openapi({ description: 'The solve outlived its time limit: the board is the best it had when it stopped.' }),
    tracking: z
      .array(z.object({ jobId: z.string(), token: z.string(), url: z.string() }))
      .optional()
      .openapi({ description: 'Customer status links, one per scheduled job (GET url, no auth). Stable across re-solves.' }),
  })
  .openapi('BoardResource');

const IdParams = z.object({ boardId: z.string().min(1).openapi({ param: { name: 'boardId', in: 'path' } }) });
const JobParams = IdParams.extend({ jobId: z.string().min(1).openapi({ param: { name: 'jobId', in: 'path' } }) });

const selfOf = (id: string) => `/v1/boards/${encodeURIComponent(id)}`;

function resourceOf(r: BoardRecord, tracking?: TrackingStore) {
  const scheduled = r.board?.routes.flatMap((route) => route.stops.flatMap((s) => (s.kind === 'job' && s.jobId !== undefined ? [s.jobId] : []))) ?? [];
  return {
    id: r.id,
    date: r.date,
    status: r.status,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    board: r.board,
    error: r.error,
    timeLimitReached: r.timeLimitReached,
    ...(tracking && r.board ? { tracking: tracking.issue(r.tenant, r.id, scheduled).map((t) => ({ ...t, url: `/v1/track/${t.token}` })) } : {}),
  };
}

function summaryOf(r: BoardRecord) {
  return {
    id: r.id,
    date: r.date,
    status: r.status,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    jobsScheduled: r.board?.kpis.jobsScheduled ?? null,
    jobsUnassigned: r.board?.kpis.jobsUnassigned ?? null,
    error: r.error,
  };
}

/** The Idempotency-Key scope of new boards. */
const BOARDS_SCOPE = 'boards';

const notFound = (id: string) => new ApiError({ status: 404, code: 'board_not_found', title: 'Not Found', detail: `no board ${id}` });

/** The day a problem plans: the local date of its earliest shift start (YYYY-MM-DD). */
export function dateOfProblem(problem: Problem): string | undefined {
  let best: { ms: number; iso: string } | undefined;
  for (const t of problem.technicians) {
    const ms = parseIso(t.shift.start);
    if (!best || ms < best.ms) best = { ms, iso: t.shift.start };
  }
  return best?.iso.slice(0, 10);
}

export function registerBoards(app: OpenAPIHono<AppEnv>, { store, runner, pool, maxTimeLimitSec, maxWaitSec = 60, tracking, caps }: BoardsRouteOptions): void {
  const create = createRoute({
    method: 'post',
    path: '/v1/boards',
    tags: ['boards'],
    summary: 'Store a day and solve it in the background',
    description:
      'Answers 202 with Location to poll; with `?wait=S` it waits up to S seconds and answers 201 with the finished board. With an Idempotency-Key, a repeat of the same request (body, date, seed, time limit; `wait` may differ) stores nothing new and answers the first board as it stands now, with `Idempotent-Replayed: true`.',
    security: [{ ApiKey: [] }],
    request: {
      headers: IdempotencyHeaders,
      query: solveQuery(maxTimeLimitSec).omit({ check: true }).extend({
        wait: z.coerce.number({ error: 'wait must be a number of seconds' }).min(0, { error: 'wait must not be negative' }).max(maxWaitSec, { error: `wait must be at most ${maxWaitSec} seconds` }).optional(),
        date: DateParam.optional().openapi({ description: 'The day (YYYY-MM-DD); default: the local date of the earliest shift start.' }),
      }),
      body: { content: { 'application/json': { schema: problemRef } }, required: true },
    },
    responses: {
      201: { description: 'Solved (or failed) within `wait`.', content: { 'application/json': { schema: BoardResource } } },
      202: { description: 'Accepted; poll Location.', content: { 'application/json': { schema: BoardResource } } },
      400: errorResponse('Body is not JSON, or a bad query parameter.'),
      401: errorResponse('Missing or unknown API key.'),
      413: errorResponse('Body too large, or more jobs or technicians than the server takes (`errors` names #/jobs or #/technicians).'),
      422: errorResponse('The problem is not valid, or the Idempotency-Key came with another request.'),
      429: errorResponse('Too many requests for this API key; retry after Retry-After.'),
      503: errorResponse('The solver pool is full.'),
    },
  });
  app.openapi(create, async (c) => {
    const { wait, date, seed, timeLimit } = c.req.valid('query');
    const { text, problem } = await readProblem(c, caps);
    const day = date ?? dateOfProblem(problem);
    if (!day) {
      throw new ApiError({ status: 422, code: 'invalid_input', title: 'The problem is not valid', detail: 'no technicians, so the day is unknown: pass ?date=YYYY-MM-DD', errors: [{ pointer: '#/technicians', detail: 'empty: pass ?date=YYYY-MM-DD', code: 'no_date' }] });
    }
    const tenant = c.var.tenant;
    const once = onceOf(c.req.valid('header')['idempotency-key'], text, date ?? null, seed ?? null, timeLimit ?? null);
    // no await between the look-up and the insert: a concurrent repeat cannot slip in between
    const prior = once && store.idempotency.get(tenant, BOARDS_SCOPE, once.key);
    let record: BoardRecord | undefined;
    if (prior) {
      if (prior.fingerprint !== once.fingerprint) throw keyReused(once.key);
      record = store.get(tenant, (prior.ref as { boardId: string }).boardId);
    }
    if (record) {
      c.header(REPLAYED_HEADER, 'true');
    } else {
      pool.assertRoom();
      record = store.insert(
        { tenant, date: day, problemJson: text, ...(seed === undefined ? {} : { seed }), ...(timeLimit === undefined ? {} : { timeLimitSec: timeLimit }) },
        once && ((r) => store.idempotency.record(tenant, BOARDS_SCOPE, once.key, once.fingerprint, { boardId: r.id })),
      );
      runner.start(record);
    }
    const pending = (r: BoardRecord) => r.status === 'queued' || r.status === 'solving';
    if (wait && pending(record)) await runner.waitFor(record.id, wait * 1000);
    const now = store.get(tenant, record.id) ?? record;
    c.header('Location', selfOf(record.id));
    const done = !pending(now);
    if (!done) c.header('Retry-After', '1');
    if (now.timeLimitReached) c.header(TIME_LIMIT_HEADER, 'true');
    return done ? c.json(resourceOf(now, tracking), 201) : c.json(resourceOf(now, tracking), 202);
  });

  const get = createRoute({
    method: 'get',
    path: '/v1/boards/{boardId}',
    tags: ['boards'],
    summary: 'Read a board',
    security: [{ ApiKey: [] }],
    request: { params: IdParams },
    responses: {
      200: { description: 'The board and its status (Retry-After while it is still solving), with an ETag that changes whenever the board does.', content: { 'application/json': { schema: BoardResource } } },
      304: { description: 'Not changed since the ETag sent in If-None-Match (poll with it: nothing is re-sent).' },
      401: errorResponse('Missing or unknown API key.'),
      404: errorResponse('No such board for this tenant.'),
    },
  });
  app.openapi(get, (c) => {
    const { boardId } = c.req.valid('param');
    const updatedAt = store.updatedAtOf(c.var.tenant, boardId);
    if (updatedAt === undefined) throw notFound(boardId);
    if (etagMatches(c.req.header('If-None-Match'), boardEtag(updatedAt))) return c.body(null, 304, { ETag: boardEtag(updatedAt) });
    const r = store.get(c.var.tenant, boardId);
    if (!r) throw notFound(boardId);
    c.header('ETag', boardEtag(r.updatedAt));
    if (r.status === 'queued' || r.status === 'solving') c.header('Retry-After', '1');
    if (r.timeLimitReached) c.header(TIME_LIMIT_HEADER, 'true');
    return c.json(resourceOf(r, tracking), 200);
  });

  const list = createRoute({
    method: 'get',
    path: '/v1/boards',
    tags: ['boards'],
    summary: "List a day's boards",
    description: 'Oldest first; follow `nextCursor` for the next page.',
    security: [{ ApiKey: [] }],
    request: {
      query: z.object({
        date: DateParam,
        limit: z.coerce.number().int({ error: 'limit must be a whole number' }).min(1, { error: 'limit must be 1–100' }).max(100, { error: 'limit must be 1–100' }).default(20),
        cursor: z.string().optional(),
      }),
    },
    responses: {
      200: { description: 'One page of boards.', content: { 'application/json': { schema: BoardPage } } },
      400: errorResponse('Bad query parameter.'),
      401: errorResponse('Missing or unknown API key.'),
    },
  });
  app.openapi(list, (c) => {
    const { date, limit, cursor } = c.req.valid('query');
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && !after) {
      throw new ApiError({ status: 400, code: 'invalid_request', title: 'Bad Request', detail: 'cursor is not one this API returned', errors: [{ pointer: '#/cursor', detail: 'unknown cursor', code: 'invalid_cursor', in: 'query' }] });
    }
    const page = store.listByDate(c.var.tenant, date, { limit, ...(after ? { cursor: after } : {}) });
    return c.json({ items: page.items.map(summaryOf), nextCursor: page.nextCursor }, 200);
  });

  const job = createRoute({
    method: 'get',
    path: '/v1/boards/{boardId}/jobs/{jobId}',
    tags: ['boards'],
    summary: 'Where a job stands on a board',
    description: 'Technician, planned start and the customer-facing ETA window, or why the job is unassigned.',
    security: [{ ApiKey: [] }],
    request: { params: JobParams },
    responses: {
      200: { description: 'The job on the board.', content: { 'application/json': { schema: JobStanding } } },
      401: errorResponse('Missing or unknown API key.'),
      404: errorResponse('No such board for this tenant, or no such job on it.'),
      409: errorResponse('The board is not solved (yet).'),
    },
  });
  app.openapi(job, (c) => {
    const { boardId, jobId } = c.req.valid('param');
    const r = store.get(c.var.tenant, boardId);
    if (!r) throw notFound(boardId);
    if (!r.board) {
      const pending = r.status === 'queued' || r.status === 'solving';
      throw new ApiError({
        status: 409,
        code: 'board_not_solved',
        title: 'Conflict',
        detail: pending ? `board ${boardId} is still ${r.status}` : `board ${boardId} failed: ${r.error?.detail ?? 'unknown error'}`,
        ...(pending ? { headers: { 'Retry-After': '1' } } : {}),
      });
    }
    for (const route of r.board.routes) {
      const stopIndex = route.stops.findIndex((s) => s.kind === 'job' && s.jobId === jobId);
      const stop = route.stops[stopIndex];
      if (!stop) continue;
      return c.json({ boardId, jobId, state: 'assigned' as const, technicianId: route.technicianId, stopIndex, plannedStart: stop.start, plannedEnd: stop.end, eta: stop.eta ?? null }, 200);
    }
    const u = r.board.unassigned.find((x) => x.jobId === jobId);
    if (u) return c.json({ boardId, jobId, state: 'unassigned' as const, reason: u.reason, closest: u.closest }, 200);
    const closed = closedStatusOf(r.liveProblemJson ?? r.problemJson, jobId);
    if (closed) return c.json({ boardId, jobId, state: closed }, 200);
    throw new ApiError({ status: 404, code: 'job_not_found', title: 'Not Found', detail: `board ${boardId} has no job ${jobId}` });
  });
}

/** A job kept off the board because it is cancelled, complete or under way (read from the stored problem). */
function closedStatusOf(problemJson: string, jobId: string): 'cancelled' | 'complete' | 'on_site' | undefined {
  const p = JSON.parse(problemJson) as { jobs?: { id?: unknown; status?: unknown }[] };
  const status = p.jobs?.find((j) => j.id === jobId)?.status;
  return status === 'cancelled' || status === 'complete' || status === 'on_site' ? status : undefined;
}
