// Events -> the updated problem and the plan that survives them. Works on the wire model only:
// statuses and actual times on jobs, the resume point, unavailability, locked opening jobs and
// taken breaks on technicians, van stock consumed. What the events leave without a place (a new
// job, the route of a technician who went home) is returned as pending work for the repair.
import type { Board, DoneStop } from '../model/board.ts';
import { InputError, issueAt, type InputIssue } from '../model/errors.ts';
import { breakOwed, CLOSED_STATUSES } from '../model/live.ts';
import type { Job, Problem, Technician } from '../model/problem.ts';
import { durationForLevel, levelFor } from '../compile/compile.ts';
import { formatIso, offsetMinutesOf, parseIso } from '../model/time.ts';
import type { LiveEvent } from './events.ts';

export type PlanItem = { kind: 'job'; jobId: string } | { kind: 'pickup'; houseId: string; loads: Record<string, number> };

export interface LiveState {
  /** The updated problem (a copy; the input is not changed). */
  problem: Problem;
  /** The moment the board is re-planned at, epoch ms (undefined: no time known, plain re-plan). */
  nowMs: number | undefined;
  /** Per technician id: what is still planned, in order (breaks are placed again by the scheduler). */
  plans: Map<string, PlanItem[]>;
  /** Per technician id: visits done or under way. */
  history: Map<string, DoneStop[]>;
  /** Jobs the repair must place (new, or taken off a route), in the order they came. */
  pending: Set<string>;
  /** The previous board's technician of each job that was on a route. */
  prevTech: Map<string, string>;
  /** The previous board's ETA window of each job on a route (ms). */
  promised: Map<string, { start: number; end: number; startIso: string; endIso: string }>;
  /** The previous board's planned start (ms). */
  prevStart: Map<string, number>;
}

export interface ApplyOptions {
  /** Overrides the moment of the re-plan (default: the latest event's time, else problem.now). */
  now?: string;
  /** Also lock each technician's next stops that start within this many minutes of now (they were told). */
  lockedHorizonMin?: number;
}

/** Buffer kept after a job of `durationMin` (settings.buffer), minutes. */
function bufferMin(p: Problem, durationMin: number): number {
  return p.settings.buffer.afterJobMin + (durationMin * p.settings.buffer.afterJobPct) / 100;
}

function jobDuration(job: Job, tech: Technician): number {
  return durationForLevel(job, levelFor(tech.skills, job.skills));
}

export function applyEvents(input: Problem, board: Board, events: readonly LiveEvent[], options: ApplyOptions = {}): LiveState {
  const problem: Problem = structuredClone(input);
  const offset = offsetMinutesOf(problem.technicians[0]?.shift.start ?? '2000-01-01T00:00:00Z');
  const iso = (ms: number) => formatIso(ms, offset);
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const techs = new Map(problem.technicians.map((t) => [t.id, t]));
  const issues: InputIssue[] = [];

  const plans = new Map<string, PlanItem[]>();
  const history = new Map<string, DoneStop[]>();
  const prevTech = new Map<string, string>();
  const promised: LiveState['promised'] = new Map();
  const prevStart = new Map<string, number>();
  /** per tech: the board's planned departure towards its first planned stop, and break stops (ms) */
  const firstLegDeparture = new Map<string, number>();
  const plannedBreaks = new Map<string, { index: number; start: number; end: number }[]>();
  const pickupStarts = new Map<string, { start: number; end: number; location: Job['location'] }[]>();
  for (const t of problem.technicians) {
    plans.set(t.id, []);
    history.set(t.id, []);
  }
  for (const route of board.routes) {
    if (!techs.has(route.technicianId)) continue;
    history.set(route.technicianId, [...(route.done ?? [])]);
    const plan = plans.get(route.technicianId)!;
    const breaks: { index: number; start: number; end: number }[] = [];
    const pickups: { start: number; end: number; location: Job['location'] }[] = [];
    for (const s of route.stops) {
      if (s.kind === 'break') {
        if (s.breakIndex !== undefined) breaks.push({ index: s.breakIndex, start: parseIso(s.start), end: parseIso(s.end) });
        continue;
      }
      // the first leg leaves at the route's departure, or when a break before it ends (exact times, no rounding)
      if (!firstLegDeparture.has(route.technicianId)) firstLegDeparture.set(route.technicianId, breaks.length ? breaks[breaks.length - 1]!.end : parseIso(route.departure));
      if (s.kind === 'pickup' && s.supplyHouseId !== undefined) {
        plan.push({ kind: 'pickup', houseId: s.supplyHouseId, loads: { ...(s.partsLoaded ?? {}) } });
        pickups.push({ start: parseIso(s.start), end: parseIso(s.end), location: s.location });
      } else if (s.kind === 'job' && s.jobId !== undefined && jobs.has(s.jobId)) {
        plan.push({ kind: 'job', jobId: s.jobId });
        prevTech.set(s.jobId, route.technicianId);
        prevStart.set(s.jobId, parseIso(s.start));
        if (s.eta) promised.set(s.jobId, { start: parseIso(s.eta.start), end: parseIso(s.eta.end), startIso: s.eta.start, endIso: s.eta.end });
      }
    }
    plannedBreaks.set(route.technicianId, breaks);
    pickupStarts.set(route.technicianId, pickups);
  }
  const pending = new Set<string>();
  const removeFromPlans = (jobId: string) => {
    for (const [techId, plan] of plans) {
      const k = plan.findIndex((it) => it.kind === 'job' && it.jobId === jobId);
      if (k >= 0) plan.splice(k, 1);
      const tech = techs.get(techId)!;
      if (tech.locked?.includes(jobId)) tech.locked = tech.locked.filter((x) => x !== jobId);
    }
    pending.delete(jobId);
  };
  const setHistory = (techId: string, entry: DoneStop) => {
    for (const h of history.values()) {
      const k = h.findIndex((d) => d.jobId === entry.jobId);
      if (k >= 0) h.splice(k, 1);
    }
    history.get(techId)!.push(entry);
  };
  /** Where and when each technician is free again, from the events (ms). */
  const anchor = new Map<string, { location: Job['location']; ms: number }>();
  for (const t of problem.technicians) if (t.resume) anchor.set(t.id, { location: t.resume.location, ms: parseIso(t.resume.at) });

  let latest = -Infinity;
  events.forEach((e, i) => {
    const path = (field: string) => ['events', i, field];
    const atMs = parseIso(e.at);
    latest = Math.max(latest, atMs);
    const needJob = (id: string): Job | undefined => {
      const job = jobs.get(id);
      if (!job) issues.push(issueAt(path('jobId'), `unknown job "${id}"`, 'unknown_reference'));
      return job;
    };
    const needTech = (id: string): Technician | undefined => {
      const tech = techs.get(id);
      if (!tech) issues.push(issueAt(path('technicianId'), `unknown technician "${id}"`, 'unknown_reference'));
      return tech;
    };
    switch (e.type) {
      case 'job_cancelled': {
        const job = needJob(e.jobId);
        if (!job) return;
        if (job.status === 'complete') {
          issues.push(issueAt(path('jobId'), `job "${job.id}" is already complete; it cannot be cancelled`, 'contradiction'));
          return;
        }
        if (job.status === 'on_site' && job.actual) {
          // a visit that ended without the work (no access, customer not home): the technician is free from now
          const tech = techs.get(job.actual.technicianId)!;
          setHistory(tech.id, { jobId: job.id, status: 'cancelled', location: job.location, ...(job.actual.arrival ? { arrival: job.actual.arrival } : {}), start: job.actual.start!, end: e.at });
          job.actual.end = e.at;
          anchor.set(tech.id, { location: job.location, ms: atMs });
        }
        job.status = 'cancelled';
        removeFromPlans(job.id);
        return;
      }
      case 'job_added': {
        if (jobs.has(e.job.id)) {
          issues.push(issueAt(['events', i, 'job', 'id'], `a job "${e.job.id}" already exists`, 'duplicate_id'));
          return;
        }
        const job = structuredClone(e.job);
        if (job.status !== 'unscheduled' && job.status !== 'scheduled' && job.status !== 'waiting_on_parts') job.status = 'unscheduled';
        problem.jobs.push(job);
        jobs.set(job.id, job);
        pending.add(job.id);
        return;
      }
      case 'job_en_route': {
        const job = needJob(e.jobId);
        const tech = needTech(e.technicianId);
        if (!job || !tech) return;
        if (CLOSED_STATUSES.has(job.status)) {
          issues.push(issueAt(path('jobId'), `job "${job.id}" is ${job.status}`, 'contradiction'));
          return;
        }
        removeFromPlans(job.id);
        job.status = 'en_route';
        job.actual = { technicianId: tech.id, departure: e.at };
        plans.get(tech.id)!.unshift({ kind: 'job', jobId: job.id });
        tech.locked = [job.id];
        const a = anchor.get(tech.id);
        if (!a || a.ms < atMs) anchor.set(tech.id, { location: a?.location ?? lastPlace(tech), ms: atMs });
        return;
      }
      case 'job_started': {
        const job = needJob(e.jobId);
        const tech = needTech(e.technicianId);
        if (!job || !tech) return;
        if (job.status === 'complete' || job.status === 'cancelled') {
          issues.push(issueAt(path('jobId'), `job "${job.id}" is ${job.status}; it cannot start`, 'contradiction'));
          return;
        }
        removeFromPlans(job.id);
        const expectedEnd = atMs + jobDuration(job, tech) * 60_000;
        job.status = 'on_site';
        job.actual = { technicianId: tech.id, arrival: e.arrival ?? e.at, start: e.at, expectedEnd: iso(expectedEnd) };
        // the parts leave the van when the work starts
        for (const [sku, q] of Object.entries(job.parts)) tech.vanStock[sku] = Math.max(0, (tech.vanStock[sku] ?? 0) - q);
        setHistory(tech.id, { jobId: job.id, status: 'on_site', location: job.location, arrival: e.arrival ?? e.at, start: e.at, end: iso(expectedEnd) });
        anchor.set(tech.id, { location: job.location, ms: expectedEnd + bufferMin(problem, jobDuration(job, tech)) * 60_000 });
        return;
      }
      case 'job_running_long': {
        const job = needJob(e.jobId);
        if (!job) return;
        if (job.status !== 'on_site' || !job.actual) {
          issues.push(issueAt(path('jobId'), `job "${job.id}" is ${job.status}; only work under way (on_site) can run long`, 'contradiction'));
          return;
        }
        const tech = techs.get(job.actual.technicianId)!;
        const end = parseIso(e.expectedEnd);
        job.actual.expectedEnd = e.expectedEnd;
        const h = history.get(tech.id)!.find((d) => d.jobId === job.id);
        if (h) h.end = e.expectedEnd;
        anchor.set(tech.id, { location: job.location, ms: end + bufferMin(problem, jobDuration(job, tech)) * 60_000 });
        return;
      }
      case 'job_finished': {
        const job = needJob(e.jobId);
        if (!job) return;
        if (job.status !== 'on_site' || !job.actual) {
          issues.push(issueAt(path('jobId'), `job "${job.id}" is ${job.status}; only work under way (on_site, after job_started) can finish`, 'contradiction'));
          return;
        }
        const tech = techs.get(job.actual.technicianId)!;
        job.status = 'complete';
        job.actual.end = e.at;
        delete job.actual.expectedEnd;
        setHistory(tech.id, { jobId: job.id, status: 'complete', location: job.location, ...(job.actual.arrival ? { arrival: job.actual.arrival } : {}), start: job.actual.start!, end: e.at });
        anchor.set(tech.id, { location: job.location, ms: atMs });
        return;
      }
      case 'technician_unavailable': {
        const tech = needTech(e.technicianId);
        if (!tech) return;
        tech.unavailableFrom = e.from ?? e.at;
        return;
      }
      case 'technician_position': {
        const tech = needTech(e.technicianId);
        if (!tech) return;
        const onSite = problem.jobs.some((j) => j.status === 'on_site' && j.actual?.technicianId === tech.id);
        if (onSite) return; // at the job: the job's expected end decides when they are free
        const a = anchor.get(tech.id);
        if (a && a.ms > atMs) return; // older than what we know
        anchor.set(tech.id, { location: e.location, ms: atMs });
        return;
      }
      case 'parts_arrived': {
        const job = needJob(e.jobId);
        if (!job) return;
        if (job.earliestStart === undefined || parseIso(job.earliestStart) > atMs) job.earliestStart = e.at;
        if (job.status === 'waiting_on_parts') job.status = 'scheduled';
        if (!CLOSED_STATUSES.has(job.status) && !prevTech.has(job.id)) pending.add(job.id);
        return;
      }
      case 'window_changed': {
        const job = needJob(e.jobId);
        if (!job) return;
        job.windows = e.windows.map((w) => ({ ...w }));
        promised.delete(job.id); // the customer set a new window: the old ETA no longer binds
        return;
      }
    }
  });
  if (issues.length) throw new InputError(issues, 'events');

  function lastPlace(tech: Technician): Job['location'] {
    const h = history.get(tech.id)!;
    return h.length ? h[h.length - 1]!.location : tech.resume?.location ?? tech.start;
  }

  const nowMs = options.now !== undefined ? parseIso(options.now) : latest > -Infinity ? latest : problem.now !== undefined ? parseIso(problem.now) : undefined;
  if (nowMs !== undefined) problem.now = iso(nowMs);

  // Per technician: the resume point, the locked opening jobs, breaks and pickups now in the past.
  for (const tech of problem.technicians) {
    const plan = plans.get(tech.id)!;
    const onSite = problem.jobs.find((j) => j.status === 'on_site' && j.actual?.technicianId === tech.id);
    const a = anchor.get(tech.id);
    if (nowMs === undefined) {
      if (a) tech.resume = { location: a.location, at: iso(a.ms) };
      continue;
    }
    let location = a?.location ?? lastPlace(tech);
    let atMs = Math.max(a?.ms ?? parseIso(tech.shift.start), parseIso(tech.shift.start));
    // pickups the board had started before now, ahead of every job still planned, are done: the
    // parts are on the van and the day goes on from the supply house (a pickup behind a job that
    // is still planned waits for that job, whatever the clock says)
    const pickups = pickupStarts.get(tech.id) ?? [];
    let leg = firstLegDeparture.get(tech.id);
    for (let pk = 0; plan.length > 0 && plan[0]!.kind === 'pickup'; pk++) {
      const it = plan[0] as Extract<PlanItem, { kind: 'pickup' }>;
      const done = pickups[pk];
      if (done === undefined || done.start >= nowMs || onSite) break;
      if (!a || a.ms <= done.end) {
        location = done.location;
        atMs = Math.max(atMs, done.end);
        leg = done.end;
      }
      for (const [sku, q] of Object.entries(it.loads)) tech.vanStock[sku] = (tech.vanStock[sku] ?? 0) + q;
      const house = problem.supplyHouses.find((h) => h.id === it.houseId);
      if (house) for (const [sku, q] of Object.entries(it.loads)) house.stock[sku] = Math.max(0, (house.stock[sku] ?? 0) - q);
      plan.shift();
    }
    // What the board had under way by now stays as planned unless an event says otherwise: the
    // current leg (the technician left for the next stop) and the stops it planned to start by
    // now (or within the locked horizon: the technician was told). Nothing locked: free from now.
    const locked = (tech.locked ?? []).filter((id) => plan.some((it) => it.kind === 'job' && it.jobId === id));
    const horizon = nowMs + (options.lockedHorizonMin ?? 0) * 60_000;
    let jobsSeen = 0;
    for (const it of plan) {
      if (it.kind !== 'job') continue;
      jobsSeen++;
      if (locked.includes(it.jobId)) continue;
      const start = prevStart.get(it.jobId);
      const onLeg = jobsSeen === 1 && !onSite && leg !== undefined && leg <= nowMs;
      if (!onLeg && (start === undefined || start > horizon)) break;
      locked.push(it.jobId);
    }
    const enRoute = locked.length > 0 && problem.jobs.find((j) => j.id === locked[0])?.status === 'en_route';
    if (!locked.length) atMs = Math.max(atMs, nowMs);
    else if (!enRoute && leg !== undefined && !onSite && !a) atMs = Math.max(atMs, Math.min(leg, nowMs));
    // locked jobs open the plan, in order
    if (locked.length) {
      const firstJobs = plan.filter((it) => it.kind === 'job').slice(0, locked.length);
      if (firstJobs.some((it, k) => it.kind === 'job' && it.jobId !== locked[k])) {
        const rest = plan.filter((it) => !(it.kind === 'job' && locked.includes(it.jobId)));
        plan.length = 0;
        plan.push(...locked.map((jobId) => ({ kind: 'job' as const, jobId })), ...rest);
      }
      tech.locked = locked;
    } else delete tech.locked;
    // breaks the board placed before now, or that can no longer fit, are taken
    const planned = plannedBreaks.get(tech.id) ?? [];
    tech.breaks.forEach((b, k) => {
      if (!breakOwed(tech, b)) return;
      const pb = planned.find((x) => x.index === k);
      if (pb && pb.start < nowMs) {
        b.taken = true;
        if (pb.end > nowMs && !onSite && !locked.length) atMs = Math.max(atMs, pb.end);
      } else if (parseIso(b.window.end) - b.durationMin * 60_000 < atMs) b.taken = true;
    });
    if (tech.unavailableFrom !== undefined && parseIso(tech.unavailableFrom) <= atMs) {
      // gone: nothing more on this route
      for (const it of plan) if (it.kind === 'job') pending.add(it.jobId);
      plan.length = 0;
      delete tech.locked;
    }
    if (location === tech.start && atMs <= parseIso(tech.shift.start) && !tech.resume) continue;
    tech.resume = { location, at: iso(atMs) };
  }
  return { problem, nowMs, plans, history, pending, prevTech, promised, prevStart };
}
