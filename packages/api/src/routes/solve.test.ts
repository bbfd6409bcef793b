// POST /v1/solve in-process: a board out, the solver's exact pointers in problem+json errors,
// query bounds, 415, the pool's 503 + Retry-After, and ?check=1.
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { inlinePool, roadOsrm, tinyJson, tinyProblem, verifyBoard } from '../fixtures.test-helper.ts';
import type { Board } from '@truckroll/solver';

const post = (body: string, type = 'application/json') => ({ method: 'POST', body, headers: { 'Content-Type': type } });

interface ProblemBody {
  type: string;
  status: number;
  detail: string;
  errors?: { pointer: string; detail: string; code: string; in?: string }[];
}

describe('POST /v1/solve', () => {
  it('solves a problem and returns a board that passes the checker', async () => {
    const pool = inlinePool();
    const app = createApp({ pool });
    const res = await app.request('/v1/solve', post(tinyJson()));
    expect(res.status).toBe(200);
    const board = (await res.json()) as Board;
    expect(board.unassigned.map((u) => [u.jobId, u.reason])).toEqual([['J4', 'no_skilled_technician']]);
    const check = verifyBoard(tinyJson(), board);
    expect(check.violations).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('passes ?timeLimit= and ?seed= to the pool', async () => {
    const pool = inlinePool();
    const app = createApp({ pool });
    expect((await app.request('/v1/solve?timeLimit=1.5&seed=7', post(tinyJson()))).status).toBe(200);
    expect(pool.calls[0]).toMatchObject({ timeLimitSec: 1.5, seed: 7 });
  });

  it('bounds ?timeLimit= and names the parameter', async () => {
    const app = createApp({ pool: inlinePool(), maxTimeLimitSec: 30 });
    const res = await app.request('/v1/solve?timeLimit=31', post(tinyJson()));
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    const body = (await res.json()) as ProblemBody;
    expect(body.type).toBe('/problems/invalid_request');
    expect(body.errors).toEqual([{ pointer: '#/timeLimit', detail: 'timeLimit must be at most 30 seconds', code: 'too_big', in: 'query' }]);
  });

  it('maps each of the solver’s input issues 1:1 to errors[] with exact pointers (422)', async () => {
    const p = tinyProblem();
    const bad = { ...p, jobs: p.jobs!.map((j, i) => (i === 1 ? { ...j, durationMin: -5 } : i === 2 ? { ...j, windows: [{ start: '2026-03-02T13:00:00', end: '2026-03-02T15:00:00-05:00' }] } : j)) };
    const res = await createApp({ pool: inlinePool() }).request('/v1/solve', post(JSON.stringify(bad)));
    expect(res.status).toBe(422);
    const body = (await res.json()) as ProblemBody;
    expect(body.type).toBe('/problems/invalid_input');
    expect(body.errors?.map((e) => e.pointer).sort()).toEqual(['#/jobs/1/durationMin', '#/jobs/2/windows/0/start']);
    expect(body.errors?.find((e) => e.pointer === '#/jobs/2/windows/0/start')?.detail).toContain('has no offset');
    expect(body.detail).toContain('jobs[1].durationMin');
  });

  it('reports a rule across fields (duplicate id) with its pointer', async () => {
    const p = tinyProblem();
    const dup = { ...p, jobs: [...p.jobs!, { ...p.jobs![0]! }] };
    const body = (await (await createApp({ pool: inlinePool() }).request('/v1/solve', post(JSON.stringify(dup)))).json()) as ProblemBody;
    expect(body.status).toBe(422);
    expect(body.errors?.[0]?.pointer).toMatch(/^#\/jobs\/\d+(\/id)?$/);
  });

  it('answers non-JSON and empty bodies with 400 and the solver’s message', async () => {
    const app = createApp({ pool: inlinePool() });
    const notJson = await app.request('/v1/solve', post('{"technicians": ['));
    expect(notJson.status).toBe(400);
    const b1 = (await notJson.json()) as ProblemBody;
    expect(b1.type).toBe('/problems/not_json');
    expect(b1.errors?.[0]).toMatchObject({ pointer: '#', code: 'not_json' });
    expect(b1.errors?.[0]?.detail).toMatch(/^not JSON: /);
    const empty = await app.request('/v1/solve', post('  '));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ type: '/problems/empty_body', errors: [{ pointer: '#', code: 'empty_body', detail: 'empty body: expected a JSON problem' }] });
  });

  it('refuses a body that is not JSON by content type (415)', async () => {
    const res = await createApp({ pool: inlinePool() }).request('/v1/solve', post('technicians=1', 'application/x-www-form-urlencoded'));
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ type: '/problems/unsupported_media_type' });
  });

  it('passes on the pool’s 503 with Retry-After when it is full', async () => {
    const res = await createApp({ pool: inlinePool({ full: true }) }).request('/v1/solve', post(tinyJson()));
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('7');
    expect(await res.json()).toMatchObject({ type: '/problems/pool_full', status: 503 });
  });

  it('with ?check=1 answers { board, check } from the independent checker', async () => {
    const res = await createApp({ pool: inlinePool() }).request('/v1/solve?check=1', post(tinyJson()));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { board: Board; check: { ok: boolean; violations: unknown[] } };
    expect(body.board.routes.length).toBeGreaterThan(0);
    expect(body.check).toMatchObject({ ok: true, violations: [] });
  });

  it('passes road travel (settings.travel.model "osrm") through, and ?check=1 checks against the same road table', async () => {
    const osrm = await roadOsrm();
    try {
      const app = createApp({ pool: inlinePool() });
      const problem = { ...tinyProblem(), settings: { travel: { model: 'osrm', url: osrm.url } } };
      const res = await app.request('/v1/solve?check=1&timeLimit=1', post(JSON.stringify(problem)));
      expect(res.status).toBe(200);
      const { board, check } = (await res.json()) as { board: Board; check: { ok: boolean; violations: unknown[] } };
      expect(check.violations).toEqual([]);
      expect(check.ok).toBe(true);
      expect(osrm.tables()).toBeGreaterThan(0);
      // the legs are the server's road times (30 km/h × 1.4), not the default estimate
      const leg = board.routes.flatMap((r) => r.stops).find((s) => s.kind === 'job' && s.distanceM > 0)!;
      expect((leg.distanceM / (leg.driveMin * 60)) * 3.6).toBeCloseTo(30, 6);
    } finally {
      await osrm.close();
    }
  });
});
