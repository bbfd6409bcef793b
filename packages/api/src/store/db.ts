// Opens the embedded SQLite database (better-sqlite3, WAL) and applies pending migrations in
// order, each in one transaction, recorded in `schema_migrations`. Migrations are append-only.
import Database from 'better-sqlite3';

export type Db = Database.Database;

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'boards and board_events',
    sql: `
      CREATE TABLE boards (
        id             TEXT PRIMARY KEY,
        tenant         TEXT NOT NULL,
        date           TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('queued', 'solving', 'solved', 'failed')),
        problem        TEXT NOT NULL,
        board          TEXT,
        error          TEXT,
        seed           INTEGER,
        time_limit_sec REAL,
        attempts       INTEGER NOT NULL DEFAULT 0,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE INDEX boards_by_tenant_date ON boards (tenant, date, created_at, id);
      CREATE INDEX boards_by_status ON boards (status);

      CREATE TABLE board_events (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        board_id   TEXT NOT NULL REFERENCES boards (id),
        seq        INTEGER NOT NULL,
        type       TEXT NOT NULL,
        payload    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (board_id, seq)
      );
      CREATE TRIGGER board_events_no_update BEFORE UPDATE ON board_events
        BEGIN SELECT RAISE(ABORT, 'board_events is append-only'); END;
      CREATE TRIGGER board_events_no_delete BEFORE DELETE ON board_events
        BEGIN SELECT RAISE(ABORT, 'board_events is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'time-limit flag and customer tracking tokens',
    sql: `
      ALTER TABLE boards ADD COLUMN time_limit_reached INTEGER NOT NULL DEFAULT 0;

      -- Only the SHA-256 of each customer status token is kept; one token per (board, job).
      CREATE TABLE tracking_tokens (
        token_hash TEXT PRIMARY KEY,
        tenant     TEXT NOT NULL,
        board_id   TEXT NOT NULL REFERENCES boards (id),
        job_id     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (board_id, job_id)
      );
    `,
  },
  {
    version: 3,
    name: 'live boards: the problem after events, and how many events the board reflects',
    sql: `
      ALTER TABLE boards ADD COLUMN live_problem TEXT;
      ALTER TABLE boards ADD COLUMN events_applied INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 4,
    name: 'idempotency keys',
    sql: `
      -- One row per (tenant, scope, Idempotency-Key): the request's fingerprint, what it stored
      -- (written in the same transaction), and the answer once it was sent. Kept for a day.
      CREATE TABLE idempotency_keys (
        tenant      TEXT NOT NULL,
        scope       TEXT NOT NULL,
        key         TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        ref         TEXT NOT NULL,
        answer      TEXT,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (tenant, scope, key)
      );
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
    `,
  },
];

/** Opens (creating if needed) `file` (`:memory:` for tests), WAL mode, migrated to the latest version. */
export function openDb(file: string, { migrations = MIGRATIONS }: { migrations?: readonly Migration[] } = {}): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
  return db;
}
