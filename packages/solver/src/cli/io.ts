// CLI plumbing shared by the commands: reading problem files (JSON or Solomon text), reporting
// errors without stack traces, and the exit codes (0 ok, 1 failure, 2 usage).
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InputError, TruckrollError } from '../model/errors.ts';
import { parseProblem, parseProblemText } from '../model/parse.ts';
import type { Problem } from '../model/problem.ts';
import { readSolomon } from '../solomon/read.ts';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export { UsageError } from './args.ts';
import { UsageError } from './args.ts';

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TruckrollError('input', 'file_unreadable', code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(e)})`);
  }
}

/** A problem file: JSON, or a Solomon VRPTW instance (`.txt`, or text that is not JSON). */
export async function readProblemFile(path: string): Promise<Problem> {
  const text = await readText(path);
  const looksJson = text.trimStart().startsWith('{') || text.trim() === '' || extname(path).toLowerCase() === '.json';
  try {
    if (!looksJson || extname(path).toLowerCase() === '.txt') return parseProblem(readSolomon(text, basename(path, extname(path))));
    return parseProblemText(text);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.issues, `problem in ${path}`);
    throw e;
  }
}

/** Prints an error the way users should see it (no stack for expected errors) and returns the exit code. */
export function reportError(e: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (e instanceof UsageError) {
    write(`usage error: ${e.message}\n(see --help)\n`);
    return EXIT_USAGE;
  }
  if (e instanceof TruckrollError) {
    write(`error: ${e.message}\n`);
    return EXIT_FAILURE;
  }
  write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return EXIT_FAILURE;
}
