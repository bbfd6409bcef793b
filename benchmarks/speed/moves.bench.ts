// Move evaluations per second on the large sample: the greedy's board loaded into the engine's
// SearchState, a fixed seeded list of (u, v) moves priced by each registered operator's evaluate() (and
// SWAP*, registered or not), as medians and ratios against a reference kernel measured in the same
// run. Asserts nothing about time.
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { parseProblemText } from '@truckroll/solver';
import { compile } from '../../packages/solver/src/compile/compile.ts';
import { neighbours } from '../../packages/solver/src/search/engine/neighbours.ts';
import { OPERATORS } from '../../packages/solver/src/search/engine/operators/index.ts';
import { swapStar } from '../../packages/solver/src/search/engine/operators/swap-star.ts';
import { Rng } from '../../packages/solver/src/search/engine/rng.ts';
import { SearchState } from '../../packages/solver/src/search/engine/state.ts';
import { greedy } from '../../packages/solver/src/search/greedy.ts';
import { parseBenchArgs } from '../lib/cli.ts';
import { benchRecords, printTable, writeJsonFile, type BenchRecord } from '../lib/report.ts';

const USAGE = `Usage: npx tsx benchmarks/speed/moves.bench.ts [options]

Loads datasets/large.json (100 technicians, 1,000 jobs), builds the greedy board, loads it into the
engine's SearchState and times each operator's evaluate() (the registered ones, and SWAP* also when
it is not registered) over the same seeded list of moves (u a
scheduled job, v one of its granular neighbours or a route's start depot). Prints one JSON record per
task on stdout ({ name, medianNs, …, ratio, moves, movesPerSec }) and a table on stderr.

Options:
  --json FILE   also write the records as a JSON array to FILE
  --time MS     time budget per task, milliseconds (default 1000)
  --seed N      seed of the move list (default 1)
  -h, --help    show this help
`;

/** Moves per task call (the same list for every operator). */
const N_MOVES = 20_000;
/** Neighbours per job the moves draw v from (the engine's default granularity). */
const K_NEIGHBOURS = 30;
/** Share of moves whose v is a route's start depot instead of a neighbour. */
const DEPOT_SHARE = 0.1;
/** Pairs in the reference kernel: a typed-array haversine, one per move. */
const REF_PAIRS = N_MOVES;
const REFERENCE = `ref: typed-array haversine ×${REF_PAIRS.toLocaleString('en-US')}`;

interface MoveRecord extends BenchRecord {
  moves: number;
  movesPerSec: number;
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), USAGE);
  const problem = parseProblemText(readFileSync(new URL('../../datasets/large.json', import.meta.url), 'utf8'));
  const c = await compile(problem);
  const st = new SearchState(c);
  st.load(greedy(c));
  const nbrs = neighbours(st, { k: K_NEIGHBOURS });

  // the move list: u a scheduled job; v a neighbour of u that is scheduled, or a start depot
  const rng = new Rng(args.seed);
  const scheduled: number[] = [];
  for (let j = 0; j < c.nJobs; j++) if (st.routeOf[j]! >= 0) scheduled.push(j);
  const mu = new Int32Array(N_MOVES);
  const mv = new Int32Array(N_MOVES);
  for (let i = 0; i < N_MOVES; i++) {
    const u = scheduled[rng.int(scheduled.length)]!;
    const nb = nbrs[u]!;
    let v = -1;
    if (rng.next() >= DEPOT_SHARE && nb.length > 0) {
      for (let tries = 0; tries < 8 && v < 0; tries++) {
        const w = nb[rng.int(nb.length)]!;
        if (st.routeOf[w]! >= 0) v = w;
      }
    }
    if (v < 0) v = c.nJobs + rng.int(c.nTechs);
    mu[i] = u;
    mv[i] = v;
  }

  // reference kernel inputs: coordinates of the move endpoints, radians
  const lat1 = new Float64Array(REF_PAIRS);
  const lon1 = new Float64Array(REF_PAIRS);
  const lat2 = new Float64Array(REF_PAIRS);
  const lon2 = new Float64Array(REF_PAIRS);
  const rad = Math.PI / 180;
  for (let i = 0; i < REF_PAIRS; i++) {
    const a = c.jobLoc[mu[i]!]!;
    const b = mv[i]! < c.nJobs ? c.jobLoc[mv[i]!]! : c.techStartLoc[mv[i]! - c.nJobs]!;
    lat1[i] = c.locLat[a]! * rad;
    lon1[i] = c.locLon[a]! * rad;
    lat2[i] = c.locLat[b]! * rad;
    lon2[i] = c.locLon[b]! * rad;
  }

  let sink = 0;
  let finite = 0;
  const bench = new Bench({ name: 'moves', time: args.timeMs, throws: true });
  bench.add(REFERENCE, () => {
    let acc = 0;
    for (let i = 0; i < REF_PAIRS; i++) {
      const dLat = lat2[i]! - lat1[i]!;
      const dLon = lon2[i]! - lon1[i]!;
      const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1[i]!) * Math.cos(lat2[i]!) * Math.sin(dLon / 2) ** 2;
      acc += 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
    }
    sink += acc;
  });
  for (const op of new Set([...OPERATORS, swapStar])) {
    if (!op.supports(c)) continue;
    op.init(st);
    // bound to locals, every delta consumed
    const evaluate = op.evaluate.bind(op);
    const off = OPERATORS.includes(op) ? '' : ' (not registered)';
    bench.add(`${op.name}${off} evaluate ×${N_MOVES.toLocaleString('en-US')}`, () => {
      let acc = 0;
      for (let i = 0; i < N_MOVES; i++) {
        const d = evaluate(mu[i]!, mv[i]!, st);
        if (d === d && d !== Infinity && d !== -Infinity) {
          acc += d;
          finite++;
        }
      }
      sink += acc;
    });
  }
  await bench.run();
  if (!Number.isFinite(sink) || finite === 0) throw new Error('benchmark checksum is not finite');

  const records: MoveRecord[] = benchRecords(bench, REFERENCE).map((r) => ({ ...r, moves: N_MOVES, movesPerSec: Math.round(N_MOVES / (r.medianNs / 1e9)) }));
  for (const r of records) process.stdout.write(`${JSON.stringify(r)}\n`);
  if (args.jsonFile) writeJsonFile(args.jsonFile, records);
  printTable(records, `moves: large sample (${c.nTechs} technicians, ${c.nJobs} jobs, ${scheduled.length} scheduled by the greedy), ${st.exact ? 'exact' : 'plain'} mode, seed ${args.seed}`);
  process.stderr.write(`${records.map((r) => `${r.name.padEnd(40)} ${(r.movesPerSec / 1e6).toFixed(2)} M moves/s`).join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
