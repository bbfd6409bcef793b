// Wire schemas owned by the API (the Problem and Board schemas are the solver's). They drive the
// OpenAPI document; the solver's schemas are registered as the `Problem` and `Board` components.
import { z } from '@hono/zod-openapi';
import { Board, ProblemBase } from '@truckroll/solver';

export const ProblemDetails = z
  .object({
    type: z.string().openapi({ example: '/problems/invalid_input' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ pointer: z.string().openapi({ example: '#/jobs/3/windows/0/start' }), detail: z.string(), code: z.string(), in: z.enum(['body', 'query', 'path', 'header']).optional() }))
      .optional(),
  })
  .openapi('ProblemDetails', { description: 'RFC 9457 problem details (application/problem+json).' });

export const problemContent = { 'application/problem+json': { schema: ProblemDetails } } as const;

/** Response entry for an error status. */
export const errorResponse = (description: string) => ({ description, content: problemContent });

// zod's own `id` metadata names a component (it works whichever module loaded zod first; the
// `.openapi()` method exists only on schemas created after @hono/zod-openapi was imported).
/** The solver's Board, named so that every use is a `$ref` to one component. */
export const BoardComponent = Board.meta({ id: 'Board' });
/** The solver's Problem (registered as a component by the docs routes). */
export const ProblemComponent = ProblemBase.meta({ id: 'Problem' });

/**
 * The Problem body as a reference only: the routes validate it with the solver's parseProblem
 * (exact pointers, cross-field rules), so no zod validator may run on it first.
 */
export const problemRef = { $ref: '#/components/schemas/Problem' } as const;

export const BoardStatus = z.enum(['queued', 'solving', 'solved', 'failed']);

export const BoardSummary = z
  .object({
    id: z.string(),
    date: z.string().openapi({ example: '2026-01-13' }),
    status: BoardStatus,
    createdAt: z.string(),
    updatedAt: z.string(),
    jobsScheduled: z.number().int().nullable(),
    jobsUnassigned: z.number().int().nullable(),
    error: z.object({ code: z.string(), detail: z.string() }).nullable(),
  })
  .openapi('BoardSummary');

export const BoardPage = z.object({ items: z.array(BoardSummary), nextCursor: z.string().nullable() }).openapi('BoardPage');

export const JobStanding = z
  .object({
    boardId: z.string(),
    jobId: z.string(),
    state: z.enum(['assigned', 'unassigned', 'cancelled', 'complete', 'on_site']),
    technicianId: z.string().optional(),
    stopIndex: z.number().int().optional(),
    plannedStart: z.string().optional(),
    plannedEnd: z.string().optional(),
    eta: z.object({ start: z.string(), end: z.string() }).nullable().optional(),
    reason: z.string().optional(),
    closest: z.array(z.object({ technicianId: z.string(), blocker: z.string(), detail: z.string() })).optional(),
  })
  .openapi('JobStanding', { description: 'Where one job stands on a solved board.' });

const seconds = (max: number, what: string) =>
  z.coerce
    .number({ error: `${what} must be a number of seconds` })
    .positive({ error: `${what} must be positive` })
    .max(max, { error: `${what} must be at most ${max} seconds` });

export const solveQuery = (maxTimeLimitSec: number) =>
  z.object({
    timeLimit: seconds(maxTimeLimitSec, 'timeLimit').optional().openapi({ description: `Solver time limit, seconds (at most ${maxTimeLimitSec}); default: the problem's settings.timeLimitSec.` }),
    seed: z.coerce.number().int({ error: 'seed must be a whole number' }).optional(),
    check: z.enum(['0', '1', 'true', 'false']).optional().openapi({ description: 'Debug: run the independent checker and answer { board, check }.' }),
  });

export const DateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date must be YYYY-MM-DD' });
