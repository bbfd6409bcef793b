// The API describes itself, offline: /openapi.json from the routes, /docs (Swagger UI with its
// assets served from the installed swagger-ui-dist, no CDN), and /problems/<code> pages that the
// problem+json `type` members point at.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../problem.ts';
import { ProblemComponent } from '../schemas.ts';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const distDir = (): string => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** What each problem `type` means (the pages behind `/problems/<code>`). */
export const PROBLEM_TYPES: Record<string, string> = {
  invalid_input: 'The request body is JSON but not a valid problem; `errors` lists every field, with a JSON pointer.',
  invalid_request: 'A query or path parameter is wrong; `errors` names it.',
  not_json: 'The request body is not JSON.',
  empty_body: 'The request body is empty; send a JSON problem.',
  unsupported_media_type: 'Send the body as application/json.',
  payload_too_large: 'The request body is larger than the server accepts.',
  problem_too_large: 'The problem has more jobs or technicians than this server takes in one request; `errors` names #/jobs or #/technicians. Split the day, or ask for a higher cap.',
  rate_limited: 'Too many requests for this API key; retry after `Retry-After` seconds.',
  tracking_not_found: 'No appointment for this status link.',
  unauthorized: 'Send a known API key as `Authorization: Bearer <key>`.',
  not_found: 'No such route.',
  board_not_found: 'No such board for your tenant.',
  job_not_found: 'The board has no such job.',
  board_not_solved: 'The board is not solved (yet); poll it and retry after `Retry-After`.',
  pool_full: 'Every solver thread is busy and the queue is full; retry after `Retry-After` seconds.',
  shutting_down: 'The server is shutting down; retry on another instance or later.',
  not_ready: 'The server is not ready to take work.',
  solve_aborted: 'The solve ran past its time limit plus a grace period, or was cancelled.',
  worker_failed: 'A solver worker crashed; quote the requestId.',
  internal: 'An unexpected error; quote the requestId.',
  offer_gone: 'The board changed since the offer and can no longer keep that window (or not without moving another customer); the problem lists fresh `offers`. Nothing was booked.',
  booked_job_moved: 'A repeated booking (same Idempotency-Key): the job was booked, but later events took it off the board; GET /v1/boards/{id}/jobs/{jobId} says where it stands.',
  idempotency_key_reused: 'This Idempotency-Key came earlier (within a day) with a different request; nothing was stored. Send a new key for a new request, and the same request for a retry.',
  solver_failed: 'The solver failed on this problem; quote the requestId.',
  time_limit: 'The time limit passed before the solver had a first board; give it a longer `timeLimit`.',
  bad_matrix_index: 'A location_index points outside the matrix given.',
  no_routes: 'The travel model found no route between two locations of the problem.',
};

/** The page text of a problem type: PROBLEM_TYPES, or a family's (the OSRM travel model's `osrm_*`, HTTP-level `http_<status>`). */
export function problemText(code: string): string | undefined {
  if (Object.hasOwn(PROBLEM_TYPES, code)) return PROBLEM_TYPES[code];
  if (/^osrm_[a-z_]+$/.test(code)) return `The OSRM server of settings.travel failed or refused the request (${code}); the answer's status is 502 and \`detail\` quotes OSRM. Check that the server runs and covers the problem's locations.`;
  const http = /^http_(\d{3})$/.exec(code);
  if (http) return `An HTTP-level error with status ${http[1]}; \`detail\` says more.`;
  return undefined;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function registerDocs(app: OpenAPIHono<AppEnv>, { title = 'Truckroll dispatch API', version = '0.1.0' }: { title?: string; version?: string } = {}): void {
  app.openAPIRegistry.register('Problem', ProblemComponent);
  app.openAPIRegistry.registerComponent('securitySchemes', 'ApiKey', { type: 'http', scheme: 'bearer', description: 'An API key from TRUCKROLL_API_KEYS.' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title, version, description: 'Dispatch boards for trade contractors. Errors are application/problem+json (RFC 9457).' },
  });

  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: '/docs/assets', title }));
  app.get('/docs/assets/swagger-ui-dist/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) throw new ApiError({ status: 404, code: 'not_found', title: 'Not Found', detail: `no docs asset ${file}` });
    const body = await readFile(join(distDir(), file));
    return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });

  app.get('/problems/:code', (c) => {
    const code = c.req.param('code');
    const text = problemText(code);
    if (!text) throw new ApiError({ status: 404, code: 'not_found', title: 'Not Found', detail: `no problem type ${code}` });
    return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(code)}</title></head><body><h1>${escapeHtml(code)}</h1><p>${escapeHtml(text)}</p></body></html>`);
  });
}
