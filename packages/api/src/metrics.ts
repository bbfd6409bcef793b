// A tiny Prometheus registry (text exposition format 0.0.4): labelled counters, histograms and
// gauges read at scrape time. Enough for /metrics; no dependency.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type Labels = Record<string, string>;

const escapeLabel = (v: string): string => v.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('"', '\\"');
const labelText = (labels: Labels): string => {
  const keys = Object.keys(labels).sort();
  return keys.length ? `{${keys.map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`).join(',')}}` : '';
};
const keyOf = (labels: Labels): string => labelText(labels);
const fmt = (n: number): string => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

interface Metric {
  render(): string;
}

export class Counter implements Metric {
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = keyOf(labels);
    const cur = this.#values.get(k);
    if (cur) cur.value += by;
    else this.#values.set(k, { labels, value: by });
  }
  get(labels: Labels = {}): number {
    return this.#values.get(keyOf(labels))?.value ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.#values.values()) lines.push(`${this.name}${labelText(labels)} ${fmt(value)}`);
    return lines.join('\n');
  }
}

/** Cumulative buckets (upper bounds, same unit as the observations) plus `_sum` and `_count`. */
export class Histogram implements Metric {
  readonly #series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly buckets: readonly number[]) {}
  observe(value: number, labels: Labels = {}): void {
    const k = keyOf(labels);
    let s = this.#series.get(k);
    if (!s) {
      s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.#series.set(k, s);
    }
    this.buckets.forEach((le, i) => {
      if (value <= le) s.counts[i] = (s.counts[i] ?? 0) + 1;
    });
    s.sum += value;
    s.count += 1;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, counts, sum, count } of this.#series.values()) {
      this.buckets.forEach((le, i) => lines.push(`${this.name}_bucket${labelText({ ...labels, le: fmt(le) })} ${counts[i] ?? 0}`));
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${fmt(sum)}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines.join('\n');
  }
}

/** A gauge whose value is read when scraped. */
export class Gauge implements Metric {
  constructor(readonly name: string, readonly help: string, readonly read: () => number) {}
  render(): string {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${fmt(this.read())}`].join('\n');
  }
}

export class Registry {
  readonly #metrics: Metric[] = [];
  counter(name: string, help: string): Counter {
    return this.#add(new Counter(name, help));
  }
  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    return this.#add(new Histogram(name, help, buckets));
  }
  gauge(name: string, help: string, read: () => number): Gauge {
    return this.#add(new Gauge(name, help, read));
  }
  /** The exposition text (`text/plain; version=0.0.4`). */
  render(): string {
    return `${this.#metrics.map((m) => m.render()).join('\n')}\n`;
  }
  #add<M extends Metric>(m: M): M {
    this.#metrics.push(m);
    return m;
  }
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** The API's own metrics. Pool gauges are added by whoever owns the pool (see `createApp`). */
export interface ApiMetrics {
  registry: Registry;
  requests: Counter;
  requestSeconds: Histogram;
  solveSeconds: Histogram;
  solves: Counter;
}

export function createApiMetrics({ registry = new Registry() }: { registry?: Registry } = {}): ApiMetrics {
  return {
    registry,
    requests: registry.counter('truckroll_http_requests_total', 'HTTP requests by method, route pattern and status.'),
    requestSeconds: registry.histogram('truckroll_http_request_duration_seconds', 'HTTP request duration in seconds.', [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30]),
    solveSeconds: registry.histogram('truckroll_solve_duration_seconds', 'Solve duration on the worker pool (queue wait included), seconds.', [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]),
    solves: registry.counter('truckroll_solves_total', 'Solves by outcome (ok, input, error, rejected).'),
  };
}

/**
 * Event-loop lag of this thread (perf_hooks.monitorEventLoopDelay, 10 ms resolution), as gauges
 * over the time since the previous scrape (prom-client's convention: reading resets them): a
 * request, a health check included, waits at least this long while the loop is held. Returns a
 * stop function.
 */
export function registerEventLoopGauges(registry: Registry): () => void {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let window = { max: 0, p99: 0, mean: 0 };
  // the three gauges render in this order: the first read takes the window and resets the histogram
  const take = (): typeof window => {
    window = h.count ? { max: h.max / 1e9, p99: h.percentile(99) / 1e9, mean: h.mean / 1e9 } : { max: 0, p99: 0, mean: 0 };
    h.reset();
    return window;
  };
  registry.gauge('nodejs_eventloop_lag_max_seconds', 'Longest event-loop delay since the previous scrape (each scrape resets it: one scraper per server), seconds.', () => take().max);
  registry.gauge('nodejs_eventloop_lag_p99_seconds', '99th percentile of the event-loop delay since the previous scrape, seconds.', () => window.p99);
  registry.gauge('nodejs_eventloop_lag_mean_seconds', 'Mean event-loop delay since the previous scrape, seconds.', () => window.mean);
  return () => h.disable();
}

