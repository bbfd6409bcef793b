// Abort latency of solve() on datasets/large.json (100 technicians, 1,000 jobs): the time from the
// scheduled abort to the returned board, in-process, on one isolated worker and on 2 threads; and
// the search workers' start cost (cold and warm pool). Prints figures; asserts nothing about time.
// Run: npx tsx benchmarks/speed/abort.ts [--runs N] [--inprocess-runs N]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkBoard, parseProblemText, solve, type Problem } from '@truckroll/solver';
import { compile } from '../../packages/solver/src/compile/compile.ts';
import { closeSearchPool } from '../../packages/solver/src/parallel/pool.ts';
import { now } from '../../packages/solver/src/parallel/protocol.ts';
import { searchOnThreads } from '../../packages/solver/src/parallel/run.ts';
import { sharedCompiled } from '../../packages/solver/src/parallel/share.ts';
import { machineInfo } from '../lib/machine.ts';

const USAGE = `Usage: npx tsx benchmarks/speed/abort.ts [--runs N] [--inprocess-runs N]

Solves datasets/large.json with a long time limit and aborts it after a delay spread over
300..6000 ms (greedy, search set-up, search), N times per mode; prints each latency (scheduled
abort -> board) and the median and max per mode, then the worker start cost.
  --runs N            runs per threaded mode (default 10)
  --inprocess-runs N  in-process runs (default 3; each waits for its whole 6 s time limit)
`;

const { values } = parseArgs({ options: { runs: { type: 'string' }, 'inprocess-runs': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const RUNS = Number(values.runs ?? 10);
const IN_PROCESS_RUNS = Number(values['inprocess-runs'] ?? 3);

const ROOT = resolve(import.meta.dirname, '../..');
const problem: Problem = parseProblemText(readFileSync(resolve(ROOT, 'datasets/large.json'), 'utf8'));

const delays = (n: number): number[] => Array.from({ length: n }, (_, i) => Math.round(300 + (n > 1 ? (i * 5700) / (n - 1) : 0)));
const stats = (xs: number[]): { median: number; max: number } => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median: m, max: s[s.length - 1]! };
};

interface Mode {
  name: string;
  options: { threads?: number; isolate?: boolean; timeLimitSec: number };
  runs: number;
}
const modes: Mode[] = [
  { name: 'in-process (isolate: false)', options: { isolate: false, timeLimitSec: 6 }, runs: IN_PROCESS_RUNS },
  { name: 'threads 1 (isolated worker, the default with a signal)', options: { timeLimitSec: 60 }, runs: RUNS },
  { name: 'threads 2', options: { threads: 2, timeLimitSec: 60 }, runs: RUNS },
];

process.stderr.write(`machine: ${JSON.stringify(machineInfo())}\n`);
// warm the pool once so the threaded runs measure the abort, not the first worker start
await solve(problem, { threads: 2, maxIterations: 1, solver: 'greedy' });

const summary: Record<string, { median: number; max: number; latenciesMs: number[] }> = {};
for (const mode of modes) {
  const latencies: number[] = [];
  for (const delay of delays(mode.runs)) {
    const ctrl = new AbortController();
    const t0 = now();
    let firedLateMs = 0;
    const timer = setTimeout(() => {
      firedLateMs = now() - (t0 + delay);
      ctrl.abort();
    }, delay);
    const board = await solve(problem, { ...mode.options, signal: ctrl.signal });
    const settled = now();
    clearTimeout(timer);
    const latency = settled - (t0 + delay);
    latencies.push(latency);
    const violations = checkBoard(problem, board).violations.length;
    process.stdout.write(
      `${mode.name}: abort at ${delay} ms -> board after ${latency.toFixed(1)} ms (abort event ${firedLateMs.toFixed(1)} ms late; ` +
        `${board.routes.reduce((a, r) => a + r.stops.filter((s) => s.kind === 'job').length, 0)} jobs routed, cost ${board.cost.total.toFixed(0)}, ${violations} violations)\n`,
    );
  }
  const s = stats(latencies);
  summary[mode.name] = { ...s, latenciesMs: latencies.map((x) => Math.round(x * 10) / 10) };
  process.stdout.write(`== ${mode.name}: median ${s.median.toFixed(1)} ms, max ${s.max.toFixed(1)} ms over ${latencies.length} runs\n\n`);
}

// worker start cost: run() -> handler entry, per thread, on a cold pool and a warm one
await closeSearchPool();
const c = await compile(problem);
let t = now();
sharedCompiled(c);
process.stdout.write(`copying the compiled instance into SharedArrayBuffers: ${(now() - t).toFixed(1)} ms\n`);
for (const label of ['cold pool', 'warm pool']) {
  t = now();
  const r = await searchOnThreads(c, { threads: 2, solver: 'engine', seed: 1, maxIterations: 0, deadline: now() + 60_000 });
  const starts = r.timings.map((x) => `thread ${x.thread}: start ${x.startMs.toFixed(0)} ms, greedy ${x.constructMs.toFixed(0)} ms, search ${x.searchMs.toFixed(0)} ms`);
  process.stdout.write(`${label}: ${starts.join('; ')} (total ${(now() - t).toFixed(0)} ms)\n`);
}
await closeSearchPool();
process.stdout.write(`${JSON.stringify({ summary })}\n`);
