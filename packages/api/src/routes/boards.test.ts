// /v1/boards in-process (in-thread pool, in-memory SQLite, the real runner): 202 + Location,
// ?wait=, reads, paging by date, where a job stands, tenancy (404 across tenants) and 401s.
import { describe, expect, it } from 'vitest';
import type { Board } from '@truckroll/solver';
import { createApp } from '../app.ts';
import { createBoardRunner } from '../board-runner.ts';
import { inlinePool, KEY_A, KEY_B, tinyJson, tinyProblem, twoTenants, verifyBoard } from '../fixtures.test-helper.ts';
import { createBoardStore } from '../store/boards.ts';
import { openDb } from '../store/db.ts';


function setup({ full = false } = {}) {
  const pool = inlinePool({ full });
  const store = createBoardStore(openDb(':memory:'));
  const runner = createBoardRunner({ store, pool });
  const keys = twoTenants();
  const app = createApp({ pool, store, runner, keys });
  const call = (path: string, { key = KEY_A, method = 'GET', body }: { key?: string | null; method?: string; body?: string } = {}) =>
    app.request(path, {
      method,
      ...(body === undefined ? {} : { body }),
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    });
  return { app, pool, store, runner, call };
}

interface Resource {
  id: string;
  date: string;
  status: string;
  board: Board | null;
  error: { code: string; detail: string } | null;
}

describe('/v1/boards', () => {
  it('POST answers 202 + Location; the board is then solved and readable', async () => {
    const { call, runner } = setup();
    const res = await call('/v1/boards', { method: 'POST', body: tinyJson() });
    expect(res.status).toBe(202);
    const created = (await res.json()) as Resource;
    expect(res.headers.get('Location')).toBe(`/v1/boards/${created.id}`);
    expect(res.headers.get('Retry-After')).toBe('1');
    expect(created).toMatchObject({ date: '2026-03-02', board: null });
    await runner.idle();
    const got = await call(res.headers.get('Location')!);
    expect(got.status).toBe(200);
    const body = (await got.json()) as Resource;
    expect(body.status).toBe('solved');
    expect(verifyBoard(tinyJson(), body.board!).violations).toEqual([]);
  });

  it('GET answers 304 to the ETag of an unchanged board, and the new board once it changes', async () => {
    const { call, app, store, runner, pool } = setup();
    const release = pool.hold();
    const created = (await (await call('/v1/boards', { method: 'POST', body: tinyJson() })).json()) as Resource;
    const get = (etag: string, key = KEY_A) => app.request(`/v1/boards/${created.id}`, { headers: { Authorization: `Bearer ${key}`, 'If-None-Match': etag } });
    const queued = await call(`/v1/boards/${created.id}`);
    const first = queued.headers.get('ETag')!;
    expect(first).toMatch(/^W\/"/);
    expect(((await queued.json()) as Resource).board).toBeNull();
    release();
    await runner.idle();
    // solved since: the old ETag gets the new board
    const solved = await get(first);
    expect(solved.status).toBe(200);
    expect(((await solved.json()) as Resource).status).toBe('solved');
    const etag = solved.headers.get('ETag')!;
    expect(etag).not.toBe(first);
    const same = await get(etag);
    expect(same.status).toBe(304);
    expect(same.headers.get('ETag')).toBe(etag);
    expect(await same.text()).toBe('');
    // another tenant learns nothing from an ETag
    expect((await get(etag, KEY_B)).status).toBe(404);
    // a re-plan moves it
    store.replaceBoard('A', created.id, store.get('A', created.id)!.board!);
    expect((await get(etag)).status).toBe(200);
  });

  it('POST ?wait= answers 201 with the finished board', async () => {
    const { call } = setup();
    const res = await call('/v1/boards?wait=10&seed=5', { method: 'POST', body: tinyJson() });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Resource;
    expect(body.status).toBe('solved');
    expect(body.board?.solver.seed).toBe(5);
    expect(res.headers.get('Location')).toBe(`/v1/boards/${body.id}`);
  });

  it('POST validates like /v1/solve and stores nothing on error or when the pool is full', async () => {
    const { call, store } = setup();
    const bad = await call('/v1/boards', { method: 'POST', body: JSON.stringify({ ...tinyProblem(), technicians: [{ id: 'T1' }] }) });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(['#/technicians/0/start', '#/technicians/0/shift']);
    expect(store.listByDate('A', '2026-03-02', { limit: 10 }).items).toEqual([]);

    const full = setup({ full: true });
    const res = await full.call('/v1/boards', { method: 'POST', body: tinyJson() });
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('7');
    expect(full.store.listByDate('A', '2026-03-02', { limit: 10 }).items).toEqual([]);
  });

  it('a failed solve is stored as failed with its reason', async () => {
    const { call, pool } = setup();
    pool.solve = () => Promise.reject(new Error('boom'));
    const res = await call('/v1/boards?wait=5', { method: 'POST', body: tinyJson() });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'failed', board: null, error: { code: 'internal' } });
  });

  it('lists a day’s boards, paginated, and rejects a bad date or cursor', async () => {
    const { call, runner } = setup();
    for (let i = 0; i < 3; i++) await call('/v1/boards', { method: 'POST', body: tinyJson() });
    await call('/v1/boards?date=2026-03-09', { method: 'POST', body: tinyJson() });
    await runner.idle();
    const p1 = await call('/v1/boards?date=2026-03-02&limit=2');
    const page1 = (await p1.json()) as { items: { id: string; status: string; jobsScheduled: number }[]; nextCursor: string };
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toMatchObject({ status: 'solved', jobsScheduled: 3, jobsUnassigned: 1 });
    const page2 = (await (await call(`/v1/boards?date=2026-03-02&limit=2&cursor=${page1.nextCursor}`)).json()) as { items: unknown[]; nextCursor: null };
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(((await (await call('/v1/boards?date=2026-03-09')).json()) as { items: unknown[] }).items).toHaveLength(1);
    const badDate = await call('/v1/boards?date=March');
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toMatchObject({ errors: [{ pointer: '#/date', detail: 'date must be YYYY-MM-DD', in: 'query' }] });
    expect((await call('/v1/boards?date=2026-03-02&cursor=zzz')).status).toBe(400);
  });

  it('says where a job stands: technician and ETA, or why it is unassigned', async () => {
    const { call } = setup();
    const { id, board } = (await (await call('/v1/boards?wait=10', { method: 'POST', body: tinyJson() })).json()) as Resource;
    const stop = board!.routes.flatMap((r) => r.stops.map((s) => ({ ...s, technicianId: r.technicianId }))).find((s) => s.jobId === 'J1')!;
    const j1 = await call(`/v1/boards/${id}/jobs/J1`);
    expect(j1.status).toBe(200);
    expect(await j1.json()).toMatchObject({ boardId: id, jobId: 'J1', state: 'assigned', technicianId: stop.technicianId, plannedStart: stop.start, eta: stop.eta });
    expect(await (await call(`/v1/boards/${id}/jobs/J4`)).json()).toMatchObject({ state: 'unassigned', reason: 'no_skilled_technician', closest: [{ blocker: 'skill' }, { blocker: 'skill' }] });
    const missing = await call(`/v1/boards/${id}/jobs/J99`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: '/problems/job_not_found' });
  });

  it('a job on a board still solving is a 409 with Retry-After', async () => {
    const { call, runner, pool } = setup();
    const release = pool.hold();
    const res = await call('/v1/boards', { method: 'POST', body: tinyJson() });
    const { id } = (await res.json()) as Resource;
    const early = await call(`/v1/boards/${id}/jobs/J1`);
    expect(early.status).toBe(409);
    expect(early.headers.get('Retry-After')).toBe('1');
    expect(await early.json()).toMatchObject({ type: '/problems/board_not_solved', detail: `board ${id} is still solving` });
    const board = await call(`/v1/boards/${id}`);
    expect(board.headers.get('Retry-After')).toBe('1');
    expect(await board.json()).toMatchObject({ status: 'solving', board: null });
    release();
    await runner.idle();
    expect((await call(`/v1/boards/${id}/jobs/J1`)).status).toBe(200);
  });

  it('one tenant never sees another tenant’s board: 404, not 403', async () => {
    const { call } = setup();
    const { id } = (await (await call('/v1/boards?wait=10', { method: 'POST', body: tinyJson() })).json()) as Resource;
    const other = await call(`/v1/boards/${id}`, { key: KEY_B });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ type: '/problems/board_not_found' });
    expect((await call(`/v1/boards/${id}/jobs/J1`, { key: KEY_B })).status).toBe(404);
    expect(((await (await call('/v1/boards?date=2026-03-02', { key: KEY_B })).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await call(`/v1/boards/${id}`)).status).toBe(200);
  });

  it('refuses requests without a valid key with 401 problem+json and a challenge', async () => {
    const { call } = setup();
    for (const key of [null, 'wrong-key-0123456789abcdef']) {
      const res = await call('/v1/boards?date=2026-03-02', { key });
      expect(res.status).toBe(401);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json');
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="truckroll"/);
      expect(await res.json()).toMatchObject({ type: '/problems/unauthorized', status: 401 });
    }
    const malformed = await setup().app.request('/v1/solve', { method: 'POST', headers: { Authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
    expect(malformed.headers.get('WWW-Authenticate')).toContain('invalid_request');
  });
});
