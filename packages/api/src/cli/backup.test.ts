// `truckroll backup` against a running server (127.0.0.1, SQLite file, worker pool): the copy holds
// every board and event, passes SQLite's integrity check, and a server started on it (the restore)
// serves the same board and the same customer links. Usage and refusal errors.
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Board } from '@truckroll/solver';
import { smallJson } from '../fixtures.test-helper.ts';
import { silentLogger } from '../log.ts';
import { startServer, type RunningServer } from '../main.ts';
import { backupCommand } from './backup.ts';

const dir = mkdtempSync(join(tmpdir(), 'truckroll-backup-'));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

describe('truckroll backup', () => {
  it('copies a running server’s database and tracking key; a server on the copy serves the same board and links', async () => {
    const dbFile = join(dir, 'live.db');
    const server = await startServer({ host: '127.0.0.1', port: 0, dbFile, threads: 1, maxQueue: 2, logger: silentLogger });
    servers.push(server);
    const created = await post(`${server.url}/v1/boards?wait=30&timeLimit=1`, smallJson());
    expect(created.status).toBe(201);
    const { id, board, tracking } = (await created.json()) as { id: string; board: Board; tracking: { jobId: string; url: string }[] };
    const first = board.routes.flatMap((r) => r.stops).find((s) => s.kind === 'job')!.jobId!;
    expect((await post(`${server.url}/v1/boards/${id}/events`, { events: [{ type: 'job_cancelled', at: board.routes[0]!.stops[0]!.start, jobId: first }] })).status).toBe(200);

    const copy = join(dir, 'copy.db');
    const h = io();
    expect(await backupCommand(['--db', dbFile, '--out', copy], h.io)).toBe(0);
    expect(h.out.join('')).toMatch(/1 board\(s\), 1 event\(s\), .* integrity ok/);
    expect(h.out.join('')).toContain(`${copy}.tracking-key`);
    expect(statSync(`${copy}.tracking-key`).mode & 0o777).toBe(0o600);
    // the server kept running and still answers
    expect((await fetch(`${server.url}/v1/boards/${id}`)).status).toBe(200);

    // restore: a server on the copy
    const restored = await startServer({ host: '127.0.0.1', port: 0, dbFile: copy, threads: 1, maxQueue: 2, logger: silentLogger });
    servers.push(restored);
    const [a, b] = await Promise.all([server, restored].map(async (s) => (await (await fetch(`${s.url}/v1/boards/${id}`)).json()) as { board: Board; tracking: { url: string }[] }));
    expect(b!.board).toEqual(a!.board);
    expect(b!.tracking.map((t) => t.url)).toEqual(a!.tracking.map((t) => t.url));
    expect((await fetch(`${restored.url}${tracking.find((t) => t.jobId !== first)!.url}`)).status).toBe(200);
    const log = (await (await fetch(`${restored.url}/v1/boards/${id}/events`)).json()) as { items: { seq: number }[] };
    expect(log.items.map((e) => e.seq)).toEqual([1]);
  }, 60_000);

  it('refuses to overwrite without --force, a missing database, and bad usage', async () => {
    const taken = join(dir, 'taken.db');
    writeFileSync(taken, 'not a database');
    const source = join(dir, 'src.db');
    const s = await startServer({ host: '127.0.0.1', port: 0, dbFile: source, threads: 1, maxQueue: 1, logger: silentLogger });
    servers.push(s);

    const refused = io();
    expect(await backupCommand(['--db', source, '--out', taken], refused.io)).toBe(1);
    expect(refused.err.join('')).toContain('exists; pass --force');
    const forced = io();
    expect(await backupCommand(['--db', source, '--out', taken, '--force'], forced.io)).toBe(0);
    expect(forced.out.join('')).toMatch(/0 board\(s\), 0 event\(s\)/);

    const missing = io();
    expect(await backupCommand(['--db', join(dir, 'nope.db'), '--out', join(dir, 'x.db')], missing.io)).toBe(1);
    expect(missing.err.join('')).toContain('no database at');
    expect(existsSync(join(dir, 'x.db'))).toBe(false);

    const usage = io();
    expect(await backupCommand(['--db', source], usage.io)).toBe(2);
    expect(usage.err.join('')).toContain('--out FILE is required');
    expect(await backupCommand(['--bogus'], io().io)).toBe(2);
  });
});
