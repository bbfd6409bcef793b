// Live boards over HTTP: events for a stored board are validated, stored append-only (before the
// answer is sent), re-planned on the pool, and saved with the problem they leave behind — one
// board at a time (a per-board queue). A crash between storing events and saving the board loses
// nothing: the next event for that board, or `recover()` at the next start, applies what is
// stored but not yet reflected. A request with an Idempotency-Key records the key in the
// transaction that stores its events; a repeat replays the first outcome instead (idempotency.ts).
import { applyEvents, parseIso, parseProblemText, type Job, type LiveEvent, type Offers, type ReplanResult } from '@truckroll/solver';
import { keyReused, type Once } from './idempotency.ts';
import type { SolvePool } from './pool.ts';
import { ApiError } from './problem.ts';
import type { BoardRecord, BoardStore } from './store/boards.ts';

export interface LiveOptions {
  /** Also lock each technician's next stops that start within this many minutes (they were told). */
  lockedHorizonMin?: number;
  /** Also fill technicians' idle time with open work through hand-over chains (the solver's replan `fillIdle`). */
  fillIdle?: boolean;
}

export interface Applied {
  record: BoardRecord;
  result: ReplanResult;
  /** Sequence numbers given to the events, in order. */
  seqs: number[];
}

/** What a request with an Idempotency-Key answered the first time (kept with the key). */
export interface FirstAnswer {
  changes: ReplanResult['changes'];
  emergencies: ReplanResult['emergencies'];
  disruption: ReplanResult['disruption'];
}

/**
 * A repeat of an earlier request (same Idempotency-Key, same request): nothing new was stored.
 * `record` is the board as it stands now (caught up with stored events).
 */
export interface Replayed {
  replayed: true;
  record: BoardRecord & { board: NonNullable<BoardRecord['board']> };
  /** The sequence numbers the first request's events got. */
  seqs: number[];
  /** The first answer; null when the first request was stored but a crash lost its answer (its events are on the board now). */
  first: FirstAnswer | null;
}

export const isReplayed = (x: Applied | Replayed): x is Replayed => 'replayed' in x;

/** Idempotency scopes: a key counts per tenant and per what it changes. */
export const eventsScope = (boardId: string) => `events ${boardId}`;
export const bookingsScope = (boardId: string) => `bookings ${boardId}`;

export interface Booking {
  /** The arrival window the caller chose (from an offer). */
  window: { start: string; end: string };
  /** The offer kept every promised customer: book it only where it still does. */
  keepPromises?: boolean;
  /** When the booking happens (default: the board's clock, else the start of the day). */
  at?: string;
}

export interface LiveBoards {
  /** With `once`, a repeat of the same request (same key) replays instead of storing the events again. */
  apply(tenant: string, boardId: string, events: readonly LiveEvent[], options?: LiveOptions, once?: Once): Promise<Applied | Replayed>;
  /** Booking: offers for a job on the board as it stands now. */
  offers(tenant: string, boardId: string, job: Job, options?: { k?: number; now?: string }): Promise<{ record: BoardRecord; offers: Offers }>;
  /** Books a job into an offered window through the live-board path; 409 with fresh offers when the board can no longer keep it. */
  book(tenant: string, boardId: string, job: Job, booking: Booking, once?: Once): Promise<Applied | Replayed>;
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

  const notFound = (boardId: string) => new ApiError({ status: 404, code: 'board_not_found', title: 'Not Found', detail: `no board ${boardId}` });
  const saved = (r: BoardRecord | undefined, boardId: string): BoardRecord => {
    if (!r) throw notFound(boardId);
    return r;
  };

  /** The board as it stands (solved, caught up with stored events), or the API error saying why not. */
  async function current(tenant: string, boardId: string): Promise<BoardRecord & { board: NonNullable<BoardRecord['board']> }> {
    let r = store.get(tenant, boardId);
    if (!r) throw notFound(boardId);
    if (r.status !== 'solved' || !r.board) {
      const pending = r.status === 'queued' || r.status === 'solving';
      throw new ApiError({
        status: 409,
        code: 'board_not_solved',
        title: 'Conflict',
        detail: pending ? `board ${boardId} is still ${r.status}; try again once it is solved` : `board ${boardId} failed; it takes no events or bookings`,
        ...(pending ? { headers: { 'Retry-After': '1' } } : {}),
      });
    }
    r = await catchUp(r);
    return r as BoardRecord & { board: NonNullable<BoardRecord['board']> };
  }

  /**
   * An earlier request under `once`'s key in this scope, replayed (in the board's queue, so a
   * concurrent repeat waits for the first to finish); undefined when the key is new.
   */
  async function replay(tenant: string, boardId: string, scope: string, once: Once | undefined): Promise<Replayed | undefined> {
    const prior = once && store.idempotency.get(tenant, scope, once.key);
    if (!prior) return undefined;
    if (prior.fingerprint !== once.fingerprint) throw keyReused(once.key);
    return { replayed: true, record: await current(tenant, boardId), seqs: (prior.ref as { seqs: number[] }).seqs, first: prior.answer as FirstAnswer | null };
  }
  /** Records `once` with the events' sequence numbers (inside their transaction). */
  const recordKey = (tenant: string, scope: string, once: Once | undefined) => (once ? (seqs: number[]) => store.idempotency.record(tenant, scope, once.key, once.fingerprint, { seqs }) : undefined);
  const answerKey = (tenant: string, scope: string, once: Once | undefined, { changes, emergencies, disruption }: ReplanResult) => {
    if (once) store.idempotency.answer(tenant, scope, once.key, { changes, emergencies, disruption } satisfies FirstAnswer);
  };

  /** The board's clock: its problem's `now`, else the earliest shift start. */
  function clockOf(problemJson: string): string {
    const p = parseProblemText(problemJson);
    if (p.now) return p.now;
    return p.technicians.map((t) => t.shift.start).sort((a, b) => parseIso(a) - parseIso(b))[0]!;
  }

  async function offersFor(r: BoardRecord & { board: NonNullable<BoardRecord['board']> }, job: Job, options: { k?: number; now?: string }): Promise<Offers> {
    const problemJson = r.liveProblemJson ?? r.problemJson;
    return pool.recommend({ problemJson, boardJson: JSON.stringify(r.board), jobJson: JSON.stringify(job), ...(options.k === undefined ? {} : { k: options.k }), ...(options.now === undefined ? {} : { now: options.now }) });
  }

  return {
    offers(tenant, boardId, job, options = {}) {
      return serial(boardId, async () => {
        const r = await current(tenant, boardId);
        return { record: r, offers: await offersFor(r, job, options) };
      });
    },
    book(tenant, boardId, job, booking, once) {
      return serial(boardId, async () => {
        const scope = bookingsScope(boardId);
        const again = await replay(tenant, boardId, scope, once);
        if (again) return again;
        const r = await current(tenant, boardId);
        const problemJson = r.liveProblemJson ?? r.problemJson;
        const at = booking.at ?? clockOf(problemJson);
        const events: LiveEvent[] = [{ type: 'job_added', at, job: { ...job, windows: [booking.window] } }];
        applyEvents(parseProblemText(problemJson), r.board, events);
        // re-plan first: only a booking the board can keep is stored
        const result = await pool.replan({ problemJson, boardJson: JSON.stringify(r.board), eventsJson: JSON.stringify(events), ...(booking.keepPromises ? { keepPromises: true } : {}) });
        const stop = result.board.routes.flatMap((x) => x.stops).find((s) => s.kind === 'job' && s.jobId === job.id);
        const inside = stop !== undefined && parseIso(stop.start) >= parseIso(booking.window.start) && parseIso(stop.start) <= parseIso(booking.window.end);
        const movedSomeone = result.changes.some((c) => c.jobId !== job.id && c.notify);
        if (!inside || (booking.keepPromises && movedSomeone)) {
          const fresh = await offersFor(r, job, { now: at });
          throw new ApiError({
            status: 409,
            code: 'offer_gone',
            title: 'Conflict',
            detail: `the board can no longer keep ${job.id} in ${booking.window.start}–${booking.window.end}${booking.keepPromises && inside ? ' without moving another customer' : ''}; see fresh offers`,
            extra: { offers: fresh.offers, ...(fresh.emergency ? { emergency: fresh.emergency } : {}) },
          });
        }
        const seqs = store.appendEvents(boardId, events, recordKey(tenant, scope, once));
        const record = saved(store.saveLive(tenant, boardId, result.board, JSON.stringify(result.problem), seqs.at(-1)!), boardId);
        answerKey(tenant, scope, once, result);
        return { record, result, seqs };
      });
    },
    apply(tenant, boardId, events, options = {}, once) {
      return serial(boardId, async () => {
        const scope = eventsScope(boardId);
        const again = await replay(tenant, boardId, scope, once);
        if (again) return again;
        const r = await current(tenant, boardId);
        const problemJson = r.liveProblemJson ?? r.problemJson;
        // validate against the board as it stands (unknown jobs, a job that is not under way…): nothing is stored for bad events
        applyEvents(parseProblemText(problemJson), r.board, events, options);
        pool.assertRoom();
        const seqs = store.appendEvents(boardId, events, recordKey(tenant, scope, once));
        const result = await pool.replan({
          problemJson,
          boardJson: JSON.stringify(r.board),
          eventsJson: JSON.stringify(events),
          ...(options.lockedHorizonMin === undefined ? {} : { lockedHorizonMin: options.lockedHorizonMin }),
          ...(options.fillIdle ? { fillIdle: true } : {}),
        });
        const record = saved(store.saveLive(tenant, boardId, result.board, JSON.stringify(result.problem), seqs.at(-1)!), boardId);
        answerKey(tenant, scope, once, result);
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
