// solve(): Problem -> Board. Compiles the problem, builds a start (greedy insertion for field
// days, an empty board for plain VRPTW), improves it with the engine for the time limit, and
// writes the board out. `solver: 'greedy'` stops after the greedy (the baseline).
import { compile, type CompileOptions } from './compile/compile.ts';
import type { Board } from './model/board.ts';
import type { Problem } from './model/problem.ts';
import { emptySolution, improve } from './search/engine/loop.ts';
import { needsExact } from './search/engine/state.ts';
import { greedy, Inserter } from './search/greedy.ts';
import { unload } from './search/unload.ts';

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
  /** Called with each improved objective value. */
  onImprove?: (e: { cost: number; iteration: number; elapsedMs: number }) => void;
}

export async function solve(problem: Problem, options: SolveOptions = {}): Promise<Board> {
  const t0 = performance.now();
  const seed = options.seed ?? problem.settings.seed;
  const timeLimitSec = options.timeLimitSec ?? problem.settings.timeLimitSec;
  const signal = options.signal ? { signal: options.signal } : {};
  const c = await compile(problem, options);
  let sol;
  if (options.solver === 'greedy') sol = greedy(c, signal);
  else {
    // field days start from the greedy (it places supply-house pickups); plain VRPTW starts empty
    const start = needsExact(c) ? greedy(c, signal) : emptySolution(c);
    sol = improve(c, start, {
      timeLimitMs: Math.max(0, timeLimitSec * 1000 - (performance.now() - t0)),
      seed,
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
      ...signal,
      ...(options.onImprove ? { onImprove: options.onImprove } : {}),
    });
  }
  return unload(c, sol, new Inserter(c), {
    solverName: options.solver ?? 'engine',
    seed,
    timeLimitSec,
    elapsedMs: Math.round(performance.now() - t0),
    iterations: sol.iterations,
  });
}
