// The dispatch API under load (issue #5): starts the real server (`truckroll serve`, a child
// process on 127.0.0.1, temp database), stores a board of datasets/small.json for its tracking
// tokens, then phase 1: POST /v1/solve (small sample, ?timeLimit=1) with pool + queue connections,
// a full pool; phase 2: GET /v1/track/{token} (rotating tokens) while the same solve load keeps the
// pool full. GET /healthz is probed every 100 ms from a worker thread throughout.
// Run: pnpm bench:load [--duration S] [--connections N] [--json FILE]. Exit 1 if a health probe took
// >= 50 ms or failed, any 5xx other than 503 came back, or a phase measured nothing; the server is
// always stopped (also on error, SIGINT, SIGTERM).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo } from '../lib/machine.ts';
import { cpuFigures, cpuSnapshot, type CpuFigures } from './cpu.ts';
import { healthFigures, startHealthProber, type HealthFigures, type HealthProber, type HealthSample } from './health.ts';
import { startLoad, type LoadFigures } from './load.ts';
import { startServer, type ServerHandle } from './server.ts';
import { formatMs, table } from './stats.ts';

const USAGE = `Usage: pnpm bench:load [options]

Load benchmark of the dispatch API on loopback: throughput and latency of POST /v1/solve (small
sample, time limit 1 s) with a full solver pool, then of GET /v1/track/{token} while solves keep the
pool full; /healthz is probed every 100 ms and must answer 200 in under 50 ms throughout.

Options:
  --duration S            seconds per load phase (default 20; the whole run is about 2 S + 10 s)
  --connections N         connections of the tracking phase (default 10)
  --solve-connections N   connections posting solves (default: threads + max queue, a full pool)
  --threads N             server solver threads (default: the server's, cores - 1)
  --max-queue N           server queue before 503 (default: the server's, 2 x threads)
  --time-limit S          ?timeLimit= of each solve, seconds (default 1)
  --max-solves N          most solve requests per phase (default 2000)
  --max-tracks N          most tracking requests (default 2000000)
  --nice N                niceness of the load generator's thread (0..19, default 10; the health
                          prober and the server keep normal priority), so that on a small
                          machine the client does not take the CPU of the server it measures
  --json FILE             also write the figures as JSON to FILE
  -h, --help              show this help

Exit codes: 0 pass, 1 fail (health >= 50 ms or failed, a 5xx other than 503, no 2xx in a
phase, a tracking answer other than 200, or the server failed), 2 usage error.
`;

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'datasets/small.json');
const HEALTH_BUDGET_MS = 50;
const HEALTH_INTERVAL_MS = 100;
const IDLE_PHASE_MS = 2_000;

interface Config {
  durationSec: number;
  trackConnections: number;
  solveConnections: number | undefined;
  threads: number | undefined;
  maxQueue: number | undefined;
  timeLimitSec: number;
  maxSolves: number;
  maxTracks: number;
  nice: number;
  jsonFile: string | undefined;
}

function usageError(message: string): never {
  process.stderr.write(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseConfig(argv: string[]): Config {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        'solve-connections': { type: 'string' },
        threads: { type: 'string' },
        'max-queue': { type: 'string' },
        'time-limit': { type: 'string' },
        'max-solves': { type: 'string' },
        'max-tracks': { type: 'string' },
        nice: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    usageError((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const num = (flag: string, fallback: number | undefined, integer: boolean, min: number, max: number): number | undefined => {
    const raw = values[flag];
    if (raw === undefined || typeof raw !== 'string') return fallback;
    const x = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(x) || (integer && !Number.isInteger(x)) || x < min || x > max) {
      usageError(`--${flag} must be ${integer ? 'a whole number' : 'a number'} in ${min}..${max} (got "${raw}")`);
    }
    return x;
  };
  return {
    durationSec: num('duration', 20, false, 1, 600)!,
    trackConnections: num('connections', 10, true, 1, 1_000)!,
    solveConnections: num('solve-connections', undefined, true, 1, 1_000),
    threads: num('threads', undefined, true, 1, 256),
    maxQueue: num('max-queue', undefined, true, 1, 10_000),
    timeLimitSec: num('time-limit', 1, false, 0.1, 60)!,
    maxSolves: num('max-solves', 2_000, true, 1, 1_000_000)!,
    maxTracks: num('max-tracks', 2_000_000, true, 1, 100_000_000)!,
    nice: num('nice', 10, true, 0, 19)!,
    jsonFile: typeof values.json === 'string' ? values.json : undefined,
  };
}

const say = (line: string) => void process.stderr.write(`${line}\n`);

interface QueueFigures {
  samples: number;
  mean: number | null;
  max: number | null;
  /** The server's longest event-loop delay over the phase (its /metrics lag gauge, reset by each scrape), ms. */
  loopLagMaxMs: number | null;
}

/** Samples the pool's queue depth and the server's event-loop lag from /metrics every `intervalMs` (to show the pool was full, and whether the server's loop stalled). */
function sampleQueue(url: string, intervalMs = 250): { stop(): QueueFigures } {
  const depths: number[] = [];
  let lagMax: number | null = null;
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const text = await fetch(`${url}/metrics`).then(
        (r) => r.text(),
        () => '',
      );
      const m = /^truckroll_pool_queue_size (\d+)/m.exec(text);
      if (m) depths.push(Number(m[1]));
      const lag = /^nodejs_eventloop_lag_max_seconds (\S+)/m.exec(text);
      if (lag) lagMax = Math.max(lagMax ?? 0, Number(lag[1]) * 1000);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    stop() {
      stopped = true;
      return {
        samples: depths.length,
        mean: depths.length ? depths.reduce((a, b) => a + b, 0) / depths.length : null,
        max: depths.length ? Math.max(...depths) : null,
        loopLagMaxMs: lagMax,
      };
    },
  };
}

interface PhaseResult {
  name: string;
  loads: LoadFigures[];
  health: HealthFigures;
  /** The slowest probes (at most 20), for the report. */
  slowestProbes: HealthSample[];
  queue: QueueFigures;
  /** Cores busy on average: server, benchmark, everything else (Linux only). */
  cpu: CpuFigures | null;
}

/** Runs `body` with health probes, queue and CPU sampling on; returns their figures with the loads. */
async function phase(name: string, url: string, prober: HealthProber, serverPid: number, body: () => Promise<LoadFigures[]>): Promise<PhaseResult> {
  const pids = [serverPid, process.pid];
  const cpuBefore = cpuSnapshot(pids);
  prober.start();
  const queue = sampleQueue(url);
  const outcome = await body().then(
    (loads) => ({ loads }),
    (error: unknown) => ({ error }),
  );
  const queueFigures = queue.stop();
  const samples = await prober.stop();
  const cpu = cpuFigures(cpuBefore, cpuSnapshot(pids), serverPid, process.pid, availableParallelism());
  if ('error' in outcome) throw outcome.error;
  const { loads } = outcome;
  const slowestProbes = [...samples].sort((a, b) => b.latencyMs - a.latencyMs).slice(0, 20);
  return { name, loads, health: healthFigures(samples, HEALTH_BUDGET_MS), slowestProbes, queue: queueFigures, cpu };
}

async function createBoard(url: string, problemText: string, timeLimitSec: number): Promise<string[]> {
  const res = await fetch(`${url}/v1/boards?wait=60&timeLimit=${timeLimitSec}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: problemText });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /v1/boards answered ${res.status}, not 201: ${text.slice(0, 300)}`);
  const resource = JSON.parse(text) as { status?: string; tracking?: { token: string }[] };
  const tokens = resource.tracking?.map((t) => t.token) ?? [];
  if (resource.status !== 'solved' || tokens.length === 0) throw new Error(`the board is ${resource.status ?? '?'} with ${tokens.length} tracking token(s); need a solved board with tokens`);
  const probe = await fetch(`${url}/v1/track/${tokens[0]}`);
  await probe.text();
  if (probe.status !== 200) throw new Error(`GET /v1/track/{token} answered ${probe.status} for a fresh token`);
  return tokens;
}

function loadRows(phases: readonly PhaseResult[]): string {
  const rows = phases.flatMap((p) =>
    p.loads.map((l) => [
      p.name,
      l.name,
      String(l.connections),
      l.durationSec.toFixed(1),
      String(l.answers),
      String(l.ok),
      String(l.rateLimited),
      String(l.poolFull),
      String(l.other4xx + l.other5xx),
      String(l.errors),
      l.answersPerSec.toFixed(1),
      l.okPerSec.toFixed(1),
      formatMs(l.latency.p50Ms),
      formatMs(l.latency.p99Ms),
      formatMs(l.latency.maxMs),
    ]),
  );
  return table(['phase', 'load', 'conns', 's', 'answers', '2xx', '429', '503', 'other', 'errors', 'req/s', '2xx/s', 'p50', 'p99', 'max'], rows, 2);
}

function healthRows(phases: readonly PhaseResult[]): string {
  const rows = phases.map((p) => [
    p.name,
    String(p.health.probes),
    String(p.health.failed),
    formatMs(p.health.p50Ms),
    formatMs(p.health.p99Ms),
    formatMs(p.health.maxMs),
    `${p.health.overBudget} (${p.health.overBudgetStarved} / ${p.health.overBudgetServerBusy})`,
    p.queue.mean === null ? '—' : `${p.queue.mean.toFixed(2)} / ${p.queue.max}`,
    p.queue.loopLagMaxMs === null ? '—' : formatMs(p.queue.loopLagMaxMs),
    p.cpu ? `${p.cpu.server.toFixed(2)} / ${p.cpu.bench.toFixed(2)} / ${p.cpu.other.toFixed(2)}` : '—',
    p.health.pass ? 'PASS' : 'FAIL',
  ]);
  return table(['phase', 'probes', 'failed', 'p50', 'p99', 'max', `>= ${HEALTH_BUDGET_MS} ms (starved / busy)`, 'queue mean / max', 'server loop lag max', 'cores server / bench / other', `< ${HEALTH_BUDGET_MS} ms`], rows, 1);
}

async function main(): Promise<number> {
  const config = parseConfig(process.argv.slice(2));
  const problemText = readFileSync(SAMPLE, 'utf8');
  const sample = JSON.parse(problemText) as { technicians: unknown[]; jobs: unknown[] };
  const dir = mkdtempSync(join(tmpdir(), 'truckroll-load-'));
  let server: ServerHandle | undefined;
  let prober: HealthProber | undefined;
  const stops = new Set<() => void>();
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      for (const stop of stops) stop();
      await prober?.close();
      if (server) await server.stop();
      rmSync(dir, { recursive: true, force: true });
    })());
  // `on`, not `once`: Ctrl-C reaches this process twice (the terminal's process group, then tsx
  // relaying it), and a second signal with no listener would kill it before the cleanup ends
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    say(`\n${signal}: stopping the server`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.once('exit', () => server?.killNow());
  const budgetMs = (2 * config.durationSec + 120) * 1000;
  const watchdog = setTimeout(() => {
    say(`error: the run took longer than ${budgetMs / 1000} s; stopping`);
    void cleanup().finally(() => process.exit(1));
  }, budgetMs);

  try {
    const t0 = performance.now();
    server = await startServer({
      root: ROOT,
      dbFile: join(dir, 'load.db'),
      ...(config.threads === undefined ? {} : { threads: config.threads }),
      ...(config.maxQueue === undefined ? {} : { maxQueue: config.maxQueue }),
    });
    const { url, threads, maxQueue } = server;
    const solveConnections = config.solveConnections ?? threads + maxQueue;
    say(`server ${url} (pid ${server.pid}): ${threads} solver thread(s), queue ${maxQueue}; ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // the prober's thread is created first, so it keeps normal priority when the load generator's drops
    prober = await startHealthProber({ url: `${url}/healthz`, intervalMs: HEALTH_INTERVAL_MS, serverPid: server.pid });
    if (config.nice) setPriority(config.nice);

    const tokens = await createBoard(url, problemText, config.timeLimitSec);
    say(`board of ${SAMPLE.slice(ROOT.length + 1)} stored: ${tokens.length} tracking tokens`);

    const solveLoad = (name: string, durationSec: number) =>
      startLoad({
        name,
        url: `${url}/v1/solve?timeLimit=${config.timeLimitSec}`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: problemText,
        connections: solveConnections,
        durationSec,
        maxRequests: config.maxSolves,
        timeoutSec: Math.max(30, config.timeLimitSec * (4 + solveConnections)),
      });
    const phases: PhaseResult[] = [];

    say(`idle: ${IDLE_PHASE_MS / 1000} s of health probes`);
    phases.push(await phase('idle', url, prober, server.pid, () => new Promise((r) => setTimeout(() => r([]), IDLE_PHASE_MS))));

    say(`phase 1: POST /v1/solve?timeLimit=${config.timeLimitSec}, ${solveConnections} connections, ${config.durationSec} s`);
    phases.push(
      await phase('1 solve', url, prober, server.pid, async () => {
        const run = solveLoad('POST /v1/solve', config.durationSec);
        stops.add(run.stop);
        return [await run.result];
      }),
    );

    say(`phase 2: GET /v1/track/{token}, ${config.trackConnections} connections, ${config.durationSec} s, while ${solveConnections} connections post solves`);
    phases.push(
      await phase('2 track', url, prober, server.pid, async () => {
        const background = solveLoad('POST /v1/solve (background)', config.durationSec + 60);
        stops.add(background.stop);
        // let the solves fill the pool before the tracking load starts
        await new Promise((r) => setTimeout(r, Math.min(2_000, 1_000 * config.timeLimitSec + 500)));
        const track = startLoad({
          name: 'GET /v1/track/{token}',
          url,
          paths: tokens.map((t) => `/v1/track/${t}`),
          connections: config.trackConnections,
          durationSec: config.durationSec,
          maxRequests: config.maxTracks,
          timeoutSec: 10,
        });
        stops.add(track.stop);
        const trackFigures = await track.result;
        background.stop();
        return [trackFigures, await background.result];
      }),
    );

    const exitCode = await server.stop();
    const log = server.log;

    const failures: string[] = [];
    for (const p of phases) {
      if (!p.health.pass) {
        const worst = p.slowestProbes[0];
        const h = p.health;
        const why = h.overBudgetStarved || h.overBudgetServerBusy ? `; ${h.overBudgetStarved} while the server's main thread and the prober waited for a CPU, ${h.overBudgetServerBusy} while the server's main thread ran` : '';
        const other = p.cpu ? `; other work on the machine: ${p.cpu.other.toFixed(2)} cores` : '';
        failures.push(`phase ${p.name}: ${h.overBudget} of ${h.probes} health probe(s) failed or took >= ${HEALTH_BUDGET_MS} ms (max ${formatMs(h.maxMs)}${worst?.error ? `, ${worst.error}` : ''}${why}${other})`);
      }
      for (const l of p.loads) {
        if (l.other5xx) failures.push(`phase ${p.name}, ${l.name}: ${l.other5xx} answer(s) 5xx other than 503 (${JSON.stringify(l.byStatus)})`);
        if (l.ok === 0) failures.push(`phase ${p.name}, ${l.name}: no 2xx answer at all`);
        if (l.name.startsWith('GET /v1/track') && l.ok !== l.answers) failures.push(`phase ${p.name}, ${l.name}: ${l.answers - l.ok} answer(s) other than 200 (${JSON.stringify(l.byStatus)})`);
      }
    }
    if (exitCode !== 0) failures.push(`the server exited with ${String(exitCode)} on SIGTERM, not 0`);

    const { node, cpu, platform } = machineInfo();
    const out = [
      `Dispatch API under load: 127.0.0.1, ${threads} solver thread(s), queue ${maxQueue}; ${SAMPLE.slice(ROOT.length + 1)} (${sample.technicians.length} technicians / ${sample.jobs.length} jobs), timeLimit ${config.timeLimitSec} s`,
      `(${node}, ${cpu}, ${platform}; load generator at nice ${config.nice}; latencies over 2xx answers; "other" = non-2xx except 429/503; errors = connection errors and timeouts)`,
      '',
      loadRows(phases),
      '',
      `GET /healthz every ${HEALTH_INTERVAL_MS} ms on a fresh connection, from a worker thread; queue = solves waiting (of ${maxQueue}), from /metrics;`,
      "server loop lag max = the server's longest event-loop delay in the phase (its nodejs_eventloop_lag_max_seconds, scraped every 250 ms): a stall there delays every request;",
      'cores = average CPU of the server, this benchmark and everything else on the machine (other work skews every latency);',
      `starved = slow probes during which the server's main thread and the prober waited for a CPU half the time or more; busy = the server's main thread ran half the time or more`,
      healthRows(phases),
      '',
      `server log: ${Object.entries(log.counts).map(([k, n]) => `${k} ×${n}`).join(', ') || 'empty'}`,
      failures.length ? `FAIL\n${failures.map((f) => `  - ${f}`).join('\n')}` : 'PASS',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    if (config.jsonFile) {
      const figures = {
        machine: machineInfo(),
        server: { threads, maxQueue, exitCode },
        config: { ...config, solveConnections, sample: SAMPLE.slice(ROOT.length + 1), healthBudgetMs: HEALTH_BUDGET_MS, healthIntervalMs: HEALTH_INTERVAL_MS },
        phases: phases.map((p) => ({ name: p.name, loads: p.loads, health: p.health, slowestProbes: p.slowestProbes, queue: p.queue, cpu: p.cpu })),
        serverLog: log.counts,
        pass: failures.length === 0,
        failures,
      };
      writeFileSync(config.jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
      say(`figures written to ${config.jsonFile}`);
    }
    if (exitCode !== 0 || failures.some((f) => f.includes('5xx'))) say(`server stderr (last lines):\n${log.tail.map((line) => line.slice(0, 400)).join('\n')}`);
    return failures.length ? 1 : 0;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    say(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
