// The solve pool: piscina worker threads running worker.ts, so the server keeps answering while
// it solves. Bounded: a full queue is a 503 + Retry-After before anything is queued.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { InputError, TravelError, TruckrollError, type Board, type Offers, type ReplanResult } from '@truckroll/solver';
import { ApiError } from './problem.ts';
import type { RecommendTask, RecommendTaskResult, ReplanTask, ReplanTaskResult, SolveResult, SolveTask, WorkerFailure } from './worker.ts';

export type { RecommendTask, ReplanTask, SolveTask } from './worker.ts';

/** A worker's failure as the error the routes turn into problem+json. */
function workerError({ kind, code, message, issues }: WorkerFailure): Error {
  if (kind === 'input') return new InputError(issues ?? [], 'events');
  if (kind === 'timeout') return new ApiError({ status: 504, code: 'solve_aborted', title: 'Solve did not finish', detail: message });
  if (kind === 'routing') return new TravelError(code, message);
  return new TruckrollError(kind, code, message);
}

/** What a solve says about itself beyond the board (the Board schema is the solver's and strict). */
export interface SolveMeta {
  /** The solve outlived its time limit: the board is the best it had when it stopped. */
  timeLimitReached: boolean;
  elapsedMs: number;
}

const metas = new WeakMap<Board, SolveMeta>();

/** Attaches `meta` to a board a pool returned (pools and test fakes call this). */
export function markSolveMeta(board: Board, meta: SolveMeta): Board {
  metas.set(board, meta);
  return board;
}

/** The meta of a board returned by `SolvePool.solve`, if the pool recorded one. */
export function solveMetaOf(board: Board): SolveMeta | undefined {
  return metas.get(board);
}

export type SolveOutcome = 'ok' | 'input' | 'error' | 'rejected' | 'aborted';

export interface PoolStats {
  threads: number;
  maxThreads: number;
  /** Tasks waiting for a thread (running ones excluded). */
  queueSize: number;
  maxQueue: number;
  /** Share of thread time spent running tasks since start, 0..1 (piscina's `utilization`). */
  utilization: number;
  completed: number;
}

/** What the routes need from a pool; tests may pass a fake. */
export interface SolvePool {
  /** Solves on a worker. Rejects with ApiError (503 full, 504 backstop, 500) or a solver error. */
  solve(task: SolveTask, options?: { signal?: AbortSignal }): Promise<Board>;
  /** Live boards: re-plans on a worker (ahead of nothing: it queues like a solve, and is refused like one). */
  replan(task: Omit<ReplanTask, 'kind'>): Promise<ReplanResult>;
  /** Booking: offers for a job, on a worker. */
  recommend(task: Omit<RecommendTask, 'kind'>): Promise<Offers>;
  /** True when a solve submitted now would be queued rather than refused. */
  hasRoom(): boolean;
  /** Throws the pool's 503 (Retry-After) when a solve submitted now would be refused. */
  assertRoom(): void;
  stats(): PoolStats;
  close(): Promise<void>;
}

export interface SolvePoolOptions {
  /** Default max(1, availableParallelism() - 1): solves are CPU-bound. */
  threads?: number;
  /** Default 2 × threads. Kept small on purpose: latency over throughput. */
  maxQueue?: number;
  /** Seconds a refused client should wait (`Retry-After`). */
  retryAfterSec?: number;
  /** Added to a task's own time limit before the backstop abort fires, ms. */
  graceMs?: number;
  /** Default limit when a task gives none (the solver's own default is 5 s). */
  defaultTimeLimitSec?: number;
  /** The worker module (tests may point at another). */
  filename?: string;
  onError?: (err: unknown) => void;
  /** Called once per solve with its outcome and wall time (queue wait included), seconds. */
  observe?: (outcome: SolveOutcome, seconds: number) => void;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function createSolvePool({
  threads = defaultThreads(),
  maxQueue = 2 * threads,
  retryAfterSec = 5,
  graceMs = 5_000,
  defaultTimeLimitSec = 5,
  filename = new URL('./worker.ts', import.meta.url).href,
  onError = (err) => console.error('[pool] worker error', err),
  observe = () => {},
}: SolvePoolOptions = {}): SolvePool {
  const piscina = new Piscina<SolveTask | ReplanTask | RecommendTask, SolveResult | ReplanTaskResult | RecommendTaskResult>({
    filename,
    minThreads: threads,
    maxThreads: threads,
    maxQueue,
    idleTimeout: 60 * 60_000,
    execArgv: ['--import', 'tsx'],
    resourceLimits: { maxOldGenerationSizeMb: 2048 },
  });
  piscina.on('error', onError);
  let closed = false;

  const full = (): ApiError =>
    new ApiError({
      status: 503,
      code: 'pool_full',
      title: 'Solver is busy',
      detail: `all ${threads} solver thread(s) are busy and ${maxQueue} solve(s) are waiting; retry in ${retryAfterSec} s`,
      headers: { 'Retry-After': String(retryAfterSec) },
    });

  function assertRoom(): void {
    if (closed) throw new ApiError({ status: 503, code: 'shutting_down', title: 'Server is shutting down', detail: 'the solver pool is closed', headers: { 'Retry-After': String(retryAfterSec) } });
    if (piscina.queueSize >= maxQueue) {
      observe('rejected', 0);
      throw full();
    }
  }

  async function solve(task: SolveTask, { signal }: { signal?: AbortSignal } = {}): Promise<Board> {
    assertRoom();
    // The backstop timer starts while the task is still queued, so it allows for the tasks ahead.
    const limitMs = (task.timeLimitSec ?? defaultTimeLimitSec) * 1000;
    const backstopMs = limitMs * (2 + Math.ceil(piscina.queueSize / threads)) + graceMs;
    const backstop = AbortSignal.timeout(backstopMs);
    const t0 = performance.now();
    const seconds = () => (performance.now() - t0) / 1000;
    let result: SolveResult;
    try {
      result = (await piscina.run(task, { signal: signal ? AbortSignal.any([signal, backstop]) : backstop })) as SolveResult;
    } catch (e) {
      const name = (e as { name?: string }).name;
      const message = e instanceof Error ? e.message : String(e);
      if (/queue is at limit/i.test(message)) {
        observe('rejected', 0);
        throw full();
      }
      if (name === 'AbortError') {
        observe('aborted', seconds());
        throw new ApiError({
          status: 504,
          code: 'solve_aborted',
          title: 'Solve did not finish',
          detail: backstop.aborted ? `the solve ran past its time limit plus ${graceMs} ms and was stopped` : 'the solve was cancelled',
          cause: e,
        });
      }
      observe('error', seconds());
      onError(e);
      throw new ApiError({ status: 500, code: 'worker_failed', title: 'Solver worker failed', detail: 'the solver worker failed; quote the requestId when reporting it', cause: e });
    }
    if (result.ok) {
      observe('ok', seconds());
      return markSolveMeta(result.board, { timeLimitReached: result.timeLimitReached, elapsedMs: result.elapsedMs });
    }
    observe(result.error.kind === 'input' ? 'input' : 'error', seconds());
    if (result.error.kind === 'input') throw new InputError(result.error.issues ?? []);
    throw workerError(result.error);
  }

  /** A short live task (re-plan, offers) on the pool: refused like a solve when the queue is full. */
  async function live<T>(task: ReplanTask | RecommendTask, what: string): Promise<T> {
    assertRoom();
    let result: { ok: true; result: T } | { ok: false; error: WorkerFailure };
    try {
      result = (await piscina.run(task, { signal: AbortSignal.timeout(60_000 + graceMs) })) as typeof result;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/queue is at limit/i.test(message)) throw full();
      onError(e);
      throw new ApiError({ status: 500, code: 'worker_failed', title: 'Solver worker failed', detail: `the ${what} worker failed; quote the requestId when reporting it`, cause: e });
    }
    if (result.ok) return result.result;
    throw workerError(result.error);
  }
  const replan = (task: Omit<ReplanTask, 'kind'>) => live<ReplanResult>({ kind: 'replan', ...task }, 're-plan');
  const recommend = (task: Omit<RecommendTask, 'kind'>) => live<Offers>({ kind: 'recommend', ...task }, 'offers');

  return {
    solve,
    replan,
    recommend,
    hasRoom: () => !closed && piscina.queueSize < maxQueue,
    assertRoom,
    stats: () => ({
      threads: piscina.threads.length,
      maxThreads: threads,
      queueSize: piscina.queueSize,
      maxQueue,
      utilization: piscina.utilization,
      completed: piscina.completed,
    }),
    async close() {
      if (closed) return;
      closed = true;
      await piscina.close();
    },
  };
}
