// Quality on the 56 Solomon VRPTW instances: the engine at a time limit per instance, every board
// verified by the independent checker (any violation or unassigned job: exit 1), gap to the
// distance-only best known. Run: npx tsx benchmarks/quality/solomon.ts [--time-limit S] [--instances C101,R101] [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkBoard } from '../../packages/solver/src/checker/index.ts';
import { compile } from '../../packages/solver/src/compile/compile.ts';
import { parseProblem } from '../../packages/solver/src/model/parse.ts';
import { emptySolution, improve, type ImproveStats } from '../../packages/solver/src/search/engine/loop.ts';
import { greedy, Inserter } from '../../packages/solver/src/search/greedy.ts';
import { unload } from '../../packages/solver/src/search/unload.ts';
import { listSolomon, loadBks, loadSolomon } from '../../packages/solver/src/solomon/index.ts';
import { closeSearchPool } from '../../packages/solver/src/parallel/pool.ts';
import { solve } from '../../packages/solver/src/solve.ts';
import { machineInfo } from '../lib/machine.ts';

const USAGE = `Usage: npx tsx benchmarks/quality/solomon.ts [options]

Solves Solomon instances with the improvement engine, checks every board with checkBoard, and
prints per instance: vehicles, distance (exact), gap to the distance-only best known, time; then
averages per family (C1, C2, R1, R2, RC1, RC2) and overall; then, for readers from the literature,
the hierarchical view: cumulative vehicles and distance (CNV / CTD) per family next to the classic
fewest-vehicles-first best known and the distance-only one.

Options:
  --time-limit S      seconds per instance for the search, construction included (default 1)
  --max-iterations N  stop after N ruin-and-recreate iterations instead (deterministic per seed)
  --instances LIST    comma-separated names (default: all 56)
  --start KIND        "empty" (the engine constructs; default) or "greedy" (cheapest insertion first)
  --greedy-only       no search: report the greedy construction alone (the baseline)
  --threads N         parallel searches on N worker threads with seeds seed…seed+N-1, best board
                      wins (through solve(); the time limit includes the workers' start)
  --seed N            search seed (default 1)
  --json FILE         also write the table and the averages as JSON to FILE
  --tables FILE       solve nothing: print the summary tables of a run saved with --json
  -h, --help          show this help
`;

function usageError(message: string): never {
  process.stderr.write(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

interface Row {
  instance: string;
  family: string;
  vehicles: number;
  /** exact total distance recomputed by the checker */
  distance: number;
  bks: number;
  gapPct: number;
  timeMs: number;
  iterations: number;
  violations: number;
  unassigned: number;
}

/** C1, C2, R1, R2, RC1 or RC2 from an instance name. */
function familyOf(name: string): string {
  const m = /^(RC|R|C)(\d)/i.exec(name);
  return m ? `${m[1]!.toUpperCase()}${m[2]}` : 'other';
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        'time-limit': { type: 'string' },
        'max-iterations': { type: 'string' },
        instances: { type: 'string' },
        start: { type: 'string' },
        'greedy-only': { type: 'boolean' },
        threads: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'string' },
        tables: { type: 'string' },
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
  if (typeof values.tables === 'string') {
    let saved: { rows: Row[] };
    try {
      saved = JSON.parse(readFileSync(values.tables, 'utf8')) as { rows: Row[] };
    } catch (e) {
      usageError(`cannot read ${values.tables}: ${(e as Error).message}`);
    }
    if (!Array.isArray(saved.rows)) usageError(`${values.tables} has no "rows": write it with --json`);
    printSummary(saved.rows, loadBks());
    return;
  }
  const timeLimitSec = values['time-limit'] === undefined ? 1 : Number(values['time-limit']);
  if (!(timeLimitSec > 0)) usageError(`--time-limit must be a positive number of seconds (got "${String(values['time-limit'])}")`);
  const maxIterations = values['max-iterations'] === undefined ? undefined : Number(values['max-iterations']);
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations >= 0)) usageError('--max-iterations must be a whole number');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) usageError('--seed must be a whole number');
  const threads = values.threads === undefined ? 1 : Number(values.threads);
  if (!(Number.isInteger(threads) && threads >= 1 && threads <= 64)) usageError('--threads must be an integer from 1 to 64');
  const start = (values.start as string | undefined) ?? 'empty';
  if (start !== 'empty' && start !== 'greedy') usageError('--start must be "empty" or "greedy"');
  const all = listSolomon();
  const names = values.instances === undefined ? all : String(values.instances).split(',').map((s) => s.trim()).filter(Boolean);
  const bks = loadBks();

  const machine = machineInfo();
  process.stderr.write(`Solomon quality: ${names.length} instances, ${maxIterations !== undefined ? `${maxIterations} iterations` : `${timeLimitSec} s`} each, start ${start}, seed ${seed} (${machine.node}, ${machine.cpu})\n`);
  const head = ['instance', 'veh', 'distance', 'bks', 'gap %', 'ms', 'iters'];
  process.stdout.write(`${head[0]!.padEnd(8)} ${head.slice(1).map((h) => h.padStart(12)).join(' ')}\n`);
  const rows: Row[] = [];
  let failed = false;
  for (const name of names) {
    const problem = parseProblem(loadSolomon(name));
    const c = await compile(problem);
    const b = bks.get(name.toUpperCase());
    if (!b) usageError(`no best-known solution for ${name}`);
    const t0 = performance.now();
    const stats = {} as ImproveStats;
    let board;
    if (threads > 1) {
      board = await solve(problem, { threads, seed, timeLimitSec: maxIterations !== undefined ? 3600 : timeLimitSec, ...(maxIterations !== undefined ? { maxIterations } : {}) });
      stats.iterations = board.solver.iterations ?? 0;
    } else {
      const first = start === 'greedy' || values['greedy-only'] ? greedy(c) : emptySolution(c);
      const budgetMs = timeLimitSec * 1000 - (performance.now() - t0);
      const sol = values['greedy-only'] ? first : improve(c, first, { timeLimitMs: Math.max(0, budgetMs), ...(maxIterations !== undefined ? { maxIterations, timeLimitMs: Infinity } : {}), seed }, stats);
      board = unload(c, sol, new Inserter(c), { solverName: 'engine', seed, elapsedMs: Math.round(performance.now() - t0), iterations: sol.iterations });
    }
    const timeMs = performance.now() - t0;
    const check = checkBoard(problem, board);
    const distance = check.kpis.distanceKm * 1000;
    const bk = b.distanceOnly.distance;
    const row: Row = {
      instance: name,
      family: familyOf(name),
      vehicles: check.kpis.techniciansUsed,
      distance,
      bks: bk,
      gapPct: ((distance - bk) / bk) * 100,
      timeMs,
      iterations: stats.iterations,
      violations: check.violations.length,
      unassigned: board.unassigned.length,
    };
    rows.push(row);
    if (row.violations || row.unassigned) {
      failed = true;
      process.stderr.write(`${name}: ${row.violations} violations, ${row.unassigned} unassigned: ${check.violations.slice(0, 3).map((v) => v.message).join('; ')}\n`);
    }
    process.stdout.write(
      `${name.padEnd(8)} ${[String(row.vehicles), distance.toFixed(4), bk.toFixed(2), row.gapPct.toFixed(2), timeMs.toFixed(0), String(row.iterations)].map((s) => s.padStart(12)).join(' ')}\n`,
    );
  }

  const { summary, overall } = printSummary(rows, bks);
  if (typeof values.json === 'string') {
    writeFileSync(values.json, `${JSON.stringify({ timeLimitSec, maxIterations: maxIterations ?? null, seed, start, threads, machine, rows, families: summary, overall }, null, 2)}\n`);
  }
  await closeSearchPool();
  if (failed) {
    process.stderr.write('FAILED: some board has violations or unassigned jobs\n');
    process.exit(1);
  }
}

type Bks = ReturnType<typeof loadBks>;

/**
 * Prints the averages per family and overall (distance-only gap), then the hierarchical view:
 * per family the cumulative vehicles and distance (CNV / CTD) next to the best known under the
 * classic objective (fewest vehicles first) and the distance-only one.
 */
function printSummary(rows: readonly Row[], bks: Bks) {
  const avg = (rs: readonly Row[], f: (r: Row) => number) => rs.reduce((a, r) => a + f(r), 0) / Math.max(1, rs.length);
  const sum = (rs: readonly Row[], f: (r: Row) => number) => rs.reduce((a, r) => a + f(r), 0);
  const families = [...new Set(rows.map((r) => r.family))];
  const groups: [string, Row[]][] = [...families.map((f): [string, Row[]] => [f, rows.filter((r) => r.family === f)]), ['all', [...rows]]];
  const summary = groups.map(([family, rs]) => ({ family, instances: rs.length, vehicles: avg(rs, (r) => r.vehicles), gapPct: avg(rs, (r) => r.gapPct), timeMs: avg(rs, (r) => r.timeMs) }));
  const overall = summary.pop()!;
  const cell = (xs: string[]) => xs.map((x) => x.padStart(12)).join(' ');
  process.stdout.write(`\n${'family'.padEnd(8)} ${cell(['n', 'avg veh', 'avg gap %', 'avg ms'])}\n`);
  for (const s of [...summary, overall]) process.stdout.write(`${s.family.padEnd(8)} ${cell([String(s.instances), s.vehicles.toFixed(2), s.gapPct.toFixed(2), s.timeMs.toFixed(0)])}\n`);
  const known = (r: Row) => bks.get(r.instance.toUpperCase());
  process.stdout.write(`\nhierarchical view (CNV / CTD: cumulative vehicles / distance; classic best known = fewest vehicles first)\n`);
  process.stdout.write(`${'family'.padEnd(8)} ${cell(['CNV', 'classic CNV', 'CTD', 'classic CTD', 'dist-only CTD'])}\n`);
  for (const [family, rs] of groups) {
    const classicV = sum(rs, (r) => known(r)?.hierarchical.vehicles ?? NaN);
    const classicD = sum(rs, (r) => known(r)?.hierarchical.distance ?? NaN);
    const onlyD = sum(rs, (r) => known(r)?.distanceOnly.distance ?? NaN);
    process.stdout.write(`${family.padEnd(8)} ${cell([String(sum(rs, (r) => r.vehicles)), String(classicV), sum(rs, (r) => r.distance).toFixed(2), classicD.toFixed(2), onlyD.toFixed(2)])}\n`);
  }
  return { summary, overall };
}

await main();
