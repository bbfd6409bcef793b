// Durability: a real server process (node bin/truckroll.mjs serve) on a real SQLite file takes a
// stream of live events; it is killed with SIGKILL mid-stream and restarted on the same file.
// Every event that was acknowledged (200) is still in the log, in order, and once the restarted
// server has caught up the board reflects every stored event and passes the checker against the
// problem they left behind. The request in flight at the kill, retried with its Idempotency-Key,
// is stored exactly once. A SIGTERM with a solve in flight answers it, exits 0 and closes the
// database cleanly.
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoard, parseProblemText, type Board } from '@truckroll/solver';
import { smallJson } from './fixtures.test-helper.ts';
import { exited, killAll, startServeProcess } from './serve-process.test-helper.ts';
import { createBoardStore } from './store/boards.ts';
import { openDb } from './store/db.ts';

const dbFile = join(mkdtempSync(join(tmpdir(), 'truckroll-kill-')), 'boards.db');
const start = (db = dbFile) => startServeProcess(db);

afterAll(killAll);

// a request that hangs fails with its own message, not as the test's timeout
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers }, signal: AbortSignal.timeout(45_000) });

describe('kill -9 while taking events', { timeout: 120_000 }, () => {
  it('loses no acknowledged event and comes back consistent', async () => {
    const first = await start();
    const created = await post(`${first.url}/v1/boards?wait=30&timeLimit=1`, JSON.parse(smallJson()));
    expect(created.status).toBe(201);
    const { id, board } = (await created.json()) as { id: string; board: Board };

    // a stream of events: each planned job starts and finishes, in plan order across technicians
    const stream: unknown[] = [];
    for (const r of board.routes) {
      for (const s of r.stops) {
        if (s.kind !== 'job') continue;
        stream.push({ type: 'job_started', at: s.start, jobId: s.jobId, technicianId: r.technicianId });
        stream.push({ type: 'job_finished', at: s.end, jobId: s.jobId });
      }
      if (stream.length > 40) break;
    }
    const acknowledged: number[] = [];
    let sent = 0;
    // fire events one after another; kill the server after a few acknowledgements, with one in flight
    const killAfter = 6;
    // each event with its own Idempotency-Key, as a client that retries would send them
    const keyOf = (i: number) => ({ 'Idempotency-Key': `evt-${i}` });
    for (const [i, e] of stream.entries()) {
      const inFlight = post(`${first.url}/v1/boards/${id}/events`, { events: [e] }, keyOf(i));
      sent++;
      if (acknowledged.length === killAfter) {
        first.child.kill('SIGKILL');
        await inFlight.catch(() => undefined);
        break;
      }
      const res = await inFlight;
      expect(res.status).toBe(200);
      acknowledged.push(...((await res.json()) as { seqs: number[] }).seqs);
    }
    await exited(first.child);
    expect(acknowledged).toEqual([1, 2, 3, 4, 5, 6]);

    const second = await start();
    const log = (await (await fetch(`${second.url}/v1/boards/${id}/events`, { signal: AbortSignal.timeout(45_000) })).json()) as { items: { seq: number; event: { type: string; jobId: string } }[]; eventsApplied: number };
    const seqs = log.items.map((e) => e.seq);
    for (const s of acknowledged) expect(seqs).toContain(s);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // append-only, no gaps
    // the stored events are the ones sent, in order
    log.items.forEach((e, i) => expect(e.event.jobId).toBe((stream[i] as { jobId: string }).jobId));
    expect(sent).toBeGreaterThanOrEqual(log.items.length);

    // the board caught up with every stored event and is consistent with the problem they leave
    expect(log.eventsApplied).toBe(seqs.at(-1));

    // the client retries the request that was in flight, with its key: stored once, whether or not the killed server had stored it
    const retried = await post(`${second.url}/v1/boards/${id}/events`, { events: [stream[killAfter]] }, keyOf(killAfter));
    expect(retried.status).toBe(200);
    expect(retried.headers.get('Idempotent-Replayed')).toBe(log.items.length > killAfter ? 'true' : null);
    expect(((await retried.json()) as { seqs: number[] }).seqs).toEqual([killAfter + 1]);
    // and a retry of an acknowledged one changes nothing
    expect((await post(`${second.url}/v1/boards/${id}/events`, { events: [stream[0]] }, keyOf(0))).headers.get('Idempotent-Replayed')).toBe('true');
    const after = (await (await fetch(`${second.url}/v1/boards/${id}/events`, { signal: AbortSignal.timeout(45_000) })).json()) as typeof log;
    expect(after.items.map((e) => e.event.jobId)).toEqual(stream.slice(0, killAfter + 1).map((e) => (e as { jobId: string }).jobId));
    second.child.kill('SIGTERM');
    await exited(second.child);
    const store = createBoardStore(openDb(dbFile));
    const record = store.get('default', id)!;
    expect(record.eventsApplied).toBe(after.items.at(-1)!.seq);
    const check = checkBoard(parseProblemText(record.liveProblemJson!), record.board!);
    expect(check.violations).toEqual([]);
    const completed = parseProblemText(record.liveProblemJson!).jobs.filter((j) => j.status === 'complete').length;
    expect(completed).toBe(after.items.filter((e) => e.event.type === 'job_finished').length);
  });
});

describe('SIGTERM with a solve in flight', { timeout: 120_000 }, () => {
  it('answers the solve, stops taking connections, exits 0 and closes the database cleanly', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'truckroll-term-')), 'boards.db');
    const server = await start(db);
    const inFlight = post(`${server.url}/v1/solve?timeLimit=2`, JSON.parse(smallJson()));
    // the solve is on the worker when the signal comes
    await new Promise((r) => setTimeout(r, 700));
    server.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    const board = (await res.json()) as Board;
    expect(checkBoard(parseProblemText(smallJson()), board).violations).toEqual([]);
    await exited(server.child);
    expect(server.child.exitCode).toBe(0);
    await expect(fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
    const lines = server
      .log()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(lines.indexOf('shutting down')).toBeGreaterThan(lines.indexOf('listening'));
    expect(lines.at(-1)).toBe('stopped');
    // closed cleanly: SQLite checkpointed the write-ahead log into the file and removed it
    expect(existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0).toBe(0);
    expect(existsSync(`${db}-shm`)).toBe(false);
  });
});
