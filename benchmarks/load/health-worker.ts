// Worker thread of the health prober (health.ts): between 'start' and 'stop' it GETs the url every
// `intervalMs` on a fresh connection (as an orchestrator's probe would), off the load generator's
// thread, so the benchmark's own event loop never delays a probe. 'stop' answers the samples. On
// Linux each probe also says how long the server's main thread and this thread waited for a CPU.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { HealthCommand, HealthSample, HealthWorkerData, HealthWorkerMessage } from './health.ts';

/** [on-CPU ns, runnable-but-waiting ns] of a thread (Linux schedstat), or undefined. */
function schedstat(file: string | undefined): [number, number] | undefined {
  if (!file) return undefined;
  try {
    const [run = NaN, wait = NaN] = readFileSync(file, 'utf8').split(' ').map(Number);
    return Number.isFinite(run) && Number.isFinite(wait) ? [run, wait] : undefined;
  } catch {
    return undefined;
  }
}

/** Milliseconds the thread ran and waited for a CPU between two schedstat reads. */
function delta(a: [number, number] | undefined, b: [number, number] | undefined): { runMs: number; waitMs: number } | undefined {
  return a && b ? { runMs: (b[0] - a[0]) / 1e6, waitMs: (b[1] - a[1]) / 1e6 } : undefined;
}

/** One GET on a new connection; latency from the call to the end of the body, ms. */
function probe(url: string, timeoutMs: number, serverSchedstat: string | undefined): Promise<HealthSample> {
  const server0 = schedstat(serverSchedstat);
  const self0 = schedstat(SELF_SCHEDSTAT);
  const t0 = performance.now();
  const atMs = Date.now();
  return new Promise((resolve) => {
    const done = (status: number, error?: string) => {
      const latencyMs = performance.now() - t0;
      const server = delta(server0, schedstat(serverSchedstat));
      const self = delta(self0, schedstat(SELF_SCHEDSTAT));
      resolve({
        atMs,
        latencyMs,
        status,
        ...(error ? { error } : {}),
        ...(server ? { serverRunMs: server.runMs, serverWaitMs: server.waitMs } : {}),
        ...(self ? { proberWaitMs: self.waitMs } : {}),
      });
    };
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.once('end', () => done(res.statusCode ?? 0));
      res.once('error', (e) => done(0, e.message));
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', (e) => done(0, e.message));
    req.end();
  });
}

/** This thread's own schedstat (Linux >= 3.17). */
const SELF_SCHEDSTAT = '/proc/thread-self/schedstat';

function run(port: NonNullable<typeof parentPort>, { url, intervalMs, timeoutMs, serverSchedstat }: HealthWorkerData): void {
  let probing = false;
  let samples: HealthSample[] = [];
  const post = (m: HealthWorkerMessage) => port.postMessage(m);
  async function loop(): Promise<void> {
    while (probing) {
      const started = performance.now();
      samples.push(await probe(url, timeoutMs, serverSchedstat));
      const rest = intervalMs - (performance.now() - started);
      if (probing && rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
    post({ type: 'samples', samples });
    samples = [];
  }
  port.on('message', (m: HealthCommand) => {
    if (m === 'start' && !probing) {
      probing = true;
      void loop();
    } else if (m === 'stop') {
      probing = false;
    } else if (m === 'exit') {
      port.close();
    }
  });
  post({ type: 'ready' });
}

if (parentPort) run(parentPort, workerData as HealthWorkerData);
