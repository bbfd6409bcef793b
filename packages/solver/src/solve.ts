// solve(): Problem -> Board. Compiles the problem, builds a board, and writes it out.
// Today the board comes from the greedy (cheapest feasible insertion); the engine replaces it.
import { compile, type CompileOptions } from './compile/compile.ts';
import type { Board } from './model/board.ts';
import type { Problem } from './model/problem.ts';
import { greedy, Inserter } from './search/greedy.ts';
import { unload } from './search/unload.ts';

export interface SolveOptions extends CompileOptions {
  /** Overrides settings.seed. */
  seed?: number;
  /** Overrides settings.timeLimitSec. */
  timeLimitSec?: number;
}

export async function solve(problem: Problem, options: SolveOptions = {}): Promise<Board> {
  const t0 = performance.now();
  const c = await compile(problem, options);
  const sol = greedy(c, options.signal ? { signal: options.signal } : {});
  const ins = new Inserter(c);
  return unload(c, sol, ins, {
    solverName: 'greedy',
    seed: options.seed ?? problem.settings.seed,
    timeLimitSec: options.timeLimitSec ?? problem.settings.timeLimitSec,
    elapsedMs: Math.round(performance.now() - t0),
    iterations: sol.iterations,
  });
}
