// In-process tests of the app shell: problem+json everywhere, request ids, 404, 413, health,
// readiness and metrics (an in-thread pool fake; the real pool is tested in pool.test.ts).
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { inlinePool, tinyJson } from './fixtures.test-helper.ts';
import { createApiMetrics } from './metrics.ts';

const json = (body: string) => ({ method: 'POST', body, headers: { 'Content-Type': 'application/json' } });

describe('createApp: the shell', () => {
  it('answers an unknown route with a 404 problem+json carrying the request id', async () => {
    const app = createApp({ pool: inlinePool() });
    const res = await app.request('/v1/nope', { headers: { 'X-Request-Id': 'req-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(res.headers.get('X-Request-Id')).toBe('req-123');
    expect(await res.json()).toEqual({ type: '/problems/not_found', title: 'Not Found', status: 404, detail: 'no route GET /v1/nope', instance: '/v1/nope', requestId: 'req-123' });
  });

  it('makes up a request id when the client sends none (or an unsafe one)', async () => {
    const app = createApp({ pool: inlinePool() });
    const res = await app.request('/v1/nope', { headers: { 'X-Request-Id': 'bad id with spaces' } });
    const body = (await res.json()) as { requestId: string };
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('X-Request-Id')).toBe(body.requestId);
  });

  it('refuses a body over the limit with 413 before solving', async () => {
    const pool = inlinePool();
    const app = createApp({ pool, bodyLimitBytes: 100 });
    const res = await app.request('/v1/solve', json(tinyJson()));
    expect(res.status).toBe(413);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: '/problems/payload_too_large', status: 413 });
    expect(pool.calls).toHaveLength(0);
  });

  it('never reads the body of a GET (no full Request per tracking or board poll), but limits every POST', async () => {
    // @hono/node-server builds a real undici Request (and an abort listener that V8 cleans up
    // later, in bursts) the moment `body` is read: at thousands of GETs a second that stalled the
    // event loop for 60-150 ms. This Request counts the reads.
    let bodyReads = 0;
    const readBody = Object.getOwnPropertyDescriptor(Request.prototype, 'body')!.get!;
    const counting = (url: string, init?: RequestInit): Request => {
      const req = new Request(url, init);
      Object.defineProperty(req, 'body', { get: () => (bodyReads++, readBody.call(req) as unknown) });
      return req;
    };
    const app = createApp({ pool: inlinePool(), bodyLimitBytes: 100 });
    for (const path of ['/v1/track/not-a-token', '/v1/boards', '/v1/nope']) {
      const res = await app.request(counting(`http://127.0.0.1${path}`));
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    expect(bodyReads).toBe(0);
    const post = await app.request(counting('http://127.0.0.1/v1/solve', json(tinyJson())));
    expect(post.status).toBe(413);
    expect(bodyReads).toBeGreaterThan(0);
  });

  it('turns an unexpected exception into a 500 problem that leaks nothing', async () => {
    const pool = inlinePool();
    pool.solve = () => Promise.reject(new Error('secret internals'));
    const logged: unknown[] = [];
    const app = createApp({ pool, logError: (err) => logged.push(err) });
    const res = await app.request('/v1/solve', json(tinyJson()));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { detail: string; type: string };
    expect(body.type).toBe('/problems/internal');
    expect(body.detail).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });

  it('healthz is always 200; readyz is 503 + Retry-After while not ready', async () => {
    let reason: string | undefined = 'starting';
    const app = createApp({ pool: inlinePool(), notReadyReason: () => reason });
    expect((await app.request('/healthz')).status).toBe(200);
    const notReady = await app.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('Retry-After')).toBe('5');
    expect(await notReady.json()).toMatchObject({ type: '/problems/not_ready', detail: 'starting' });
    reason = undefined;
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('counts requests by route pattern and status, and shows pool gauges, as Prometheus text', async () => {
    const metrics = createApiMetrics();
    const app = createApp({ pool: inlinePool(), metrics });
    await app.request('/v1/solve', json(tinyJson()));
    await app.request('/v1/solve', json('{'));
    await app.request('/nowhere');
    const res = await app.request('/metrics');
    expect(res.headers.get('Content-Type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toContain('truckroll_http_requests_total{method="POST",route="/v1/solve",status="200"} 1');
    expect(text).toContain('truckroll_http_requests_total{method="POST",route="/v1/solve",status="400"} 1');
    expect(text).toContain('truckroll_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('truckroll_pool_queue_size 0');
    expect(text).toContain('truckroll_pool_utilization 0');
    expect(text).toContain('# TYPE truckroll_solve_duration_seconds histogram');
  });
});
