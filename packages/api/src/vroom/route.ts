// POST /v1/vroom: VROOM's JSON problem in, VROOM's JSON solution out, solved by our engine on the
// pool. Every error answers VROOM's `{ code, error }` (app.ts routes them here by path), and
// `options.c` (plan mode) evaluates the vehicles' fixed `steps` instead of optimising.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { parseProblem } from '@truckroll/solver';
import type { AppEnv } from '../env.ts';
import type { SizeCaps } from '../limits.ts';
import { solveMetaOf, type SolvePool } from '../pool.ts';
import { TIME_LIMIT_HEADER } from '../routes/solve.ts';
import { VroomError, inputError, VROOM_CODE } from './errors.ts';
import { boardToVroom } from './from-board.ts';
import { planBoard } from './plan.ts';
import { VroomErrorBody, VroomInput, VroomOutput } from './schema.ts';
import { vroomToProblem } from './to-problem.ts';

export interface VroomRouteOptions {
  pool: SolvePool;
  maxTimeLimitSec: number;
  caps: SizeCaps;
  /** Default solver time limit for VROOM requests, seconds (VROOM clients expect quick answers). */
  defaultTimeLimitSec?: number;
}

const errorContent = (description: string) => ({ description, content: { 'application/json': { schema: VroomErrorBody } } });

/** `jobs[3].time_windows[0]: message` from a zod path. */
const pathText = (path: readonly PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

export function registerVroom(app: OpenAPIHono<AppEnv>, { pool, maxTimeLimitSec, caps, defaultTimeLimitSec = 2 }: VroomRouteOptions): void {
  app.openAPIRegistry.register('VroomInput', VroomInput);
  const route = createRoute({
    method: 'post',
    path: '/v1/vroom',
    tags: ['vroom'],
    summary: 'Solve a VROOM problem (VROOM-compatible)',
    description:
      "Accepts VROOM's JSON input (jobs, vehicles, skills, time windows, amounts, breaks, matrices per profile, options.c) and answers in VROOM's output format. " +
      'Errors use VROOM\'s `{ code, error }`: 400/code 2 bad input (shipments included), 413/code 4 too large, 500/code 1 internal, 500/code 3 routing. ' +
      `Header ${TIME_LIMIT_HEADER}: true when the solve outlived its limit.`,
    security: [{ ApiKey: [] }],
    request: {
      query: z.object({
        timeLimit: z.coerce
          .number({ error: 'timeLimit must be a number of seconds' })
          .positive({ error: 'timeLimit must be positive' })
          .max(maxTimeLimitSec, { error: `timeLimit must be at most ${maxTimeLimitSec} seconds` })
          .optional()
          .openapi({ description: `Solver time limit, seconds (default ${defaultTimeLimitSec}).` }),
        seed: z.coerce.number().int({ error: 'seed must be a whole number' }).optional(),
      }),
      body: { content: { 'application/json': { schema: { $ref: '#/components/schemas/VroomInput' } } }, required: true },
    },
    responses: {
      200: { description: 'The solution, code 0.', content: { 'application/json': { schema: VroomOutput } } },
      400: errorContent('Bad input (code 2).'),
      401: errorContent('Missing or unknown API key.'),
      413: errorContent('Too many jobs or vehicles, or body too large (code 4).'),
      429: errorContent('Rate limited; retry after Retry-After.'),
      500: errorContent('Internal (code 1) or routing (code 3) error.'),
      503: errorContent('Solver pool full; retry after Retry-After.'),
    },
  });

  app.openapi(route, async (c) => {
    const { timeLimit, seed } = c.req.valid('query');
    const text = await c.req.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw inputError('Invalid JSON object in request, please add vehicles and jobs or shipments to the object body');
    }
    if (typeof json === 'object' && json !== null) {
      const o = json as { jobs?: unknown; shipments?: unknown; vehicles?: unknown };
      const len = (x: unknown) => (Array.isArray(x) ? x.length : 0);
      const locations = len(o.jobs) + 2 * len(o.shipments);
      if (locations > caps.maxJobs) throw new VroomError(413, VROOM_CODE.tooLarge, `Too many locations (${locations}) in query, maximum is set to ${caps.maxJobs}`);
      if (len(o.vehicles) > caps.maxTechnicians) throw new VroomError(413, VROOM_CODE.tooLarge, `Too many vehicles (${len(o.vehicles)}) in query, maximum is set to ${caps.maxTechnicians}`);
    }
    const parsed = VroomInput.safeParse(json);
    if (!parsed.success) throw inputError(parsed.error.issues.map((i) => `${pathText(i.path) || 'body'}: ${i.message}`).join('; '));
    const input = parsed.data;
    const plan = input.options?.c === true;
    const mapping = vroomToProblem(input, { timeLimitSec: timeLimit ?? defaultTimeLimitSec, plan });
    const problem = parseProblem(mapping.problem);

    if (plan) {
      const { board, violations, routeViolations } = planBoard(input, mapping, problem);
      const out = boardToVroom(board, mapping, { violations, routeViolations });
      // in plan mode a job is unassigned because no vehicle's steps list it
      return c.json({ ...out, unassigned: out.unassigned.map((u) => ({ ...u, reason: 'not_in_steps' })) }, 200);
    }
    const board = await pool.solve(
      { problemJson: JSON.stringify(mapping.problem), ...(seed === undefined ? {} : { seed }), timeLimitSec: timeLimit ?? defaultTimeLimitSec },
      { signal: c.req.raw.signal },
    );
    if (solveMetaOf(board)?.timeLimitReached) c.header(TIME_LIMIT_HEADER, 'true');
    return c.json(boardToVroom(board, mapping), 200);
  });
}
