// Live re-planning on the medium sample (30 technicians / 250 jobs): latency of replan() for one
// emergency insertion and for one cancellation (median, p95), the disruption each causes (jobs
// whose technician or ETA window changed, technicians touched), and the same events handled by a
// naive re-plan: solve the rest of the day again from scratch with the frozen stops pinned.
// Every board goes through checkBoard against its problem; any violation exits 1.
// Run: pnpm bench:replan [--trials N] [--naive-sec S] [--base-sec S] [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  boardChanges,
  checkBoard,
  formatIso,
  LiveEvents,
  offsetMinutesOf,
  parseIso,
  parseProblemText,
  replan,
  solve,
  type Board,
  type LiveEvent,
  type Problem,
  type ReplanResult,
} from '@truckroll/solver';
import { Rng } from '../../packages/solver/src/search/engine/rng.ts';
import { machineInfo } from '../lib/machine.ts';

const USAGE = `Usage: pnpm bench:replan [options]

  --dataset NAME   sample under datasets/ (default medium)
  --trials N       events of each kind (default 30)
  --base-sec S     time limit of the morning board's solve (default 5)
  --naive-sec S    time limit of each naive re-plan (default 2; 0 skips the naive runs)
  --seed N         seed of the events (default 1)
  --json FILE      also write the figures as JSON
`;

interface Trial {
  kind: 'emergency' | 'cancellation';
  ms: number;
  jobsMoved: number;
  technicians: number;
  onTime: boolean | null;
  driveMin: number;
  naive?: { ms: number; jobsMoved: number; technicians: number; driveMin: number; onTime: boolean | null };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]! : NaN;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function fail(what: string, problem: Problem, board: Board): void {
  const check = checkBoard(problem, board);
  if (check.ok) return;
  for (const v of check.violations.slice(0, 5)) process.stderr.write(`VIOLATION (${what}): ${v.code}: ${v.message}\n`);
  process.exit(1);
}

/** The naive re-plan: the updated problem with every locked (frozen) stop pinned where our board has it, solved from scratch. */
async function naive(r: ReplanResult, events: readonly LiveEvent[], before: Board, seconds: number): Promise<NonNullable<Trial['naive']>> {
  const p: Problem = structuredClone(r.problem);
  for (const t of p.technicians) {
    for (const id of t.locked ?? []) {
      const stop = r.board.routes.find((x) => x.technicianId === t.id)!.stops.find((s) => s.jobId === id)!;
      const job = p.jobs.find((j) => j.id === id)!;
      job.pinnedTechnician = t.id;
      job.pinnedStart = stop.start;
    }
    delete t.locked; // frozen in time by the pins; the search may use the gaps between them
  }
  const t0 = performance.now();
  const board = await solve(p, { timeLimitSec: seconds, seed: 1 });
  const ms = performance.now() - t0;
  fail('naive', p, board);
  const { disruption } = boardChanges(before, board, p, events);
  const added = events.find((e) => e.type === 'job_added');
  let onTime: boolean | null = null;
  if (added?.type === 'job_added' && added.job.responseDeadline) {
    const stop = board.routes.flatMap((x) => x.stops).find((s) => s.jobId === added.job.id);
    onTime = stop !== undefined && parseIso(stop.arrival) <= parseIso(added.job.responseDeadline);
  }
  return { ms, jobsMoved: disruption.jobsMoved, technicians: disruption.techniciansTouched, driveMin: board.kpis.driveMin, onTime };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string', default: 'medium' },
      trials: { type: 'string', default: '30' },
      'base-sec': { type: 'string', default: '5' },
      'naive-sec': { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const trials = Number(values.trials);
  const naiveSec = Number(values['naive-sec']);
  const problem = parseProblemText(readFileSync(new URL(`../../datasets/${values.dataset}.json`, import.meta.url), 'utf8'));
  process.stderr.write(`solving the morning board of ${values.dataset} (${values['base-sec']} s)…\n`);
  const board = await solve(problem, { timeLimitSec: Number(values['base-sec']), seed: 1 });
  fail('base', problem, board);
  const day = problem.technicians[0]!.shift.start;
  const offset = offsetMinutesOf(day);
  const dayMs = parseIso(`${day.slice(0, 11)}00:00:00${day.slice(19)}`);
  const iso = (ms: number) => formatIso(ms, offset);
  const rng = new Rng(Number(values.seed));
  const results: Trial[] = [];
  const planned = board.routes.flatMap((r) => r.stops.filter((s) => s.kind === 'job').map((s) => ({ id: s.jobId!, start: parseIso(s.start), location: s.location })));
  const skilled = problem.jobs.filter((j) => Object.keys(j.parts).length === 0);

  // warm-up (JIT), not measured
  await replan(problem, board, LiveEvents.parse([{ type: 'job_cancelled', at: iso(dayMs + 9 * 3600_000), jobId: planned[0]!.id }]));

  for (let k = 0; k < trials; k++) {
    // an emergency call between 09:00 and 15:00, near a job of the day, with a 2-hour response deadline
    const callMs = dayMs + (9 * 60 + Math.floor(rng.next() * 360)) * 60_000;
    const near = planned[Math.floor(rng.next() * planned.length)]!;
    const template = skilled[Math.floor(rng.next() * skilled.length)]!;
    const events = LiveEvents.parse([
      {
        type: 'job_added',
        at: iso(callMs),
        job: {
          id: `EM-${k}`,
          location: { lat: near.location.lat + (rng.next() - 0.5) * 0.02, lon: near.location.lon + (rng.next() - 0.5) * 0.02 },
          durationMin: 60,
          priority: 'emergency',
          calledAt: iso(callMs),
          responseDeadline: iso(callMs + 2 * 3600_000),
          skills: template.skills,
          value: 400,
        },
      },
    ]);
    const t0 = performance.now();
    const r = await replan(problem, board, events);
    const ms = performance.now() - t0;
    fail(`emergency ${k}`, r.problem, r.board);
    const e = r.emergencies[0];
    const trial: Trial = { kind: 'emergency', ms, jobsMoved: r.disruption.jobsMoved, technicians: r.disruption.techniciansTouched, onTime: e ? e.onTime : null, driveMin: r.board.kpis.driveMin };
    if (naiveSec > 0) trial.naive = await naive(r, events, board, naiveSec);
    results.push(trial);
    process.stderr.write(`emergency ${k + 1}/${trials}: ${ms.toFixed(0)} ms, ${trial.jobsMoved} jobs moved, ${trial.technicians} technicians, on time ${trial.onTime}${trial.naive ? `; naive ${trial.naive.jobsMoved} jobs moved` : ''}\n`);
  }
  for (let k = 0; k < trials; k++) {
    // a customer cancels a job 30–120 minutes before its planned start
    const later = planned.filter((x) => x.start > dayMs + 9.5 * 3600_000);
    const victim = later[Math.floor(rng.next() * later.length)]!;
    const events = LiveEvents.parse([{ type: 'job_cancelled', at: iso(victim.start - (30 + Math.floor(rng.next() * 90)) * 60_000), jobId: victim.id }]);
    const t0 = performance.now();
    const r = await replan(problem, board, events);
    const ms = performance.now() - t0;
    fail(`cancellation ${k}`, r.problem, r.board);
    const trial: Trial = { kind: 'cancellation', ms, jobsMoved: r.disruption.jobsMoved, technicians: r.disruption.techniciansTouched, onTime: null, driveMin: r.board.kpis.driveMin };
    if (naiveSec > 0) trial.naive = await naive(r, events, board, naiveSec);
    results.push(trial);
    process.stderr.write(`cancellation ${k + 1}/${trials}: ${ms.toFixed(0)} ms, ${trial.jobsMoved} jobs moved${trial.naive ? `; naive ${trial.naive.jobsMoved}` : ''}\n`);
  }

  const summary = (['emergency', 'cancellation'] as const).map((kind) => {
    const xs = results.filter((r) => r.kind === kind);
    const nv = xs.flatMap((r) => (r.naive ? [r.naive] : []));
    return {
      kind,
      trials: xs.length,
      medianMs: quantile(xs.map((r) => r.ms), 0.5),
      p95Ms: quantile(xs.map((r) => r.ms), 0.95),
      maxMs: Math.max(...xs.map((r) => r.ms)),
      jobsMovedMean: mean(xs.map((r) => r.jobsMoved)),
      jobsMovedMax: Math.max(...xs.map((r) => r.jobsMoved)),
      techniciansMax: Math.max(...xs.map((r) => r.technicians)),
      techniciansMean: mean(xs.map((r) => r.technicians)),
      onTime: kind === 'emergency' ? xs.filter((r) => r.onTime).length : null,
      driveMinMean: mean(xs.map((r) => r.driveMin)),
      naive: nv.length
        ? {
            medianMs: quantile(nv.map((r) => r.ms), 0.5),
            jobsMovedMean: mean(nv.map((r) => r.jobsMoved)),
            techniciansMean: mean(nv.map((r) => r.technicians)),
            driveMinMean: mean(nv.map((r) => r.driveMin)),
            onTime: kind === 'emergency' ? nv.filter((r) => r.onTime).length : null,
          }
        : null,
    };
  });
  const lines = [`replan on ${values.dataset} (${problem.technicians.length} technicians / ${problem.jobs.length} jobs), ${trials} events of each kind; ${machineInfo().cpu}, node ${process.version}`];
  for (const s of summary) {
    lines.push(
      `${s.kind.padEnd(12)} latency median ${s.medianMs.toFixed(0)} ms, p95 ${s.p95Ms.toFixed(0)} ms, max ${s.maxMs.toFixed(0)} ms; jobs moved mean ${s.jobsMovedMean.toFixed(2)} (max ${s.jobsMovedMax}); technicians touched mean ${s.techniciansMean.toFixed(2)} (max ${s.techniciansMax})${s.onTime !== null ? `; on time ${s.onTime}/${s.trials}` : ''}; drive ${s.driveMinMean.toFixed(0)} min`,
    );
    if (s.naive) {
      lines.push(
        `${''.padEnd(12)} naive (${naiveSec} s from scratch, frozen stops pinned): jobs moved mean ${s.naive.jobsMovedMean.toFixed(2)}; technicians touched mean ${s.naive.techniciansMean.toFixed(2)}${s.naive.onTime !== null ? `; on time ${s.naive.onTime}/${s.trials}` : ''}; drive ${s.naive.driveMinMean.toFixed(0)} min`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ machine: machineInfo(), summary, results }, null, 2)}\n`);
}

await main();
