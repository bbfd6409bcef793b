// The hand-written Prometheus registry: exposition text for counters, histograms and gauges.
import { describe, expect, it } from 'vitest';
import { Registry } from './metrics.ts';

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
});
