// Flags shared by the speed benchmarks (node:util parseArgs): --json FILE, --time MS, --seed N, --help.
// Usage errors print to stderr and exit 2, per the project's CLI conventions.
import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** write the records as a JSON array to this file */
  jsonFile: string | undefined;
  /** tinybench time budget per task, milliseconds */
  timeMs: number;
  /** seed for generated inputs */
  seed: number;
}

function usageError(usage: string, message: string): never {
  process.stderr.write(`error: ${message}\n\n${usage}`);
  process.exit(2);
}

function numberFlag(usage: string, flag: string, raw: string | undefined, fallback: number, check: (x: number) => boolean, want: string): number {
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x) || !check(x)) usageError(usage, `--${flag} must be ${want} (got "${raw}")`);
  return x;
}

/** Parses the common flags; prints `usage` and exits 0 on --help, exits 2 on a bad flag. */
export function parseBenchArgs(argv: readonly string[], usage: string, defaults: { timeMs?: number; seed?: number } = {}): BenchArgs {
  let values: { json?: string | undefined; time?: string | undefined; seed?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { json: { type: 'string' }, time: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    usageError(usage, (e as Error).message);
  }
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  return {
    jsonFile: values.json,
    timeMs: numberFlag(usage, 'time', values.time, defaults.timeMs ?? 1000, (x) => x > 0, 'a positive number of milliseconds'),
    seed: numberFlag(usage, 'seed', values.seed, defaults.seed ?? 1, Number.isInteger, 'a whole number'),
  };
}
