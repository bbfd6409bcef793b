// The Idempotency-Key request header (IETF httpapi draft; Stripe-style): a client that retries a
// POST with the same key gets the first request's outcome instead of a second effect. A key is a
// token of 1-255 visible ASCII characters other than ", or a quoted structured-field string. It is
// scoped by tenant and by what it changes (one board's events, one board's bookings, new boards),
// kept for a day, and bound to the request it first came with: the same key with another request
// is a 422.
import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { ApiError } from './problem.ts';

/** Response header on an answer that replays an earlier request's outcome. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** A request's key and the fingerprint of what it asks. */
export interface Once {
  key: string;
  fingerprint: string;
}

/** A token of visible ASCII without `"`, or the same in double quotes (a structured-field string). */
const KEY = /^(?:"[\x20\x21\x23-\x5b\x5d-\x7e]{1,255}"|[\x21\x23-\x7e]{1,255})$/;
const QUOTED = /^"(.+)"$/;

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(KEY, { error: 'Idempotency-Key must be 1-255 visible ASCII characters other than " (or, in double quotes, those and spaces)' })
    .optional()
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description: 'Makes a retry safe: a repeat with the same key (within a day) gets the first outcome and stores nothing new; the same key with another request is a 422.',
      example: '5f1d7c2e-6a0b-4a4e-9d53-3c1f2b7e8a10',
    }),
});

/** The Once of a request (undefined without the header): the key unquoted, the fingerprint over `parts`. */
export function onceOf(header: string | undefined, ...parts: unknown[]): Once | undefined {
  if (header === undefined) return undefined;
  const key = QUOTED.exec(header)?.[1] ?? header;
  return { key, fingerprint: createHash('sha256').update(JSON.stringify(parts)).digest('base64url') };
}

/** The key was first used with another request. */
export const keyReused = (key: string): ApiError =>
  new ApiError({
    status: 422,
    code: 'idempotency_key_reused',
    title: 'Idempotency-Key reused',
    detail: `Idempotency-Key ${JSON.stringify(key)} was used with a different request; send a new key for a new request`,
    errors: [{ pointer: '#/idempotency-key', detail: 'used with a different request', code: 'idempotency_key_reused', in: 'header' }],
  });
