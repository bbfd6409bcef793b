// A scenario's day for one seed: the morning problem the board is made from, the timeline of what
// happens after (calls, cancellations, sick calls, parts arriving) and the truth of every job.
// Invariants: the same (scenario, seed) gives the same day; nothing in the morning problem was
// called in after the board is made (later calls, emergencies included, are timeline events at
// their call time); every timeline event lies at or after the board's time, in time order.
import { Job as JobSchema, offsetMinutesOf, parseIso, parseProblem, type Job, type Problem, type ProblemInput } from '@truckroll/solver';
import { generateDayWithCalls } from '../generate/day.ts';
import type { JobInput } from '../generate/jobs.ts';
import { Rng } from '../generate/rng.ts';
import { drawMinute, EMERGENCY_CALL_WEIGHTS, poisson, SERVICE_CALL_WEIGHTS } from '../events/profile.ts';
import { drawTruth, type JobTruth } from '../events/truth.ts';
import type { Scenario } from './schema.ts';

export type TimelineEvent =
  | { kind: 'call'; atMs: number; job: Job }
  | { kind: 'cancel'; atMs: number; jobId: string; reason: string }
  | { kind: 'sick'; atMs: number; technicianId: string }
  | { kind: 'parts'; atMs: number; jobId: string };

export interface SimDay {
  seed: number;
  /** The morning problem (parsed): the roster, the booked jobs, supply houses, the planner's settings. */
  problem: Problem;
  /** When the morning board is made (the earliest shift start), epoch ms. */
  boardAtMs: number;
  /** Minutes east of UTC of every time of the day. */
  offsetMin: number;
  /** Midnight of the day, local, epoch ms (for clock arithmetic). */
  midnightMs: number;
  timeline: TimelineEvent[];
  /** The truth of every job (booked and called in), by id. */
  truth: Map<string, JobTruth>;
  /** When the parts of a waiting job really arrive (epoch ms), by job id. */
  partsArriveMs: Map<string, number>;
  counts: {
    booked: number;
    serviceCalls: number;
    /** Service calls too late for a same-day window (booked for another day; not in the timeline). */
    deferredCalls: number;
    emergencyCalls: number;
    cancellations: number;
    sick: number;
    waitingOnParts: number;
    partsLate: number;
  };
}

/** Mean net shift minutes of a generated technician (9-hour shifts, one in ten 10 hours, less lunch). */
const MEAN_NET_SHIFT_MIN = 516;
const H9 = 9 * 60;
const H17 = 17 * 60;

export interface DayOptions {
  /** Technicians on shift instead of scenario.technicians (staffing what-ifs: demand unchanged). */
  technicians?: number;
}

/** Builds the day of `seed`. O(jobs × technicians) (the generator) + O(jobs log jobs). */
export function buildSimDay(s: Scenario, seed: number, options: DayOptions = {}): SimDay {
  const demandTechs = s.demandTechnicians ?? s.technicians;
  const roster = options.technicians ?? s.technicians;
  const counts = new Rng(seed, 'call-counts');
  const nService = poisson(counts, s.calls.servicePerTechnician * demandTechs);
  const nEmergency = poisson(counts, s.calls.emergencyPerTechnician * demandTechs);
  const generated = generateDayWithCalls(
    {
      seed,
      technicians: demandTechs,
      jobs: s.booked.jobs,
      city: s.day.city,
      date: s.day.date,
      ...(s.day.utcOffset !== undefined ? { utcOffset: s.day.utcOffset } : {}),
      ...(s.day.radiusKm !== undefined ? { radiusKm: s.day.radiusKm } : {}),
      emergencyShare: s.booked.emergencyShare,
      loadFactor: s.booked.load,
    },
    {
      rosterSize: roster,
      calls: { service: nService, serviceLoadFactor: (nService * s.calls.meanServiceMin) / (demandTechs * MEAN_NET_SHIFT_MIN), emergency: nEmergency },
    },
  );
  const input: ProblemInput = generated.problem;
  input.settings = {
    ...input.settings,
    buffer: { afterJobMin: s.planning.bufferMin, drivePaddingPct: s.planning.drivePaddingPct },
    timeLimitSec: s.planning.morningTimeLimitSec,
    seed,
  };
  input.name = `${s.name} (seed ${seed})`;
  input.meta = { ...input.meta, scenario: s.name };
  const offset = String((input.meta as { utcOffset: string }).utcOffset);
  const midnightMs = parseIso(`${s.day.date}T00:00:00${offset}`);
  const at = (min: number) => `${s.day.date}T${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}:00${offset}`;
  const minOf = (iso: string) => Math.round((parseIso(iso) - midnightMs) / 60_000);
  const boardAtMin = Math.min(...input.technicians.map((t) => minOf(t.shift.start)));
  const timeline: TimelineEvent[] = [];

  // The first booked windows open earlier when the scenario says so.
  if (s.day.windowsOpen < 8 * 60) {
    for (const j of input.jobs ?? []) for (const w of j.windows ?? []) if (minOf(w.start) === 8 * 60) w.start = at(s.day.windowsOpen);
  }

  if (!s.booked.specialOrders) for (const j of input.jobs ?? []) delete j.supplyHouses;

  // Booked emergencies called after the board is made are calls, not bookings.
  const bookedJobs: JobInput[] = [];
  const lateEmergencies: JobInput[] = [];
  for (const j of input.jobs ?? []) {
    if (j.priority === 'emergency' && j.calledAt !== undefined && minOf(j.calledAt) >= boardAtMin) lateEmergencies.push(j);
    else bookedJobs.push(j);
  }
  input.jobs = bookedJobs;

  // Parts on order: the job waits for them; they arrive at earliestStart, or late.
  const partsRng = new Rng(seed, 'parts-late');
  const partsArriveMs = new Map<string, number>();
  let partsLate = 0;
  for (const j of bookedJobs) {
    if (j.earliestStart === undefined || j.priority === 'emergency' || Object.keys(j.parts ?? {}).length === 0) continue;
    j.status = 'waiting_on_parts';
    const [lo, hi] = s.disruptions.partsLateMin;
    const late = partsRng.chance(s.disruptions.partsLateRate);
    const lateMin = late ? partsRng.step(lo, hi, 5) : 0;
    if (late && lateMin > 0) partsLate++;
    const arrive = parseIso(j.earliestStart) + lateMin * 60_000;
    partsArriveMs.set(j.id, arrive);
    timeline.push({ kind: 'parts', atMs: arrive, jobId: j.id });
  }

  const problem = parseProblem(input);
  const boardAtMs = midnightMs + boardAtMin * 60_000;

  // Calls: service calls in the day's pattern, each offered a window from leadMin after the call;
  // emergencies any time until the evening, with a response deadline and no window.
  const timesRng = new Rng(seed, 'call-times');
  const calls: Job[] = [];
  let deferredCalls = 0;
  for (const c of generated.serviceCalls) {
    const minute = drawMinute(timesRng, SERVICE_CALL_WEIGHTS, boardAtMin, s.calls.lastServiceCall);
    if (minute === null) {
      deferredCalls++;
      continue;
    }
    const start = Math.ceil((minute + s.calls.leadMin) / 30) * 30;
    const end = Math.min(start + s.calls.windowMin, H17);
    if (end - start < 60) {
      deferredCalls++;
      continue;
    }
    const job = parseJob({ ...c, windows: [{ start: at(start), end: at(end) }] });
    calls.push(job);
    timeline.push({ kind: 'call', atMs: midnightMs + minute * 60_000, job });
  }
  for (const e of generated.emergencyCalls) {
    const minute = drawMinute(timesRng, EMERGENCY_CALL_WEIGHTS, boardAtMin, s.calls.lastEmergencyCall);
    if (minute === null) continue;
    const deadline = minute + timesRng.pick(s.calls.responseMin);
    const job = parseJob({ ...e, calledAt: at(minute), responseDeadline: at(Math.min(deadline, 24 * 60 - 1)) });
    calls.push(job);
    timeline.push({ kind: 'call', atMs: midnightMs + minute * 60_000, job });
  }
  for (const e of lateEmergencies) {
    const job = parseJob(e);
    calls.push(job);
    timeline.push({ kind: 'call', atMs: parseIso(job.calledAt!), job });
  }

  // Cancellations: booked (non-emergency) jobs, some the same morning, the rest before the visit would end.
  const cancelRng = new Rng(seed, 'cancellations');
  let cancellations = 0;
  for (const j of problem.jobs) {
    if (!cancelRng.chance(s.disruptions.cancellationRate) || j.priority === 'emergency') continue;
    const sameMorning = cancelRng.chance(s.disruptions.sameMorningShare);
    const lastEnd = j.windows.length ? Math.max(...j.windows.map((w) => minOf(w.end))) : H17;
    const hi = sameMorning ? Math.max(boardAtMin + 1, H9) : Math.max(boardAtMin + 30, lastEnd - 60);
    const minute = cancelRng.int(boardAtMin, hi - 1);
    timeline.push({ kind: 'cancel', atMs: midnightMs + minute * 60_000, jobId: j.id, reason: sameMorning ? 'customer cancelled (same morning)' : 'customer cancelled' });
    cancellations++;
  }

  // Sick calls: a technician goes home during the day.
  const sickRng = new Rng(seed, 'sick');
  let sick = 0;
  for (const t of problem.technicians) {
    if (!sickRng.chance(s.disruptions.sickRate)) continue;
    timeline.push({ kind: 'sick', atMs: midnightMs + sickRng.step(H9, 14 * 60, 5) * 60_000, technicianId: t.id });
    sick++;
  }

  // Stable order: time, then kind, then id (so equal times replay identically).
  const rank = { sick: 0, cancel: 1, parts: 2, call: 3 } as const;
  const idOf = (e: TimelineEvent) => (e.kind === 'call' ? e.job.id : e.kind === 'sick' ? e.technicianId : e.jobId);
  timeline.sort((a, b) => a.atMs - b.atMs || rank[a.kind] - rank[b.kind] || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));

  const truth = drawTruth(seed, [...problem.jobs, ...calls], s);
  return {
    seed,
    problem,
    boardAtMs,
    offsetMin: offsetMinutesOf(offset === 'Z' ? `${s.day.date}T00:00:00Z` : `${s.day.date}T00:00:00${offset}`),
    midnightMs,
    timeline,
    truth,
    partsArriveMs,
    counts: {
      booked: problem.jobs.length,
      serviceCalls: calls.filter((c) => c.priority !== 'emergency').length,
      deferredCalls,
      emergencyCalls: calls.filter((c) => c.priority === 'emergency').length,
      cancellations,
      sick,
      waitingOnParts: partsArriveMs.size,
      partsLate,
    },
  };

  function parseJob(j: JobInput): Job {
    return JobSchema.parse(j);
  }
}
