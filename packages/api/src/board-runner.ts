// Solves stored boards on the pool in the background and records the outcome, so a board is
// never lost: every state change is written before the next step, and `recover()` picks up
// boards a previous process left queued or solving (re-queued, or failed after maxAttempts).
import type { BoardRecord, BoardStore } from './store/boards.ts';
import { solveMetaOf, type SolvePool } from './pool.ts';
import { toApiError } from './problem.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface BoardRunner {
  /** Starts solving a freshly inserted board (does not wait). */
  start(record: BoardRecord): void;
  /** Resolves when the board is solved or failed, or after `timeoutMs`, whichever comes first. */
  waitFor(id: string, timeoutMs: number): Promise<void>;
  /** Re-queues (or fails) boards left unfinished by a previous process; solves them one by one. */
  recover(): Promise<{ requeued: number; failed: number }>;
  /** Resolves when every solve this runner started has settled. */
  idle(): Promise<void>;
  /** Shutdown: solves that fail from now on keep their `solving` row, for `recover()` at the next start. */
  stop(): void;
}

export interface BoardRunnerOptions {
  store: BoardStore;
  pool: SolvePool;
  /** A board whose solve was interrupted this many times is failed instead of re-queued. */
  maxAttempts?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export function createBoardRunner({ store, pool, maxAttempts = 2, log = () => {} }: BoardRunnerOptions): BoardRunner {
  const waiters = new Map<string, Set<() => void>>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const notify = (id: string): void => {
    for (const w of waiters.get(id) ?? []) w();
    waiters.delete(id);
  };

  async function run(record: BoardRecord): Promise<void> {
    store.markSolving(record.id);
    try {
      const board = await pool.solve({
        problemJson: record.problemJson,
        ...(record.seed === null ? {} : { seed: record.seed }),
        ...(record.timeLimitSec === null ? {} : { timeLimitSec: record.timeLimitSec }),
      });
      store.markSolved(record.id, board, { timeLimitReached: solveMetaOf(board)?.timeLimitReached ?? false });
    } catch (e) {
      if (stopped) return;
      const err = toApiError(e);
      store.markFailed(record.id, { code: err.code, detail: err.message });
      log('board solve failed', { boardId: record.id, code: err.code });
    } finally {
      notify(record.id);
    }
  }

  /** Keeps `p` until it settles; a failure outside run()'s own handling (e.g. the database) is logged, never unhandled. */
  function track(p: Promise<void>): void {
    const settled = p.catch((e: unknown) => log('board runner failed', { err: e })).finally(() => running.delete(settled));
    running.add(settled);
  }

  return {
    start(record) {
      track(run(record));
    },
    waitFor(id, timeoutMs) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done(): void {
          clearTimeout(timer);
          waiters.get(id)?.delete(done);
          resolve();
        }
        let set = waiters.get(id);
        if (!set) waiters.set(id, (set = new Set()));
        set.add(done);
      });
    },
    async recover() {
      let requeued = 0;
      let failed = 0;
      const todo: BoardRecord[] = [];
      for (const r of store.unfinished()) {
        if (r.attempts >= maxAttempts) {
          store.markFailed(r.id, { code: 'interrupted', detail: `the server stopped while solving this board ${r.attempts} time(s); submit it again` });
          failed++;
        } else {
          store.requeue(r.id);
          todo.push(r);
          requeued++;
        }
      }
      if (todo.length) log('re-queued unfinished boards', { count: todo.length });
      // One at a time, so recovery never takes the whole queue from new requests.
      track(
        (async () => {
          for (const r of todo) {
            while (!pool.hasRoom() && !stopped) await sleep(250);
            if (stopped) return;
            await run(r);
          }
        })(),
      );
      return { requeued, failed };
    },
    stop() {
      stopped = true;
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
