// Field quality on the generated samples (datasets/{small,medium,large}.json): time to the first valid
// board (greedy, regret construction) and KPIs after 1, 5 and 30 s of solve(); every board is verified
// by checkBoard (any violation: exit 1). Run: npx tsx benchmarks/field/samples.ts [--json FILE]
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
(solve) at each time limit, and the engine started from the regret construction (in-process, as solve
would run it). Prints utilization, drive share, unassigned jobs, total cost and time per board, and
the peak RSS. Every board goes through checkBoard; any violation exits 1.

Options:
  --datasets LIST   comma-separated sample names under datasets/ (default: small,medium,large)
  --limits LIST     engine time limits, seconds (default: 1,5,30)
  --seed N          solve seed (default 1)
  --no-construct-engine  skip the engine runs started from the regret construction
  --json FILE       also write the rows as JSON to FILE
  -h, --help        show this help
`;

const ROOT = new URL('../../', import.meta.url);

interface Row {
  dataset: string;
  /** "greedy", "construct", "engine 5s", "engine←construct 5s" */
  run: string;
  timeLimitSec: number | null;
  /** wall time of the run, compile included, ms */
  elapsedMs: number;
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

function rowOf(dataset: string, run: string, timeLimitSec: number | null, elapsedMs: number, problem: Problem, board: Board): Row {
  const check = checkBoard(problem, board);
  for (const v of check.violations.slice(0, 5)) process.stderr.write(`  VIOLATION ${dataset} ${run}: ${JSON.stringify(v)}\n`);
  return {
    dataset,
    run,
    timeLimitSec,
    elapsedMs: Math.round(elapsedMs),
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

function table(rows: readonly Row[]): string {
  const head = ['dataset', 'run', 'time', 'util', 'drive share', 'unassigned', 'cost', 'drive cost'];
  const body = rows.map((r) => [
    r.dataset,
    r.run,
    r.elapsedMs >= 1000 ? `${(r.elapsedMs / 1000).toFixed(2)} s` : `${r.elapsedMs} ms`,
    `${(100 * r.utilization).toFixed(1)}%`,
    `${(100 * r.driveShare).toFixed(1)}%`,
    String(r.unassigned),
    r.cost.toFixed(0),
    r.driveCost.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((x, i) => (i < 2 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  let values: { datasets?: string | undefined; limits?: string | undefined; seed?: string | undefined; json?: string | undefined; 'no-construct-engine'?: boolean | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        datasets: { type: 'string' },
        limits: { type: 'string' },
        seed: { type: 'string' },
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
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) usageError(`--seed must be a whole number (got "${values.seed}")`);

  const rows: Row[] = [];
  const peakRssMb: Record<string, number> = {};
  const add = (r: Row) => {
    rows.push(r);
    process.stderr.write(`${r.dataset} ${r.run}: cost ${r.cost.toFixed(0)}, ${r.unassigned} unassigned, ${r.elapsedMs} ms${r.violations ? `, ${r.violations} VIOLATIONS` : ''}\n`);
  };
  for (const name of datasets) {
    const problem = parseProblemText(readFileSync(new URL(`datasets/${name}.json`, ROOT), 'utf8'));
    let t0 = performance.now();
    const g = await solve(problem, { solver: 'greedy', seed });
    add(rowOf(name, 'greedy', null, performance.now() - t0, problem, g));
    const k = await constructBoard(problem, seed);
    add(rowOf(name, 'construct', null, k.ms, problem, k.board));
    for (const limit of limits) {
      t0 = performance.now();
      const e = await solve(problem, { solver: 'engine', seed, timeLimitSec: limit });
      add(rowOf(name, `engine ${limit}s`, limit, performance.now() - t0, problem, e));
      if (!values['no-construct-engine']) {
        const ke = await constructEngineBoard(problem, seed, limit);
        add(rowOf(name, `engine←construct ${limit}s`, limit, ke.ms, problem, ke.board));
      }
    }
    peakRssMb[name] = Math.round(process.resourceUsage().maxRSS / 1024);
  }

  const { node, cpu } = machineInfo();
  process.stdout.write(`${table(rows)}\n`);
  process.stdout.write(`peak RSS (cumulative, after each sample): ${Object.entries(peakRssMb).map(([k, v]) => `${k} ${v} MB`).join(', ')}\n`);
  process.stdout.write(`(${node}, ${cpu}; seed ${seed}; "time" is wall time with compile)\n`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ seed, node, cpu, peakRssMb, rows }, null, 2)}\n`);
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
