// `truckroll backup --db FILE --out FILE`: a consistent copy of the API's database while the
// server keeps running (SQLite's online backup through better-sqlite3, which copies a snapshot page
// by page and restarts when the server writes), then checked (`PRAGMA integrity_check`) and
// counted. The tracking-link key beside the database (`<db>.tracking-key`) is copied beside the
// backup (0600): without it, restored boards would answer new customer links. Restore: stop the
// server, put both files back under the database's name, start it.
// Exit codes: 0 ok, 1 failure, 2 usage error.
import { chmodSync, copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { trackingKeyFile } from '../store/tracking.ts';

export const BACKUP_HELP = `usage: truckroll backup --db FILE --out FILE [--force]

Copies the dispatch API's database (and its tracking-link key) while the server runs, then checks
the copy. Restore: stop the server, copy FILE.tracking-key and FILE back under the database's
name, start the server.

options:
  --db FILE     the server's SQLite file (default ./truckroll.db)
  --out FILE    where the copy goes; its key goes to FILE.tracking-key
  --force       replace FILE if it exists
  -h, --help    this help
`;

export interface BackupIo {
  out?: (s: string) => void;
  err?: (s: string) => void;
}

export interface BackupSummary {
  boards: number;
  events: number;
  bytes: number;
  keyCopied: boolean;
}

/** Copies `dbFile` to `outFile` online, checks and counts the copy; copies the tracking key if there is one. */
export async function backupDatabase(dbFile: string, outFile: string, { force = false }: { force?: boolean } = {}): Promise<BackupSummary> {
  if (!existsSync(dbFile)) throw new Error(`no database at ${dbFile}`);
  if (existsSync(outFile) && !force) throw new Error(`${outFile} exists; pass --force to replace it`);
  const keyFile = trackingKeyFile(dbFile);
  const outKey = trackingKeyFile(outFile);
  const source = new Database(dbFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    if (force) for (const f of [outFile, `${outFile}-wal`, `${outFile}-shm`, outKey]) rmSync(f, { force: true });
    await source.backup(outFile);
  } finally {
    source.close();
  }
  const copy = new Database(outFile, { fileMustExist: true });
  let boards: number;
  let events: number;
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed SQLite's integrity check: ${String(check)}`);
    boards = copy.prepare('SELECT COUNT(*) FROM boards').pluck().get() as number;
    events = copy.prepare('SELECT COUNT(*) FROM board_events').pluck().get() as number;
  } finally {
    copy.close();
  }
  let keyCopied = false;
  if (existsSync(keyFile)) {
    copyFileSync(keyFile, outKey);
    chmodSync(outKey, 0o600);
    keyCopied = true;
  }
  return { boards, events, bytes: statSync(outFile).size, keyCopied };
}

export async function backupCommand(argv: string[], { out = (s) => void process.stdout.write(s), err = (s) => void process.stderr.write(s) }: BackupIo = {}): Promise<number> {
  let values: { db?: string; out?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { db: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    err(`usage error: ${(e as Error).message}\n\n${BACKUP_HELP}`);
    return 2;
  }
  if (values.help) {
    out(BACKUP_HELP);
    return 0;
  }
  if (!values.out) {
    err(`usage error: --out FILE is required\n\n${BACKUP_HELP}`);
    return 2;
  }
  const dbFile = values.db ?? './truckroll.db';
  try {
    const t0 = performance.now();
    const s = await backupDatabase(dbFile, values.out, { force: values.force === true });
    out(
      `backed up ${dbFile} to ${values.out}: ${s.boards} board(s), ${s.events} event(s), ${(s.bytes / 1e6).toFixed(1)} MB, integrity ok, ${Math.round(performance.now() - t0)} ms\n` +
        (s.keyCopied ? `tracking-link key copied to ${trackingKeyFile(values.out)} (keep it with the copy)\n` : `no tracking-link key beside ${dbFile} (TRUCKROLL_TRACKING_SECRET in use, or no server ran on it)\n`),
    );
    return 0;
  } catch (e) {
    err(`error: ${(e as Error).message}\n`);
    return 1;
  }
}
