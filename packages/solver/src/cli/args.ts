// Command-line parsing shared by every `truckroll` command: node:util parseArgs (strict), then a
// zod schema over the flag values, so every usage error names the flag. Throws UsageError (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

export class UsageError extends Error {}

export interface CommandLine<T> {
  /** true when --help/-h was given (nothing else is validated then) */
  help: boolean;
  flags: T;
  positionals: string[];
}

/**
 * Parses `argv` with the parseArgs `options` (a `help`/`-h` flag is added), validates the values
 * with `flags`, and checks the number of positionals (`[min, max]`, described by `what`).
 */
export function parseCommandLine<S extends z.ZodType>(
  argv: string[],
  spec: { options: NonNullable<ParseArgsConfig['options']>; flags: S; positionals?: [number, number]; what?: string },
): CommandLine<z.infer<S>> {
  const [min, max] = spec.positionals ?? [0, 0];
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: max > 0,
      allowNegative: true,
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { help, ...values } = parsed.values as Record<string, unknown>;
  if (help) return { help: true, flags: undefined as z.infer<S>, positionals: parsed.positionals };
  const flags = spec.flags.safeParse(values);
  if (!flags.success) throw new UsageError(flags.error.issues.map((i) => i.message).join('; '));
  const n = parsed.positionals.length;
  if (n < min || n > max) throw new UsageError(`expected ${spec.what ?? `${min}–${max} arguments`}, got ${n}`);
  return { help: false, flags: flags.data, positionals: parsed.positionals };
}
