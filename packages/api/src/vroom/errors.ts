// VROOM's error shape `{ code, error }` (not problem+json): what VROOM clients already parse.
// Codes as VROOM and vroom-express use them: 1 internal (500), 2 input (400), 3 routing (500),
// 4 too large (413). Auth, rate-limit and pool errors keep their HTTP status and headers.
import type { Context } from 'hono';
import { InputError, TruckrollError } from '@truckroll/solver';
import { toApiError } from '../problem.ts';

export const VROOM_CODE = { ok: 0, internal: 1, input: 2, routing: 3, tooLarge: 4 } as const;

/** An error to answer in VROOM's shape. */
export class VroomError extends Error {
  readonly status: number;
  readonly code: number;
  readonly headers: Record<string, string>;
  constructor(status: number, code: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'VroomError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export const inputError = (message: string): VroomError => new VroomError(400, VROOM_CODE.input, message);

/** Any thrown value -> VroomError (status, VROOM code, message, headers such as Retry-After). */
export function toVroomError(err: unknown): VroomError {
  if (err instanceof VroomError) return err;
  if (err instanceof InputError) return inputError(err.issues.length ? err.issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ') : err.message);
  if (err instanceof TruckrollError && err.kind === 'routing') return new VroomError(500, VROOM_CODE.routing, err.message);
  const e = toApiError(err);
  if (e.status === 413) return new VroomError(413, VROOM_CODE.tooLarge, e.message, e.headers);
  if (e.status === 502) return new VroomError(500, VROOM_CODE.routing, e.message, e.headers);
  if (e.status >= 500 || e.status === 429) return new VroomError(e.status, VROOM_CODE.internal, e.message, e.headers);
  return new VroomError(e.status, VROOM_CODE.input, e.message, e.headers);
}

export function vroomErrorResponse(c: Context, err: VroomError): Response {
  const requestId = c.get('requestId' as never) as string | undefined;
  return new Response(JSON.stringify({ code: err.code, error: err.message }), {
    status: err.status,
    headers: { ...err.headers, 'Content-Type': 'application/json', ...(requestId ? { 'X-Request-Id': requestId } : {}) },
  });
}

/** True for requests to the VROOM-compatible endpoint (their errors use VROOM's shape). */
export const isVroomPath = (path: string): boolean => path === '/v1/vroom' || path.startsWith('/v1/vroom/');
