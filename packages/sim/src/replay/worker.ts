// A simulation worker thread: plays the seeds it is sent (one task at a time) and posts back each
// SeedResult, a progress message per policy, or the error (a SimulationError with its details).
import { parentPort } from 'node:worker_threads';
import { playSeed, type Task, type WorkerMessage } from './simulate.ts';
import { SimulationError } from './world.ts';

const port = parentPort!;
port.on('message', (task: Task) => {
  const post = (m: WorkerMessage) => port.postMessage(m);
  playSeed(task, (policy) => post({ kind: 'progress', seed: task.seed, policy })).then(
    (result) => post({ kind: 'done', result }),
    (e: unknown) => {
      if (e instanceof SimulationError) {
        post({ kind: 'error', message: e.message, simulation: { policy: e.policy, seed: e.seed, atMs: e.atMs, violations: e.violations, ...(e.state ? { state: e.state } : {}) } });
      } else post({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    },
  );
});
