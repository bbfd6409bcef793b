// POST /v1/solve: a Problem in, a Board out, solved on the pool while the request waits.
// `?check=1` (debug) also runs the solver's independent checker and answers { board, check }.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { checkBoard, legLookupFor, travelModelFor } from '@truckroll/solver';
import type { AppEnv } from '../env.ts';
import type { SizeCaps } from '../limits.ts';
import { solveMetaOf, type SolvePool } from '../pool.ts';
import { BoardComponent, errorResponse, problemRef, solveQuery } from '../schemas.ts';
import { readProblem } from './body.ts';

export interface SolveRouteOptions {
  pool: SolvePool;
  /** Upper bound of `?timeLimit=`, seconds. */
  maxTimeLimitSec: number;
  caps?: SizeCaps;
}

/** Set (to "true") on answers whose solve outlived its time limit: the board is its best so far. */
export const TIME_LIMIT_HEADER = 'Truckroll-Time-Limit-Reached';

export function solveRoute(maxTimeLimitSec: number) {
  return createRoute({
    method: 'post',
    path: '/v1/solve',
    tags: ['solve'],
    summary: 'Solve a day synchronously',
    description: 'Validates the problem, solves it on the worker pool and returns the board. 503 + Retry-After when the pool is full.',
    security: [{ ApiKey: [] }],
    request: {
      query: solveQuery(maxTimeLimitSec),
      body: { content: { 'application/json': { schema: problemRef } }, required: true },
    },
    responses: {
      200: { description: 'The board (or `{ board, check }` with `?check=1`).', content: { 'application/json': { schema: BoardComponent } } },
      400: errorResponse('Body is not JSON, or a bad query parameter.'),
      401: errorResponse('Missing or unknown API key.'),
      413: errorResponse('Body too large, or more jobs or technicians than the server takes (`errors` names #/jobs or #/technicians).'),
      415: errorResponse('Body is not application/json.'),
      422: errorResponse('The problem is not valid; `errors` names every field.'),
      429: errorResponse('Too many requests for this API key; retry after Retry-After.'),
      503: errorResponse('The solver pool is full; retry after `Retry-After` seconds.'),
    },
  });
}

export function registerSolve(app: OpenAPIHono<AppEnv>, { pool, maxTimeLimitSec, caps }: SolveRouteOptions): void {
  app.openapi(solveRoute(maxTimeLimitSec), async (c) => {
    const { timeLimit, seed, check } = c.req.valid('query');
    const { text, problem } = await readProblem(c, caps);
    const board = await pool.solve(
      { problemJson: text, ...(seed === undefined ? {} : { seed }), ...(timeLimit === undefined ? {} : { timeLimitSec: timeLimit }) },
      { signal: c.req.raw.signal },
    );
    const timeLimitReached = solveMetaOf(board)?.timeLimitReached ?? false;
    if (timeLimitReached) c.header(TIME_LIMIT_HEADER, 'true');
    if (check !== '1' && check !== 'true') return c.json(board as never, 200);
    // road travel (OSRM) cannot be recomputed by the checker: it gets the table the solve used
    const legs = problem.settings.travel.model === 'osrm' ? await legLookupFor(travelModelFor(problem), problem, { signal: c.req.raw.signal }) : undefined;
    const result = checkBoard(problem, board, legs ? { legs } : {});
    return c.json({ board, timeLimitReached, check: { ok: result.ok, violations: result.violations, kpis: result.kpis, cost: result.cost } } as never, 200);
  });
}
