// RFC 9457 problem details: the one error shape of the API (`application/problem+json`).
// Every failure (validation, auth, limits, pool, solver, unknown) is turned into a Problem here.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { InputError, TruckrollError, type InputIssue } from '@truckroll/solver';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One field-level error: RFC 6901 pointer as a URI fragment (`#/jobs/3/windows/0`). */
export interface FieldError {
  pointer: string;
  detail: string;
  code: string;
  /** Where the pointer points when it is not the body (then it names a query or path parameter). */
  in?: 'query' | 'path' | 'header';
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  /** Extension members (RFC 9457), e.g. fresh `offers` with a 409. */
  [extension: string]: unknown;
}

export interface ApiErrorOptions {
  status: number;
  /** Stable code; the problem's `type` is `/problems/<code>`. */
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  /** Extension members added to the problem document. */
  extra?: Record<string, unknown>;
  cause?: unknown;
}

/** A failure the API means to report as it is (status, code, title, detail). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown> | undefined;
  constructor({ status, code, title, detail, errors, headers = {}, extra, cause }: ApiErrorOptions) {
    super(detail, { cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = errors;
    this.headers = headers;
    this.extra = extra;
  }
}

/** Solver issue -> field error (the solver's pointer `/jobs/3` becomes `#/jobs/3`). */
export function fieldErrorOf(issue: InputIssue): FieldError {
  return { pointer: `#${issue.pointer}`, detail: issue.message, code: issue.code };
}

/** Zod-style path -> `#/a/0/b~1c` (RFC 6901 escaping). */
export function pointerOf(path: readonly PropertyKey[]): string {
  return `#${path.map((seg) => `/${String(seg).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')}`;
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function titleOf(status: number): string {
  return STATUS_TITLES[status] ?? 'Error';
}

/** The solver's bad input as a 400 (`not_json`, `empty_body`) or 422 (the JSON is wrong). */
export function inputProblem(issues: InputIssue[], detail: string): ApiError {
  const syntax = issues.length > 0 && issues.every((i) => i.code === 'not_json' || i.code === 'empty_body');
  return new ApiError({
    status: syntax ? 400 : 422,
    code: syntax ? (issues[0]?.code ?? 'invalid_input') : 'invalid_input',
    title: syntax ? 'Request body is not a JSON document' : 'The problem is not valid',
    detail,
    errors: issues.map(fieldErrorOf),
  });
}

/** Any thrown value -> ApiError. Unknown errors become a 500 that leaks no internals. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof InputError) return inputProblem(err.issues, err.message);
  if (err instanceof TruckrollError) {
    return err.kind === 'routing'
      ? new ApiError({ status: 502, code: err.code, title: 'Travel model failed', detail: err.message, cause: err })
      : new ApiError({ status: 500, code: err.code, title: 'Internal solver error', detail: err.message, cause: err });
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 401 ? 'unauthorized' : status === 415 ? 'unsupported_media_type' : `http_${status}`;
    const headers: Record<string, string> = {};
    const www = err.res?.headers.get('WWW-Authenticate');
    if (www) headers['WWW-Authenticate'] = www;
    return new ApiError({ status, code, title: titleOf(status), detail: err.message || titleOf(status), headers, cause: err });
  }
  return new ApiError({ status: 500, code: 'internal', title: 'Internal Server Error', detail: 'an unexpected error occurred; quote the requestId when reporting it', cause: err });
}

/** Builds the problem+json response for `err` (the request id and path are filled in from `c`). */
export function problemResponse(c: Context, err: ApiError): Response {
  const requestId = c.get('requestId' as never) as string | undefined;
  const body: Problem = {
    type: `/problems/${err.code}`,
    title: err.title,
    status: err.status,
    detail: err.message,
    instance: new URL(c.req.url).pathname,
    ...(requestId ? { requestId } : {}),
    ...(err.errors ? { errors: err.errors } : {}),
    ...(err.extra ?? {}),
  };
  return new Response(JSON.stringify(body), {
    status: err.status,
    headers: { ...err.headers, 'Content-Type': PROBLEM_CONTENT_TYPE, ...(requestId ? { 'X-Request-Id': requestId } : {}) },
  });
}
