// The boards repository: one row per requested day (problem in, board out, status), always
// scoped by tenant so that one tenant can never read another's rows.
import { randomBytes } from 'node:crypto';
import type { Board } from '@truckroll/solver';
import type { Db } from './db.ts';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency.ts';

export type BoardStatus = 'queued' | 'solving' | 'solved' | 'failed';

export interface BoardError {
  code: string;
  detail: string;
}

export interface BoardRecord {
  id: string;
  tenant: string;
  /** Local date of the day, YYYY-MM-DD. */
  date: string;
  status: BoardStatus;
  /** The problem JSON text as received. */
  problemJson: string;
  board: Board | null;
  error: BoardError | null;
  seed: number | null;
  timeLimitSec: number | null;
  /** Solve attempts started (a restart mid-solve counts one). */
  attempts: number;
  /** The solve outlived its time limit: the board is the best it had when it stopped. */
  timeLimitReached: boolean;
  /** Live boards: the problem after the events (JSON), or null before the first event. */
  liveProblemJson: string | null;
  /** Live boards: the sequence number of the last event the board reflects (0: none). */
  eventsApplied: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewBoard {
  tenant: string;
  date: string;
  problemJson: string;
  seed?: number;
  timeLimitSec?: number;
}

export interface StoredEvent {
  seq: number;
  type: string;
  /** The event as received (parsed JSON). */
  event: unknown;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

interface Row {
  id: string;
  tenant: string;
  date: string;
  status: BoardStatus;
  problem: string;
  board: string | null;
  error: string | null;
  seed: number | null;
  time_limit_sec: number | null;
  attempts: number;
  time_limit_reached: number;
  live_problem: string | null;
  events_applied: number;
  created_at: string;
  updated_at: string;
}

const fromRow = (r: Row): BoardRecord => ({
  id: r.id,
  tenant: r.tenant,
  date: r.date,
  status: r.status,
  problemJson: r.problem,
  board: r.board === null ? null : (JSON.parse(r.board) as Board),
  error: r.error === null ? null : (JSON.parse(r.error) as BoardError),
  seed: r.seed,
  timeLimitSec: r.time_limit_sec,
  attempts: r.attempts,
  timeLimitReached: r.time_limit_reached === 1,
  liveProblemJson: r.live_problem,
  eventsApplied: r.events_applied,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const encodeCursor = (createdAt: string, id: string): string => Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');

/** Returns [createdAt, id] or undefined when the cursor is not one of ours. */
export function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' ? [v[0], v[1]] : undefined;
  } catch {
    return undefined;
  }
}

/** Unguessable board id: `brd_` + 16 random bytes, base64url. */
export const newBoardId = (): string => `brd_${randomBytes(16).toString('base64url')}`;

export interface BoardStore {
  /** Idempotency keys of the requests that change boards (same database: recorded in their transactions). */
  readonly idempotency: IdempotencyStore;
  /** Stores a new day; `within` runs in the same transaction (e.g. recording an idempotency key). */
  insert(b: NewBoard, within?: (record: BoardRecord) => void): BoardRecord;
  /** The board, or undefined when it does not exist for this tenant. */
  get(tenant: string, id: string): BoardRecord | undefined;
  /** The board's updatedAt (cheap: no JSON parsed), or undefined. */
  updatedAtOf(tenant: string, id: string): string | undefined;
  /** Oldest first, `limit` per page. O(log n + limit) on the (tenant, date) index. */
  listByDate(tenant: string, date: string, options: { limit: number; cursor?: [string, string] }): Page<BoardRecord>;
  /** Marks a solve attempt as started. Every status change moves updatedAt strictly forward (see replaceBoard). */
  markSolving(id: string): void;
  markSolved(id: string, board: Board, meta?: { timeLimitReached?: boolean }): void;
  markFailed(id: string, error: BoardError): void;
  /**
   * Replaces a solved board's content (a re-plan after events), marking it solved and moving
   * updatedAt forward (strictly: at least 1 ms past the previous value, so every change is seen
   * by pollers comparing it). Returns the new record, or undefined when there is no such board.
   */
  replaceBoard(tenant: string, id: string, board: Board): BoardRecord | undefined;
  /** Live boards: the re-planned board, the problem after the events, and the last event it reflects (one transaction). */
  saveLive(tenant: string, id: string, board: Board, liveProblemJson: string, eventsApplied: number): BoardRecord | undefined;
  /** Live boards: appends events (append-only, one transaction; `within` runs in it too) and returns their sequence numbers. */
  appendEvents(boardId: string, events: readonly { type: string }[], within?: (seqs: number[]) => void): number[];
  /** Live boards: the event log after sequence number `after`, oldest first. */
  eventsAfter(boardId: string, after: number): StoredEvent[];
  /** Solved boards with stored events their board does not reflect yet (a crash between the two). */
  withPendingEvents(): BoardRecord[];
  /** Boards left `queued` or `solving` by a previous process, oldest first. */
  unfinished(): BoardRecord[];
  requeue(id: string): void;
}

export function createBoardStore(db: Db, { now = () => new Date().toISOString(), idempotencyTtlMs }: { now?: () => string; idempotencyTtlMs?: number } = {}): BoardStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO boards (id, tenant, date, status, problem, seed, time_limit_sec, attempts, created_at, updated_at)
       VALUES (@id, @tenant, @date, 'queued', @problem, @seed, @timeLimitSec, 0, @now, @now)`,
    ),
    get: db.prepare('SELECT * FROM boards WHERE tenant = ? AND id = ?'),
    byId: db.prepare('SELECT * FROM boards WHERE id = ?'),
    updatedAt: db.prepare('SELECT updated_at FROM boards WHERE tenant = ? AND id = ?').pluck(),
    updatedAtById: db.prepare('SELECT updated_at FROM boards WHERE id = ?').pluck(),
    list: db.prepare('SELECT * FROM boards WHERE tenant = ? AND date = ? ORDER BY created_at, id LIMIT ?'),
    listAfter: db.prepare('SELECT * FROM boards WHERE tenant = ? AND date = ? AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?'),
    solving: db.prepare(`UPDATE boards SET status = 'solving', attempts = attempts + 1, updated_at = ? WHERE id = ?`),
    solved: db.prepare(`UPDATE boards SET status = 'solved', board = ?, error = NULL, time_limit_reached = ?, updated_at = ? WHERE id = ?`),
    failed: db.prepare(`UPDATE boards SET status = 'failed', error = ?, updated_at = ? WHERE id = ?`),
    unfinished: db.prepare(`SELECT * FROM boards WHERE status IN ('queued', 'solving') ORDER BY created_at, id`),
    requeue: db.prepare(`UPDATE boards SET status = 'queued', updated_at = ? WHERE id = ?`),
    replace: db.prepare(`UPDATE boards SET status = 'solved', board = ?, error = NULL, updated_at = ? WHERE tenant = ? AND id = ?`),
    live: db.prepare(`UPDATE boards SET status = 'solved', board = ?, error = NULL, live_problem = ?, events_applied = ?, updated_at = ? WHERE tenant = ? AND id = ?`),
    lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) FROM board_events WHERE board_id = ?').pluck(),
    addEvent: db.prepare('INSERT INTO board_events (board_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
    eventsAfter: db.prepare('SELECT seq, type, payload, created_at FROM board_events WHERE board_id = ? AND seq > ? ORDER BY seq'),
    pending: db.prepare(
      `SELECT b.* FROM boards b WHERE b.status = 'solved' AND EXISTS (SELECT 1 FROM board_events e WHERE e.board_id = b.id AND e.seq > b.events_applied) ORDER BY b.created_at, b.id`,
    ),
  };
  /** updatedAt strictly after `prev` (pollers compare it). */
  const nextStamp = (prev: string): string => {
    const t = now();
    return t > prev ? t : new Date(Date.parse(prev) + 1).toISOString();
  };
  /** Runs an update of board `id` with an updatedAt strictly after the stored one (one transaction). */
  const stamped = db.transaction((id: string, update: (at: string) => unknown): void => {
    const prev = q.updatedAtById.get(id) as string | undefined;
    if (prev !== undefined) update(nextStamp(prev));
  });
  const saveLive = db.transaction((tenant: string, id: string, board: Board, liveProblemJson: string, eventsApplied: number): BoardRecord | undefined => {
    const prev = q.updatedAt.get(tenant, id) as string | undefined;
    if (prev === undefined) return undefined;
    q.live.run(JSON.stringify(board), liveProblemJson, eventsApplied, nextStamp(prev), tenant, id);
    return fromRow(q.get.get(tenant, id) as Row);
  });
  const appendEvents = db.transaction((boardId: string, events: readonly { type: string }[], within?: (seqs: number[]) => void): number[] => {
    let seq = q.lastSeq.get(boardId) as number;
    const at = now();
    const seqs = events.map((e) => {
      seq++;
      q.addEvent.run(boardId, seq, e.type, JSON.stringify(e), at);
      return seq;
    });
    within?.(seqs);
    return seqs;
  });
  const insert = db.transaction(({ tenant, date, problemJson, seed, timeLimitSec }: NewBoard, within?: (record: BoardRecord) => void): BoardRecord => {
    const id = newBoardId();
    q.insert.run({ id, tenant, date, problem: problemJson, seed: seed ?? null, timeLimitSec: timeLimitSec ?? null, now: now() });
    const record = fromRow(q.byId.get(id) as Row);
    within?.(record);
    return record;
  });
  const replaceBoard = db.transaction((tenant: string, id: string, board: Board): BoardRecord | undefined => {
    const prev = q.updatedAt.get(tenant, id) as string | undefined;
    if (prev === undefined) return undefined;
    q.replace.run(JSON.stringify(board), nextStamp(prev), tenant, id);
    return fromRow(q.get.get(tenant, id) as Row);
  });
  return {
    idempotency: createIdempotencyStore(db, { ...(idempotencyTtlMs === undefined ? {} : { ttlMs: idempotencyTtlMs }), now: () => Date.parse(now()) }),
    insert: (b, within) => insert(b, within),
    get(tenant, id) {
      const r = q.get.get(tenant, id) as Row | undefined;
      return r && fromRow(r);
    },
    updatedAtOf: (tenant, id) => q.updatedAt.get(tenant, id) as string | undefined,
    listByDate(tenant, date, { limit, cursor }) {
      const rows = (cursor ? q.listAfter.all(tenant, date, cursor[0], cursor[1], limit + 1) : q.list.all(tenant, date, limit + 1)) as Row[];
      const items = rows.slice(0, limit).map(fromRow);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
    },
    markSolving: (id) => stamped(id, (at) => q.solving.run(at, id)),
    markSolved: (id, board, meta) => stamped(id, (at) => q.solved.run(JSON.stringify(board), meta?.timeLimitReached ? 1 : 0, at, id)),
    markFailed: (id, error) => stamped(id, (at) => q.failed.run(JSON.stringify(error), at, id)),
    unfinished: () => (q.unfinished.all() as Row[]).map(fromRow),
    requeue: (id) => stamped(id, (at) => q.requeue.run(at, id)),
    replaceBoard: (tenant, id, board) => replaceBoard(tenant, id, board),
    saveLive: (tenant, id, board, liveProblemJson, eventsApplied) => saveLive(tenant, id, board, liveProblemJson, eventsApplied),
    appendEvents: (boardId, events, within) => appendEvents(boardId, events, within),
    eventsAfter: (boardId, after) =>
      (q.eventsAfter.all(boardId, after) as { seq: number; type: string; payload: string; created_at: string }[]).map((r) => ({
        seq: r.seq,
        type: r.type,
        event: JSON.parse(r.payload) as unknown,
        createdAt: r.created_at,
      })),
    withPendingEvents: () => (q.pending.all() as Row[]).map(fromRow),
  };
}
