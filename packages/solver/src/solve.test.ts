// Every board the greedy makes, for all 56 Solomon instances and the three shipped samples,
// passes the independent checker; and its own KPIs agree with the checker's recomputation.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBoard } from './checker/index.ts';
import { parseProblem, parseProblemText } from './model/parse.ts';
import { listSolomon, loadBks, loadSolomon } from './solomon/index.ts';
import { solve } from './solve.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('greedy boards pass the checker', () => {
  it('on all 56 Solomon instances, scheduling every customer', async () => {
    const names = listSolomon();
    expect(names).toHaveLength(56);
    const bks = loadBks();
    for (const name of names) {
      const problem = parseProblem(loadSolomon(name));
      const board = await solve(problem);
      const result = checkBoard(problem, board);
      expect(result.violations, name).toEqual([]);
      expect(board.unassigned, name).toEqual([]);
      // distance is reported exactly and is never below the best known
      expect(result.kpis.distanceKm * 1000).toBeGreaterThanOrEqual(bks.get(name)!.distanceOnly.distance - 0.01);
      expect(board.kpis.distanceKm).toBeCloseTo(result.kpis.distanceKm, 9);
    }
  }, 120_000);

  for (const size of ['small', 'medium', 'large'] as const) {
    const path = join(ROOT, 'datasets', `${size}.json`);
    it(`on the ${size} sample`, async () => {
      const problem = parseProblemText(readFileSync(path, 'utf8'));
      const board = await solve(problem);
      const result = checkBoard(problem, board);
      expect(result.violations).toEqual([]);
      expect(board.kpis.jobsScheduled + board.kpis.jobsUnassigned).toBe(problem.jobs.filter((j) => j.status !== 'cancelled' && j.status !== 'complete').length);
      expect(board.kpis.jobsScheduled).toBeGreaterThan(0);
      for (const u of board.unassigned) {
        expect(u.closest.length).toBeGreaterThan(0);
      }
    }, 120_000);
  }
});
