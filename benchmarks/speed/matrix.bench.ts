// Speed of building a 1,000-location travel matrix (great-circle and explicit), as medians and
// ratios against a reference kernel measured in the same run. Asserts nothing about time.
// Run: npx tsx benchmarks/speed/matrix.bench.ts [--json FILE] [--time MS] [--seed N]
import { Bench } from 'tinybench';
import { explicitMatrix, greatCircleMatrix, type Location, type TravelMatrix as WireMatrix } from '@truckroll/solver';
import { parseBenchArgs } from '../lib/cli.ts';
import { benchRecords, emitJsonLines, formatNs, printTable, writeJsonFile } from '../lib/report.ts';
import { mulberry32 } from '../lib/rng.ts';

const USAGE = `Usage: npx tsx benchmarks/speed/matrix.bench.ts [options]

Builds 1,000 × 1,000 travel matrices and prints one JSON record per task on stdout
({ name, medianNs, p75Ns, p99Ns, rme, samples, ratio, reference, node, cpu }) and a table on stderr.

Options:
  --json FILE   also write the records as a JSON array to FILE
  --time MS     time budget per task, milliseconds (default 1000; at least 64 runs each)
  --seed N      seed for the random locations (default 1)
  -h, --help    show this help
`;

/** Locations in the matrices. */
const N_LOCATIONS = 1000;
/** Elements in the reference kernel (one per matrix cell). */
const REF_ELEMENTS = 1_000_000;
/** Centre of the generated metro area (Denver) and its half-width, km (a ~50 km square). */
const CENTRE = { lat: 39.7392, lon: -104.9903 };
const HALF_WIDTH_KM = 25;
const KM_PER_DEG_LAT = 111.195;

const REFERENCE = `ref: Float64Array multiply-add ×${REF_ELEMENTS.toLocaleString('en-US')}`;
const GREAT_CIRCLE = `greatCircleMatrix ${N_LOCATIONS.toLocaleString('en-US')} locations`;
const EXPLICIT = `explicitMatrix ${N_LOCATIONS.toLocaleString('en-US')} locations`;

/** `n` seeded random points, uniform over a square of ±HALF_WIDTH_KM around CENTRE; matrixIndex = position. */
function metroPoints(n: number, seed: number): Location[] {
  const rand = mulberry32(seed);
  const dLat = HALF_WIDTH_KM / KM_PER_DEG_LAT;
  const dLon = HALF_WIDTH_KM / (KM_PER_DEG_LAT * Math.cos((CENTRE.lat * Math.PI) / 180));
  return Array.from({ length: n }, (_, k) => ({
    lat: CENTRE.lat + (2 * rand() - 1) * dLat,
    lon: CENTRE.lon + (2 * rand() - 1) * dLon,
    matrixIndex: k,
  }));
}

/** The wire form of a compiled matrix (nested arrays, as a problem would carry it). */
function toWire(n: number, durationsSec: Float64Array, distancesM: Float64Array): WireMatrix {
  const rows = (a: Float64Array) => Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
  return { durationsSec: rows(durationsSec), distancesM: rows(distancesM) };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), USAGE);

  const points = metroPoints(N_LOCATIONS, args.seed);
  const base = greatCircleMatrix(points);
  const wire = toWire(N_LOCATIONS, base.durationsSec, base.distancesM);
  const rand = mulberry32(args.seed + 1);
  const xs = Float64Array.from({ length: REF_ELEMENTS }, rand);
  const ys = Float64Array.from({ length: REF_ELEMENTS }, rand);

  // Functions bound to locals and every result consumed, so the engine cannot drop the work.
  const gc = greatCircleMatrix;
  const em = explicitMatrix;
  let sink = 0;

  const bench = new Bench({ name: 'matrix', time: args.timeMs, throws: true });
  bench
    .add(REFERENCE, () => {
      let acc = 0;
      for (let i = 0; i < REF_ELEMENTS; i++) acc += xs[i]! * ys[i]!;
      sink += acc;
    })
    .add(GREAT_CIRCLE, () => {
      const m = gc(points);
      sink += m.distancesM[1]! + m.durationsSec[m.n * m.n - 2]!;
    })
    .add(EXPLICIT, () => {
      const m = em(wire, points);
      sink += m.distancesM[1]! + m.durationsSec[m.n * m.n - 2]!;
    });
  await bench.run();
  if (!Number.isFinite(sink)) throw new Error('benchmark checksum is not finite');

  const records = benchRecords(bench, REFERENCE);
  emitJsonLines(records);
  if (args.jsonFile) writeJsonFile(args.jsonFile, records);
  printTable(records, `matrix: ${N_LOCATIONS} locations over a ~${2 * HALF_WIDTH_KM} km square, seed ${args.seed}`);
  const gcRecord = records.find((r) => r.name === GREAT_CIRCLE)!;
  process.stderr.write(
    `great-circle ${N_LOCATIONS}×${N_LOCATIONS}: median ${formatNs(gcRecord.medianNs)} (${((gcRecord.medianNs / 1e9) * 100).toFixed(1)}% of a 1 s budget; ` +
      `${(gcRecord.medianNs / ((N_LOCATIONS * (N_LOCATIONS - 1)) / 2)).toFixed(1)} ns per pair)\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
