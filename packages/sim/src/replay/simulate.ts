// simulate(scenario): every seed under every policy, in this thread or on worker threads (one seed
// per task; the result does not depend on how many), aggregated into one SimResult. Progress is
// reported per (seed, policy) played; wall-clock figures come back apart from the result.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { scenarioStaffing } from '../lp/demand.ts';
import type { PolicyName, Scenario } from '../scenario/schema.ts';
import { aggregate, type SimResult } from './aggregate.ts';
import { runSeed, type SeedResult, type SeedTiming } from './run.ts';
import { SimulationError } from './world.ts';

export interface SimulateOptions {
  /** Seeds to play (default scenario.seeds), from `firstSeed` (default scenario.seed). */
  seeds?: number;
  firstSeed?: number;
  policies?: readonly PolicyName[];
  /** Technicians on shift instead of the scenario's (staffing what-ifs; demand unchanged). */
  technicians?: number;
  /** Worker threads (default: the machine's parallelism, at most 4 and at most one per seed; 1 plays in this thread). */
  workers?: number;
  /** Add the staffing LP bound to the result (default true). */
  staffing?: boolean;
  /** After each (seed, policy) played. */
  onProgress?: (p: { done: number; total: number; seed: number; policy: PolicyName }) => void;
}

export interface SimulateOutput {
  result: SimResult;
  timing: { seed: number; timing: SeedTiming }[];
}

export interface Task {
  scenario: Scenario;
  seed: number;
  policies: readonly PolicyName[];
  technicians?: number;
}

export type WorkerMessage =
  | { kind: 'progress'; seed: number; policy: PolicyName }
  | { kind: 'done'; result: SeedResult }
  | { kind: 'error'; message: string; simulation?: { policy: string; seed: number; atMs: number | null; violations: string[]; state?: SimulationError['state'] } };

/** Plays one seed; `onPolicy` after each policy. */
export function playSeed(task: Task, onPolicy?: (policy: PolicyName) => void): Promise<SeedResult> {
  return runSeed(task.scenario, task.seed, task.policies, {
    ...(task.technicians !== undefined ? { technicians: task.technicians } : {}),
    ...(onPolicy ? { onPolicyDone: onPolicy } : {}),
  });
}

function runOnWorker(worker: Worker, task: Task, onPolicy: (policy: PolicyName) => void): Promise<SeedResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: WorkerMessage) => {
      if (m.kind === 'progress') return onPolicy(m.policy);
      worker.off('message', onMessage);
      worker.off('error', onError);
      if (m.kind === 'done') resolve(m.result);
      else if (m.simulation) reject(new SimulationError(m.message, m.simulation.policy, m.simulation.seed, m.simulation.atMs, m.simulation.violations, m.simulation.state));
      else reject(new Error(m.message));
    };
    const onError = (e: Error) => {
      worker.off('message', onMessage);
      reject(e);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(task);
  });
}

export async function simulate(s: Scenario, options: SimulateOptions = {}): Promise<SimulateOutput> {
  const n = options.seeds ?? s.seeds;
  const first = options.firstSeed ?? s.seed;
  const policies = options.policies ?? s.policies;
  const seeds = Array.from({ length: n }, (_, i) => first + i);
  const total = seeds.length * policies.length;
  let done = 0;
  const progress = (seed: number) => (policy: PolicyName) => options.onProgress?.({ done: ++done, total, seed, policy });
  const task = (seed: number): Task => ({ scenario: s, seed, policies, ...(options.technicians !== undefined ? { technicians: options.technicians } : {}) });
  const results: SeedResult[] = [];
  const workers = Math.max(1, Math.min(options.workers ?? Math.min(4, availableParallelism()), seeds.length));
  if (workers === 1) {
    for (const seed of seeds) results.push(await playSeed(task(seed), progress(seed)));
  } else {
    const pool = Array.from({ length: workers }, () => new Worker(new URL('./worker-entry.mjs', import.meta.url)));
    try {
      const queue = [...seeds];
      await Promise.all(
        pool.map(async (w) => {
          for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) results.push(await runOnWorker(w, task(seed), progress(seed)));
        }),
      );
    } finally {
      await Promise.all(pool.map((w) => w.terminate()));
    }
  }
  results.sort((a, b) => a.seed - b.seed);
  const result = aggregate(s, results, policies);
  const measured = result.policies.engine ?? result.policies[policies[0]!];
  if (measured && options.staffing !== false) {
    const k = measured.kpis;
    result.staffing = scenarioStaffing(s, result.seeds, (k.driveMin ?? 0) / Math.max(1, k.jobsDone ?? 1));
  }
  return { result, timing: results.map((r) => ({ seed: r.seed, timing: r.timing })) };
}
