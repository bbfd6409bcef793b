// Runs the real `truckroll` command in a child process (for end-to-end CLI tests).
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../../../..');
const BIN = join(ROOT, 'bin/truckroll.mjs');
const run = promisify(execFile);

/** `truckroll …args` from the repository root: its exit code and output (never throws on exit ≠ 0). */
export async function truckroll(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
