// The API's self-description: an OpenAPI 3.1 document generated from the routes (with the
// solver's Problem and Board as components), an offline Swagger UI, and problem type pages.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createBoardRunner } from '../board-runner.ts';
import { inlinePool } from '../fixtures.test-helper.ts';
import { createBoardStore } from '../store/boards.ts';
import { openDb } from '../store/db.ts';
import { createTrackingStore } from '../store/tracking.ts';

function app() {
  const pool = inlinePool();
  const db = openDb(':memory:');
  const store = createBoardStore(db);
  return createApp({ pool, store, runner: createBoardRunner({ store, pool }), tracking: createTrackingStore(db, { secret: Buffer.alloc(32, 7) }) });
}

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { content?: Record<string, unknown> }> }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }>; securitySchemes: Record<string, unknown> };
}

describe('GET /openapi.json', () => {
  it('documents every /v1 route, with the solver’s schemas as components', async () => {
    const res = await app().request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDoc;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/v1/boards', '/v1/boards/{boardId}', '/v1/boards/{boardId}/jobs/{jobId}', '/v1/boards/{boardId}/view', '/v1/solve', '/v1/track/{token}', '/v1/vroom']);
    expect(doc.paths['/v1/solve']?.post?.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(doc.paths['/v1/solve']?.post?.responses['503']?.content).toHaveProperty(['application/problem+json']);
    expect(Object.keys(doc.paths['/v1/boards']!).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/v1/boards']?.post?.parameters).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header' }));
    expect(doc.components.schemas.Problem?.properties).toHaveProperty('technicians');
    expect(doc.components.schemas.Board?.properties).toHaveProperty('routes');
    expect(doc.components.schemas.ProblemDetails?.properties).toHaveProperty('errors');
    expect(doc.components.securitySchemes).toHaveProperty('ApiKey');
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI with no http(s):// src or href (works offline)', async () => {
    const res = await app().request('/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('SwaggerUIBundle');
    expect(html).toContain("url: '/openapi.json'");
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.sort()).toEqual(['/docs/assets/swagger-ui-dist/swagger-ui-bundle.js', '/docs/assets/swagger-ui-dist/swagger-ui.css']);
  });

  it('serves the two assets from the installed swagger-ui-dist, and nothing else', async () => {
    const a = app();
    const js = await a.request('/docs/assets/swagger-ui-dist/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('Content-Type')).toContain('javascript');
    expect((await js.text()).length).toBeGreaterThan(100_000);
    const css = await a.request('/docs/assets/swagger-ui-dist/swagger-ui.css');
    expect(css.headers.get('Content-Type')).toContain('text/css');
    for (const bad of ['package.json', '..%2Fpackage.json', 'index.html']) {
      const res = await a.request(`/docs/assets/swagger-ui-dist/${bad}`);
      expect(res.status, bad).toBe(404);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    }
  });

  it('serves a page for each problem type', async () => {
    const res = await app().request('/problems/pool_full');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Retry-After');
    expect((await app().request('/problems/nope')).status).toBe(404);
  });

  it('every code thrown as an ApiError in the API or as a TravelError in the solver has a page, and so do the solver and HTTP families', async () => {
    // the codes of ApiErrors thrown in the API, and of the solver's TravelErrors (502s), from the source
    const codes = new Set<string>();
    const scan = (dir: string, pattern: RegExp) => {
      for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!f.endsWith('.ts') || f.includes('test')) continue;
        for (const m of readFileSync(join(dir, f), 'utf8').matchAll(pattern)) codes.add(m[1]!);
      }
    };
    const src = resolve(import.meta.dirname, '..');
    scan(src, /new ApiError\(\{\s*status: [^,]+,\s*code: '([a-z_]+)'/g);
    scan(resolve(src, '../../solver/src'), /new TravelError\(\s*'([a-z_]+)'/g);
    expect(codes.size).toBeGreaterThan(20);
    for (const code of [...codes, 'solver_failed', 'time_limit', 'http_405']) {
      const res = await app().request(`/problems/${code}`);
      expect(res.status, code).toBe(200);
    }
  });
});
