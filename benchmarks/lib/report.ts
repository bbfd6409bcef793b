// Turns tinybench results into the project's benchmark records: JSON lines on stdout, a readable
// table on stderr, optionally a JSON file. Times in ns; `ratio` is median / the reference task's median.
import { writeFileSync } from 'node:fs';
import type { Bench, Task } from 'tinybench';
import { machineInfo } from './machine.ts';

/** One benchmark figure, as CI stores and compares it. */
export interface BenchRecord {
  name: string;
  /** median latency per call, nanoseconds */
  medianNs: number;
  p75Ns: number;
  p99Ns: number;
  /** relative margin of error of the mean, percent (tinybench's `rme`) */
  rme: number;
  samples: number;
  /** medianNs / the reference kernel's medianNs in the same run (machine-independent-ish) */
  ratio: number;
  /** name of the reference task the ratio is against */
  reference: string;
  node: string;
  cpu: string;
}

const NS_PER_MS = 1e6;

function statsOf(task: Task): { p50: number; p75: number; p99: number; rme: number; samples: number } {
  const r = task.result;
  if (r.state === 'errored') throw new Error(`benchmark task "${task.name}" failed: ${r.error.message}`, { cause: r.error });
  if (r.state !== 'completed') throw new Error(`benchmark task "${task.name}" did not complete (state ${r.state})`);
  const l = r.latency;
  return { p50: l.p50, p75: l.p75, p99: l.p99, rme: l.rme, samples: l.samplesCount };
}

/** Records for every task of a finished bench, with ratios against the task named `reference`. */
export function benchRecords(bench: Bench, reference: string): BenchRecord[] {
  const ref = bench.getTask(reference);
  if (!ref) throw new Error(`no reference task "${reference}" in the bench`);
  const refMedianNs = statsOf(ref).p50 * NS_PER_MS;
  const { node, cpu } = machineInfo();
  return bench.tasks.map((task) => {
    const s = statsOf(task);
    const medianNs = s.p50 * NS_PER_MS;
    return {
      name: task.name,
      medianNs: Math.round(medianNs),
      p75Ns: Math.round(s.p75 * NS_PER_MS),
      p99Ns: Math.round(s.p99 * NS_PER_MS),
      rme: Number(s.rme.toFixed(2)),
      samples: s.samples,
      ratio: Number((medianNs / refMedianNs).toFixed(3)),
      reference,
      node,
      cpu,
    };
  });
}

/** Writes one JSON object per line to stdout. */
export function emitJsonLines(records: readonly BenchRecord[]): void {
  for (const r of records) process.stdout.write(`${JSON.stringify(r)}\n`);
}

/** Writes the records as a pretty JSON array to `file`. */
export function writeJsonFile(file: string, records: readonly BenchRecord[]): void {
  writeFileSync(file, `${JSON.stringify(records, null, 2)}\n`);
}

/** 1234567 ns -> "1.23 ms"; picks ns, µs, ms or s. */
export function formatNs(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
  return `${(ns / 1e9).toFixed(3)} s`;
}

/** A fixed-width table of the records on stderr (stdout stays machine-readable). */
export function printTable(records: readonly BenchRecord[], title?: string): void {
  const head = ['task', 'median', 'p75', 'p99', '±rme', 'samples', '× ref'];
  const rows = records.map((r) => [r.name, formatNs(r.medianNs), formatNs(r.p75Ns), formatNs(r.p99Ns), `${r.rme.toFixed(2)}%`, String(r.samples), r.ratio.toFixed(2)]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const out: string[] = [];
  if (title) out.push(title);
  out.push(line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  const first = records[0];
  if (first) out.push(`(${first.node}, ${first.cpu}; × ref = median / median of "${first.reference}")`);
  process.stderr.write(`${out.join('\n')}\n`);
}
