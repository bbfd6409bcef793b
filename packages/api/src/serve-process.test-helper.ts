// A real `truckroll serve` as a child process (node bin/truckroll.mjs serve --port 0) for the
// end-to-end tests that signal or kill it: the URL comes from its "listening" log line (JSON
// lines on stderr), `log()` is everything it printed so far. `killAll()` SIGKILLs what is left.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './fixtures.test-helper.ts';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  log: () => string;
}

const children: ChildProcess[] = [];

/** Starts a server on `db` with one solver thread; `env` adds to (or, with '', blanks) the environment. */
export async function startServeProcess(db: string, env: NodeJS.ProcessEnv = { TRUCKROLL_API_KEYS: '' }): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(REPO, 'bin/truckroll.mjs'), 'serve', '--port', '0', '--db', db, '--threads', '1'], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    const read = (d: Buffer) => {
      out += d.toString();
      const m = /"msg":"listening","url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return { child, url, log: () => out };
}

/** SIGKILLs every server this module started that still runs (afterAll). */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** Resolves once the child has exited, also when it already has (its 'exit' event is gone by then). */
export const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
