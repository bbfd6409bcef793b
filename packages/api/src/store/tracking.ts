// Customer status tokens: token = HMAC-SHA256(secret, boardId, jobId) as base64url (32 bytes), so
// it is unguessable, stable across re-solves of the same board/job, and can be shown again in the
// board view; the database keeps only SHA-256(token), looked up by primary key.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Db } from './db.ts';

export interface TrackingRef {
  tenant: string;
  boardId: string;
  jobId: string;
}

export interface TrackingStore {
  /** The token of each job (rows for their hashes are written if missing or stale). */
  issue(tenant: string, boardId: string, jobIds: readonly string[]): { jobId: string; token: string }[];
  /** Where a token points, or undefined (unknown, malformed, or issued under another secret). */
  lookup(token: string): TrackingRef | undefined;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url');

/** The key file beside a database (`<db>.tracking-key`): it goes with the database's backups. */
export const trackingKeyFile = (dbFile: string): string => `${dbFile}.tracking-key`;

/**
 * The HMAC secret: `TRUCKROLL_TRACKING_SECRET` (base64url, >= 32 bytes), else a key file next to
 * the database (`<db>.tracking-key`, created 0600 with 32 random bytes), else (`:memory:`) random
 * per process. Kept out of the database so a copy of it alone cannot mint or recover tokens.
 */
export function trackingSecret(dbFile: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.TRUCKROLL_TRACKING_SECRET;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64url');
    if (key.length < 32) throw new Error('TRUCKROLL_TRACKING_SECRET must be at least 32 bytes, base64url');
    return key;
  }
  if (dbFile === ':memory:' || dbFile === '') return randomBytes(32);
  const file = trackingKeyFile(dbFile);
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
}

export function createTrackingStore(db: Db, { secret, now = () => new Date().toISOString() }: { secret: Buffer; now?: () => string }): TrackingStore {
  const q = {
    current: db.prepare('SELECT token_hash FROM tracking_tokens WHERE board_id = ? AND job_id = ?').pluck(),
    upsert: db.prepare('INSERT OR REPLACE INTO tracking_tokens (token_hash, tenant, board_id, job_id, created_at) VALUES (?, ?, ?, ?, ?)'),
    byHash: db.prepare('SELECT tenant, board_id AS boardId, job_id AS jobId FROM tracking_tokens WHERE token_hash = ?'),
  };
  const tokenOf = (boardId: string, jobId: string) => createHmac('sha256', secret).update(`${boardId}\n${jobId}`, 'utf8').digest('base64url');
  const write = db.transaction((rows: { tenant: string; boardId: string; jobId: string; hash: string }[]) => {
    for (const r of rows) q.upsert.run(r.hash, r.tenant, r.boardId, r.jobId, now());
  });
  return {
    issue(tenant, boardId, jobIds) {
      const out = jobIds.map((jobId) => ({ jobId, token: tokenOf(boardId, jobId) }));
      const stale = out.map((o) => ({ tenant, boardId, jobId: o.jobId, hash: hashToken(o.token) })).filter((r) => q.current.get(boardId, r.jobId) !== r.hash);
      if (stale.length) write(stale);
      return out;
    },
    lookup(token) {
      if (!TOKEN.test(token)) return undefined;
      return q.byHash.get(hashToken(token)) as TrackingRef | undefined;
    },
  };
}
