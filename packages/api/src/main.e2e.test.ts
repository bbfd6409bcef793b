// End to end on a real server: 127.0.0.1, port 0, a real piscina pool (worker threads), a real
// SQLite file in a temp dir. Every board returned passes the solver's checker; a full queue is a
// 503 + Retry-After; a restart on the same file loses nothing, including a board caught mid-solve.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '@truckroll/solver';
import { holdingOsrm, osrmTinyJson, smallJson, tinyJson, verifyBoard } from './fixtures.test-helper.ts';
import { silentLogger } from './log.ts';
import { createKeyRing } from './middleware/auth.ts';
import { startServer, type RunningServer, type ServerConfig } from './main.ts';
import { createBoardStore } from './store/boards.ts';
import { openDb } from './store/db.ts';

const KEY = 'e2e-key-0123456789abcdef';
const keys = createKeyRing([{ key: KEY, tenant: 'acme' }]);
const dbFile = join(mkdtempSync(join(tmpdir(), 'truckroll-e2e-')), 'boards.db');
const config: ServerConfig = { host: '127.0.0.1', port: 0, dbFile, threads: 1, maxQueue: 1, keys, logger: silentLogger };

const auth = { Authorization: `Bearer ${KEY}` };
const postJson = (body: string) => ({ method: 'POST', body, headers: { ...auth, 'Content-Type': 'application/json' } });

async function poll<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a real server', { timeout: 30_000 }, () => {
  let server: RunningServer;
  let boardId = '';
  beforeAll(async () => {
    server = await startServer(config);
  });
  afterAll(async () => {
    await server.close();
  });

  it('is live and ready, and binds where it was told', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'Board', 'ProblemDetails']));
    expect(await (await fetch(`${server.url}/docs`)).text()).toContain('/docs/assets/swagger-ui-dist/swagger-ui-bundle.js');
  });

  it('solves datasets/small.json on a worker; the board passes the checker', async () => {
    const res = await fetch(`${server.url}/v1/solve?timeLimit=1`, postJson(smallJson()));
    expect(res.status).toBe(200);
    const board = (await res.json()) as Board;
    expect(board.kpis.jobsScheduled).toBeGreaterThan(0);
    expect(verifyBoard(smallJson(), board).violations).toEqual([]);
  });

  it('solves the tiny inline problem with ?check=1 and the checker agrees', async () => {
    const res = await fetch(`${server.url}/v1/solve?check=1`, postJson(tinyJson()));
    const { board, check } = (await res.json()) as { board: Board; check: { ok: boolean; violations: unknown[] } };
    expect(check).toMatchObject({ ok: true, violations: [] });
    expect(verifyBoard(tinyJson(), board).violations).toEqual([]);
  });

  it('stores a board with ?wait= (201) and answers problem+json errors over the wire', async () => {
    const res = await fetch(`${server.url}/v1/boards?wait=30&timeLimit=1`, postJson(smallJson()));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; status: string; date: string; board: Board };
    expect(body).toMatchObject({ status: 'solved', date: '2026-01-13' });
    expect(verifyBoard(smallJson(), body.board).violations).toEqual([]);
    boardId = body.id;

    const unauth = await fetch(`${server.url}/v1/boards/${boardId}`);
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get('content-type')).toBe('application/problem+json');
    const bad = await fetch(`${server.url}/v1/solve`, postJson('{"technicians": 1}'));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ pointer: '#/technicians' }] });
  });

  it('answers 503 + Retry-After when the thread is busy and the queue is full', async () => {
    const osrm = await holdingOsrm();
    try {
      const a = fetch(`${server.url}/v1/solve`, postJson(osrmTinyJson(osrm.url)));
      await osrm.waitForRequest();
      const b = fetch(`${server.url}/v1/solve`, postJson(osrmTinyJson(osrm.url)));
      await poll(() => fetch(`${server.url}/metrics`).then((r) => r.text()), (t) => t.includes('truckroll_pool_queue_size 1'));
      const c = await fetch(`${server.url}/v1/solve`, postJson(tinyJson()));
      expect(c.status).toBe(503);
      expect(Number(c.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await c.json()).toMatchObject({ type: '/problems/pool_full', status: 503 });
      osrm.release();
      for (const res of await Promise.all([a, b])) {
        expect(res.status).toBe(502);
        expect(await res.json()).toMatchObject({ status: 502, title: 'Travel model failed' });
      }
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toContain('truckroll_solves_total{outcome="rejected"} 1');
      expect(metrics).toMatch(/truckroll_solve_duration_seconds_count\{outcome="ok"\} [1-9]/);
      expect(metrics).toContain('truckroll_http_requests_total{method="POST",route="/v1/solve",status="503"} 1');
      expect(metrics).toMatch(/^nodejs_eventloop_lag_max_seconds \d/m);
    } finally {
      osrm.release();
      await osrm.close();
    }
  });

  it('after a restart on the same file, reads the board back and finishes a board caught mid-solve', async () => {
    // Accepted just before shutdown: close() lets it finish (or leaves it for recovery), never loses it.
    const late = (await (await fetch(`${server.url}/v1/boards`, postJson(tinyJson()))).json()) as { id: string };
    await server.close();
    // A board the "previous process" was solving when it died.
    const db = openDb(dbFile);
    const store = createBoardStore(db);
    const orphan = store.insert({ tenant: 'acme', date: '2026-03-02', problemJson: tinyJson() });
    store.markSolving(orphan.id);
    db.close();

    server = await startServer(config);
    const again = (await (await fetch(`${server.url}/v1/boards/${boardId}`, { headers: auth })).json()) as { status: string; board: Board };
    expect(again.status).toBe('solved');
    expect(verifyBoard(smallJson(), again.board).violations).toEqual([]);

    const finished = await poll(
      async () => (await (await fetch(`${server.url}/v1/boards/${orphan.id}`, { headers: auth })).json()) as { status: string; board: Board | null },
      (b) => b.status === 'solved' || b.status === 'failed',
    );
    expect(finished.status).toBe('solved');
    expect(verifyBoard(tinyJson(), finished.board!).violations).toEqual([]);

    const lateNow = await poll(
      async () => (await (await fetch(`${server.url}/v1/boards/${late.id}`, { headers: auth })).json()) as { status: string; board: Board | null },
      (b) => b.status === 'solved' || b.status === 'failed',
    );
    expect(lateNow.status).toBe('solved');
    expect(verifyBoard(tinyJson(), lateNow.board!).violations).toEqual([]);

    const list = (await (await fetch(`${server.url}/v1/boards?date=2026-01-13`, { headers: auth })).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toEqual([boardId]);
  });

  it('fails a board clearly when it was interrupted too many times', async () => {
    await server.close();
    const db = openDb(dbFile);
    const store = createBoardStore(db);
    const twice = store.insert({ tenant: 'acme', date: '2026-03-02', problemJson: tinyJson() });
    store.markSolving(twice.id);
    store.markSolving(twice.id);
    db.close();
    server = await startServer(config);
    const b = (await (await fetch(`${server.url}/v1/boards/${twice.id}`, { headers: auth })).json()) as { status: string; error: { code: string; detail: string } };
    expect(b).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    expect(b.error.detail).toContain('submit it again');
  });
});

describe('startServer safety', () => {
  it('refuses to listen beyond loopback without API keys', async () => {
    await expect(startServer({ ...config, host: '0.0.0.0', keys: undefined })).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without API keys/);
  });
});
