// API-key auth: `Authorization: Bearer <key>` maps to a tenant. Only SHA-256 digests of keys are
// kept, compared timing-safe against every known key. With no keys the API runs open as tenant
// "default" (main.ts allows that on loopback only).
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../problem.ts';

export const OPEN_TENANT = 'default';

export interface KeyRing {
  /** The tenant of `key`, or undefined. Runs in time independent of which key (if any) matched. */
  tenantOf(key: string): string | undefined;
  readonly size: number;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Parses `key1:tenantA,key2:tenantB` (commas or newlines; `#` starts a comment line). */
export function parseKeySpec(spec: string): { key: string; tenant: string }[] {
  const out: { key: string; tenant: string }[] = [];
  for (const [i, raw] of spec.split(/[,\n]/).entries()) {
    const item = raw.trim();
    if (!item || item.startsWith('#')) continue;
    const at = item.lastIndexOf(':');
    const key = item.slice(0, at).trim();
    const tenant = item.slice(at + 1).trim();
    if (at <= 0 || !key || !tenant) throw new Error(`API key entry ${i + 1} is not "key:tenant"`);
    if (!/^[A-Za-z0-9._~+/-]+=*$/.test(key)) throw new Error(`API key entry ${i + 1} (tenant ${tenant}) has characters a bearer token cannot carry`);
    if (key.length < 16) throw new Error(`API key entry ${i + 1} (tenant ${tenant}) is shorter than 16 characters`);
    out.push({ key, tenant });
  }
  return out;
}

export function createKeyRing(entries: readonly { key: string; tenant: string }[]): KeyRing {
  const hashed = entries.map(({ key, tenant }) => ({ hash: digest(key), tenant }));
  return {
    size: hashed.length,
    tenantOf(key) {
      const h = digest(key);
      let found: string | undefined;
      for (const e of hashed) if (timingSafeEqual(e.hash, h) && found === undefined) found = e.tenant;
      return found;
    },
  };
}

/** Keys from `TRUCKROLL_API_KEYS` or the file named by `TRUCKROLL_API_KEYS_FILE` (then reloadable); undefined when neither is set. */
export function keyRingFromEnv(env: NodeJS.ProcessEnv = process.env): KeyRing | undefined {
  const file = env.TRUCKROLL_API_KEYS_FILE;
  const spec = file ? readFileSync(file, 'utf8') : env.TRUCKROLL_API_KEYS;
  if (spec === undefined || spec.trim() === '') return undefined;
  // a keys file can be re-read while the server runs (SIGHUP)
  return file ? reloadableKeyRing(file, spec) : createKeyRing(parseKeySpec(spec));
}

/** A key ring that `reload()` replaces in place (SIGHUP with a keys file): requests in flight keep the ring they were checked with. */
export interface ReloadableKeyRing extends KeyRing {
  /** Reads the keys again; throws (keeping the current keys) when they do not parse or there are none. Returns how many. */
  reload(): number;
}

export const isReloadable = (k: KeyRing): k is ReloadableKeyRing => typeof (k as Partial<ReloadableKeyRing>).reload === 'function';

/**
 * The keys of `TRUCKROLL_API_KEYS_FILE` (`text`: its content, when already read), re-read on `reload()`. An empty or malformed file on
 * reload keeps the keys the server has: a server with keys never turns open.
 */
export function reloadableKeyRing(file: string, text = readFileSync(file, 'utf8')): ReloadableKeyRing {
  const load = (spec: string): KeyRing => {
    const ring = createKeyRing(parseKeySpec(spec));
    if (ring.size === 0) throw new Error(`${file} lists no API keys`);
    return ring;
  };
  let ring = load(text);
  return {
    get size() {
      return ring.size;
    },
    tenantOf: (key) => ring.tenantOf(key),
    reload() {
      ring = load(readFileSync(file, 'utf8'));
      return ring.size;
    },
  };
}

const unauthorized = (detail: string, challenge: string): ApiError =>
  new ApiError({ status: 401, code: 'unauthorized', title: 'Unauthorized', detail, headers: { 'WWW-Authenticate': challenge } });

/**
 * Sets `tenant`; 401 problem when the key is missing or unknown. Open (tenant "default") when `keys`
 * is undefined. With `queryParam`, a request without an Authorization header may carry the key
 * as `?<queryParam>=` instead (a link a dispatcher opens in a browser); the header wins when both are sent.
 */
export function apiKeyAuth({ keys, queryParam }: { keys: KeyRing | undefined; queryParam?: string }): MiddlewareHandler<{ Variables: { tenant: string } }> {
  return async function apiKeyAuthMiddleware(c, next) {
    if (!keys) {
      c.set('tenant', OPEN_TENANT);
      return next();
    }
    const header = c.req.header('Authorization');
    const fromQuery = !header && queryParam ? c.req.query(queryParam) : undefined;
    if (fromQuery !== undefined) {
      const tenant = fromQuery ? keys.tenantOf(fromQuery) : undefined;
      if (tenant === undefined) throw unauthorized(`unknown API key in ?${queryParam}=`, 'Bearer realm="truckroll", error="invalid_token"');
      c.set('tenant', tenant);
      return next();
    }
    if (!header) throw unauthorized(`send an API key as "Authorization: Bearer <key>"${queryParam ? ` or ?${queryParam}=<key>` : ''}`, 'Bearer realm="truckroll"');
    const m = /^Bearer +(\S+)$/i.exec(header);
    if (!m?.[1]) throw unauthorized('the Authorization header must be "Bearer <key>"', 'Bearer realm="truckroll", error="invalid_request"');
    const tenant = keys.tenantOf(m[1]);
    if (tenant === undefined) throw unauthorized('unknown API key', 'Bearer realm="truckroll", error="invalid_token"');
    c.set('tenant', tenant);
    return next();
  };
}
