// Semantic size caps (like vroom-express's maxlocations / maxvehicles: 413 naming the field) and a
// per-API-key token bucket for POST routes (429 + Retry-After). One process, in memory.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './problem.ts';

export interface SizeCaps {
  /** Most jobs in one problem (default 5,000). */
  maxJobs: number;
  /** Most technicians in one problem (default 500). */
  maxTechnicians: number;
}

export const DEFAULT_SIZE_CAPS: SizeCaps = { maxJobs: 5_000, maxTechnicians: 500 };

/** 413 problem naming `#/jobs` or `#/technicians` when a problem is over a cap. */
export function assertSize(counts: { jobs: number; technicians: number }, caps: SizeCaps, names: { jobs: string; technicians: string } = { jobs: 'jobs', technicians: 'technicians' }): void {
  const over = (field: string, n: number, max: number) =>
    new ApiError({
      status: 413,
      code: 'problem_too_large',
      title: 'Content Too Large',
      detail: `${n} ${field} in one problem; this server takes at most ${max}`,
      errors: [{ pointer: `#/${field}`, detail: `${n} ${field}; at most ${max}`, code: 'too_many' }],
    });
  if (counts.jobs > caps.maxJobs) throw over(names.jobs, counts.jobs, caps.maxJobs);
  if (counts.technicians > caps.maxTechnicians) throw over(names.technicians, counts.technicians, caps.maxTechnicians);
}

export interface RateLimit {
  /** Requests a key may make at once (bucket size). */
  burst: number;
  /** Tokens added per second. */
  perSecond: number;
}

/** Generous: 120 at once, 20 per second sustained, per API key. */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 120, perSecond: 20 };

/** Token bucket per API key (the bearer token's digest; "open" without keys) on POST requests. */
export function rateLimit({ burst, perSecond }: RateLimit, now: () => number = () => performance.now()): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return async function rateLimitMiddleware(c, next) {
    if (c.req.method !== 'POST') return next();
    const auth = c.req.header('Authorization') ?? '';
    const key = auth ? createHash('sha256').update(auth).digest('base64url') : 'open';
    const t = now();
    const b = buckets.get(key) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
    b.at = t;
    buckets.set(key, b);
    if (b.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
      throw new ApiError({
        status: 429,
        code: 'rate_limited',
        title: 'Too Many Requests',
        detail: `more than ${burst} requests at once or ${perSecond} per second for this API key; retry in ${retryAfter} s`,
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    b.tokens -= 1;
    return next();
  };
}
