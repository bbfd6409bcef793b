// The real piscina pool: worker threads running worker.ts through tsx. Solves off the main
// thread, maps worker failures, and refuses with 503 + Retry-After when the queue is full.
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, TravelError } from '@truckroll/solver';
import { holdingOsrm, osrmTinyJson, tinyJson, verifyBoard } from './fixtures.test-helper.ts';
import { createSolvePool, defaultThreads, type SolveOutcome } from './pool.ts';
import { ApiError } from './problem.ts';

describe('createSolvePool (real worker threads)', { timeout: 20_000 }, () => {
  const outcomes: SolveOutcome[] = [];
  const pool = createSolvePool({ threads: 1, maxQueue: 1, retryAfterSec: 3, observe: (o) => outcomes.push(o) });
  afterAll(() => pool.close());

  it('sizes itself to leave a core for the event loop', () => {
    expect(defaultThreads()).toBeGreaterThanOrEqual(1);
    expect(pool.stats()).toMatchObject({ maxThreads: 1, maxQueue: 1 });
  });

  it('solves on a worker and the board passes the checker', async () => {
    const board = await pool.solve({ problemJson: tinyJson(), timeLimitSec: 0.3 });
    expect(verifyBoard(tinyJson(), board).violations).toEqual([]);
    expect(board.solver.timeLimitSec).toBe(0.3);
    expect(outcomes).toContain('ok');
  });

  it('brings an input error back as an InputError with its issues', async () => {
    const err = await pool.solve({ problemJson: '{"technicians": 3}' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues[0]?.pointer).toBe('/technicians');
  });

  it('answers 503 + Retry-After once a solve runs and the queue is full, and keeps serving after', async () => {
    const osrm = await holdingOsrm();
    try {
      const running = pool.solve({ problemJson: osrmTinyJson(osrm.url) }).catch((e: unknown) => e);
      await osrm.waitForRequest(); // the only thread is now busy inside the solve
      const queued = pool.solve({ problemJson: osrmTinyJson(osrm.url) }).catch((e: unknown) => e);
      expect(pool.stats().queueSize).toBe(1);
      const refused = await pool.solve({ problemJson: tinyJson() }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApiError);
      expect(refused).toMatchObject({ status: 503, code: 'pool_full', headers: { 'Retry-After': '3' } });
      expect(pool.hasRoom()).toBe(false);
      osrm.release();
      const [a, b] = await Promise.all([running, queued]);
      expect(a).toBeInstanceOf(TravelError);
      expect(b).toBeInstanceOf(TravelError);
      expect(outcomes).toContain('rejected');
      const board = await pool.solve({ problemJson: tinyJson() });
      expect(board.routes.length).toBe(2);
    } finally {
      osrm.release();
      await osrm.close();
    }
  });

  it('answers 504 when the time limit passes before the solver has a board', async () => {
    const osrm = await holdingOsrm();
    try {
      const err = await pool.solve({ problemJson: osrmTinyJson(osrm.url), timeLimitSec: 0.2 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 504, code: 'solve_aborted' });
    } finally {
      osrm.release();
      await osrm.close();
    }
  });

  it('a cancelled solve kills its thread; the pool respawns one and serves the next solve', async () => {
    const osrm = await holdingOsrm();
    try {
      const cancel = new AbortController();
      const pending = pool.solve({ problemJson: osrmTinyJson(osrm.url) }, { signal: cancel.signal }).catch((e: unknown) => e);
      await osrm.waitForRequest();
      cancel.abort();
      expect(await pending).toMatchObject({ status: 504, code: 'solve_aborted', message: 'the solve was cancelled' });
      const board = await pool.solve({ problemJson: tinyJson() });
      expect(board.unassigned.map((u) => u.jobId)).toEqual(['J4']);
    } finally {
      osrm.release();
      await osrm.close();
    }
  });

  it('refuses work once closed', async () => {
    const p = createSolvePool({ threads: 1 });
    await p.close();
    await expect(p.solve({ problemJson: tinyJson() })).rejects.toMatchObject({ status: 503, code: 'shutting_down' });
  });
});
