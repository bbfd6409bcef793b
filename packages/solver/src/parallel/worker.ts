// The piscina search worker: builds the start (greedy or empty) and improves it with the task's
// seed, polling the shared stop flag, exactly as solve() does in-process. Imports the search only
// (no compile, travel or osrm-text-instructions), so a worker starts light.
import { emptySolution, improve } from '../search/engine/loop.ts';
import { needsExact } from '../search/engine/state.ts';
import { greedy } from '../search/greedy.ts';
import { construct } from '../search/construct/index.ts';
import { RouteScheduler } from '../search/schedule.ts';
import { now, PROGRESS_EVERY_MS, STOP, type ProgressMessage, type SearchResult, type SearchTask, type StartMessage } from './protocol.ts';
import { wireSolution } from './wire.ts';

export default function searchTask(task: SearchTask): SearchResult {
  const receivedAt = now();
  const { compiled: c, thread, port, stop } = task;
  const shouldStop = (): boolean => Atomics.load(stop, STOP) !== 0;
  // the baseline is the greedy; field days start from the clustered regret construction; plain VRPTW starts empty
  const start = task.solver === 'greedy' ? greedy(c, { shouldStop }) : needsExact(c) ? construct(c, { seed: task.seed, shouldStop }) : emptySolution(c);
  const sched = new RouteScheduler(c);
  let solution = wireSolution(c, start, sched);
  port.postMessage({ kind: 'start', thread, solution } satisfies StartMessage);
  const startBuiltAt = now();
  if (task.solver === 'engine' && !shouldStop()) {
    let lastPost = -Infinity;
    let pending: ProgressMessage | null = null;
    const improved = improve(c, start, {
      timeLimitMs: Math.max(0, task.deadline - now()),
      seed: task.seed,
      ...(task.maxIterations !== undefined ? { maxIterations: task.maxIterations } : {}),
      shouldStop,
      onImprove: (p) => {
        pending = { kind: 'progress', thread, cost: p.cost, iteration: p.iteration, elapsedMs: p.elapsedMs };
        const t = now();
        if (t - lastPost >= PROGRESS_EVERY_MS) {
          port.postMessage(pending);
          pending = null;
          lastPost = t;
        }
      },
    });
    if (pending) port.postMessage(pending);
    solution = wireSolution(c, improved, sched);
  }
  // the main thread drains and closes the port (closing here could drop queued posts)
  return { thread, solution, timings: { receivedAt, startBuiltAt, doneAt: now() } };
}
