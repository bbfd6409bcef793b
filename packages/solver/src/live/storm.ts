// A seeded stream of plausible live events for a board as it stands: work starting, finishing and
// running long, cancellations, new calls (emergencies among them), sick calls, position pings,
// parts arriving, windows changing. For tests ("every intermediate board is valid") and benchmarks.
import type { Board } from '../model/board.ts';
import type { Problem } from '../model/problem.ts';
import { formatIso, offsetMinutesOf, parseIso } from '../model/time.ts';
import { Rng } from '../search/engine/rng.ts';
import type { LiveEvent } from './events.ts';

export interface StormState {
  problem: Problem;
  board: Board;
  /** The time of the previous event, epoch ms. */
  nowMs: number;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(rng.next() * xs.length)] : undefined);

/** The next event after `state.nowMs` (2–12 minutes later), or null when nothing plausible is left. */
export function nextStormEvent(state: StormState, rng: Rng, serial: number): LiveEvent | null {
  const { problem, board } = state;
  const offset = offsetMinutesOf(problem.technicians[0]!.shift.start);
  const nowMs = state.nowMs + (2 + Math.floor(rng.next() * 11)) * 60_000;
  const at = formatIso(nowMs, offset);
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const onSite = problem.jobs.filter((j) => j.status === 'on_site' && j.actual);
  const busy = new Set(onSite.map((j) => j.actual!.technicianId));
  const gone = new Set(problem.technicians.filter((t) => t.unavailableFrom !== undefined).map((t) => t.id));
  const next = board.routes
    .filter((r) => !busy.has(r.technicianId) && !gone.has(r.technicianId))
    .map((r) => ({ techId: r.technicianId, stop: r.stops.find((s) => s.kind === 'job') }))
    .filter((x) => x.stop !== undefined);
  const planned = board.routes.flatMap((r) => r.stops.filter((s) => s.kind === 'job').map((s) => s.jobId!));
  const someLocation = () => {
    const j = pick(rng, problem.jobs)!;
    return { lat: j.location.lat + (rng.next() - 0.5) * 0.02, lon: j.location.lon + (rng.next() - 0.5) * 0.02 };
  };

  for (let attempt = 0; attempt < 20; attempt++) {
    const roll = rng.next();
    if (roll < 0.22) {
      const n = pick(rng, next);
      if (n) return { type: 'job_started', at, jobId: n.stop!.jobId!, technicianId: n.techId };
    } else if (roll < 0.42) {
      const j = pick(rng, onSite);
      if (j) return { type: 'job_finished', at: formatIso(Math.max(nowMs, parseIso(j.actual!.start!) + 10 * 60_000), offset), jobId: j.id };
    } else if (roll < 0.5) {
      const j = pick(rng, onSite);
      if (j) return { type: 'job_running_long', at, jobId: j.id, expectedEnd: formatIso(Math.max(nowMs, parseIso(j.actual!.expectedEnd ?? at)) + 45 * 60_000, offset) };
    } else if (roll < 0.6) {
      const id = pick(rng, planned);
      if (id && jobs.get(id)?.status !== 'en_route') return { type: 'job_cancelled', at, jobId: id, reason: 'customer cancelled' };
    } else if (roll < 0.74) {
      const emergency = rng.next() < 0.4;
      const template = pick(rng, problem.jobs.filter((j) => Object.keys(j.parts).length === 0))!;
      return {
        type: 'job_added',
        at,
        job: {
          id: `STORM-${serial}`,
          location: someLocation(),
          durationMin: 30 + Math.floor(rng.next() * 4) * 15,
          windows: emergency ? [] : [{ start: formatIso(nowMs + 60 * 60_000, offset), end: formatIso(nowMs + 5 * 60 * 60_000, offset) }],
          priority: emergency ? 'emergency' : 'normal',
          ...(emergency ? { calledAt: at, responseDeadline: formatIso(nowMs + 3 * 60 * 60_000, offset) } : {}),
          skills: { ...template.skills },
          parts: {},
          value: 150 + Math.floor(rng.next() * 400),
          preferredTechnicians: [],
          excludedTechnicians: [],
          status: 'unscheduled',
        },
      };
    } else if (roll < 0.8) {
      const n = pick(rng, next);
      if (n) return { type: 'job_en_route', at, jobId: n.stop!.jobId!, technicianId: n.techId };
    } else if (roll < 0.86) {
      const t = pick(rng, problem.technicians.filter((x) => !busy.has(x.id) && !gone.has(x.id)));
      if (t) return { type: 'technician_position', at, technicianId: t.id, location: someLocation() };
    } else if (roll < 0.9) {
      const j = pick(rng, problem.jobs.filter((x) => x.earliestStart !== undefined && parseIso(x.earliestStart) > nowMs));
      if (j) return { type: 'parts_arrived', at, jobId: j.id };
    } else if (roll < 0.96) {
      const id = pick(rng, planned);
      if (id && jobs.get(id)?.status !== 'en_route') {
        return { type: 'window_changed', at, jobId: id, windows: [{ start: formatIso(nowMs + 2 * 60 * 60_000, offset), end: formatIso(nowMs + 4 * 60 * 60_000, offset) }] };
      }
    } else if (gone.size === 0) {
      const t = pick(rng, problem.technicians);
      if (t) return { type: 'technician_unavailable', at, technicianId: t.id, reason: 'went home sick' };
    }
  }
  return null;
}
