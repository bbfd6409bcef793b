// The SQLite store on a real file: WAL, migrations applied once, board_events append-only,
// boards scoped by tenant and paginated by (created_at, id).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBoardStore, decodeCursor } from './boards.ts';
import { MIGRATIONS, openDb } from './db.ts';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'truckroll-store-')), 'test.db');

describe('openDb', () => {
  it('uses WAL and applies each migration once, across reopenings', () => {
    const file = tempDb();
    const db = openDb(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openDb(file);
    const versions = again.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    const tables = again.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['boards', 'board_events', 'schema_migrations']));
    again.close();
  });

  it('keeps board_events append-only', () => {
    const db = openDb(tempDb());
    const store = createBoardStore(db);
    const b = store.insert({ tenant: 't', date: '2026-03-02', problemJson: '{}' });
    db.prepare(`INSERT INTO board_events (board_id, seq, type, payload, created_at) VALUES (?, 1, 'created', '{}', 'now')`).run(b.id);
    expect(() => db.prepare('UPDATE board_events SET type = ?').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM board_events').run()).toThrow(/append-only/);
    expect(() => db.prepare(`INSERT INTO board_events (board_id, seq, type, payload, created_at) VALUES (?, 1, 'dup', '{}', 'now')`).run(b.id)).toThrow(/UNIQUE/);
    db.close();
  });
});

describe('createBoardStore', () => {
  it('never returns another tenant’s board', () => {
    const store = createBoardStore(openDb(':memory:'));
    const a = store.insert({ tenant: 'A', date: '2026-03-02', problemJson: '{}', seed: 3, timeLimitSec: 2 });
    expect(a).toMatchObject({ status: 'queued', seed: 3, timeLimitSec: 2, attempts: 0, board: null });
    expect(a.id).toMatch(/^brd_[\w-]{22}$/);
    expect(store.get('A', a.id)?.id).toBe(a.id);
    expect(store.get('B', a.id)).toBeUndefined();
    expect(store.listByDate('B', '2026-03-02', { limit: 10 }).items).toEqual([]);
  });

  it('pages a day oldest first with an opaque cursor', () => {
    let t = 0;
    const store = createBoardStore(openDb(':memory:'), { now: () => new Date(Date.UTC(2026, 2, 2, 0, 0, t++)).toISOString() });
    const ids = Array.from({ length: 5 }, () => store.insert({ tenant: 'A', date: '2026-03-02', problemJson: '{}' }).id);
    store.insert({ tenant: 'A', date: '2026-03-03', problemJson: '{}' });
    const p1 = store.listByDate('A', '2026-03-02', { limit: 2 });
    expect(p1.items.map((b) => b.id)).toEqual(ids.slice(0, 2));
    const p2 = store.listByDate('A', '2026-03-02', { limit: 2, cursor: decodeCursor(p1.nextCursor!)! });
    const p3 = store.listByDate('A', '2026-03-02', { limit: 2, cursor: decodeCursor(p2.nextCursor!)! });
    expect([...p2.items, ...p3.items].map((b) => b.id)).toEqual(ids.slice(2));
    expect(p3.nextCursor).toBeNull();
    expect(decodeCursor('not-a-cursor')).toBeUndefined();
  });

  it('records solving, solved and failed, and lists unfinished boards', () => {
    const store = createBoardStore(openDb(':memory:'));
    const a = store.insert({ tenant: 'A', date: '2026-03-02', problemJson: '{}' });
    const b = store.insert({ tenant: 'A', date: '2026-03-02', problemJson: '{}' });
    store.markSolving(a.id);
    store.markSolving(b.id);
    store.markFailed(b.id, { code: 'x', detail: 'y' });
    expect(store.get('A', a.id)).toMatchObject({ status: 'solving', attempts: 1 });
    expect(store.get('A', b.id)).toMatchObject({ status: 'failed', error: { code: 'x', detail: 'y' } });
    expect(store.unfinished().map((r) => r.id)).toEqual([a.id]);
  });
});
