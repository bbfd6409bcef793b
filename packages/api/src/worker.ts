// The piscina worker: parses the (already validated) problem JSON and solves it. Never throws:
// errors come back as data, because structured clone drops an error's class and fields.
import { InputError, parseProblemText, solve, TruckrollError, type Board, type InputIssue } from '@truckroll/solver';

export interface SolveTask {
  /** The problem as JSON text (validated in the main thread; parsed again here for defaults). */
  problemJson: string;
  seed?: number;
  /** Cooperative limit: the solver stops and returns its best board after this long. */
  timeLimitSec?: number;
}

export interface WorkerFailure {
  /** `timeout`: the time limit passed before the solver had any board (e.g. a slow travel model). */
  kind: 'input' | 'routing' | 'internal' | 'timeout';
  code: string;
  message: string;
  issues?: InputIssue[];
}

export type SolveResult = { ok: true; board: Board; elapsedMs: number } | { ok: false; error: WorkerFailure };

export default async function solveTask({ problemJson, seed, timeLimitSec }: SolveTask): Promise<SolveResult> {
  const t0 = performance.now();
  let deadline: AbortSignal | undefined;
  try {
    const problem = parseProblemText(problemJson);
    const limitSec = timeLimitSec ?? problem.settings.timeLimitSec;
    deadline = AbortSignal.timeout(Math.ceil(limitSec * 1000));
    const board = await solve(problem, { ...(seed === undefined ? {} : { seed }), timeLimitSec: limitSec, signal: deadline });
    return { ok: true, board, elapsedMs: performance.now() - t0 };
  } catch (e) {
    if (deadline?.aborted) return { ok: false, error: { kind: 'timeout', code: 'time_limit', message: `the time limit passed before the solver had a board: ${e instanceof Error ? e.message : String(e)}` } };
    if (e instanceof InputError) return { ok: false, error: { kind: 'input', code: e.code, message: e.message, issues: e.issues } };
    if (e instanceof TruckrollError) return { ok: false, error: { kind: e.kind, code: e.code, message: e.message } };
    return { ok: false, error: { kind: 'internal', code: 'solver_failed', message: e instanceof Error ? e.message : String(e) } };
  }
}
