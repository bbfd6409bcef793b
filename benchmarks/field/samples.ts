// Field quality on the generated samples (datasets/{small,medium,large}.json): time to the first valid
// board (greedy, regret construction) and KPIs after 1, 5 and 30 s of solve() on 1 or more threads,
// with the drive and the jobs scheduled next to the greedy's (medians over seeds); every board is
// verified by checkBoard (any violation: exit 1). Run: npx tsx benchmarks/field/samples.ts [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkBoard, parseProblemText, solve, type Board, type Problem } from '@truckroll/solver';
import { compile } from '../../packages/solver/src/compile/compile.ts';
import { construct } from '../../packages/solver/src/search/construct/index.ts';
import { improve } from '../../packages/solver/src/search/engine/loop.ts';
import { Inserter } from '../../packages/solver/src/search/greedy.ts';
import { unload } from '../../packages/solver/src/search/unload.ts';
import { machineInfo } from '../lib/machine.ts';

const USAGE = `Usage: npx tsx benchmarks/field/samples.ts [options]

For each sample: the greedy (solve with solver "greedy") and the regret construction, then the engine
(solve) at each time limit and thread count, and the engine started from the regret construction
(in-process, as solve would run it, one thread). Prints jobs scheduled, drive minutes and their change
against the greedy, utilization, drive share, unassigned jobs, total cost and time per board, and the
peak RSS; with several seeds, the median of each figure over the seeds. Every board goes through
checkBoard; any violation exits 1.

Options:
  --datasets LIST   comma-separated sample names under datasets/ (default: small,medium,large)
  --limits LIST     engine time limits, seconds (default: 1,5,30)
  --threads LIST    engine thread counts (solve's threads option; default: 1)
  --seed N          solve seed (default 1)
  --seeds LIST      several seeds, figures are medians over them (overrides --seed)
  --no-construct-engine  skip the engine runs started from the regret construction
  --json FILE       also write the rows (every seed) as JSON to FILE
  -h, --help        show this help
`;

const ROOT = new URL('../../', import.meta.url);

interface Row {
  dataset: string;
  /** "greedy", "construct", "engine 5s", "engine 5s ×2" (two threads), "engine←construct 5s" */
  run: string;
  timeLimitSec: number | null;
  threads: number;
  seed: number;
  /** wall time of the run, compile included, ms */
  elapsedMs: number;
  jobs: number;
  driveMin: number;
  utilization: number;
  driveShare: number;
  unassigned: number;
  cost: number;
  driveCost: number;
  violations: number;
}

function usageError(message: string): never {
  process.stderr.write(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function rowOf(dataset: string, run: string, timeLimitSec: number | null, threads: number, seed: number, elapsedMs: number, problem: Problem, board: Board): Row {
  const check = checkBoard(problem, board);
  for (const v of check.violations.slice(0, 5)) process.stderr.write(`  VIOLATION ${dataset} ${run}: ${JSON.stringify(v)}\n`);
  return {
    dataset,
    run,
    timeLimitSec,
    threads,
    seed,
    elapsedMs: Math.round(elapsedMs),
    jobs: board.kpis.jobsScheduled,
    driveMin: board.kpis.driveMin,
    utilization: board.kpis.utilization,
    driveShare: board.kpis.driveShare,
    unassigned: board.unassigned.length,
    cost: board.cost.total,
    driveCost: board.cost.drive,
    violations: check.violations.length,
  };
}

/** The regret construction alone, as solve() would start the engine from it. */
async function constructBoard(problem: Problem, seed: number): Promise<{ board: Board; ms: number }> {
  const t0 = performance.now();
  const c = await compile(problem);
  const sol = construct(c, { seed });
  const ms = performance.now() - t0;
  return { board: unload(c, sol, new Inserter(c), { solverName: 'construct', seed, elapsedMs: Math.round(ms), iterations: sol.iterations }), ms };
}

/** compile + construct + improve for the rest of the limit: solve() with the regret start. */
async function constructEngineBoard(problem: Problem, seed: number, timeLimitSec: number): Promise<{ board: Board; ms: number }> {
  const t0 = performance.now();
  const c = await compile(problem);
  const start = construct(c, { seed });
  const sol = improve(c, start, { timeLimitMs: Math.max(0, timeLimitSec * 1000 - (performance.now() - t0)), seed });
  const ms = performance.now() - t0;
  return { board: unload(c, sol, new Inserter(c), { solverName: 'engine', seed, timeLimitSec, elapsedMs: Math.round(ms), iterations: sol.iterations }), ms };
}

/** The median of each figure over the rows of one (dataset, run) (the upper median for an even count). */
function medianRow(rows: readonly Row[]): Row {
  const med = (f: (r: Row) => number): number => {
    const xs = rows.map(f).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)]!;
  };
  return {
    ...rows[0]!,
    elapsedMs: med((r) => r.elapsedMs),
    jobs: med((r) => r.jobs),
    driveMin: med((r) => r.driveMin),
    utilization: med((r) => r.utilization),
    driveShare: med((r) => r.driveShare),
    unassigned: med((r) => r.unassigned),
    cost: med((r) => r.cost),
    driveCost: med((r) => r.driveCost),
    violations: Math.max(...rows.map((r) => r.violations)),
  };
}

function table(rows: readonly Row[]): string {
  const head = ['dataset', 'run', 'time', 'jobs', 'drive min', 'vs greedy', 'util', 'drive share', 'unassigned', 'cost', 'drive cost'];
  const greedyDrive = new Map(rows.filter((r) => r.run === 'greedy').map((r) => [r.dataset, r.driveMin]));
  const body = rows.map((r) => {
    const g = greedyDrive.get(r.dataset);
    return [
      r.dataset,
      r.run,
      r.elapsedMs >= 1000 ? `${(r.elapsedMs / 1000).toFixed(2)} s` : `${r.elapsedMs} ms`,
      String(r.jobs),
      r.driveMin.toFixed(0),
      g ? `${r.driveMin >= g ? '+' : ''}${((100 * (r.driveMin - g)) / g).toFixed(1)}%` : '',
      `${(100 * r.utilization).toFixed(1)}%`,
      `${(100 * r.driveShare).toFixed(1)}%`,
      String(r.unassigned),
      r.cost.toFixed(0),
      r.driveCost.toFixed(0),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((x, i) => (i < 2 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  let values: {
    datasets?: string | undefined;
    limits?: string | undefined;
    threads?: string | undefined;
    seed?: string | undefined;
    seeds?: string | undefined;
    json?: string | undefined;
    'no-construct-engine'?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        datasets: { type: 'string' },
        limits: { type: 'string' },
        threads: { type: 'string' },
        seed: { type: 'string' },
        seeds: { type: 'string' },
        json: { type: 'string' },
        'no-construct-engine': { type: 'boolean' },
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
    return;
  }
  const datasets = (values.datasets ?? 'small,medium,large').split(',').filter(Boolean);
  const limits = (values.limits ?? '1,5,30').split(',').map(Number);
  if (limits.some((x) => !Number.isFinite(x) || x <= 0)) usageError(`--limits must be positive seconds (got "${values.limits}")`);
  const threadCounts = (values.threads ?? '1').split(',').map(Number);
  if (threadCounts.some((x) => !Number.isInteger(x) || x < 1)) usageError(`--threads must be whole numbers ≥ 1 (got "${values.threads}")`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) usageError(`--seed must be a whole number (got "${values.seed}")`);
  const seeds = values.seeds === undefined ? [seed] : values.seeds.split(',').map(Number);
  if (seeds.some((x) => !Number.isInteger(x))) usageError(`--seeds must be whole numbers (got "${values.seeds}")`);

  const rows: Row[] = [];
  const peakRssMb: Record<string, number> = {};
  const add = (r: Row) => {
    rows.push(r);
    process.stderr.write(
      `${r.dataset} ${r.run} seed ${r.seed}: ${r.jobs} jobs, drive ${r.driveMin.toFixed(0)} min, cost ${r.cost.toFixed(0)}, ${r.unassigned} unassigned, ${r.elapsedMs} ms${r.violations ? `, ${r.violations} VIOLATIONS` : ''}\n`,
    );
  };
  for (const name of datasets) {
    const problem = parseProblemText(readFileSync(new URL(`datasets/${name}.json`, ROOT), 'utf8'));
    for (const sd of seeds) {
      let t0 = performance.now();
      const g = await solve(problem, { solver: 'greedy', seed: sd });
      add(rowOf(name, 'greedy', null, 1, sd, performance.now() - t0, problem, g));
      const k = await constructBoard(problem, sd);
      add(rowOf(name, 'construct', null, 1, sd, k.ms, problem, k.board));
      for (const limit of limits) {
        for (const threads of threadCounts) {
          t0 = performance.now();
          const e = await solve(problem, { solver: 'engine', seed: sd, timeLimitSec: limit, threads });
          add(rowOf(name, `engine ${limit}s${threads > 1 ? ` ×${threads}` : ''}`, limit, threads, sd, performance.now() - t0, problem, e));
        }
        if (!values['no-construct-engine']) {
          const ke = await constructEngineBoard(problem, sd, limit);
          add(rowOf(name, `engine←construct ${limit}s`, limit, 1, sd, ke.ms, problem, ke.board));
        }
      }
    }
    peakRssMb[name] = Math.round(process.resourceUsage().maxRSS / 1024);
  }

  // one line per (dataset, run): the medians over the seeds
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${r.dataset}\u0000${r.run}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const summary = [...groups.values()].map(medianRow);
  const { node, cpu } = machineInfo();
  process.stdout.write(`${table(summary)}\n`);
  process.stdout.write(`peak RSS (cumulative, after each sample): ${Object.entries(peakRssMb).map(([k, v]) => `${k} ${v} MB`).join(', ')}\n`);
  process.stdout.write(
    `(${node}, ${cpu}; ${seeds.length > 1 ? `medians over seeds ${seeds.join(', ')}` : `seed ${seeds[0]}`}; "time" is wall time with compile; ×N: N threads)\n`,
  );
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ seeds, node, cpu, peakRssMb, rows, summary }, null, 2)}\n`);
  const bad = rows.filter((r) => r.violations > 0);
  if (bad.length) {
    process.stderr.write(`error: ${bad.length} board(s) failed the checker: ${bad.map((r) => `${r.dataset} ${r.run}`).join(', ')}\n`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
