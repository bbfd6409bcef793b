// The board page in-process: auth as GET /v1/boards/{id} (Bearer, or ?key= for a browser link;
// another tenant's board is a 404), a self-contained page with every problem string escaped, and
// the polled fragment with an ETag that only a board change (store.replaceBoard) moves.
import { describe, expect, it } from 'vitest';
import type { Board } from '@truckroll/solver';
import { createApp } from '../app.ts';
import { createBoardRunner } from '../board-runner.ts';
import { inlinePool } from '../fixtures.test-helper.ts';
import { createKeyRing } from '../middleware/auth.ts';
import { createBoardStore } from '../store/boards.ts';
import { openDb } from '../store/db.ts';
import { createTrackingStore } from '../store/tracking.ts';
import { hostileProblem, selfContained, XSS_BUSINESS, XSS_JOB_ID, XSS_JOB_NAME, XSS_TECH_NAME } from './pages.test-helper.ts';
import { boardFragment, readStoredProblem } from './board-page.ts';
import { escapeHtml } from './html.ts';

const KEY_A = 'view-key-tenant-a-0123456789';
const KEY_B = 'view-key-tenant-b-0123456789';

async function setup() {
  const pool = inlinePool();
  const db = openDb(':memory:');
  const store = createBoardStore(db);
  const tracking = createTrackingStore(db, { secret: Buffer.alloc(32, 2) });
  const keys = createKeyRing([
    { key: KEY_A, tenant: 'A' },
    { key: KEY_B, tenant: 'B' },
  ]);
  const app = createApp({ pool, store, runner: createBoardRunner({ store, pool }), tracking, keys });
  const get = (path: string, headers: Record<string, string> = { Authorization: `Bearer ${KEY_A}` }) => app.request(path, { headers });
  const created = await app.request('/v1/boards?wait=10', { method: 'POST', body: JSON.stringify(hostileProblem()), headers: { Authorization: `Bearer ${KEY_A}`, 'Content-Type': 'application/json' } });
  const res = (await created.json()) as { id: string; board: Board };
  return { app, store, get, id: res.id, board: res.board };
}

describe('GET /v1/boards/{id}/view', () => {
  it('authenticates like the API: Bearer or ?key=, tenant-scoped', async () => {
    const { get, id } = await setup();
    const ok = await get(`/v1/boards/${id}/view`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect((await get(`/v1/boards/${id}/view?key=${KEY_A}`, {})).status).toBe(200);
    const missing = await get(`/v1/boards/${id}/view`, {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ type: '/problems/unauthorized', detail: expect.stringContaining('?key=') });
    expect((await get(`/v1/boards/${id}/view?key=wrong-key-0123456789`, {})).status).toBe(401);
    expect((await get(`/v1/boards/${id}/view?key=`, {})).status).toBe(401);
    // another tenant's key: 404, as for the JSON board
    expect((await get(`/v1/boards/${id}/view?key=${KEY_B}`, {})).status).toBe(404);
    expect((await get(`/v1/boards/${id}`, { Authorization: `Bearer ${KEY_B}` })).status).toBe(404);
    expect((await get('/v1/boards/brd_nope/view')).status).toBe(404);
    // ?key= is for the page only: the JSON API still wants the header
    expect((await get(`/v1/boards/${id}?key=${KEY_A}`, {})).status).toBe(401);
  });

  it('is one self-contained document with a strict CSP, and escapes every problem string', async () => {
    const { get, id } = await setup();
    const res = await get(`/v1/boards/${id}/view`);
    const body = await res.text();
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[\w+/=]+'; script-src 'sha256-[\w+/=]+'; connect-src 'self'/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(selfContained(body)).toEqual({ ok: true, offending: [] });
    expect(body).toMatch(/^<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport"/);
    expect(body.match(/<script\b/g)).toHaveLength(1);
    expect(body.match(/<style\b/g)).toHaveLength(1);
    expect(body).not.toContain('<script>window.__pwned');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<i>Main</i>');
    expect(body).not.toContain('style="');
    expect(body).not.toContain(XSS_JOB_ID);
    expect(body).not.toContain("<b id='x'>");
    expect(body).toContain(`data-job="${escapeHtml(XSS_JOB_ID)}"`);
    expect(body).toContain(escapeHtml(XSS_JOB_NAME));
    expect(body).toContain(escapeHtml(XSS_TECH_NAME).slice(0, 20));
    expect(body).toContain(`<title>Dispatch board — ${escapeHtml(XSS_BUSINESS)}, 2026-03-02</title>`);
    // a row per technician, a polyline per used route, the unassigned job with its reason
    expect(body.match(/data-tech-row=/g)).toHaveLength(2);
    expect(body).toMatch(/<svg class="timeline" role="img" aria-label="Timeline of 2 technicians/);
    expect(body).toMatch(/<svg class="map" role="img" aria-label="Map of the service area/);
    expect(body).toMatch(/<tr data-job="J4" data-placement="unassigned"><th scope="row">J4<\/th>.*No technician has the skills/);
  });

  it('serves the polled fragment with an ETag: 304 until the board changes, then the new board', async () => {
    const { get, store, id, board } = await setup();
    const page = await (await get(`/v1/boards/${id}/view`)).text();
    const etag = /data-etag="([^"]+)"/.exec(page)![1]!.replaceAll('&quot;', '"');
    const frag = await get(`/v1/boards/${id}/view?part=board`);
    expect(frag.status).toBe(200);
    expect(frag.headers.get('etag')).toBe(etag);
    const fragment = await frag.text();
    expect(fragment).not.toContain('<html');
    expect(page).toContain(fragment);
    expect((await get(`/v1/boards/${id}/view?part=board`, { Authorization: `Bearer ${KEY_A}`, 'If-None-Match': etag })).status).toBe(304);
    expect((await get(`/v1/boards/${id}/view?part=board`, { Authorization: `Bearer ${KEY_B}`, 'If-None-Match': etag })).status).toBe(404);

    // move J1's planned start by 30 minutes through the store
    const moved = structuredClone(board);
    const stop = moved.routes.flatMap((r) => r.stops).find((s) => s.jobId === 'J1')!;
    stop.start = stop.start.replace(/T(\d\d):/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}:`);
    const before = store.get('A', id)!.updatedAt;
    expect(store.replaceBoard('B', id, moved)).toBeUndefined();
    const after = store.replaceBoard('A', id, moved)!;
    expect(after.updatedAt > before).toBe(true);
    const changed = await get(`/v1/boards/${id}/view?part=board`, { Authorization: `Bearer ${KEY_A}`, 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe(`W/"${after.updatedAt}"`);
    expect(await changed.text()).toContain(`data-start="${stop.start}"`);
  });

  it('replaceBoard and every status change move updatedAt strictly forward even within one clock tick', () => {
    const store = createBoardStore(openDb(':memory:'), { now: () => '2026-03-02T10:00:00.000Z' });
    const r = store.insert({ tenant: 'A', date: '2026-03-02', problemJson: '{}' });
    const board = { routes: [] } as unknown as Board;
    const a = store.replaceBoard('A', r.id, board)!;
    const b = store.replaceBoard('A', r.id, board)!;
    expect([r.updatedAt, a.updatedAt, b.updatedAt]).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00.001Z', '2026-03-02T10:00:00.002Z']);
    expect(b).toMatchObject({ status: 'solved', board });
    // so does every status change (the page and its cache key on it)
    store.markSolving(r.id);
    store.markFailed(r.id, { code: 'x', detail: 'y' });
    store.requeue(r.id);
    store.markSolved(r.id, board);
    expect(store.updatedAtOf('A', r.id)).toBe('2026-03-02T10:00:00.006Z');
  });

  it('says so while the board is still solving', async () => {
    const pool = inlinePool();
    const release = pool.hold();
    const db = openDb(':memory:');
    const store = createBoardStore(db);
    const app = createApp({ pool, store, runner: createBoardRunner({ store, pool }) });
    const created = (await (await app.request('/v1/boards', { method: 'POST', body: JSON.stringify(hostileProblem()), headers: { 'Content-Type': 'application/json' } })).json()) as { id: string };
    const body = await (await app.request(`/v1/boards/${created.id}/view`)).text();
    expect(body).toMatch(/The board is (queued|solving); this page shows it as soon as it is ready/);
    release();
  });
});

describe('readStoredProblem', () => {
  it('fills defaults, and still reads a problem the schema no longer takes (board shown by ids)', async () => {
    expect(readStoredProblem(JSON.stringify(hostileProblem())).jobs[0]!.priority).toBe('normal');
    const drifted = readStoredProblem(JSON.stringify({ ...hostileProblem(), unknownField: 1 }));
    expect(drifted).toMatchObject({ business: XSS_BUSINESS, technicians: [], jobs: [] });
    const { board } = await setup();
    const record = { id: 'brd_x', date: '2026-03-02', status: 'solved' as const, updatedAt: '2026-03-02T10:00:00.000Z', board, error: null, problemJson: '{"technicians": 3}' };
    const fragment = boardFragment({ record });
    expect(fragment.match(/data-tech-row=/g)).toHaveLength(board.routes.length);
    expect(fragment).toContain('data-job="J1"');
  });
});
