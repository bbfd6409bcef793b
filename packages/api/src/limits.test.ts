// Limits in-process: semantic size caps (413 naming #/jobs or #/technicians), the per-API-key
// token bucket on POST routes (429 + Retry-After), and a solve that outlives its time limit
// (best board so far, marked by a header and the board resource's timeLimitReached).
import { describe, expect, it } from 'vitest';
import { parseProblemText } from '@truckroll/solver';
import { createApp } from './app.ts';
import { createBoardRunner } from './board-runner.ts';
import { inlinePool, tinyJson, tinyProblem, verifyBoard, KEY_A, KEY_B, twoTenants } from './fixtures.test-helper.ts';
import { rateLimit } from './limits.ts';
import { bigProblemJson } from './limits.test-helper.ts';
import { markSolveMeta } from './pool.ts';
import { createBoardStore } from './store/boards.ts';
import { openDb } from './store/db.ts';
import { clockSignal, solveTask } from './worker.ts';

const keys = twoTenants();
const post = (app: ReturnType<typeof createApp>, path: string, body: string, key = KEY_A) =>
  app.request(path, { method: 'POST', body, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' } });

describe('size caps', () => {
  it('413 problem+json naming #/jobs or #/technicians on /v1/solve and /v1/boards', async () => {
    const pool = inlinePool();
    const store = createBoardStore(openDb(':memory:'));
    const app = createApp({ pool, store, runner: createBoardRunner({ store, pool }), keys, caps: { maxJobs: 3, maxTechnicians: 1 } });
    const jobs = await post(app, '/v1/solve', tinyJson());
    expect(jobs.status).toBe(413);
    expect(jobs.headers.get('content-type')).toBe('application/problem+json');
    expect(await jobs.json()).toMatchObject({ type: '/problems/problem_too_large', status: 413, errors: [{ pointer: '#/jobs', code: 'too_many', detail: '4 jobs; at most 3' }] });
    const techs = await post(app, '/v1/boards', JSON.stringify({ ...tinyProblem(), jobs: tinyProblem().jobs!.slice(0, 2) }));
    expect(techs.status).toBe(413);
    expect(await techs.json()).toMatchObject({ errors: [{ pointer: '#/technicians' }] });
    expect(store.listByDate('A', '2026-03-02', { limit: 5 }).items).toEqual([]);
    expect(pool.calls).toEqual([]);
  });

  it('defaults: 5,000 jobs and 500 technicians', async () => {
    const app = createApp({ pool: inlinePool(), keys });
    const many = JSON.parse(bigProblemJson(1, 501)) as object;
    expect(await (await post(app, '/v1/solve', JSON.stringify(many))).json()).toMatchObject({ status: 413, detail: '501 technicians in one problem; this server takes at most 500' });
  });
});

describe('rate limit', () => {
  it('429 + Retry-After per API key on POST routes; GETs and other keys are not affected', async () => {
    const pool = inlinePool();
    const app = createApp({ pool, keys, rateLimit: { burst: 2, perSecond: 0.25 } });
    const bad = '{"technicians": 1}'; // cheap: rejected after the limiter
    expect((await post(app, '/v1/solve', bad)).status).toBe(422);
    expect((await post(app, '/v1/solve', bad)).status).toBe(422);
    const limited = await post(app, '/v1/solve', bad);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('4');
    expect(await limited.json()).toMatchObject({ type: '/problems/rate_limited', status: 429 });
    expect((await post(app, '/v1/solve', bad, KEY_B)).status).toBe(422);
    expect((await app.request('/v1/boards?date=2026-03-02', { headers: { Authorization: `Bearer ${KEY_A}` } })).status).not.toBe(429);
    const vroom = await post(app, '/v1/vroom', '{}');
    expect(vroom.status).toBe(429);
    expect(await vroom.json()).toMatchObject({ code: 1, error: expect.stringMatching(/retry in/) });
  });

  it('refills over time', async () => {
    let t = 0;
    const mw = rateLimit({ burst: 1, perSecond: 2 }, () => t);
    const hit = async () => {
      let status = 200;
      await mw({ req: { method: 'POST', header: () => 'Bearer k' } } as never, async () => {}).catch((e: { status: number }) => (status = e.status));
      return status;
    };
    expect(await hit()).toBe(200);
    expect(await hit()).toBe(429);
    t += 500;
    expect(await hit()).toBe(200);
  });
});

describe('a solve that outlives its time limit', () => {
  it('the worker stops at the limit with its best board so far, and says so', async () => {
    // 3,000 jobs: building the first board alone outlasts 10 ms plus the slack, however fast the engine gets
    const json = bigProblemJson(3000, 10);
    const result = await solveTask({ problemJson: json, timeLimitSec: 0.01 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.timeLimitReached).toBe(true);
    expect(verifyBoard(json, result.board).violations).toEqual([]);
    const small = await solveTask({ problemJson: tinyJson(), timeLimitSec: 0.3 });
    expect(small.ok && small.timeLimitReached).toBe(false);
  });

  it('clockSignal turns aborted on the clock even inside synchronous code', () => {
    const { signal, cut } = clockSignal(performance.now() + 20);
    expect(signal.aborted).toBe(false);
    expect(cut()).toBe(false);
    const until = performance.now() + 30;
    while (performance.now() < until) {
      /* busy: no timer can fire here */
    }
    expect(signal.aborted).toBe(true);
    expect(cut()).toBe(true);
  });

  it('is marked by a header on /v1/solve and by timeLimitReached on the stored board', async () => {
    const pool = inlinePool();
    const inner = pool.solve.bind(pool);
    pool.solve = async (task) => markSolveMeta(await inner(task), { timeLimitReached: true, elapsedMs: 1 });
    const store = createBoardStore(openDb(':memory:'));
    const app = createApp({ pool, store, runner: createBoardRunner({ store, pool }), keys });
    const solved = await post(app, '/v1/solve', tinyJson());
    expect(solved.headers.get('truckroll-time-limit-reached')).toBe('true');
    const checked = await post(app, '/v1/solve?check=1', tinyJson());
    expect(await checked.json()).toMatchObject({ timeLimitReached: true, check: { ok: true } });
    const created = await post(app, '/v1/boards?wait=10', tinyJson());
    expect(created.headers.get('truckroll-time-limit-reached')).toBe('true');
    const body = (await created.json()) as { id: string; timeLimitReached: boolean };
    expect(body.timeLimitReached).toBe(true);
    const again = await app.request(`/v1/boards/${body.id}`, { headers: { Authorization: `Bearer ${KEY_A}` } });
    expect(await again.json()).toMatchObject({ timeLimitReached: true });
    expect(parseProblemText(tinyJson()).jobs).toHaveLength(4);
  });
});
