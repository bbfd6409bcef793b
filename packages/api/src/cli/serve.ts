// `truckroll serve`: runs the dispatch API until SIGINT/SIGTERM. Flags are parsed strictly and
// validated with zod, and every error names its flag. Exit codes: 0 ok, 1 failure, 2 usage error.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { keyRingFromEnv, type KeyRing } from '../middleware/auth.ts';
import { assertSafeBinding, runUntilSignal, type ServerConfig } from '../main.ts';
import { defaultThreads } from '../pool.ts';

export const SERVE_HELP = `usage: truckroll serve [--port P] [--host H] [--db FILE] [--threads N] [--max-queue N]

Runs the dispatch API (HTTP, JSON; docs at /docs, OpenAPI at /openapi.json).

options:
  --port P        TCP port (default 8080; 0 picks a free one)
  --host H        interface to bind (default 127.0.0.1)
  --db FILE       SQLite file for boards (default ./truckroll.db; created if missing)
  --threads N     solver worker threads (default ${defaultThreads()}: cores - 1, at least 1)
  --max-queue N   solves that may wait for a thread before the API answers 503 (default 2 x threads)
  -h, --help      this help

environment:
  TRUCKROLL_API_KEYS        key1:tenantA,key2:tenantB (bearer keys; only their SHA-256 is kept)
  TRUCKROLL_API_KEYS_FILE   a file of key:tenant lines (wins over TRUCKROLL_API_KEYS); SIGHUP
                            re-reads it (a bad or empty file keeps the keys in use)
  Without keys the API is open and may only bind to a loopback host.
`;

const int = (flag: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `${flag} must be a whole number` })
    .transform(Number)
    .pipe(z.number().min(min, { error: `${flag} must be at least ${min}` }).max(max, { error: `${flag} must be at most ${max}` }));

const Flags = z.object({
  port: int('--port', 0, 65535).default(8080),
  host: z.string().min(1, { error: '--host must not be empty' }).default('127.0.0.1'),
  db: z.string().min(1, { error: '--db must not be empty' }).default('./truckroll.db'),
  threads: int('--threads', 1, 256).optional(),
  'max-queue': int('--max-queue', 1, 10_000).optional(),
  help: z.boolean().default(false),
});

export interface ServeIo {
  out?: (s: string) => void;
  err?: (s: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Runs the server until it stops (tests pass a stub). */
  run?: (config: ServerConfig) => Promise<number>;
}

export async function serveCommand(
  argv: string[],
  { out = (s) => void process.stdout.write(s), err = (s) => void process.stderr.write(s), env = process.env, run = runUntilSignal }: ServeIo = {},
): Promise<number> {
  let raw;
  try {
    raw = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        threads: { type: 'string' },
        'max-queue': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    err(`usage error: ${(e as Error).message}\n\n${SERVE_HELP}`);
    return 2;
  }
  const parsed = Flags.safeParse(raw);
  if (!parsed.success) {
    err(`usage error: ${parsed.error.issues.map((i) => i.message).join('; ')}\n`);
    return 2;
  }
  const flags = parsed.data;
  if (flags.help) {
    out(SERVE_HELP);
    return 0;
  }
  let keys: KeyRing | undefined;
  try {
    keys = keyRingFromEnv(env);
    assertSafeBinding(flags.host, keys);
  } catch (e) {
    err(`error: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    return await run({
      host: flags.host,
      port: flags.port,
      dbFile: flags.db,
      ...(flags.threads === undefined ? {} : { threads: flags.threads }),
      ...(flags['max-queue'] === undefined ? {} : { maxQueue: flags['max-queue'] }),
      ...(keys ? { keys } : {}),
    });
  } catch (e) {
    err(`error: ${(e as Error).message}\n`);
    return 1;
  }
}
