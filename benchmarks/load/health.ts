// The health prober: GET /healthz every 100 ms from a worker thread (health-worker.ts) while a
// load phase runs; `stop()` returns the phase's probes. A probe that fails or takes >= the budget fails.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { percentile } from './stats.ts';

export interface HealthSample {
  /** Wall clock when the probe started, ms since the epoch. */
  atMs: number;
  /** Request sent to body received, on a fresh connection, ms. */
  latencyMs: number;
  /** HTTP status; 0 when the request failed. */
  status: number;
  error?: string;
  /** During the probe, the server's main thread on a CPU, ms (Linux schedstat). */
  serverRunMs?: number;
  /** During the probe, the server's main thread runnable but waiting for a CPU, ms. */
  serverWaitMs?: number;
  /** During the probe, this prober's thread runnable but waiting for a CPU, ms. */
  proberWaitMs?: number;
}

export interface HealthWorkerData {
  url: string;
  intervalMs: number;
  timeoutMs: number;
  /** /proc/<pid>/task/<pid>/schedstat of the server's main thread, when there is one. */
  serverSchedstat?: string;
}

export type HealthWorkerMessage = { type: 'ready' } | { type: 'samples'; samples: HealthSample[] };
export type HealthCommand = 'start' | 'stop' | 'exit';

export interface HealthProber {
  /** Starts probing (a no-op while probing). */
  start(): void;
  /** Ends the probing (after the probe in flight) and returns this round's samples. */
  stop(): Promise<HealthSample[]>;
  /** Ends the worker. */
  close(): Promise<void>;
}

/**
 * Starts the prober's worker thread (idle until `start()`); resolves once it runs. Create it
 * before lowering the calling thread's priority: a new thread inherits its creator's.
 */
export async function startHealthProber({
  url,
  intervalMs = 100,
  timeoutMs = 2_000,
  serverPid,
}: {
  url: string;
  intervalMs?: number;
  timeoutMs?: number;
  /** The server's pid: probes then record its main thread's CPU wait (Linux). */
  serverPid?: number;
}): Promise<HealthProber> {
  const schedstatFile = serverPid === undefined ? undefined : `/proc/${serverPid}/task/${serverPid}/schedstat`;
  const serverSchedstat = schedstatFile && existsSync(schedstatFile) ? schedstatFile : undefined;
  // On Node 20 tsx registers its hooks on the main thread only: the worker registers them itself
  // (tsx/esm/api) before importing the TypeScript module.
  const entry = new URL('./health-worker.ts', import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { url, intervalMs, timeoutMs, ...(serverSchedstat ? { serverSchedstat } : {}) } satisfies HealthWorkerData });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  failed.catch(() => {});
  let onSamples: ((s: HealthSample[]) => void) | undefined;
  const ready = new Promise<void>((resolve) =>
    worker.on('message', (m: HealthWorkerMessage) => {
      if (m.type === 'ready') resolve();
      else onSamples?.(m.samples);
    }),
  );
  await Promise.race([ready, failed, exited.then(() => Promise.reject(new Error('the health worker exited before it was ready')))]);
  const send = (c: HealthCommand) => worker.postMessage(c);
  return {
    start: () => send('start'),
    async stop() {
      const samples = new Promise<HealthSample[]>((resolve) => (onSamples = resolve));
      send('stop');
      return Promise.race([samples, failed]);
    },
    async close() {
      send('exit');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000).unref())]);
      await worker.terminate();
    },
  };
}

export interface HealthFigures {
  probes: number;
  /** Probes that failed or did not answer 200. */
  failed: number;
  /** Probes at or over the budget (failed ones included). */
  overBudget: number;
  /**
   * Of those, probes during which the server's main thread and the prober together waited for a
   * CPU at least half the probe's time: CPU contention on the machine, not work on the server.
   */
  overBudgetStarved: number;
  /** Of those, probes during which the server's main thread ran at least half the probe's time. */
  overBudgetServerBusy: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  budgetMs: number;
  pass: boolean;
}

/** Summary of one phase's probes against the latency budget (default 50 ms). */
export function healthFigures(samples: readonly HealthSample[], budgetMs = 50): HealthFigures {
  const ms = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
  const failed = samples.filter((s) => s.status !== 200).length;
  const over = samples.filter((s) => s.status !== 200 || s.latencyMs >= budgetMs);
  const overBudget = over.length;
  const overBudgetStarved = over.filter((s) => s.serverWaitMs !== undefined && s.serverWaitMs + (s.proberWaitMs ?? 0) >= s.latencyMs / 2).length;
  const overBudgetServerBusy = over.filter((s) => s.serverRunMs !== undefined && s.serverRunMs >= s.latencyMs / 2).length;
  return {
    probes: samples.length,
    failed,
    overBudget,
    overBudgetStarved,
    overBudgetServerBusy,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    maxMs: ms.at(-1) ?? null,
    budgetMs,
    pass: samples.length > 0 && overBudget === 0,
  };
}
