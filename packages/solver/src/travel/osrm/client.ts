// HTTP client for an OSRM server: one GET per call, at most `maxInFlight` requests at once, a timeout
// per attempt, and retries with exponential backoff on 5xx, 429 and network errors, never on other
// 4xx. Coordinates go on the wire as `lon,lat` rounded to 6 decimals (OSRM's own fixed precision).
import type { Location } from '../../model/problem.ts';
import { TravelError } from '../../model/errors.ts';
import { describeLocation, travelErrorFromOsrm } from './errors.ts';

export type OsrmService = 'table' | 'route' | 'nearest';

export interface OsrmClientOptions {
  /** Server root, e.g. `http://localhost:5000`; a path prefix (`https://host/osrm`) is kept. */
  url: string;
  /** OSRM profile in the path (default `driving`). */
  profile?: string;
  /** Limit per attempt, milliseconds (default 30,000). */
  timeoutMs?: number;
  /** Extra attempts after a 5xx, a 429, a network error or a timeout (default 3). */
  retries?: number;
  /** Requests in flight at once, over every call made with this client (default 4). */
  maxInFlight?: number;
  /** First backoff, milliseconds; it doubles per retry, with jitter, up to 8 s (default 250). */
  retryBaseMs?: number;
  /** Where warnings go (retries, unknown maneuver types); default `console.warn`. */
  onWarning?: (message: string) => void;
}

export interface OsrmRequest {
  service: OsrmService;
  locations: readonly Location[];
  /** One per location: what to call it in errors, e.g. `job J-12`. */
  labels: readonly string[];
  /** Query string without the `?` (e.g. `annotations=duration,distance`). */
  query: string;
  signal?: AbortSignal;
  /** For TooBig messages: the table size the caller planned for. */
  maxTableSize?: number;
}

/** An OSRM answer with `code: "Ok"`; its shape is the service's, checked by the caller. */
export type OsrmOkBody = Record<string, unknown> & { code: 'Ok' };

export interface OsrmClient {
  /** Server root without a trailing slash. */
  readonly url: string;
  readonly profile: string;
  readonly onWarning: (message: string) => void;
  /** Sends one request (retrying as configured); resolves to the body, or rejects with a TravelError. */
  request(req: OsrmRequest): Promise<OsrmOkBody>;
}

const MAX_BACKOFF_MS = 8_000;

/** `lon,lat` with at most 6 decimals and no trailing zeros: `{ lat: 47.243002, lon: 9.528045 }` -> `9.528045,47.243002`. */
export function wireCoordinate(location: Location): string {
  return `${formatDegrees(location.lon)},${formatDegrees(location.lat)}`;
}

function formatDegrees(x: number): string {
  const r = Number(x.toFixed(6));
  return String(r === 0 ? 0 : r);
}

/** The path of a request, from the server root: `/table/v1/driving/9.52,47.24;9.55,47.23?annotations=…`. */
export function osrmPath(service: OsrmService, profile: string, locations: readonly Location[], query: string): string {
  return `/${service}/v1/${profile}/${locations.map(wireCoordinate).join(';')}${query ? `?${query}` : ''}`;
}

/** Waits for a slot; FIFO. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Why the last attempt failed, for the final error when retries run out. */
type Failure = { kind: 'timeout' } | { kind: 'network'; detail: string; cause: unknown } | { kind: 'status'; status: number; detail: string };

function networkDetail(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

/** Seconds or an HTTP date in `Retry-After`, as milliseconds (undefined when absent or unreadable). */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const sec = Number(header);
  if (Number.isFinite(sec)) return Math.max(0, sec * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function createOsrmClient(options: OsrmClientOptions): OsrmClient {
  const {
    profile = 'driving',
    timeoutMs = 30_000,
    retries = 3,
    maxInFlight = 4,
    retryBaseMs = 250,
    onWarning = (m: string) => console.warn(m),
  } = options;
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new TravelError('osrm_bad_url', `OSRM url "${options.url}" is not a URL; expected e.g. http://localhost:5000`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TravelError('osrm_bad_url', `OSRM url "${options.url}" must be http or https`);
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(profile)) throw new TravelError('osrm_bad_url', `OSRM profile "${profile}" may hold only letters, digits, '_', '-' and '.'`);
  const url = options.url.replace(/\/+$/, '');
  const slots = new Slots(Math.max(1, Math.floor(maxInFlight)));

  async function request(req: OsrmRequest): Promise<OsrmOkBody> {
    const { service, locations, labels, query, signal } = req;
    locations.forEach((loc, i) => {
      if (!(Number.isFinite(loc.lat) && Number.isFinite(loc.lon) && Math.abs(loc.lat) <= 90 && Math.abs(loc.lon) <= 180)) {
        throw new TravelError('osrm_invalid_coordinate', `${describeLocation(labels, locations, i)} is not a valid coordinate (latitude must be within ±90, longitude within ±180)`);
      }
    });
    const path = osrmPath(service, profile, locations, query);
    const context = { url, service, path, profile, labels, locations, ...(req.maxTableSize !== undefined ? { maxTableSize: req.maxTableSize } : {}) };
    const what = `the ${service} request for ${locations.length} location${locations.length === 1 ? '' : 's'}`;
    let failure: Failure = { kind: 'timeout' };
    /** The server's `Retry-After` on the last answer, milliseconds. */
    let waitHint = 0;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        const base = Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (attempt - 1));
        // "Equal jitter": half fixed, half random, so that many clients do not retry in step; at
        // least the server's Retry-After (capped like the backoff).
        const jittered = base / 2 + (Math.random() * base) / 2;
        await sleep(Math.max(jittered, Math.min(MAX_BACKOFF_MS, waitHint)), signal);
      }
      waitHint = 0;
      await slots.acquire(signal);
      let status: number;
      let text: string;
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const res = await fetch(url + path, {
          headers: { accept: 'application/json' },
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        status = res.status;
        waitHint = retryAfterMs(res.headers.get('retry-after')) ?? 0;
        text = await res.text();
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        failure = timeout.aborted ? { kind: 'timeout' } : { kind: 'network', detail: networkDetail(e), cause: e };
        if (attempt < retries) onWarning(`OSRM ${what}: ${failure.kind === 'timeout' ? `no answer within ${timeoutMs} ms` : failure.detail}; retrying`);
        continue;
      } finally {
        slots.release();
      }
      if (status >= 500 || status === 429) {
        failure = { kind: 'status', status, detail: text.slice(0, 200) };
        if (attempt < retries) onWarning(`OSRM ${what}: HTTP ${status}; retrying`);
        continue;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new TravelError('osrm_bad_response', `${url} answered ${what} with HTTP ${status} and a body that is not JSON (${JSON.stringify(text.slice(0, 80))}); is settings.travel.url the root of an OSRM server?`);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new TravelError('osrm_bad_response', `${url} answered ${what} with HTTP ${status} and JSON that is not an object`);
      }
      const b = body as Record<string, unknown>;
      if (status === 200 && b.code === 'Ok') return b as OsrmOkBody;
      throw travelErrorFromOsrm(status, b, context);
    }
    const tries = `${retries + 1} attempt${retries === 0 ? '' : 's'}`;
    if (failure.kind === 'timeout') {
      throw new TravelError('osrm_timeout', `OSRM at ${url} did not answer ${what} within ${timeoutMs} ms (${tries}); the server may be overloaded, or raise settings.travel.timeoutMs`);
    }
    if (failure.kind === 'network') {
      throw new TravelError('osrm_unreachable', `cannot reach OSRM at ${url} (${failure.detail}) after ${tries}; is the server running?`, { cause: failure.cause });
    }
    throw new TravelError('osrm_unavailable', `OSRM at ${url} answered ${what} with HTTP ${failure.status} after ${tries}${failure.detail ? `: ${failure.detail}` : ''}`);
  }

  return { url, profile, onWarning, request };
}
