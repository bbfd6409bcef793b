// createApp(deps): the whole HTTP API as a hono app, with no listening socket (main.ts listens).
// One defaultHook and one onError give every failure the problem+json shape; middleware order:
// request id -> metrics -> body limit (/v1) -> gzip of large answers -> API-key auth (/v1, not /v1/track; ?key= also on
// /v1/boards/{id}/view) -> rate limit (POST) -> routes. /v1/vroom answers its errors in VROOM's
// { code, error } shape instead.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import { requestId } from 'hono/request-id';
import type { BoardRunner } from './board-runner.ts';
import type { AppEnv } from './env.ts';
import { createApiMetrics, type ApiMetrics } from './metrics.ts';
import { apiKeyAuth, type KeyRing } from './middleware/auth.ts';
import { compressLarge } from './middleware/compress.ts';
import type { SolvePool } from './pool.ts';
import { ApiError, pointerOf, problemResponse, toApiError, type FieldError } from './problem.ts';
import { registerBoards } from './routes/boards.ts';
import { registerDocs } from './routes/docs.ts';
import { registerEvents } from './routes/events.ts';
import { registerBookings } from './routes/bookings.ts';
import type { LiveBoards } from './live-boards.ts';
import { registerHealth } from './routes/health.ts';
import { registerSolve } from './routes/solve.ts';
import { registerTrack } from './routes/track.ts';
import { isBoardViewPath, registerView, VIEW_KEY_PARAM } from './routes/view.ts';
import type { BoardStore } from './store/boards.ts';
import type { TrackingStore } from './store/tracking.ts';
import { DEFAULT_RATE_LIMIT, DEFAULT_SIZE_CAPS, rateLimit, type RateLimit, type SizeCaps } from './limits.ts';
import { inputError, isVroomPath, toVroomError, vroomErrorResponse } from './vroom/errors.ts';
import { registerVroom } from './vroom/route.ts';

export interface AppDeps {
  pool: SolvePool;
  /** Boards routes are mounted only with a store and a runner. */
  store?: BoardStore;
  runner?: BoardRunner;
  /** Live events on stored boards (POST /v1/boards/{id}/events). */
  live?: LiveBoards;
  /** Customer status tokens (with store and runner: `tracking` in board views, GET /v1/track/{token}). */
  tracking?: TrackingStore;
  /** API keys; undefined = open (tenant "default"). */
  keys?: KeyRing;
  metrics?: ApiMetrics;
  /** Undefined when ready, else why not. */
  notReadyReason?: () => string | undefined;
  /** Largest accepted request body, bytes. */
  bodyLimitBytes?: number;
  /** Upper bound of `?timeLimit=`, seconds. */
  maxTimeLimitSec?: number;
  /** Upper bound of `?wait=`, seconds. */
  maxWaitSec?: number;
  /** Most jobs / technicians (VROOM: jobs / vehicles) in one problem: 413 beyond. */
  caps?: Partial<SizeCaps>;
  /** Token bucket per API key on POST routes; false turns it off. */
  rateLimit?: RateLimit | false;
  /** Default solver time limit of POST /v1/vroom, seconds. */
  vroomTimeLimitSec?: number;
  /** Called for 5xx errors (never with request bodies). */
  logError?: (err: unknown, fields: Record<string, unknown>) => void;
}

const IN: Record<string, FieldError['in']> = { query: 'query', param: 'path', header: 'header' };

/** Methods whose requests the API never reads a body from. */
const BODYLESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createApp({
  pool,
  store,
  runner,
  live,
  tracking,
  keys,
  caps: capsOption = {},
  rateLimit: rateLimitOption = DEFAULT_RATE_LIMIT,
  vroomTimeLimitSec,
  metrics = createApiMetrics(),
  notReadyReason = () => undefined,
  bodyLimitBytes = 5 * 1024 * 1024,
  maxTimeLimitSec = 60,
  maxWaitSec = 60,
  logError = (err, fields) => console.error('[api]', fields, err),
}: AppDeps): OpenAPIHono<AppEnv> {
  const caps: SizeCaps = { ...DEFAULT_SIZE_CAPS, ...capsOption };
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const where = IN[result.target];
      const errors: FieldError[] = result.error.issues.map((i) => ({ pointer: pointerOf(i.path), detail: i.message, code: i.code, ...(where ? { in: where } : {}) }));
      if (isVroomPath(c.req.path)) return vroomErrorResponse(c, inputError(errors.map((e) => `${e.pointer.slice(2) || result.target}: ${e.detail}`).join('; ')));
      return problemResponse(
        c,
        new ApiError({ status: 400, code: 'invalid_request', title: 'Bad Request', detail: errors.map((e) => `${e.pointer.slice(2) || result.target}: ${e.detail}`).join('; '), errors }),
      );
    },
  });

  app.onError((err, c) => {
    // the VROOM-compatible endpoint answers every error in VROOM's { code, error } shape
    if (isVroomPath(c.req.path)) {
      const v = toVroomError(err);
      if (v.status >= 500 && v.status !== 503) logError(err, { requestId: c.get('requestId'), path: c.req.path, code: v.code });
      return vroomErrorResponse(c, v);
    }
    const e = toApiError(err);
    // a client that went away cancels its own solve: not a server error
    if (e.status >= 500 && e.status !== 503 && !c.req.raw.signal.aborted) logError(err, { requestId: c.get('requestId'), path: c.req.path, code: e.code });
    return problemResponse(c, e);
  });
  app.notFound((c) => problemResponse(c, new ApiError({ status: 404, code: 'not_found', title: 'Not Found', detail: `no route ${c.req.method} ${c.req.path}` })));

  app.use(requestId());
  app.use(async function countRequests(c, next) {
    const t0 = performance.now();
    await next();
    const route = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1)?.path ?? 'unmatched';
    const labels = { method: c.req.method, route, status: String(c.res.status) };
    metrics.requests.inc(labels);
    metrics.requestSeconds.observe((performance.now() - t0) / 1000, { route });
  });
  const limitBody = bodyLimit({
    maxSize: bodyLimitBytes,
    onError: (c) => {
      const e = new ApiError({ status: 413, code: 'payload_too_large', title: 'Content Too Large', detail: `the body is larger than ${bodyLimitBytes} bytes` });
      return isVroomPath(c.req.path) ? vroomErrorResponse(c, toVroomError(e)) : problemResponse(c, e);
    },
  });
  // Only requests that may carry a body: hono's bodyLimit reads `c.req.raw.body`, and that makes
  // @hono/node-server build a full undici Request, with an abort listener that a
  // FinalizationRegistry removes once the Request is garbage. At thousands of GETs a second
  // (/v1/track under load) V8 then runs thousands of those clean-ups in one task after a major GC:
  // 60-150 ms with the event loop stopped, health checks included (bench:load, phase 2).
  app.use('/v1/*', (c, next) => (BODYLESS_METHODS.has(c.req.method) ? next() : limitBody(c, next)));
  // large answers gzip when the client takes it (not /v1/track or /healthz: small, and the hot path)
  for (const path of ['/v1/boards', '/v1/boards/*', '/v1/solve', '/v1/vroom', '/openapi.json', '/docs/*']) app.use(path, compressLarge());
  // customer status links carry their own unguessable token: no API key
  const auth = apiKeyAuth({ keys }) as unknown as MiddlewareHandler<AppEnv>;
  // the board page also takes the key as ?key= (a link a dispatcher opens in a browser)
  const viewAuth = apiKeyAuth({ keys, queryParam: VIEW_KEY_PARAM }) as unknown as MiddlewareHandler<AppEnv>;
  app.use('/v1/*', (c, next) => (c.req.path.startsWith('/v1/track/') ? next() : isBoardViewPath(c.req.path) ? viewAuth(c, next) : auth(c, next)));
  if (rateLimitOption) app.use('/v1/*', rateLimit(rateLimitOption));

  registerGauges(metrics, pool);
  registerHealth(app, { notReadyReason, registry: metrics.registry });
  registerSolve(app, { pool, maxTimeLimitSec, caps });
  if (store && runner) registerBoards(app, { store, runner, pool, maxTimeLimitSec, maxWaitSec, caps, ...(tracking ? { tracking } : {}) });
  if (store && runner) registerView(app, { store });
  if (store && live) registerEvents(app, { store, live, ...(tracking ? { tracking } : {}) });
  if (store && live) registerBookings(app, { live, ...(tracking ? { tracking } : {}) });
  if (store && tracking) registerTrack(app, { store, tracking });
  registerVroom(app, { pool, maxTimeLimitSec, caps, ...(vroomTimeLimitSec === undefined ? {} : { defaultTimeLimitSec: vroomTimeLimitSec }) });
  registerDocs(app);
  return app;
}

const gauged = new WeakSet<ApiMetrics>();

/** Pool gauges, once per metrics set (read at scrape time). */
function registerGauges(metrics: ApiMetrics, pool: SolvePool): void {
  if (gauged.has(metrics)) return;
  gauged.add(metrics);
  const r = metrics.registry;
  r.gauge('truckroll_pool_queue_size', 'Solves waiting for a worker thread.', () => pool.stats().queueSize);
  r.gauge('truckroll_pool_max_queue', 'Solves that may wait before the API answers 503.', () => pool.stats().maxQueue);
  r.gauge('truckroll_pool_threads', 'Worker threads alive.', () => pool.stats().threads);
  r.gauge('truckroll_pool_utilization', 'Share of worker thread time spent solving since start (0..1).', () => pool.stats().utilization);
}
