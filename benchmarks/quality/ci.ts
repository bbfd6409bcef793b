// The CI quality gate: a fixed subset of Solomon instances and the small sample, solved with
// fixed iteration budgets (deterministic: the same figures on any machine), every board verified
// by the independent checker. Fails (exit 1) on any violation, or when the subset's average gap
// or the small sample's unassigned count or cost rise above benchmarks/quality/ci-threshold.json.
// Run: pnpm bench:ci [--update]  (--update writes the measured figures as the new thresholds)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkBoard, loadBks, loadSolomon, parseProblem, parseProblemText, solve } from '@truckroll/solver';

const ROOT = resolve(import.meta.dirname, '../..');
const THRESHOLD_FILE = join(ROOT, 'benchmarks/quality/ci-threshold.json');

interface Thresholds {
  note: string;
  solomon: { instances: string[]; maxIterations: number; maxAvgGapPct: number };
  small: { maxIterations: number; maxUnassigned: number; maxCost: number };
}

const update = process.argv.includes('--update');
const th = JSON.parse(readFileSync(THRESHOLD_FILE, 'utf8')) as Thresholds;
const bks = loadBks();
const failures: string[] = [];
const t0 = performance.now();

console.log('instance      vehicles        distance         bks    gap %    ms');
const gaps: number[] = [];
for (const name of th.solomon.instances) {
  const problem = parseProblem(loadSolomon(name));
  const t = performance.now();
  const board = await solve(problem, { maxIterations: th.solomon.maxIterations, timeLimitSec: 600, seed: 1 });
  const ms = performance.now() - t;
  const check = checkBoard(problem, board);
  if (!check.ok) failures.push(`${name}: ${check.violations.length} violation(s), e.g. ${check.violations[0]!.message}`);
  if (board.unassigned.length) failures.push(`${name}: ${board.unassigned.length} customers unassigned`);
  const distance = check.kpis.distanceKm * 1000;
  const best = bks.get(name)!.distanceOnly.distance;
  const gap = ((distance - best) / best) * 100;
  gaps.push(gap);
  console.log(`${name.padEnd(12)} ${String(check.kpis.techniciansUsed).padStart(8)} ${distance.toFixed(4).padStart(15)} ${best.toFixed(2).padStart(11)} ${gap.toFixed(2).padStart(8)} ${ms.toFixed(0).padStart(5)}`);
}
const avgGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
console.log(`subset average gap ${avgGap.toFixed(3)}% (threshold ${th.solomon.maxAvgGapPct}%)`);

const small = parseProblemText(readFileSync(join(ROOT, 'datasets/small.json'), 'utf8'));
const board = await solve(small, { maxIterations: th.small.maxIterations, timeLimitSec: 600, seed: 1 });
const check = checkBoard(small, board);
if (!check.ok) failures.push(`small: ${check.violations.length} violation(s), e.g. ${check.violations[0]!.message}`);
const k = check.kpis;
console.log(
  `small sample: ${k.jobsScheduled} scheduled, ${k.jobsUnassigned} unassigned, utilization ${(k.utilization * 100).toFixed(1)}%, drive share ${(k.driveShare * 100).toFixed(1)}%, cost ${check.cost.total.toFixed(2)} (thresholds: unassigned ${th.small.maxUnassigned}, cost ${th.small.maxCost})`,
);
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);

if (update) {
  // a hair of slack (0.05 points of gap, 0.5% of cost) so that only real regressions fail
  th.solomon.maxAvgGapPct = Math.ceil((avgGap + 0.05) * 1000) / 1000;
  th.small.maxUnassigned = k.jobsUnassigned;
  th.small.maxCost = Math.ceil(check.cost.total * 1.005 * 100) / 100;
  writeFileSync(THRESHOLD_FILE, `${JSON.stringify(th, null, 2)}\n`);
  console.log(`thresholds written to ${THRESHOLD_FILE}`);
} else {
  if (avgGap > th.solomon.maxAvgGapPct + 1e-9) failures.push(`Solomon subset average gap ${avgGap.toFixed(3)}% is above the threshold ${th.solomon.maxAvgGapPct}%`);
  if (k.jobsUnassigned > th.small.maxUnassigned) failures.push(`small sample: ${k.jobsUnassigned} unassigned, above the threshold ${th.small.maxUnassigned}`);
  if (check.cost.total > th.small.maxCost + 1e-6) failures.push(`small sample: cost ${check.cost.total.toFixed(2)} is above the threshold ${th.small.maxCost}`);
}
if (failures.length) {
  console.error(`quality gate FAILED:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('quality gate passed');
