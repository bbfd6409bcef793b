// solve(): Problem -> Board. Compiles the problem, builds a start (clustered regret insertion for field
// days, an empty board for plain VRPTW), improves it with the engine for the time limit, and
// writes the board out. `solver: 'greedy'` stops after the greedy (the baseline). With `threads`
// (or an abortable solve on the main thread) the search runs on pool workers (parallel/run.ts).
import { isMainThread } from 'node:worker_threads';
import { compile, type CompileOptions } from './compile/compile.ts';
import type { Board } from './model/board.ts';
import type { Problem } from './model/problem.ts';
import { MAX_THREADS } from './parallel/protocol.ts';
import { emptySolution, improve } from './search/engine/loop.ts';
import { needsExact } from './search/engine/state.ts';
import { greedy, Inserter } from './search/greedy.ts';
import { construct } from './search/construct/index.ts';
import { unload } from './search/unload.ts';
import { enforceLocks } from './search/locks.ts';

export type SolverName = 'engine' | 'greedy';

export interface SolveOptions extends CompileOptions {
  /** Overrides settings.seed. */
  seed?: number;
  /** Overrides settings.timeLimitSec (construction included). */
  timeLimitSec?: number;
  /** Stop the engine after this many iterations (deterministic runs; the time limit still applies). */
  maxIterations?: number;
  /** 'engine' (default) or 'greedy' (cheapest insertion only, the baseline). */
  solver?: SolverName;
  /**
   * Parallel searches on worker threads, 1..MAX_THREADS (64); default 1: in-process, as before.
   * Thread k searches with seed + k; the lowest total objective (routes + unassigned) wins, ties to
   * the lowest k, so with maxIterations the board is deterministic and never worse than threads = 1.
   */
  threads?: number;
  /**
   * Search on a pool worker even with threads = 1, so that an abort raised on this thread's event
   * loop is seen (an in-process search holds the thread: no abort event can fire until it ends).
   * Default: true when `signal` is given and the caller is the main thread.
   */
  isolate?: boolean;
  /**
   * Called with each improved objective value. In-process: every improvement. On threads: each new
   * best over all threads, at most one per thread every 250 ms, with the thread's index.
   */
  onImprove?: (e: SolveProgress) => void;
}

export interface SolveProgress {
  cost: number;
  iteration: number;
  /** since the search (improve) started */
  elapsedMs: number;
  /** the worker thread that found it (threads only) */
  thread?: number;
}

/**
 * On abort (`signal`) solve() returns the best board so far instead of rejecting: within about
 * 100 ms with threads or `isolate` (the stop flag is polled every iteration and in the greedy's
 * pricing loops; threads that miss a 40 ms grace are terminated and their start board used), and
 * at the next check in-process. Only an abort during compile (e.g. an OSRM fetch) rejects.
 */
export async function solve(problem: Problem, options: SolveOptions = {}): Promise<Board> {
  const t0 = performance.now();
  const seed = options.seed ?? problem.settings.seed;
  const timeLimitSec = options.timeLimitSec ?? problem.settings.timeLimitSec;
  const signal = options.signal ? { signal: options.signal } : {};
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) throw new RangeError(`threads must be an integer 1..${MAX_THREADS}, got ${threads}`);
  const c = await compile(problem, options);
  let sol;
  if (threads > 1 || (options.isolate ?? (options.signal !== undefined && isMainThread))) {
    const { searchOnThreads } = await import('./parallel/run.ts');
    const r = await searchOnThreads(c, {
      threads,
      solver: options.solver ?? 'engine',
      seed,
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
      deadline: performance.timeOrigin + t0 + timeLimitSec * 1000,
      ...signal,
      ...(options.onImprove ? { onImprove: options.onImprove } : {}),
    });
    sol = r.solution;
  } else if (options.solver === 'greedy') sol = greedy(c, signal);
  else {
    // field days start from the clustered regret construction (it places supply-house pickups); plain VRPTW starts empty
    const start = needsExact(c) ? construct(c, { seed, ...signal }) : emptySolution(c);
    sol = options.signal?.aborted ? start : improve(c, start, {
      timeLimitMs: Math.max(0, timeLimitSec * 1000 - (performance.now() - t0)),
      seed,
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
      ...signal,
      ...(options.onImprove ? { onImprove: options.onImprove } : {}),
    });
  }
  const ins = new Inserter(c);
  sol = enforceLocks(c, sol, ins);
  return unload(c, sol, ins, {
    solverName: options.solver ?? 'engine',
    seed,
    timeLimitSec,
    elapsedMs: Math.round(performance.now() - t0),
    iterations: sol.iterations,
  });
}
