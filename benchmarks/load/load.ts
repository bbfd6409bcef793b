// One autocannon run, counted per status: 2xx, 429 (rate limit), 503 (pool full), other 4xx and
// 5xx, connection errors; latency percentiles are exact and over 2xx answers only (autocannon's
// own histogram mixes in the instant 503s of a full pool). Bounded by duration and request count.
import autocannon from 'autocannon';
import { percentile } from './stats.ts';

export interface LatencyFigures {
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface LoadFigures {
  name: string;
  method: string;
  path: string;
  connections: number;
  /** Wall time of the run, seconds. */
  durationSec: number;
  /** Answers received, any status. */
  answers: number;
  ok: number;
  /** 429: over the per-key rate. */
  rateLimited: number;
  /** 503: the solver pool's queue was full. */
  poolFull: number;
  other4xx: number;
  /** 5xx other than 503: always a failure. */
  other5xx: number;
  byStatus: Record<string, number>;
  /** Connection errors, timeouts included (autocannon's `errors`). */
  errors: number;
  timeouts: number;
  answersPerSec: number;
  okPerSec: number;
  /** Over 2xx answers. */
  latency: LatencyFigures;
  /** Over 429 and 503 answers: how fast a refusal comes back. */
  refusalLatency: LatencyFigures;
}

export interface LoadOptions {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** Paths to cycle through (each connection walks the list); default: the url's path. */
  paths?: readonly string[];
  connections: number;
  durationSec: number;
  maxRequests: number;
  /** Per-request timeout, seconds. */
  timeoutSec?: number;
}

export interface LoadRun {
  /** Ends the run early (the result still resolves). */
  stop(): void;
  result: Promise<LoadFigures>;
}

function latencyOf(ms: number[]): LatencyFigures {
  ms.sort((a, b) => a - b);
  return { p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99), maxMs: ms.at(-1) ?? null };
}

/** Starts an autocannon run now. */
export function startLoad({ name, url, method = 'GET', body, headers = {}, paths, connections, durationSec, maxRequests, timeoutSec = 30 }: LoadOptions): LoadRun {
  const okMs: number[] = [];
  const refusedMs: number[] = [];
  const byStatus: Record<string, number> = {};
  let instance: autocannon.Instance | undefined;
  const result = new Promise<LoadFigures>((resolve, reject) => {
    instance = autocannon(
      {
        url,
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(paths ? { requests: paths.map((path) => ({ method, path })) } : {}),
        connections,
        duration: durationSec,
        maxOverallRequests: Math.max(maxRequests, connections),
        timeout: timeoutSec,
      },
      (err: unknown, r: autocannon.Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const count = (status: number) => byStatus[String(status)] ?? 0;
        const answers = Object.values(byStatus).reduce((a, b) => a + b, 0);
        const ok = okMs.length;
        let other4xx = 0;
        let other5xx = 0;
        for (const [status, n] of Object.entries(byStatus)) {
          const s = Number(status);
          if (s >= 400 && s < 500 && s !== 429) other4xx += n;
          if (s >= 500 && s !== 503) other5xx += n;
        }
        resolve({
          name,
          method,
          path: paths ? `${paths[0] ?? ''} (${paths.length} rotating)` : new URL(url).pathname + new URL(url).search,
          connections,
          durationSec: r.duration,
          answers,
          ok,
          rateLimited: count(429),
          poolFull: count(503),
          other4xx,
          other5xx,
          byStatus,
          errors: r.errors,
          timeouts: r.timeouts,
          answersPerSec: answers / r.duration,
          okPerSec: ok / r.duration,
          latency: latencyOf(okMs),
          refusalLatency: latencyOf(refusedMs),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      byStatus[String(statusCode)] = (byStatus[String(statusCode)] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) okMs.push(responseTimeMs);
      else if (statusCode === 429 || statusCode === 503) refusedMs.push(responseTimeMs);
    });
  });
  return { stop: () => instance?.stop(), result };
}
