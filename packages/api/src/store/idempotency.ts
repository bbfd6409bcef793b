// Idempotency keys (the `Idempotency-Key` request header): per tenant and scope (e.g. one board's
// events), the fingerprint of the request that first used a key, what that request stored
// (`ref`: event sequence numbers, a board id), and its answer once sent. `record` runs inside the
// transaction that stores the request's effect, so a key exists exactly when its effect does,
// crash or not. Keys older than `ttlMs` (default a day) are forgotten.
import type { Db } from './db.ts';

export interface IdempotencyEntry {
  fingerprint: string;
  /** What the first request stored (JSON value given to `record`). */
  ref: unknown;
  /** Its answer (JSON value given to `answer`), or null when it was stored but never answered (a crash). */
  answer: unknown;
  createdAt: string;
}

export interface IdempotencyStore {
  /** The entry of a key still within the time to live, or undefined. */
  get(tenant: string, scope: string, key: string): IdempotencyEntry | undefined;
  /** Records a key; call it inside the transaction that stores the request's effect. Throws if the key exists. */
  record(tenant: string, scope: string, key: string, fingerprint: string, ref: unknown): void;
  /** Keeps the answer of a recorded key. */
  answer(tenant: string, scope: string, key: string, answer: unknown): void;
  /** Forgets keys past the time to live; returns how many. */
  prune(): number;
}

export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** Expired keys are swept at most this often (on `record`). */
const PRUNE_EVERY_MS = 60_000;

export function createIdempotencyStore(db: Db, { ttlMs = DEFAULT_IDEMPOTENCY_TTL_MS, now = () => Date.now() }: { ttlMs?: number; now?: () => number } = {}): IdempotencyStore {
  const q = {
    get: db.prepare('SELECT fingerprint, ref, answer, created_at FROM idempotency_keys WHERE tenant = ? AND scope = ? AND key = ? AND created_at >= ?'),
    drop: db.prepare('DELETE FROM idempotency_keys WHERE tenant = ? AND scope = ? AND key = ?'),
    insert: db.prepare('INSERT INTO idempotency_keys (tenant, scope, key, fingerprint, ref, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    answer: db.prepare('UPDATE idempotency_keys SET answer = ? WHERE tenant = ? AND scope = ? AND key = ?'),
    prune: db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?'),
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  let prunedAt = -Infinity;
  const store: IdempotencyStore = {
    get(tenant, scope, key) {
      const row = q.get.get(tenant, scope, key, iso(now() - ttlMs)) as { fingerprint: string; ref: string; answer: string | null; created_at: string } | undefined;
      return row && { fingerprint: row.fingerprint, ref: JSON.parse(row.ref) as unknown, answer: row.answer === null ? null : (JSON.parse(row.answer) as unknown), createdAt: row.created_at };
    },
    record(tenant, scope, key, fingerprint, ref) {
      const t = now();
      if (t - prunedAt >= PRUNE_EVERY_MS) store.prune();
      // an expired row under the same key is forgotten, not a conflict
      if (!store.get(tenant, scope, key)) q.drop.run(tenant, scope, key);
      q.insert.run(tenant, scope, key, fingerprint, JSON.stringify(ref), iso(t));
    },
    answer(tenant, scope, key, answer) {
      q.answer.run(JSON.stringify(answer), tenant, scope, key);
    },
    prune() {
      prunedAt = now();
      return q.prune.run(iso(prunedAt - ttlMs)).changes;
    },
  };
  return store;
}
