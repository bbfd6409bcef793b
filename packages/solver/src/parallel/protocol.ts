// The messages between solve() and the search workers: one task per thread (a shared-memory
// Compiled, its seed, an Int32 stop flag and a progress port), one result per task. Every field is
// structured-cloneable; the stop flag and the big matrices live in SharedArrayBuffers.
import type { MessagePort } from 'node:worker_threads';
import type { Compiled } from '../compile/compiled.ts';
import type { PlanStop } from '../search/schedule.ts';

/** Most threads one solve may ask for (the CLI's --threads range is 1..MAX_THREADS). */
export const MAX_THREADS = 64;

export type SearchSolver = 'engine' | 'greedy';

/** Index of the flag in the task's `stop` array: nonzero = stop and return the best so far. */
export const STOP = 0;

export interface SearchTask {
  /** The compiled instance without `problem` (workers never read it); typed arrays over SharedArrayBuffers. */
  compiled: Compiled;
  solver: SearchSolver;
  /** 0-based thread index; the seed is the base seed + thread. */
  thread: number;
  seed: number;
  maxIterations?: number;
  /** Absolute time (performance.timeOrigin + performance.now(), ms) at which the search must end. */
  deadline: number;
  /** Int32Array(1) over a SharedArrayBuffer; the main thread sets [STOP] to 1 on abort. */
  stop: Int32Array;
  /** Receives StartMessage and ProgressMessage posts (transferred). */
  port: MessagePort;
}

/** A worker's plans in cloneable form (PlanStop: type, idx, loads Int32Array). */
export interface WireSolution {
  plans: PlanStop[][];
  unassigned: number[];
  routeCost: Float64Array;
  iterations: number;
  /** routes + unassigned jobs, per the RouteScheduler (Infinity if a route is infeasible) */
  cost: number;
}

/** Posted once the start (greedy or empty) exists: the fallback if this thread must be killed. */
export interface StartMessage {
  kind: 'start';
  thread: number;
  solution: WireSolution;
}

/** A new best of this thread; posted at most every PROGRESS_EVERY_MS. */
export interface ProgressMessage {
  kind: 'progress';
  thread: number;
  cost: number;
  iteration: number;
  /** since this thread's search (improve) started, as in-process */
  elapsedMs: number;
}

export type PortMessage = StartMessage | ProgressMessage;

export interface SearchResult {
  thread: number;
  solution: WireSolution;
  /** Worker-side timings, ms: task received after `postedAt` (queue + worker start + clone), start built, search done. */
  timings: { receivedAt: number; startBuiltAt: number; doneAt: number };
}

export const PROGRESS_EVERY_MS = 250;

/** The clock shared by all threads (ms since the epoch, sub-millisecond). */
export const now = (): number => performance.timeOrigin + performance.now();
