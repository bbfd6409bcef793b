// The hand-written Prometheus registry: exposition text for counters, histograms and gauges.
import { describe, expect, it } from 'vitest';
import { registerEventLoopGauges, Registry } from './metrics.ts';

describe('Registry', () => {
  it('renders labelled counters (sorted, escaped labels)', () => {
    const r = new Registry();
    const c = r.counter('hits_total', 'Hits.');
    c.inc({ route: '/a', method: 'GET' });
    c.inc({ method: 'GET', route: '/a' }, 2);
    c.inc({ route: 'say "hi"\n' });
    expect(c.get({ route: '/a', method: 'GET' })).toBe(3);
    expect(r.render()).toBe(['# HELP hits_total Hits.', '# TYPE hits_total counter', 'hits_total{method="GET",route="/a"} 3', 'hits_total{route="say \\"hi\\"\\n"} 1', ''].join('\n'));
  });

  it('renders cumulative histogram buckets with +Inf, _sum and _count', () => {
    const r = new Registry();
    const h = r.histogram('solve_seconds', 'Solve time.', [0.1, 1]);
    for (const v of [0.05, 0.5, 2]) h.observe(v);
    const text = r.render();
    expect(text).toContain('solve_seconds_bucket{le="0.1"} 1\nsolve_seconds_bucket{le="1"} 2\nsolve_seconds_bucket{le="+Inf"} 3\nsolve_seconds_sum 2.55\nsolve_seconds_count 3');
  });

  it('reads gauges at scrape time', () => {
    const r = new Registry();
    let q = 1;
    r.gauge('queue', 'Queue.', () => q);
    expect(r.render()).toContain('queue 1');
    q = 4;
    expect(r.render()).toContain('queue 4');
  });

  it('reports the event-loop lag since the previous scrape, and resets it', async () => {
    const r = new Registry();
    const stop = registerEventLoopGauges(r);
    const value = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)![1]);
    try {
      // the monitor's first tick only starts its clock
      await new Promise((resolve) => setTimeout(resolve, 30));
      // hold the loop for 200 ms: the monitor's 10 ms timer fires at least ~190 ms late
      const until = performance.now() + 200;
      while (performance.now() < until);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const held = r.render();
      expect(value(held, 'nodejs_eventloop_lag_max_seconds')).toBeGreaterThanOrEqual(0.15);
      expect(value(held, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0.15);
      expect(value(held, 'nodejs_eventloop_lag_mean_seconds')).toBeGreaterThan(0);
      // the next window starts empty of that stall
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(value(r.render(), 'nodejs_eventloop_lag_max_seconds')).toBeLessThan(value(held, 'nodejs_eventloop_lag_max_seconds'));
    } finally {
      stop();
    }
  });
});
