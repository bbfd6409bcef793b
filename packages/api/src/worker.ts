// The piscina worker: parses the (already validated) problem JSON and solves it. Never throws:
// errors come back as data, because structured clone drops an error's class and fields.
// A solve that outlives its limit (travel or construction slower than the limit) stops at the
// limit with its best board so far, and says so (`timeLimitReached`).
import {
  InputError,
  Job,
  parseBoard,
  parseEvents,
  parseProblemText,
  recommend,
  replan,
  solve,
  TruckrollError,
  type Board,
  type InputIssue,
  type Offers,
  type ReplanResult,
  zodIssues,
} from '@truckroll/solver';

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

export type SolveResult = { ok: true; board: Board; elapsedMs: number; timeLimitReached: boolean } | { ok: false; error: WorkerFailure };

/** Slack past the limit before a solve counts as having outlived it (the engine checks its clock every few iterations). */
export const overrunSlackMs = (limitMs: number): number => 250 + limitMs * 0.1;

/**
 * A real AbortSignal (travel requests honour it) whose `aborted` also turns true once the clock
 * passes `at`, even while synchronous construction keeps the timers from firing; `cut()` says
 * whether the solver ever saw it true.
 */
export function clockSignal(at: number): { signal: AbortSignal; cut: () => boolean } {
  const signal = AbortSignal.timeout(Math.max(1, Math.ceil(at - performance.now())));
  const real = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;
  let seen = false;
  Object.defineProperty(signal, 'aborted', {
    configurable: true,
    get() {
      const v = (real.call(signal) as boolean) || performance.now() >= at;
      if (v) seen = true;
      return v;
    },
  });
  return { signal, cut: () => seen };
}

/** Live boards: re-plan a board for events (see the solver's replan). */
export interface ReplanTask {
  kind: 'replan';
  problemJson: string;
  boardJson: string;
  eventsJson: string;
  lockedHorizonMin?: number;
  now?: string;
  keepPromises?: boolean;
  fillIdle?: boolean;
}

/** Booking: the arrival windows to offer for a job (see the solver's recommend). */
export interface RecommendTask {
  kind: 'recommend';
  problemJson: string;
  boardJson: string;
  jobJson: string;
  k?: number;
  now?: string;
}

export type RecommendTaskResult = { ok: true; result: Offers } | { ok: false; error: WorkerFailure };

export async function recommendTask(task: RecommendTask): Promise<RecommendTaskResult> {
  try {
    const job = Job.safeParse(JSON.parse(task.jobJson));
    if (!job.success) throw new InputError(zodIssues(job.error, ['job']), 'job');
    const result = await recommend(parseProblemText(task.problemJson), parseBoard(JSON.parse(task.boardJson)), job.data, {
      ...(task.k === undefined ? {} : { k: task.k }),
      ...(task.now === undefined ? {} : { now: task.now }),
    });
    return { ok: true, result };
  } catch (e) {
    return { ok: false, error: failureOf(e) };
  }
}

export type ReplanTaskResult = { ok: true; result: ReplanResult; elapsedMs: number } | { ok: false; error: WorkerFailure };

const failureOf = (e: unknown): WorkerFailure => {
  if (e instanceof InputError) return { kind: 'input', code: e.code, message: e.message, issues: e.issues };
  if (e instanceof TruckrollError) return { kind: e.kind, code: e.code, message: e.message };
  return { kind: 'internal', code: 'solver_failed', message: e instanceof Error ? e.message : String(e) };
};

export async function replanTask(task: ReplanTask): Promise<ReplanTaskResult> {
  const t0 = performance.now();
  try {
    const result = await replan(parseProblemText(task.problemJson), parseBoard(JSON.parse(task.boardJson)), parseEvents(JSON.parse(task.eventsJson)), {
      ...(task.lockedHorizonMin === undefined ? {} : { lockedHorizonMin: task.lockedHorizonMin }),
      ...(task.now === undefined ? {} : { now: task.now }),
      ...(task.keepPromises ? { keepPromises: true } : {}),
      ...(task.fillIdle ? { fillIdle: true } : {}),
    });
    return { ok: true, result, elapsedMs: performance.now() - t0 };
  } catch (e) {
    return { ok: false, error: failureOf(e) };
  }
}

export default async function runTask(task: SolveTask | ReplanTask | RecommendTask): Promise<SolveResult | ReplanTaskResult | RecommendTaskResult> {
  if ('kind' in task && task.kind === 'replan') return replanTask(task);
  if ('kind' in task && task.kind === 'recommend') return recommendTask(task);
  return solveTask(task as SolveTask);
}

export async function solveTask({ problemJson, seed, timeLimitSec }: SolveTask): Promise<SolveResult> {
  const t0 = performance.now();
  let deadline: ReturnType<typeof clockSignal> | undefined;
  try {
    const problem = parseProblemText(problemJson);
    const limitSec = timeLimitSec ?? problem.settings.timeLimitSec;
    const limitMs = limitSec * 1000;
    // The engine stops on its own clock at the limit; the signal fires only when something overran it.
    deadline = clockSignal(t0 + limitMs + overrunSlackMs(limitMs));
    const board = await solve(problem, { ...(seed === undefined ? {} : { seed }), timeLimitSec: limitSec, signal: deadline.signal });
    const elapsedMs = performance.now() - t0;
    return { ok: true, board, elapsedMs, timeLimitReached: deadline.cut() || elapsedMs > limitMs + overrunSlackMs(limitMs) };
  } catch (e) {
    if (deadline?.signal.aborted) return { ok: false, error: { kind: 'timeout', code: 'time_limit', message: `the time limit passed before the solver had a board: ${e instanceof Error ? e.message : String(e)}` } };
    return { ok: false, error: failureOf(e) };
  }
}
