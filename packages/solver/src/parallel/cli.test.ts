// `truckroll solve --threads N` end to end (a child process per case): the flag is validated with
// zod (1..64, the error names it), listed in --help, and a threaded solve exits by itself with a
// checked board (the pool leaves no handle that keeps the process alive).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBoard } from '../checker/index.ts';
import { Board } from '../model/board.ts';
import { parseProblemText } from '../model/parse.ts';
import { readFileSync } from 'node:fs';
import { ROOT, truckroll } from '../cli/run.test-helper.ts';

const SMALL = join(ROOT, 'datasets/small.json');

describe('truckroll solve --threads', { timeout: 60_000 }, () => {
  it('solves on 2 threads, passes the built-in checker and exits', async () => {
    const r = await truckroll('solve', SMALL, '--threads', '2', '--time-limit', '1', '--seed', '5', '--json', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const board = Board.parse(JSON.parse(r.stdout));
    expect(board.solver.seed).toBe(5);
    expect(checkBoard(parseProblemText(readFileSync(SMALL, 'utf8')), board).violations).toEqual([]);
  });

  for (const bad of ['0', '65', '1.5', 'two', '']) {
    it(`rejects --threads ${JSON.stringify(bad)} naming the flag`, async () => {
      const r = await truckroll('solve', SMALL, '--threads', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--threads must be an integer from 1 to 64');
    });
  }

  it('lists --threads in the help', async () => {
    const r = await truckroll('solve', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--threads N\s+parallel searches on N worker threads, 1\.\.64/);
  });
});
