// The real dispatch API as a child process for the load benchmark: `node bin/truckroll.mjs serve
// --port 0` on 127.0.0.1 with its own database file, open mode (no API keys). The URL, thread count
// and queue size come from the server's own "listening" log line; its stderr is tallied, not echoed.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServerOptions {
  /** Repository root (holds bin/truckroll.mjs). */
  root: string;
  /** SQLite file; the tracking key is created beside it. */
  dbFile: string;
  /** Solver worker threads (default: the server's, cores - 1). */
  threads?: number;
  /** Solves that may wait before 503 (default: the server's, 2 × threads). */
  maxQueue?: number;
  /** How long to wait for "listening" and then /readyz, ms. */
  startTimeoutMs?: number;
}

/** What the server's stderr said, counted by level and message (plus `code` for request failures). */
export interface ServerLogTally {
  /** e.g. { "error request failed solve_aborted": 3 } */
  counts: Record<string, number>;
  /** The last lines, for a failure report. */
  tail: string[];
}

export interface ServerHandle {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  pid: number;
  threads: number;
  maxQueue: number;
  log: ServerLogTally;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (or the signal's name). Idempotent. */
  stop(graceMs?: number): Promise<number | string | null>;
  /** Synchronous last resort (process 'exit' handlers): SIGKILL if still running. */
  killNow(): void;
}

const TAIL_LINES = 40;

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Starts the server and resolves once it listens and /readyz answers 200. Kills it on any failure. */
export async function startServer({ root, dbFile, threads, maxQueue, startTimeoutMs = 60_000 }: ServerOptions): Promise<ServerHandle> {
  const args = [join(root, 'bin/truckroll.mjs'), 'serve', '--host', '127.0.0.1', '--port', '0', '--db', dbFile];
  if (threads !== undefined) args.push('--threads', String(threads));
  if (maxQueue !== undefined) args.push('--max-queue', String(maxQueue));
  const env = { ...process.env };
  // open mode on loopback: the benchmark sends no bearer key
  delete env.TRUCKROLL_API_KEYS;
  delete env.TRUCKROLL_API_KEYS_FILE;
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const log: ServerLogTally = { counts: {}, tail: [] };
  const exit = new Promise<number | string | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
    child.once('error', (e) => {
      log.tail.push(`could not run ${process.execPath}: ${e.message}`);
      resolve(`spawn error: ${e.message}`);
    });
  });

  let onListening: (info: { url: string; threads: number; maxQueue: number }) => void = () => {};
  const listening = new Promise<{ url: string; threads: number; maxQueue: number }>((resolve) => (onListening = resolve));
  createInterface({ input: child.stderr! }).on('line', (line) => {
    log.tail.push(line);
    if (log.tail.length > TAIL_LINES) log.tail.shift();
    let entry: { level?: unknown; msg?: unknown; code?: unknown; url?: unknown; threads?: unknown; maxQueue?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      entry = { level: 'raw', msg: line.slice(0, 80) };
    }
    const key = [entry.level, entry.msg, entry.code].filter((x) => typeof x === 'string').join(' ');
    log.counts[key] = (log.counts[key] ?? 0) + 1;
    if (entry.msg === 'listening' && typeof entry.url === 'string') {
      onListening({ url: entry.url, threads: Number(entry.threads), maxQueue: Number(entry.maxQueue) });
    }
  });

  let stopping: Promise<number | string | null> | undefined;
  const handle = {
    pid: child.pid ?? -1,
    log,
    stop(graceMs = 20_000) {
      stopping ??= (async () => {
        if (!exited(child)) {
          child.kill('SIGTERM');
          const hard = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const code = await exit;
          clearTimeout(hard);
          return code;
        }
        return exit;
      })();
      return stopping;
    },
    killNow() {
      if (!exited(child)) child.kill('SIGKILL');
    },
  };

  const fail = async (why: string): Promise<never> => {
    await handle.stop(2_000);
    throw new Error(`${why}\nserver stderr (last lines):\n${log.tail.join('\n')}`);
  };
  const deadline = Date.now() + startTimeoutMs;
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), startTimeoutMs).unref());
  const first = await Promise.race([listening, exit.then((code) => ({ exited: code })), timeout]);
  if (first === 'timeout') return fail(`the server did not say "listening" within ${startTimeoutMs} ms`);
  if ('exited' in first) return fail(`the server exited (${String(first.exited)}) before listening`);

  for (;;) {
    const status = await fetch(`${first.url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (exited(child)) return fail('the server exited before /readyz answered 200');
    if (Date.now() > deadline) return fail(`/readyz did not answer 200 within ${startTimeoutMs} ms (last: ${status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...handle, ...first };
}
