// Liveness, readiness and metrics. Outside /v1: no auth, not counted as API traffic.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { METRICS_CONTENT_TYPE, type Registry } from '../metrics.ts';
import { ApiError } from '../problem.ts';

export interface HealthRouteOptions {
  /** Undefined when ready, else why not (e.g. "shutting down"). */
  notReadyReason: () => string | undefined;
  registry: Registry;
  retryAfterSec?: number;
}

export function registerHealth(app: OpenAPIHono<AppEnv>, { notReadyReason, registry, retryAfterSec = 5 }: HealthRouteOptions): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200));
  app.get('/readyz', (c) => {
    const reason = notReadyReason();
    if (reason) throw new ApiError({ status: 503, code: 'not_ready', title: 'Service Unavailable', detail: reason, headers: { 'Retry-After': String(retryAfterSec) } });
    return c.json({ status: 'ready' }, 200);
  });
  app.get('/metrics', (c) => c.body(registry.render(), 200, { 'Content-Type': METRICS_CONTENT_TYPE }));
}
