// Live boards over HTTP: events for a stored board are validated, stored append-only (before the
// answer is sent), re-planned on the pool, and saved with the problem they leave behind — one
// board at a time (a per-board queue). A crash between storing events and saving the board loses
// nothing: the next event for that board, or `recover()` at the next start, applies what is
// stored but not yet reflected.
import { applyEvents, parseProblemText, type LiveEvent, type ReplanResult } from '@truckroll/solver';
import type { SolvePool } from './pool.ts';
import { ApiError } from './problem.ts';
import type { BoardRecord, BoardStore } from './store/boards.ts';

export interface LiveOptions {
  /** Also lock each technician's next stops that start within this many minutes (they were told). */
  lockedHorizonMin?: number;
}

export interface Applied {
  record: BoardRecord;
  result: ReplanResult;
  /** Sequence numbers given to the events, in order. */
  seqs: number[];
}

export interface LiveBoards {
  apply(tenant: string, boardId: string, events: readonly LiveEvent[], options?: LiveOptions): Promise<Applied>;
  /** Applies stored events that boards do not reflect yet (after a crash). Returns how many boards caught up. */
  recover(): Promise<number>;
}

export function createLiveBoards({ store, pool, log = () => {} }: { store: BoardStore; pool: SolvePool; log?: (msg: string, fields?: Record<string, unknown>) => void }): LiveBoards {
  const queues = new Map<string, Promise<unknown>>();
  /** Runs `fn` after every earlier call for the same board has settled. */
  function serial<T>(boardId: string, fn: () => Promise<T>): Promise<T> {
    const next = (queues.get(boardId) ?? Promise.resolve()).catch(() => {}).then(fn);
    queues.set(boardId, next);
    void next.catch(() => {}).finally(() => {
      if (queues.get(boardId) === next) queues.delete(boardId);
    });
    return next;
  }

  /** Re-plans for stored events the board does not reflect yet. */
  async function catchUp(r: BoardRecord): Promise<BoardRecord> {
    const pending = store.eventsAfter(r.id, r.eventsApplied);
    if (!pending.length || !r.board) return r;
    const result = await pool.replan({ problemJson: r.liveProblemJson ?? r.problemJson, boardJson: JSON.stringify(r.board), eventsJson: JSON.stringify(pending.map((p) => p.event)) });
    log('applied stored events', { boardId: r.id, from: pending[0]!.seq, to: pending.at(-1)!.seq });
    return store.saveLive(r.tenant, r.id, result.board, JSON.stringify(result.problem), pending.at(-1)!.seq) ?? r;
  }

  return {
    apply(tenant, boardId, events, options = {}) {
      return serial(boardId, async () => {
        let r = store.get(tenant, boardId);
        if (!r) throw new ApiError({ status: 404, code: 'board_not_found', title: 'Not Found', detail: `no board ${boardId}` });
        if (r.status !== 'solved' || !r.board) {
          const pending = r.status === 'queued' || r.status === 'solving';
          throw new ApiError({
            status: 409,
            code: 'board_not_solved',
            title: 'Conflict',
            detail: pending ? `board ${boardId} is still ${r.status}; send events once it is solved` : `board ${boardId} failed; it takes no events`,
            ...(pending ? { headers: { 'Retry-After': '1' } } : {}),
          });
        }
        r = await catchUp(r);
        const problemJson = r.liveProblemJson ?? r.problemJson;
        // validate against the board as it stands (unknown jobs, a job that is not under way…): nothing is stored for bad events
        applyEvents(parseProblemText(problemJson), r.board!, events, options);
        pool.assertRoom();
        const seqs = store.appendEvents(boardId, events);
        const result = await pool.replan({
          problemJson,
          boardJson: JSON.stringify(r.board),
          eventsJson: JSON.stringify(events),
          ...(options.lockedHorizonMin === undefined ? {} : { lockedHorizonMin: options.lockedHorizonMin }),
        });
        const record = store.saveLive(tenant, boardId, result.board, JSON.stringify(result.problem), seqs.at(-1)!);
        if (!record) throw new ApiError({ status: 404, code: 'board_not_found', title: 'Not Found', detail: `no board ${boardId}` });
        return { record, result, seqs };
      });
    },
    async recover() {
      let n = 0;
      for (const r of store.withPendingEvents()) {
        try {
          await serial(r.id, () => catchUp(r));
          n++;
        } catch (e) {
          log('could not apply stored events', { boardId: r.id, err: e });
        }
      }
      return n;
    },
  };
}
