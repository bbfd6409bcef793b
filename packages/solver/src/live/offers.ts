// recommend(problem, board, job) -> the best arrival windows to offer a caller, from the shop's
// window templates (settings.offerWindows): for each window, the cheapest place on the board where
// the job starts inside it — skills, levels, parts (a pickup, or waiting for parts to arrive),
// shifts, breaks and buffers all respected — with the technician, the added drive and cost, and
// whether every customer already promised keeps their ETA window. Offers that would move someone
// are marked with who, and ranked after those that don't. Emergencies get the earliest arrival
// instead (the live-board emergency path), with what would be bumped.
import type { CompileOptions } from '../compile/compile.ts';
import { Compat, NO_TIME } from '../compile/compiled.ts';
import type { Board } from '../model/board.ts';
import { InputError, issueAt } from '../model/errors.ts';
import type { Job, Problem } from '../model/problem.ts';
import { formatIso, offsetMinutesOf, parseIso } from '../model/time.ts';
import { StopType, type PlanStop } from '../search/schedule.ts';
import { prepareLive } from './context.ts';
import { replan } from './replan.ts';

export interface OfferOptions extends CompileOptions {
  /** How many offers at most (default 5). */
  k?: number;
  /** The moment of the call (default: problem.now; windows that end before it are not offered). */
  now?: string;
  /** Override settings.offerWindows (local clock times, e.g. { start: '08:00', end: '12:00' }). */
  windows?: readonly { start: string; end: string }[];
}

export interface Offer {
  /** The arrival window offered (ISO, the board's offset). */
  window: { start: string; end: string };
  technicianId: string;
  /** When the job would start on today's plan. */
  plannedStart: string;
  addedDriveMin: number;
  /** Added objective (drive, distance, overtime, lateness; broken promises priced by disruptionEtaMove). */
  addedCost: number;
  /** Every customer already given an ETA window keeps it. */
  keepsPromises: boolean;
  /** The customers who would get a new ETA window if this offer is booked. */
  wouldMove: string[];
}

export interface EmergencyOffer {
  technicianId: string | null;
  arrival: string | null;
  deadline: string | null;
  onTime: boolean;
  /** Jobs that would be bumped off their route for it. */
  bumped: string[];
  /** Other customers whose ETA window would change. */
  wouldMove: string[];
}

export interface Offers {
  jobId: string;
  /** Best first: offers that keep every promise, then by added cost. Empty when the job fits nowhere today. */
  offers: Offer[];
  /** Emergencies: the earliest arrival instead of windows. */
  emergency?: EmergencyOffer;
}

const HHMM = /^(\d\d):(\d\d)$/;

export async function recommend(problem: Problem, board: Board, job: Job, options: OfferOptions = {}): Promise<Offers> {
  if (problem.jobs.some((j) => j.id === job.id)) throw new InputError([issueAt(['job', 'id'], `job "${job.id}" is already on this board's problem`, 'duplicate_id')], 'job');
  const k = options.k ?? 5;
  const offset = offsetMinutesOf(problem.technicians[0]!.shift.start);
  const day = problem.technicians[0]!.shift.start.slice(0, 10);
  const nowIso = options.now ?? problem.now;
  const nowMs = nowIso === undefined ? -Infinity : parseIso(nowIso);
  const at = nowIso ?? problem.technicians[0]!.shift.start;

  if (job.priority === 'emergency') {
    const r = await replan(problem, board, [{ type: 'job_added', at, job }], { ...options, ...(nowIso ? { now: nowIso } : {}) });
    const e = r.emergencies.find((x) => x.jobId === job.id);
    const wouldMove = r.changes.filter((c) => c.jobId !== job.id && c.notify && c.kind !== 'unassigned').map((c) => c.jobId);
    return {
      jobId: job.id,
      offers: [],
      emergency: {
        technicianId: e?.technicianId ?? null,
        arrival: e?.arrival ?? null,
        deadline: e?.deadline ?? null,
        onTime: e?.onTime ?? false,
        bumped: r.changes.filter((c) => c.kind === 'unassigned').map((c) => c.jobId),
        wouldMove,
      },
    };
  }

  // the shop's windows on the board's day, those not over yet, clipped to the job's own windows if it has any
  const templates = (options.windows ?? problem.settings.offerWindows).map((w, i) => {
    const [a, b] = [HHMM.exec(w.start), HHMM.exec(w.end)];
    if (!a || !b) throw new InputError([issueAt(['windows', i], 'expected clock times HH:MM', 'invalid_format')], 'offer windows');
    return { start: formatIso(parseIso(`${day}T${w.start}:00Z`) - offset * 60_000, offset), end: formatIso(parseIso(`${day}T${w.end}:00Z`) - offset * 60_000, offset) };
  });
  const windows = templates.filter((w) => parseIso(w.end) > nowMs && (job.windows.length === 0 || job.windows.some((jw) => parseIso(jw.start) < parseIso(w.end) && parseIso(jw.end) > parseIso(w.start))));

  const candidate: Job = { ...job, windows: [], status: 'unscheduled' };
  const ctx = await prepareLive(problem, board, [{ type: 'job_added', at, job: candidate }], { ...options, ...(nowIso ? { now: nowIso } : {}) });
  const { h, ins, sched, plans, minPos } = ctx;
  const j = ctx.jobIndex.get(job.id)!;
  // the candidate has no windows in the compiled instance; give it one slot to set per offer window
  const jw0 = h.jobWinStart[j]!;
  const winStart = new Int32Array(h.winStart.length + 1);
  const winEnd = new Int32Array(h.winEnd.length + 1);
  winStart.set(h.winStart.subarray(0, jw0));
  winEnd.set(h.winEnd.subarray(0, jw0));
  winStart.set(h.winStart.subarray(jw0), jw0 + 1);
  winEnd.set(h.winEnd.subarray(jw0), jw0 + 1);
  const jobWinStart = Int32Array.from(h.jobWinStart, (x, i) => (i > j ? x + 1 : x));
  Object.assign(h, { winStart, winEnd, jobWinStart });
  const toTicks = (iso: string) => (parseIso(iso) - h.originMs) / 1000 / h.tickSec;
  const iso = (ticks: number) => formatIso(h.originMs + ticks * h.tickSec * 1000, h.utcOffsetMin);

  const base = plans.map((plan, t) => sched.run(t, plan));
  const offers: Offer[] = [];
  for (const w of windows) {
    let lo = Math.ceil(toTicks(w.start));
    let hi = Math.floor(toTicks(w.end));
    for (const jw of job.windows) {
      lo = Math.max(lo, Math.ceil(toTicks(jw.start)));
      hi = Math.min(hi, Math.floor(toTicks(jw.end)));
    }
    if (hi < lo) continue;
    winStart[jw0] = lo;
    winEnd[jw0] = hi;
    let best: { t: number; plan: PlanStop[]; cost: number; broken: number; drive: number } | null = null;
    for (let t = 0; t < h.nTechs; t++) {
      if (h.compat[t * h.nJobs + j] !== Compat.Ok) continue;
      const plan = plans[t]!;
      for (let pos = minPos[t]!; pos <= plan.length; pos++) {
        for (const v of withJob(plan, pos, t)) {
          const r = sched.run(t, v);
          if (!r.feasible) continue;
          const broken = r.broken - base[t]!.broken;
          const cost = r.cost - base[t]!.cost;
          if (!best || (broken === 0) > (best.broken === 0) || ((broken === 0) === (best.broken === 0) && cost < best.cost)) {
            best = { t, plan: v, cost, broken, drive: (r.driveSec - base[t]!.driveSec) / 60 };
          }
        }
      }
    }
    if (!best) continue;
    const detail = sched.run(best.t, best.plan, true);
    const before = new Map<number, number>();
    for (const s of sched.run(best.t, plans[best.t]!, true).stops) if (s.kind === 0) before.set(s.idx, s.start);
    const wouldMove: string[] = [];
    let start = 0;
    for (const s of detail.stops) {
      if (s.kind !== 0) continue;
      if (s.idx === j) start = s.start;
      else if (h.promiseEnd[s.idx] !== NO_TIME && s.start > h.promiseEnd[s.idx]! && (before.get(s.idx) ?? 0) <= h.promiseEnd[s.idx]!) wouldMove.push(h.jobIds[s.idx]!);
    }
    offers.push({
      window: w,
      technicianId: h.techIds[best.t]!,
      plannedStart: iso(start),
      addedDriveMin: best.drive,
      addedCost: best.cost,
      keepsPromises: wouldMove.length === 0,
      wouldMove,
    });
  }
  offers.sort((a, b) => Number(b.keepsPromises) - Number(a.keepsPromises) || a.addedCost - b.addedCost);
  return { jobId: job.id, offers: offers.slice(0, k) };

  /** `plan` with the candidate at `pos`, and variants with a pickup before it when the van lacks its parts. */
  function withJob(plan: readonly PlanStop[], pos: number, t: number): PlanStop[][] {
    const loads = ins.deficit(t, plan, pos, j);
    const mk = (extra: PlanStop[]) => [...plan.slice(0, pos), ...extra, ins.jobStop(j), ...plan.slice(pos)];
    if (!loads) return [mk([])];
    const out: PlanStop[][] = [];
    for (let house = 0; house < h.nHouses; house++) {
      if (ins.allowedHouse(j, house) && ins.houseCanSupply(house, loads)) out.push(mk([{ type: StopType.Pickup, idx: house, loads }]));
    }
    return out;
  }
}
