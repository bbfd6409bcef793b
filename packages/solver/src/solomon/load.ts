// Finds and loads the Solomon benchmark files (instances and best-known solutions) from disk.
// The folder is $TRUCKROLL_SOLOMON_DIR, else ../shared/datasets/solomon next to the repository root.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InputError, TruckrollError, issueAt } from '../model/errors.ts';
import { parseJsonText } from '../model/parse.ts';
import type { ProblemInput } from '../model/problem.ts';
import { readSolomon } from './read.ts';

/** Environment variable naming the folder that holds C101.txt … RC208.txt and bks.json. */
export const SOLOMON_DIR_ENV = 'TRUCKROLL_SOLOMON_DIR';

/** The repository root: four levels up from this file (packages/solver/src/solomon/). */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The default folder: `../shared/datasets/solomon` relative to the repository root. */
export const DEFAULT_SOLOMON_DIR = resolve(REPO_ROOT, '../shared/datasets/solomon');

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * The folder holding the Solomon instances: $TRUCKROLL_SOLOMON_DIR when set, else the default.
 * Throws a TruckrollError (code `solomon_dir_not_found`) naming both when the folder is missing.
 */
export function solomonDir(): string {
  const fromEnv = process.env[SOLOMON_DIR_ENV];
  if (fromEnv) {
    const dir = resolve(fromEnv);
    if (isDir(dir)) return dir;
    throw new TruckrollError(
      'input',
      'solomon_dir_not_found',
      `Solomon instances not found: ${SOLOMON_DIR_ENV}="${fromEnv}" is not a folder (the default, used when it is unset, is ${DEFAULT_SOLOMON_DIR})`,
    );
  }
  if (isDir(DEFAULT_SOLOMON_DIR)) return DEFAULT_SOLOMON_DIR;
  throw new TruckrollError(
    'input',
    'solomon_dir_not_found',
    `Solomon instances not found at ${DEFAULT_SOLOMON_DIR} (../shared/datasets/solomon from the repository root ${REPO_ROOT}); set ${SOLOMON_DIR_ENV} to the folder holding C101.txt`,
  );
}

/** Instance names in `dir` (file names without `.txt`), sorted: C101 … C208, R101 … R211, RC101 … RC208. */
export function listSolomon(dir: string = solomonDir()): string[] {
  return readdirSync(dir)
    .filter((f) => /\.txt$/i.test(f))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Reads instance `name` (e.g. "C101", any case) from `dir` into a wire problem. See `readSolomon`. */
export function loadSolomon(name: string, dir: string = solomonDir()): ProblemInput {
  const names = listSolomon(dir);
  const found = names.find((n) => n === name) ?? names.find((n) => n.toUpperCase() === name.toUpperCase());
  if (found === undefined) {
    const have = names.length ? `${names.length} instances: ${names.slice(0, 3).join(', ')}, …` : 'no .txt files';
    throw new TruckrollError('input', 'solomon_instance_not_found', `no Solomon instance "${name}" in ${dir} (it has ${have})`);
  }
  return readSolomon(readFileSync(join(dir, `${found}.txt`), 'utf8'), found);
}

const BksResult = z.object({
  /** vehicles used */
  vehicles: z.number().int().positive(),
  /** total distance, exact Euclidean (double precision), as published (usually 2 decimals) */
  distance: z.number().positive(),
});

const BksEntry = z.object({
  /** fewest vehicles first, then distance (the classic literature objective) */
  hierarchical: BksResult,
  /** minimum total distance whatever the vehicle count */
  distanceOnly: BksResult,
  /** vehicles available (the file's VEHICLE NUMBER) */
  fleet: z.number().int().positive(),
  capacity: z.number().nonnegative(),
  /** customers */
  jobs: z.number().int().nonnegative(),
});

const BksFile = z.object({ instances: z.record(z.string(), BksEntry) });

export type SolomonBksResult = z.infer<typeof BksResult>;
/** Best-known solutions of one instance under both objectives, plus the instance's size. */
export type SolomonBks = z.infer<typeof BksEntry>;

/** Reads `bks.json` in `dir` into a map from instance name (e.g. "C101") to its best-known solutions, sorted by name. */
export function loadBks(dir: string = solomonDir()): Map<string, SolomonBks> {
  const path = join(dir, 'bks.json');
  if (!existsSync(path)) throw new TruckrollError('input', 'bks_not_found', `no bks.json in ${dir}`);
  const r = BksFile.safeParse(parseJsonText(readFileSync(path, 'utf8'), 'bks.json'));
  if (!r.success) throw new InputError(r.error.issues.map((i) => issueAt(i.path, i.message, i.code)), path);
  return new Map(Object.entries(r.data.instances).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
