// The problem+json mapping: RFC 6901 pointers, and which error becomes which status and type.
import { describe, expect, it } from 'vitest';
import { HTTPException } from 'hono/http-exception';
import { InputError, TravelError, TruckrollError, issueAt } from '@truckroll/solver';
import { ApiError, pointerOf, toApiError } from './problem.ts';

describe('pointerOf', () => {
  it('escapes ~ and / (RFC 6901) under a # fragment', () => {
    expect(pointerOf(['jobs', 3, 'parts', 'a/b~c'])).toBe('#/jobs/3/parts/a~1b~0c');
    expect(pointerOf([])).toBe('#');
  });
});

describe('toApiError', () => {
  it('bad JSON is a 400, a bad problem a 422, issues 1:1 with # pointers', () => {
    const syntax = toApiError(new InputError([issueAt([], 'not JSON: Unexpected end', 'not_json')]));
    expect(syntax).toMatchObject({ status: 400, code: 'not_json', errors: [{ pointer: '#', detail: 'not JSON: Unexpected end', code: 'not_json' }] });
    const invalid = toApiError(new InputError([issueAt(['jobs', 0, 'durationMin'], 'must not be negative', 'too_small'), issueAt(['technicians'], 'required', 'invalid_type')]));
    expect(invalid.status).toBe(422);
    expect(invalid.errors).toEqual([
      { pointer: '#/jobs/0/durationMin', detail: 'must not be negative', code: 'too_small' },
      { pointer: '#/technicians', detail: 'required', code: 'invalid_type' },
    ]);
  });

  it('travel model failures are 502, other solver faults 500, unknown errors an opaque 500', () => {
    expect(toApiError(new TravelError('osrm_down', 'OSRM at x is down'))).toMatchObject({ status: 502, code: 'osrm_down', message: 'OSRM at x is down' });
    expect(toApiError(new TruckrollError('internal', 'bug', 'oops'))).toMatchObject({ status: 500, code: 'bug' });
    const opaque = toApiError(new Error('password=hunter2'));
    expect(opaque).toMatchObject({ status: 500, code: 'internal' });
    expect(opaque.message).not.toContain('hunter2');
  });

  it('keeps ApiErrors and maps hono HTTPExceptions by status', () => {
    const e = new ApiError({ status: 409, code: 'x', title: 'Conflict', detail: 'd' });
    expect(toApiError(e)).toBe(e);
    expect(toApiError(new HTTPException(415, { message: 'Unsupported Media Type' }))).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });
});
