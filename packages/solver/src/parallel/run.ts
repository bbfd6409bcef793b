// searchOnThreads(): one search per pool thread (thread k: seed + k) over one shared compiled
// instance; the lowest total objective wins, ties to the lowest thread, so a run with maxIterations
// is deterministic. An abort sets the shared stop flag; threads that miss the grace are terminated.
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Compiled } from '../compile/compiled.ts';
import { emptySolution } from '../search/engine/loop.ts';
import type { Solution } from '../search/greedy.ts';
import { searchPool } from './pool.ts';
import { now, STOP, type PortMessage, type SearchResult, type SearchSolver, type WireSolution } from './protocol.ts';
import { sharedCompiled } from './share.ts';
import { wireSolution } from './wire.ts';

/** After an abort, threads get this long to return their best before they are terminated. */
export const ABORT_GRACE_MS = 40;

export interface ThreadProgress {
  cost: number;
  iteration: number;
  /** since that thread's search (improve) started */
  elapsedMs: number;
  thread: number;
}

export interface ThreadSearchOptions {
  threads: number;
  solver: SearchSolver;
  /** thread k searches with seed + k */
  seed: number;
  maxIterations?: number;
  /** absolute end of the search (protocol.ts now() clock) */
  deadline: number;
  signal?: AbortSignal;
  /** Each new best over all threads (throttled per thread to one post every 250 ms). */
  onImprove?: (e: ThreadProgress) => void;
}

export interface ThreadTimings {
  thread: number;
  /** run() to the worker's handler: queueing, worker start (first use: tsx + module graph), structured clone */
  startMs: number;
  /** handler entry to the start solution */
  constructMs: number;
  /** start solution to the end of the search */
  searchMs: number;
}

export interface ThreadSearchResult {
  solution: Solution;
  /** the winning thread (-1: no thread answered before the abort grace ran out: the empty board) */
  thread: number;
  cost: number;
  /** per thread that returned */
  timings: ThreadTimings[];
  /** ms from the abort to settling (undefined when not aborted) */
  abortLatencyMs?: number;
}

function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

export async function searchOnThreads(c: Compiled, o: ThreadSearchOptions): Promise<ThreadSearchResult> {
  const pool = searchPool();
  const n = o.solver === 'greedy' ? 1 : o.threads;
  const compiled = sharedCompiled(c);
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const kill = new AbortController();
  // filled, not sparse: some()/flatMap() skip holes
  const starts = new Array<WireSolution | undefined>(n).fill(undefined);
  const results = new Array<SearchResult | undefined>(n).fill(undefined);
  const postedAt: number[] = new Array(n).fill(0);
  const failures: unknown[] = [];
  const ports: MessagePort[] = [];

  let bestShown = Infinity;
  const onMessage = (m: PortMessage): void => {
    if (m.kind === 'start') starts[m.thread] = m.solution;
    else if (m.cost < bestShown) {
      bestShown = m.cost;
      o.onImprove?.({ cost: m.cost, iteration: m.iteration, elapsedMs: m.elapsedMs, thread: m.thread });
    }
  };
  const drain = (port: MessagePort): void => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) onMessage(m.message as PortMessage);
  };

  let abortedAt: number | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  let graceOver: () => void = () => {};
  const grace = new Promise<void>((resolve) => (graceOver = resolve));
  const onAbort = (): void => {
    Atomics.store(stop, STOP, 1);
    abortedAt = now();
    graceTimer = setTimeout(graceOver, ABORT_GRACE_MS);
  };
  if (o.signal?.aborted) onAbort();
  else o.signal?.addEventListener('abort', onAbort, { once: true });

  const tasks = Array.from({ length: n }, (_, k) => {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', onMessage);
    ports.push(port1);
    postedAt[k] = now();
    const task = {
      compiled,
      solver: o.solver,
      thread: k,
      seed: o.seed + k,
      ...(o.maxIterations !== undefined ? { maxIterations: o.maxIterations } : {}),
      deadline: o.deadline,
      stop,
      port: port2,
    };
    return pool.run(task, { transferList: [port2], signal: kill.signal }).then(
      (r) => {
        drain(port1);
        results[k] = r;
      },
      (e: unknown) => {
        if (isAbortError(e) && kill.signal.aborted) return;
        failures.push(e);
        Atomics.store(stop, STOP, 1); // the solve fails: the other threads need not finish
      },
    );
  });

  try {
    await Promise.race([Promise.all(tasks), grace]);
  } finally {
    clearTimeout(graceTimer);
    o.signal?.removeEventListener('abort', onAbort);
    // stragglers past the grace: terminate them (their start solutions, if posted, still count)
    if (results.some((r) => !r)) kill.abort();
    for (const port of ports) {
      drain(port);
      port.close();
    }
  }
  if (failures.length) throw failures[0];

  let best: { solution: WireSolution; thread: number } | undefined;
  for (let k = 0; k < n; k++) {
    const s = results[k]?.solution ?? starts[k];
    if (s && (!best || s.cost < best.solution.cost)) best = { solution: s, thread: k };
  }
  if (!best) best = { solution: wireSolution(c, emptySolution(c)), thread: -1 };
  const { plans, unassigned, routeCost, iterations, cost } = best.solution;
  const timings = results.flatMap((r, k) =>
    r ? [{ thread: k, startMs: r.timings.receivedAt - postedAt[k]!, constructMs: r.timings.startBuiltAt - r.timings.receivedAt, searchMs: r.timings.doneAt - r.timings.startBuiltAt }] : [],
  );
  return {
    solution: { plans, unassigned, routeCost, iterations },
    thread: best.thread,
    cost,
    timings,
    ...(abortedAt !== undefined ? { abortLatencyMs: now() - abortedAt } : {}),
  };
}
