// solve() on real piscina worker threads: boards pass the checker, runs with maxIterations are
// deterministic, the best of 2 is never worse than the seed alone in-process, progress is forwarded,
// and an abort settles with a valid board. Abort latency is logged, never asserted (noisy machines).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoard } from '../checker/index.ts';
import type { Board } from '../model/board.ts';
import { parseProblem, parseProblemText } from '../model/parse.ts';
import type { Problem } from '../model/problem.ts';
import { loadSolomon } from '../solomon/index.ts';
import { solve, type SolveProgress } from '../solve.ts';
import { closeSearchPool } from './pool.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const sample = (name: string): Problem => parseProblemText(readFileSync(join(ROOT, 'datasets', `${name}.json`), 'utf8'));
/** The board without the fields that depend on the clock. */
const stable = (b: Board): unknown => ({ ...b, createdAt: undefined, solver: { ...b.solver, elapsedMs: undefined } });

afterAll(() => closeSearchPool());

describe('solve with threads', { timeout: 120_000 }, () => {
  const r101 = parseProblem(loadSolomon('R101'));
  const small = sample('small');

  for (const [name, problem] of [
    ['Solomon R101', r101],
    ['datasets/small.json', small],
  ] as const) {
    it(`threads = 2 gives a checked board on ${name}, never worse than the seed alone in-process`, async () => {
      const budget = { maxIterations: 150, timeLimitSec: 600, seed: 7 };
      const board = await solve(problem, { ...budget, threads: 2 });
      expect(checkBoard(problem, board).violations).toEqual([]);
      const alone = await solve(problem, budget);
      expect(board.cost.total).toBeLessThanOrEqual(alone.cost.total + 1e-9);
    });
  }

  it('is deterministic with maxIterations (threads = 2, two runs)', async () => {
    const options = { maxIterations: 200, timeLimitSec: 600, threads: 2 };
    const a = await solve(small, options);
    const b = await solve(small, options);
    expect(JSON.stringify(stable(b))).toBe(JSON.stringify(stable(a)));
    const r1 = await solve(r101, options);
    const r2 = await solve(r101, options);
    expect(JSON.stringify(stable(r2))).toBe(JSON.stringify(stable(r1)));
  });

  it('thread 0 reproduces the in-process search: threads = 1 on a worker (isolate) gives the in-process board', async () => {
    const budget = { maxIterations: 120, timeLimitSec: 600, seed: 3 };
    const inProcess = await solve(small, budget);
    const onWorker = await solve(small, { ...budget, isolate: true });
    expect(JSON.stringify(stable(onWorker))).toBe(JSON.stringify(stable(inProcess)));
  });

  it('forwards progress from the threads as a falling best, tagged with the thread', async () => {
    const events: SolveProgress[] = [];
    const board = await solve(small, { maxIterations: 300, timeLimitSec: 600, threads: 2, onImprove: (e) => events.push(e) });
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect([0, 1]).toContain(e.thread);
    for (let i = 1; i < events.length; i++) expect(events[i]!.cost).toBeLessThan(events[i - 1]!.cost);
    expect(events.at(-1)!.cost).toBeCloseTo(board.cost.total, 3);
  });

  it('rejects a thread count outside 1..64', async () => {
    for (const threads of [0, 65, 1.5]) await expect(solve(small, { threads })).rejects.toThrow(RangeError);
  });

  it('greedy with threads runs once, on a worker, and matches the in-process greedy', async () => {
    const inProcess = await solve(small, { solver: 'greedy' });
    const onWorker = await solve(small, { solver: 'greedy', threads: 4 });
    expect(JSON.stringify(stable(onWorker))).toBe(JSON.stringify(stable(inProcess)));
  });
});

describe('abort', { timeout: 120_000 }, () => {
  const large = sample('large');

  /** Solves with a long time limit, aborts after `afterMs`, and returns the board and the abort -> settle time. */
  async function abortAfter(afterMs: number, options: { threads?: number; isolate?: boolean }): Promise<{ board: Board; latencyMs: number }> {
    const ctrl = new AbortController();
    let abortedAt = 0;
    const timer = setTimeout(() => {
      abortedAt = performance.now();
      ctrl.abort();
    }, afterMs);
    const board = await solve(large, { ...options, timeLimitSec: 600, signal: ctrl.signal });
    clearTimeout(timer);
    return { board, latencyMs: performance.now() - abortedAt };
  }

  for (const [label, options] of [
    ['threads = 2', { threads: 2 }],
    ['threads = 1 (isolated on a worker: the default with a signal)', {}],
  ] as const) {
    it(`settles with a checked board after an abort on datasets/large.json, ${label}`, async () => {
      const { board, latencyMs } = await abortAfter(300, options);
      expect(checkBoard(large, board).violations).toEqual([]);
      expect(board.routes.length + board.unassigned.length).toBeGreaterThan(0);
      // reported, not asserted: benchmarks/speed/abort.ts measures it properly
      console.log(`abort -> settle, ${label}: ${latencyMs.toFixed(1)} ms`);
    });
  }

  it('in-process, an already aborted signal returns the (empty) start at once', async () => {
    const small = sample('small');
    const board = await solve(small, { isolate: false, signal: AbortSignal.abort() });
    expect(checkBoard(small, board).violations).toEqual([]);
    expect(board.unassigned.length).toBe(small.jobs.length);
  });
});
