// Idempotency-Key in-process (in-thread pool, SQLite, the real store, runner and live boards): a
// repeat of the same request stores nothing new and replays the first outcome (events, bookings,
// new boards), also when the first answer was lost between storing and answering; the same key
// with another request is a 422; keys count per tenant and per board; malformed keys are a 400;
// concurrent repeats store once; keys expire, and roll back with the effect they record.
import { describe, expect, it } from 'vitest';
import { checkBoard, parseProblemText, type Board } from '@truckroll/solver';
import { liveApp, smallJson, KEY_A, KEY_B, twoTenants } from './fixtures.test-helper.ts';
import { eventsScope } from './live-boards.ts';
import { onceOf, REPLAYED_HEADER } from './idempotency.ts';
import { createBoardStore } from './store/boards.ts';
import { openDb } from './store/db.ts';
import { createIdempotencyStore } from './store/idempotency.ts';

const keys = twoTenants();

function setup() {
  const app = liveApp({ keys });
  const call = (path: string, body?: unknown, headers: Record<string, string> = {}, key = KEY_A) => app.call(path, { key, ...(body === undefined ? {} : { body }), headers });
  return { ...app, call };
}

const problem = JSON.parse(smallJson()) as { technicians: { id: string; shift: { start: string } }[]; jobs: { id: string; location: unknown; skills: Record<string, number> }[] };
const day = problem.technicians[0]!.shift.start;
const at = (hhmm: string) => `${day.slice(0, 11)}${hhmm}:00${day.slice(19)}`;
const idem = (key: string) => ({ 'Idempotency-Key': key });

interface EventsAnswer {
  seqs: number[];
  eventsApplied: number;
  board: Board;
  changes: { jobId: string; kind: string }[];
  recovered?: boolean;
}

async function solvedBoard(call: ReturnType<typeof setup>['call'], key = KEY_A): Promise<{ id: string; board: Board }> {
  const res = await call('/v1/boards?wait=30', JSON.parse(smallJson()), {}, key);
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; board: Board };
}

/** A cancellation of the board's first planned job. */
function cancelFirst(board: Board) {
  const jobId = board.routes.flatMap((r) => r.stops).find((s) => s.kind === 'job')!.jobId!;
  return { events: [{ type: 'job_cancelled', at: at('07:30'), jobId }] };
}

describe('Idempotency-Key on POST /v1/boards/{id}/events', () => {
  it('a repeat stores nothing and replays the first seqs and changes, with the board as it stands', async () => {
    const { call, store } = setup();
    const { id, board } = await solvedBoard(call);
    const body = cancelFirst(board);
    const first = await call(`/v1/boards/${id}/events`, body, idem('evt-1'));
    expect(first.status).toBe(200);
    expect(first.headers.get(REPLAYED_HEADER)).toBeNull();
    const a = (await first.json()) as EventsAnswer;
    expect(a.seqs).toEqual([1]);
    expect(a.changes.map((x) => x.kind)).toContain('cancelled');

    // a later event moves the board on; then the first request is retried
    const other = board.routes.flatMap((r) => r.stops).filter((s) => s.kind === 'job')[1]!.jobId!;
    expect((await call(`/v1/boards/${id}/events`, { events: [{ type: 'job_cancelled', at: at('07:35'), jobId: other }] })).status).toBe(200);
    const again = await call(`/v1/boards/${id}/events`, body, idem('evt-1'));
    expect(again.status).toBe(200);
    expect(again.headers.get(REPLAYED_HEADER)).toBe('true');
    const b = (await again.json()) as EventsAnswer;
    expect(b.seqs).toEqual([1]);
    expect(b.changes).toEqual(a.changes);
    expect(b.eventsApplied).toBe(2);
    expect(b.recovered).toBeUndefined();
    expect(store.eventsAfter(id, 0).map((e) => e.seq)).toEqual([1, 2]);
    const r = store.get('A', id)!;
    expect(b.board).toEqual(r.board);
    expect(checkBoard(parseProblemText(r.liveProblemJson!), b.board).violations).toEqual([]);
  });

  it('the same key with another request is a 422 that stores nothing; a quoted key is the same key', async () => {
    const { call, store } = setup();
    const { id, board } = await solvedBoard(call);
    expect((await call(`/v1/boards/${id}/events`, cancelFirst(board), idem('"evt-2"'))).status).toBe(200);
    const other = board.routes.flatMap((r) => r.stops).filter((s) => s.kind === 'job')[1]!.jobId!;
    const res = await call(`/v1/boards/${id}/events`, { events: [{ type: 'job_cancelled', at: at('07:30'), jobId: other }] }, idem('evt-2'));
    expect(res.status).toBe(422);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: '/problems/idempotency_key_reused', errors: [{ pointer: '#/idempotency-key', in: 'header' }] });
    // the same events with other options are another request too
    expect((await call(`/v1/boards/${id}/events`, { ...cancelFirst(board), fillIdle: true }, idem('evt-2'))).status).toBe(422);
    expect(store.eventsAfter(id, 0)).toHaveLength(1);
  });

  it('keys of events count per board', async () => {
    const { call, store } = setup();
    const one = await solvedBoard(call);
    const two = await solvedBoard(call);
    const theirs = await solvedBoard(call, KEY_B);
    for (const [b, key] of [
      [one, KEY_A],
      [two, KEY_A],
      [theirs, KEY_B],
    ] as const) {
      const res = await call(`/v1/boards/${b.id}/events`, cancelFirst(b.board), idem('shared-key'), key);
      expect(res.status).toBe(200);
      expect(res.headers.get(REPLAYED_HEADER)).toBeNull();
      expect(store.eventsAfter(b.id, 0)).toHaveLength(1);
    }
  });

  it('concurrent repeats store the events once and answer the same seqs', async () => {
    const { call, store } = setup();
    const { id, board } = await solvedBoard(call);
    const body = cancelFirst(board);
    const answers = await Promise.all([1, 2, 3].map(() => call(`/v1/boards/${id}/events`, body, idem('evt-race'))));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers.filter((r) => r.headers.get(REPLAYED_HEADER) === 'true')).toHaveLength(2);
    const seqs = await Promise.all(answers.map(async (r) => ((await r.json()) as EventsAnswer).seqs));
    expect(seqs).toEqual([[1], [1], [1]]);
    expect(store.eventsAfter(id, 0)).toHaveLength(1);
  });

  it('after a crash between storing the events and answering, a repeat catches the board up and says so', async () => {
    const { call, store } = setup();
    const { id, board } = await solvedBoard(call);
    const victim = board.routes.flatMap((r) => r.stops).find((s) => s.kind === 'job')!.jobId!;
    const lost = cancelFirst(board);
    // what a request leaves when the process dies right after its transaction: the events and the
    // key (fingerprinted as the route does: events, lockedHorizonMin, fillIdle), no board, no answer
    const { fingerprint } = onceOf('evt-lost', lost.events, null, false)!;
    store.appendEvents(id, lost.events, (seqs) => store.idempotency.record('A', eventsScope(id), 'evt-lost', fingerprint, { seqs }));
    expect(store.get('A', id)!.eventsApplied).toBe(0);

    const res = await call(`/v1/boards/${id}/events`, lost, idem('evt-lost'));
    expect(res.status).toBe(200);
    expect(res.headers.get(REPLAYED_HEADER)).toBe('true');
    const a = (await res.json()) as EventsAnswer;
    expect(a).toMatchObject({ seqs: [1], eventsApplied: 1, changes: [], recovered: true });
    expect(store.eventsAfter(id, 0).map((e) => e.seq)).toEqual([1]);
    const r = store.get('A', id)!;
    expect(parseProblemText(r.liveProblemJson!).jobs.find((j) => j.id === victim)!.status).toBe('cancelled');
    expect(checkBoard(parseProblemText(r.liveProblemJson!), a.board).violations).toEqual([]);
  });

  it('refuses a malformed key with a 400 naming the header, storing nothing', async () => {
    const { call, store } = setup();
    const { id, board } = await solvedBoard(call);
    for (const bad of ['has space', 'x'.repeat(256), '', '"abc', '""']) {
      const res = await call(`/v1/boards/${id}/events`, cancelFirst(board), idem(bad));
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(await res.json()).toMatchObject({ errors: [{ pointer: '#/idempotency-key', in: 'header' }] });
    }
    expect(store.eventsAfter(id, 0)).toHaveLength(0);
  });
});

describe('Idempotency-Key on bookings and new boards', () => {
  it('a repeated booking books once and answers where the job stands', async () => {
    const { call, store } = setup();
    const { id } = await solvedBoard(call);
    const job = { id: 'CALL-7', location: problem.jobs[3]!.location, durationMin: 45, skills: problem.jobs[3]!.skills, value: 200 };
    const { offers } = (await (await call(`/v1/boards/${id}/offers`, { job })).json()) as { offers: { window: { start: string; end: string } }[] };
    expect(offers.length).toBeGreaterThan(0);
    const body = { job, window: offers[0]!.window };
    const first = await call(`/v1/boards/${id}/bookings`, body, idem('book-7'));
    expect(first.status).toBe(201);
    const again = await call(`/v1/boards/${id}/bookings`, body, idem('book-7'));
    expect(again.status).toBe(201);
    expect(again.headers.get(REPLAYED_HEADER)).toBe('true');
    const [a, b] = (await Promise.all([first.json(), again.json()])) as { technicianId: string; plannedStart: string; tracking: { token: string } }[];
    expect(b).toMatchObject({ technicianId: a!.technicianId, plannedStart: a!.plannedStart, tracking: { token: a!.tracking.token } });
    expect(store.eventsAfter(id, 0).map((e) => e.type)).toEqual(['job_added']);
    // without the key the same booking is a second request: the job id is taken
    expect((await call(`/v1/boards/${id}/bookings`, body)).status).toBe(422);
  });

  it('keys of new boards count per tenant', async () => {
    const { call, store } = setup();
    const mine = await call('/v1/boards', JSON.parse(smallJson()), idem('shared-key'), KEY_A);
    const theirs = await call('/v1/boards?seed=9', JSON.parse(smallJson()), idem('shared-key'), KEY_B);
    expect([mine.status, theirs.status]).toEqual([202, 202]);
    expect(theirs.headers.get(REPLAYED_HEADER)).toBeNull();
    const [a, b] = (await Promise.all([mine.json(), theirs.json()])) as { id: string; date: string }[];
    expect(a!.id).not.toBe(b!.id);
    expect(store.get('B', b!.id)).toBeDefined();
    expect(store.get('B', a!.id)).toBeUndefined();
  });

  it('a repeated POST /v1/boards answers the first board (solved by now) without a second one', async () => {
    const { call, store } = setup();
    const first = await call('/v1/boards?wait=30', JSON.parse(smallJson()), idem('day-1'));
    expect(first.status).toBe(201);
    const a = (await first.json()) as { id: string; date: string; board: Board };
    // `wait` may differ: the same request
    const again = await call('/v1/boards?wait=5', JSON.parse(smallJson()), idem('day-1'));
    expect(again.status).toBe(201);
    expect(again.headers.get(REPLAYED_HEADER)).toBe('true');
    expect(again.headers.get('Location')).toBe(`/v1/boards/${a.id}`);
    expect(((await again.json()) as { id: string }).id).toBe(a.id);
    expect(store.listByDate('A', a.date, { limit: 10 }).items).toHaveLength(1);
    // another seed is another request
    const reused = await call('/v1/boards?seed=7', JSON.parse(smallJson()), idem('day-1'));
    expect(reused.status).toBe(422);
    expect(store.listByDate('A', a.date, { limit: 10 }).items).toHaveLength(1);
  });
});

describe('the idempotency store', () => {
  it('forgets keys after the time to live, and a key rolls back with the effect it records', () => {
    let clock = Date.parse('2026-03-02T08:00:00Z');
    const db = openDb(':memory:');
    const keysStore = createIdempotencyStore(db, { ttlMs: 3_600_000, now: () => clock });
    keysStore.record('A', 'boards', 'k', 'fp1', { boardId: 'b1' });
    expect(keysStore.get('A', 'boards', 'k')).toMatchObject({ fingerprint: 'fp1', ref: { boardId: 'b1' }, answer: null });
    expect(() => keysStore.record('A', 'boards', 'k', 'fp1', { boardId: 'b2' })).toThrow();
    keysStore.answer('A', 'boards', 'k', { ok: 1 });
    expect(keysStore.get('A', 'boards', 'k')!.answer).toEqual({ ok: 1 });
    clock += 3_600_001;
    expect(keysStore.get('A', 'boards', 'k')).toBeUndefined();
    // an expired key may be used again
    keysStore.record('A', 'boards', 'k', 'fp2', { boardId: 'b3' });
    expect(keysStore.get('A', 'boards', 'k')!.fingerprint).toBe('fp2');
    clock += 3_600_001;
    expect(keysStore.prune()).toBe(1);

    const store = createBoardStore(db);
    const b = store.insert({ tenant: 'A', date: '2026-03-02', problemJson: smallJson() });
    expect(() =>
      store.appendEvents(b.id, [{ type: 'job_cancelled' }], (seqs) => {
        store.idempotency.record('A', eventsScope(b.id), 'e', 'fp', { seqs });
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(store.eventsAfter(b.id, 0)).toHaveLength(0);
    expect(store.idempotency.get('A', eventsScope(b.id), 'e')).toBeUndefined();
  });
});
