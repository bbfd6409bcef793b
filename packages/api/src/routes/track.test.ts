// Customer status links in-process: a token per scheduled job in the board view, stable across
// re-solves; GET /v1/track/{token} without auth shows only that job (label, ETA, business);
// unknown tokens are 404 problem+json; only SHA-256 hashes are stored.
import { describe, expect, it } from 'vitest';
import type { Board } from '@truckroll/solver';
import { createApp } from '../app.ts';
import { createBoardRunner } from '../board-runner.ts';
import { inlinePool, tinyProblem } from '../fixtures.test-helper.ts';
import { createKeyRing } from '../middleware/auth.ts';
import { createBoardStore } from '../store/boards.ts';
import { openDb } from '../store/db.ts';
import { createTrackingStore, hashToken } from '../store/tracking.ts';
import { customerView, etaPhrase } from './track.ts';

const KEY = 'key-for-tenant-a-0123456789';

function setup() {
  const pool = inlinePool();
  const db = openDb(':memory:');
  const store = createBoardStore(db);
  const tracking = createTrackingStore(db, { secret: Buffer.alloc(32, 1) });
  const app = createApp({ pool, store, runner: createBoardRunner({ store, pool }), tracking, keys: createKeyRing([{ key: KEY, tenant: 'A' }]) });
  const call = (path: string, init: { method?: string; body?: string; auth?: boolean } = {}) =>
    app.request(path, { method: init.method ?? 'GET', ...(init.body ? { body: init.body } : {}), headers: { ...(init.auth === false ? {} : { Authorization: `Bearer ${KEY}` }), 'Content-Type': 'application/json' } });
  return { app, db, store, tracking, call };
}

const withAddresses = () => {
  const p = tinyProblem();
  return {
    ...p,
    business: 'Buckeye Heating & Air',
    jobs: p.jobs!.map((j, i) => ({ ...j, location: { ...j.location, address: `${100 + i} Main St, Columbus` }, ...(j.id === 'J2' ? { status: 'en_route' as const } : {}) })),
  };
};

interface Resource {
  id: string;
  board: Board;
  timeLimitReached: boolean;
  tracking: { jobId: string; token: string; url: string }[];
}

describe('customer status links', () => {
  it('the board view lists one token per scheduled job; the link shows only that job, without auth', async () => {
    const { call, db } = setup();
    const problem = withAddresses();
    const created = await call('/v1/boards?wait=10', { method: 'POST', body: JSON.stringify(problem) });
    const res = (await created.json()) as Resource;
    expect(res.timeLimitReached).toBe(false);
    const scheduled = res.board.routes.flatMap((r) => r.stops.filter((s) => s.kind === 'job').map((s) => s.jobId));
    expect(res.tracking.map((t) => t.jobId).sort()).toEqual([...scheduled].sort());
    expect(res.tracking.map((t) => t.jobId)).not.toContain('J4'); // unassigned: no link
    for (const t of res.tracking) {
      expect(t.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes, base64url
      expect(t.url).toBe(`/v1/track/${t.token}`);
    }
    // only hashes are stored
    const rows = db.prepare('SELECT token_hash, job_id FROM tracking_tokens').all() as { token_hash: string; job_id: string }[];
    expect(rows.map((r) => r.token_hash).sort()).toEqual(res.tracking.map((t) => hashToken(t.token)).sort());
    expect(JSON.stringify(rows)).not.toContain(res.tracking[0]!.token);

    const j1 = res.tracking.find((t) => t.jobId === 'J1')!;
    const page = await call(j1.url, { auth: false });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const view = (await page.json()) as { business: string; status: string; eta: { start: string; end: string }; etaText: string };
    const stop = res.board.routes.flatMap((r) => r.stops).find((s) => s.jobId === 'J1')!;
    expect(view).toEqual({ business: 'Buckeye Heating & Air', status: 'Scheduled', eta: stop.eta, etaText: etaPhrase(stop.eta!.start, stop.eta!.end) });
    expect(view.etaText).toMatch(/^Monday between \d\d:\d\d and \d\d:\d\d$/); // 2026-03-02 is a Monday

    // nothing about anyone else: other job ids, addresses, technicians, the board
    const text = JSON.stringify(view);
    for (const other of problem.jobs.filter((j) => j.id !== 'J1')) {
      expect(text).not.toContain(`"${other.id}"`);
      expect(text).not.toContain(other.location.address);
    }
    expect(text).not.toContain(problem.jobs[0]!.location.address); // not even its own address
    for (const t of problem.technicians) expect(text).not.toContain(`"${t.id}"`);
    expect(text).not.toContain(res.id);

    const j2 = res.tracking.find((t) => t.jobId === 'J2');
    if (j2) expect(((await (await call(j2.url, { auth: false })).json()) as { status: string }).status).toBe('On the way');
  });

  it('tokens stay the same when the board is solved again; unknown tokens are 404 problem+json', async () => {
    const { call, store } = setup();
    const res = (await (await call('/v1/boards?wait=10', { method: 'POST', body: JSON.stringify(withAddresses()) })).json()) as Resource;
    // a re-solve of the same board (e.g. after live events) writes a new board
    store.markSolved(res.id, { ...res.board, createdAt: '2026-03-02T09:00:00-05:00' });
    const again = (await (await call(`/v1/boards/${res.id}`)).json()) as Resource;
    expect(again.tracking).toEqual(res.tracking);

    for (const bad of ['A'.repeat(43), 'short', `${res.tracking[0]!.token.slice(0, -1)}x`]) {
      const r = await call(`/v1/track/${bad}`, { auth: false });
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(await r.json()).toMatchObject({ type: '/problems/tracking_not_found', status: 404 });
    }
    // another tenant's API key changes nothing: the token alone decides
    expect((await call(res.tracking[0]!.url, { auth: false })).status).toBe(200);
  });

  it('labels follow the job status; done jobs show no ETA; cancelled jobs have no page', () => {
    const board = { routes: [{ stops: [{ kind: 'job', jobId: 'X', start: '2026-03-03T10:00:00-05:00', eta: { start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00' } }] }] } as unknown as Board;
    const view = (status: string) => customerView(JSON.stringify({ business: 'B', jobs: [{ id: 'X', status }] }), board, 'X');
    expect(['unscheduled', 'scheduled', 'en_route', 'on_site', 'waiting_on_parts', 'complete'].map((s) => view(s)?.status)).toEqual(['Scheduled', 'Scheduled', 'On the way', 'On site', 'Waiting on parts', 'Done']);
    expect(view('scheduled')).toMatchObject({ eta: { start: '2026-03-03T10:00:00-05:00' }, etaText: 'Tuesday between 10:00 and 11:00' });
    expect(view('complete')).toMatchObject({ eta: null });
    expect(view('cancelled')).toBeUndefined();
    expect(customerView(JSON.stringify({ jobs: [{ id: 'Y' }] }), board, 'Y')).toMatchObject({ business: null, status: 'Scheduled', eta: null });
  });
});
