// End to end on a real 127.0.0.1 server with real workers and a SQLite file: POST /v1/vroom (the
// example and a VROOM-shaped error), customer status links that survive a restart on the same
// file, and a solve that outlives its limit marked by the Truckroll-Time-Limit-Reached header.
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '@truckroll/solver';
import { tinyProblem, verifyBoard } from './fixtures.test-helper.ts';
import { bigProblemJson } from './limits.test-helper.ts';
import { silentLogger } from './log.ts';
import { createKeyRing } from './middleware/auth.ts';
import { startServer, type RunningServer, type ServerConfig } from './main.ts';
import { vroomExample } from './vroom/example.test-helper.ts';
import type { VroomOutput } from './vroom/schema.ts';

const KEY = 'e2e-vroom-key-0123456789';
const dbFile = join(mkdtempSync(join(tmpdir(), 'truckroll-e2e-track-')), 'boards.db');
const config: ServerConfig = { host: '127.0.0.1', port: 0, dbFile, threads: 1, maxQueue: 2, keys: createKeyRing([{ key: KEY, tenant: 'acme' }]), logger: silentLogger };
const postJson = (body: string) => ({ method: 'POST', body, headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' } });

describe('a real server: VROOM, status links, time limits', { timeout: 30_000 }, () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(config);
  });
  afterAll(async () => {
    await server.close();
  });

  it('POST /v1/vroom solves the example on a worker and answers VROOM’s format', async () => {
    const res = await fetch(`${server.url}/v1/vroom?timeLimit=0.5`, postJson(JSON.stringify(vroomExample())));
    expect(res.status).toBe(200);
    const out = (await res.json()) as VroomOutput;
    expect(out.code).toBe(0);
    expect(out.unassigned).toEqual([{ id: 5, type: 'job', location: [-83.06, 40.01], reason: 'no_skilled_technician' }]);
    expect(out.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id)).sort()).toEqual([1, 2, 3, 4, 6]);

    const bad = await fetch(`${server.url}/v1/vroom`, postJson(JSON.stringify({ ...vroomExample(), shipments: [{}] })));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/json');
    expect(await bad.json()).toEqual({ code: 2, error: expect.stringContaining('shipments are not supported') });
    const unauth = await fetch(`${server.url}/v1/vroom`, { method: 'POST', body: '{}' });
    expect(unauth.status).toBe(401);
    expect(await unauth.json()).toMatchObject({ code: 2 });
  });

  it('status links: token from the board view, page without auth, 404 for unknown, same after a restart', async () => {
    const problem = { ...tinyProblem(), business: 'Buckeye Heating & Air' };
    const res = await fetch(`${server.url}/v1/boards?wait=20&timeLimit=0.5`, postJson(JSON.stringify(problem)));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; board: Board; tracking: { jobId: string; token: string; url: string }[]; timeLimitReached: boolean };
    expect(verifyBoard(JSON.stringify(problem), body.board).violations).toEqual([]);
    expect(body.timeLimitReached).toBe(false);
    const link = body.tracking.find((t) => t.jobId === 'J1')!;
    const page = await fetch(`${server.url}${link.url}`);
    expect(page.status).toBe(200);
    const view = (await page.json()) as Record<string, unknown>;
    expect(Object.keys(view).sort()).toEqual(['business', 'eta', 'etaText', 'status']);
    expect(view).toMatchObject({ business: 'Buckeye Heating & Air', status: 'Scheduled' });
    expect(JSON.stringify(view)).not.toMatch(/"(J2|J3|J4|T1|T2)"/);
    const unknown = await fetch(`${server.url}/v1/track/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');

    // the HMAC key lives next to the database, 0600; a restart on the same file keeps every link
    expect(existsSync(`${dbFile}.tracking-key`)).toBe(true);
    expect(statSync(`${dbFile}.tracking-key`).mode & 0o777).toBe(0o600);
    await server.close();
    server = await startServer(config);
    const after = await fetch(`${server.url}${link.url}`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual(view);
    const again = (await (await fetch(`${server.url}/v1/boards/${body.id}`, { headers: { Authorization: `Bearer ${KEY}` } })).json()) as { tracking: unknown };
    expect(again.tracking).toEqual(body.tracking);
  });

  it('a solve that outlives its limit returns its best board so far, marked by a header', async () => {
    const json = bigProblemJson(3000, 10);
    const res = await fetch(`${server.url}/v1/solve?timeLimit=0.01`, postJson(json));
    expect(res.status).toBe(200);
    expect(res.headers.get('truckroll-time-limit-reached')).toBe('true');
    expect(verifyBoard(json, (await res.json()) as Board).violations).toEqual([]);
    const quick = await fetch(`${server.url}/v1/solve?timeLimit=0.3`, postJson(JSON.stringify(tinyProblem())));
    expect(quick.status).toBe(200);
    expect(quick.headers.get('truckroll-time-limit-reached')).toBeNull();
  });
});
