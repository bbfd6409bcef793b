// Booking on the medium sample (30 technicians / 250 jobs), over a replayed day: calls come in
// (peaks 9–11 and 13–15); each gets recommend(k = 5) (latency measured) and books the first offer
// through replan, as a caller would accept; technicians work the board through the day (job
// started / finished events, durations 0.85–1.25 × plan, running long reported). At the end: how
// many booked jobs started inside the window they were offered. Every board is checked.
// Run: pnpm bench:offers [--calls N] [--seed N] [--base-sec S] [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  checkBoard,
  formatIso,
  offsetMinutesOf,
  parseIso,
  parseProblemText,
  recommend,
  replan,
  solve,
  Job,
  type Board,
  type LiveEvent,
  type Problem,
} from '@truckroll/solver';
import { Rng } from '../../packages/solver/src/search/engine/rng.ts';
import { machineInfo } from '../lib/machine.ts';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'medium' },
    calls: { type: 'string', default: '40' },
    seed: { type: 'string', default: '1' },
    'base-sec': { type: 'string', default: '5' },
    json: { type: 'string' },
  },
});

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]! : NaN;
};

let problem: Problem = parseProblemText(readFileSync(new URL(`../../datasets/${values.dataset}.json`, import.meta.url), 'utf8'));
const day = problem.technicians[0]!.shift.start;
const offset = offsetMinutesOf(day);
const dayMs = parseIso(`${day.slice(0, 11)}00:00:00${day.slice(19)}`);
const iso = (ms: number) => formatIso(ms, offset);
const rng = new Rng(Number(values.seed));
process.stderr.write(`solving the morning board (${values['base-sec']} s)…\n`);
let board: Board = await solve(problem, { timeLimitSec: Number(values['base-sec']), seed: 1 });

function check(what: string): void {
  const c = checkBoard(problem, board);
  if (c.ok) return;
  for (const v of c.violations.slice(0, 5)) process.stderr.write(`VIOLATION (${what}): ${v.code}: ${v.message}\n`);
  process.exit(1);
}
check('morning');

// calls: two peaks (9–11, 13–15) and a thin spread between 8 and 16
const nCalls = Number(values.calls);
const callTimes = Array.from({ length: nCalls }, () => {
  const r = rng.next();
  const hour = r < 0.4 ? 9 + rng.next() * 2 : r < 0.8 ? 13 + rng.next() * 2 : 8 + rng.next() * 8;
  return dayMs + Math.round(hour * 60) * 60_000;
}).sort((a, b) => a - b);
const templates = problem.jobs.filter((j) => Object.keys(j.parts).length === 0 && j.priority !== 'emergency');

const latencies: number[] = [];
const booked = new Map<string, { start: number; end: number }>();
let noOffer = 0;
let refused = 0;
const actualEnd = new Map<string, number>();
const startedAt = new Map<string, number>();

async function apply(events: LiveEvent[], opts: { keepPromises?: boolean } = {}): Promise<void> {
  if (!events.length) return;
  const r = await replan(problem, board, events, opts);
  problem = r.problem;
  board = r.board;
  check(events.map((e) => e.type).join(','));
}

let call = 0;
for (let t = dayMs + 7 * 3600_000; t <= dayMs + 19 * 3600_000; t += 10 * 60_000) {
  // work: jobs due to start by t start (at their planned start), jobs due to end by t end
  const work: LiveEvent[] = [];
  const busy = new Set(problem.jobs.filter((j) => j.status === 'on_site').map((j) => j.actual!.technicianId));
  for (const j of problem.jobs) {
    if (j.status !== 'on_site') continue;
    const end = actualEnd.get(j.id)!;
    const expected = parseIso(j.actual!.expectedEnd ?? j.actual!.start!);
    if (end <= t) work.push({ type: 'job_finished', at: iso(end), jobId: j.id });
    else if (end > expected && expected <= t) work.push({ type: 'job_running_long', at: iso(expected), jobId: j.id, expectedEnd: iso(end + 10 * 60_000) });
  }
  for (const r of board.routes) {
    if (busy.has(r.technicianId)) continue;
    const next = r.stops.find((s) => s.kind === 'job');
    if (!next || parseIso(next.start) > t) continue;
    const job = problem.jobs.find((j) => j.id === next.jobId)!;
    const start = parseIso(next.start);
    const planned = parseIso(next.end) - start;
    actualEnd.set(job.id, start + Math.round(planned * (0.85 + 0.4 * rng.next())));
    startedAt.set(job.id, start);
    work.push({ type: 'job_started', at: next.start, jobId: job.id, technicianId: r.technicianId });
  }
  work.sort((a, b) => parseIso(a.at) - parseIso(b.at));
  // a finished job and a start on the same technician: finish first (sorted by time already)
  await apply(work);

  // calls in (t - 10 min, t]
  while (call < nCalls && callTimes[call]! <= t) {
    const at = iso(Math.max(callTimes[call]!, ...work.map((e) => parseIso(e.at))));
    const template = templates[Math.floor(rng.next() * templates.length)]!;
    const job = Job.parse({
      id: `CALL-${call}`,
      location: { lat: template.location.lat + (rng.next() - 0.5) * 0.03, lon: template.location.lon + (rng.next() - 0.5) * 0.03 },
      durationMin: 45 + Math.floor(rng.next() * 4) * 15,
      skills: template.skills,
      value: 200 + Math.floor(rng.next() * 300),
      calledAt: at,
    });
    const t0 = performance.now();
    const { offers } = await recommend(problem, board, job, { k: 5, now: at });
    latencies.push(performance.now() - t0);
    call++;
    const first = offers[0];
    if (!first) {
      noOffer++;
      continue;
    }
    const before = { problem, board };
    await apply([{ type: 'job_added', at, job: { ...job, windows: [first.window] } }], { keepPromises: first.keepsPromises });
    const stop = board.routes.flatMap((r) => r.stops).find((s) => s.jobId === job.id);
    if (!stop || parseIso(stop.start) < parseIso(first.window.start) || parseIso(stop.start) > parseIso(first.window.end)) {
      // the API answers 409 here: nothing booked
      refused++;
      problem = before.problem;
      board = before.board;
      continue;
    }
    booked.set(job.id, { start: parseIso(first.window.start), end: parseIso(first.window.end) });
  }
}

let kept = 0;
let done = 0;
for (const [id, w] of booked) {
  const s = startedAt.get(id);
  if (s === undefined) continue;
  done++;
  if (s >= w.start && s <= w.end) kept++;
}
const summary = {
  dataset: values.dataset,
  calls: nCalls,
  recommend: { medianMs: quantile(latencies, 0.5), p95Ms: quantile(latencies, 0.95), maxMs: Math.max(...latencies) },
  booked: booked.size,
  noOffer,
  refused,
  bookedStarted: done,
  keptInOfferedWindow: kept,
  machine: machineInfo(),
};
process.stdout.write(
  `recommend (k = 5) on ${values.dataset}, ${nCalls} calls over the day: median ${summary.recommend.medianMs.toFixed(1)} ms, p95 ${summary.recommend.p95Ms.toFixed(1)} ms, max ${summary.recommend.maxMs.toFixed(1)} ms\n` +
    `booked ${booked.size} (no offer ${noOffer}, refused at booking ${refused}); of the ${done} booked jobs started, ${kept} started inside the offered window (${done ? ((100 * kept) / done).toFixed(1) : '–'}%)\n`,
);
if (values.json) writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
