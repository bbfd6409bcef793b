// Reads a JSON request body as text and validates it with the solver's parser, so every error
// carries the solver's exact pointer and message.
import type { Context } from 'hono';
import { parseProblemText, type Problem } from '@truckroll/solver';
import { assertSize, type SizeCaps } from '../limits.ts';
import { ApiError } from '../problem.ts';

const JSON_TYPE = /^application\/([a-z.+-]+\+)?json(\s*;.*)?$/i;

/** The body text and the parsed Problem. 415 for a non-JSON content type; 400/422 from the solver; 413 over `caps`. */
export async function readProblem(c: Context, caps?: SizeCaps): Promise<{ text: string; problem: Problem }> {
  const type = c.req.header('Content-Type');
  if (type && !JSON_TYPE.test(type.trim())) {
    throw new ApiError({ status: 415, code: 'unsupported_media_type', title: 'Unsupported Media Type', detail: `send the problem as application/json (got ${type})` });
  }
  const text = await c.req.text();
  const problem = parseProblemText(text);
  if (caps) assertSize({ jobs: problem.jobs.length, technicians: problem.technicians.length }, caps);
  return { text, problem };
}
