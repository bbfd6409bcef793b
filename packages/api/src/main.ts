// Wires config into a running server: database, worker pool, board recovery, the app, serve();
// and shuts down in order: readiness 503 -> stop accepting -> pool drains -> database closes.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import { createBoardRunner } from './board-runner.ts';
import { createLiveBoards } from './live-boards.ts';
import { createLogger, type Logger } from './log.ts';
import { createApiMetrics, registerEventLoopGauges } from './metrics.ts';
import { isReloadable, type KeyRing } from './middleware/auth.ts';
import { createSolvePool, type SolvePool } from './pool.ts';
import type { RateLimit, SizeCaps } from './limits.ts';
import { createBoardStore } from './store/boards.ts';
import { openDb } from './store/db.ts';
import { createTrackingStore, trackingSecret } from './store/tracking.ts';

export interface ServerConfig {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** SQLite file (created if missing). */
  dbFile?: string;
  /** Worker threads; default max(1, cores - 1). */
  threads?: number;
  maxQueue?: number;
  bodyLimitBytes?: number;
  maxTimeLimitSec?: number;
  /** Undefined = open mode, allowed on loopback hosts only. */
  keys?: KeyRing;
  /** Most jobs / technicians per problem (default 5,000 / 500). */
  caps?: Partial<SizeCaps>;
  /** Per-API-key token bucket on POST routes (default 120 burst, 20/s); false = off. */
  rateLimit?: RateLimit | false;
  /** Secret for customer status tokens (default: TRUCKROLL_TRACKING_SECRET or `<dbFile>.tracking-key`). */
  trackingSecret?: Buffer;
  logger?: Logger;
  /** How long shutdown lets open requests finish before cutting connections, ms. */
  closeGraceMs?: number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  pool: SolvePool;
  /** Idempotent: 503 on /readyz, stop accepting, drain the pool, close the database. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Refuses an open (keyless) server on a non-loopback host. */
export function assertSafeBinding(host: string, keys: KeyRing | undefined): void {
  if (!keys && !isLoopback(host)) {
    throw new Error(`refusing to listen on ${host} without API keys: set TRUCKROLL_API_KEYS (or TRUCKROLL_API_KEYS_FILE), or listen on 127.0.0.1`);
  }
}

export async function startServer({
  host = '127.0.0.1',
  port = 8080,
  dbFile = './truckroll.db',
  threads,
  maxQueue,
  bodyLimitBytes,
  maxTimeLimitSec,
  keys,
  caps,
  rateLimit,
  trackingSecret: secret,
  logger = createLogger(),
  closeGraceMs = 10_000,
}: ServerConfig = {}): Promise<RunningServer> {
  assertSafeBinding(host, keys);
  const metrics = createApiMetrics();
  const stopLagGauges = registerEventLoopGauges(metrics.registry);
  const db = openDb(dbFile);
  const store = createBoardStore(db);
  const tracking = createTrackingStore(db, { secret: secret ?? trackingSecret(dbFile) });
  const pool = createSolvePool({
    ...(threads === undefined ? {} : { threads }),
    ...(maxQueue === undefined ? {} : { maxQueue }),
    onError: (err) => logger.error('worker pool error', { err }),
    observe: (outcome, seconds) => {
      metrics.solves.inc({ outcome });
      if (outcome !== 'rejected') metrics.solveSeconds.observe(seconds, { outcome });
    },
  });
  const runner = createBoardRunner({ store, pool, log: (msg, fields) => logger.info(msg, fields) });
  const live = createLiveBoards({ store, pool, log: (msg, fields) => logger.info(msg, fields) });
  let shuttingDown = false;
  const app = createApp({
    pool,
    store,
    runner,
    live,
    tracking,
    ...(keys ? { keys } : {}),
    ...(caps ? { caps } : {}),
    ...(rateLimit === undefined ? {} : { rateLimit }),
    metrics,
    notReadyReason: () => (shuttingDown ? 'shutting down' : db.open ? undefined : 'database closed'),
    ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }),
    ...(maxTimeLimitSec === undefined ? {} : { maxTimeLimitSec }),
    logError: (err, fields) => logger.error('request failed', { ...fields, err }),
  });

  const recovered = await runner.recover();
  if (recovered.requeued || recovered.failed) logger.warn('recovered unfinished boards', recovered);
  const caughtUp = await live.recover();
  if (caughtUp) logger.warn('applied stored events boards did not reflect yet', { boards: caughtUp });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  logger.info('listening', { url, db: dbFile, threads: pool.stats().maxThreads, maxQueue: pool.stats().maxQueue });
  if (!keys) logger.warn('no API keys configured: the API is OPEN (tenant "default") and bound to loopback only', { host });

  let closing: Promise<void> | undefined;
  async function shutdown(): Promise<void> {
    shuttingDown = true;
    runner.stop();
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, closeGraceMs);
      server.close(() => {
        clearTimeout(cut);
        resolve();
      });
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    });
    await pool.close();
    await runner.idle();
    db.close();
    stopLagGauges();
    logger.info('stopped', { url });
  }

  return {
    url,
    port: address.port,
    pool,
    close: () => (closing ??= shutdown()),
  };
}

/** Runs until SIGINT/SIGTERM (SIGHUP re-reads a keys file), then shuts down in order. Resolves with the exit code. */
export async function runUntilSignal(config: ServerConfig): Promise<number> {
  const logger = config.logger ?? createLogger();
  const running = await startServer({ ...config, logger });
  // SIGHUP: re-read a keys file (TRUCKROLL_API_KEYS_FILE); a bad file keeps the keys in use
  const keys = config.keys;
  const onHangup = () => {
    if (!keys || !isReloadable(keys)) return void logger.warn('SIGHUP: no keys file to reload (TRUCKROLL_API_KEYS_FILE)');
    try {
      logger.info('reloaded API keys', { keys: keys.reload() });
    } catch (e) {
      logger.error('could not reload API keys; keeping the ones in use', { err: e });
    }
  };
  process.on('SIGHUP', onHangup);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.off('SIGHUP', onHangup);
  logger.info('shutting down', { signal });
  const hardStop = setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, 45_000);
  hardStop.unref();
  await running.close();
  clearTimeout(hardStop);
  return 0;
}
