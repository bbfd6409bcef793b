// playDay: the discrete-event loop of one simulated day under one policy. Technicians follow the
// policy's current board (drive to the next stop at the travel model's time with noise, wait for
// the window, work the job's actual duration, wrap up, take breaks, pick up parts, go home); the
// world tells the policy what it observes (job_en_route, job_started, job_running_long when work
// passes its planned end, job_finished, cancellations, new calls, sick calls, parts arriving,
// positions after a turned-back leg or a pickup), and checks every board the policy answers with
// the independent checker: any violation ends the run with a SimulationError. The policy never
// sees the truth (actual durations, who is not home, when late parts come) before it happens.
import { checkBoard, formatIso, LiveEvent as LiveEventSchema, parseIso, type Job, type LiveEvent, type Location, type Route, type Stop, type Technician } from '@truckroll/solver';
import { durationFor } from '../common/jobs.ts';
import type { JobTruth } from '../events/truth.ts';
import type { MorningBoards, Policy, PolicyView } from '../policies/types.ts';
import type { SimDay, TimelineEvent } from '../scenario/day.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { DayLog, EmergencyLog, HourEventKind, Segment, SegmentKind, TechLog, VisitLog, VisitOutcome } from './kpis.ts';
import { logIssues } from './kpis.ts';
import { TimeQueue } from './queue.ts';
import { along, sameplace, WorldTravel } from './travel.ts';

/** A board failed the checker, or the world's own accounting broke: the run is void. */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly policy: string,
    readonly seed: number,
    readonly atMs: number | null,
    readonly violations: string[] = [],
    /** The policy's problem and board that failed, and the events just handed over (for a bug report). */
    readonly state?: { before: PolicyView | null; events: readonly LiveEvent[]; after: PolicyView },
  ) {
    super(message);
    this.name = 'SimulationError';
  }
}

export interface PlayOptions {
  scenario: Scenario;
  day: SimDay;
  policy: Policy;
  morning: MorningBoards;
  /** Called after each board the policy answers with (the morning board included), once checked. */
  onBoard?: (info: { atMs: number; events: readonly LiveEvent[]; view: PolicyView }) => void;
}

export interface PlayResult {
  log: DayLog;
  /** Boards answered and checked (the morning board included). */
  boards: number;
  /** Events handed to the policy. */
  eventsDelivered: number;
  /** Wall-clock spent in the policy and in the checker, ms (not part of any KPI). */
  policyMs: number;
  checkMs: number;
}

type Target = { kind: 'job'; jobId: string } | { kind: 'pickup'; houseId: string; plannedStartMs: number; counterMin: number } | { kind: 'home' };
type Phase = 'off' | 'idle' | 'driving' | 'waiting' | 'working' | 'void_visit' | 'wrap' | 'counter' | 'break' | 'done';

interface TechState {
  tech: Technician;
  id: string;
  home: Location;
  shiftStartMs: number;
  shiftEndMs: number;
  phase: Phase;
  pos: Location;
  /** Where the policy last heard the technician was (a position event is sent when it differs at departure). */
  reportedPos: Location;
  /** Bumped whenever the technician's activity changes: scheduled events with an older token are stale. */
  token: number;
  open: { kind: SegmentKind; startMs: number } | null;
  segments: Segment[];
  leg?: { from: Location; to: Location; departMs: number; arriveMs: number; target: Target };
  jobId?: string;
  arrivalMs?: number;
  workEndMs?: number;
  breaksDone: Set<number>;
  gone: boolean;
  paidEndMs?: number;
  lastPickup?: { houseId: string; atMs: number };
  visit?: VisitLog;
}

interface WorldJob {
  job: Job;
  status: 'open' | 'en_route' | 'on_site' | 'done' | 'cancelled' | 'failed';
  by?: string;
  visits: number;
  /** The job this is a return visit of. */
  returnOf?: string;
  firstEta?: { startMs: number; endMs: number };
}

type WorldEvent =
  | { k: 'shift'; tech: string }
  | { k: 'arrive' | 'begin' | 'counter' | 'overrun' | 'workEnd' | 'leave' | 'visitEnd' | 'counterDone' | 'breakEnd' | 'wake'; tech: string; token: number }
  | { k: 'timeline'; e: TimelineEvent }
  | { k: 'return'; jobId: string };

const MIN = 60_000;
const H17 = 17 * 60;

/** How many pickups at `houseId` follow one another in `stops` from index `from`. */
function pickupsInARow(stops: readonly Stop[], houseId: string, from: number): number {
  let n = 0;
  while (from + n < stops.length && stops[from + n]!.kind === 'pickup' && stops[from + n]!.supplyHouseId === houseId) n++;
  return n;
}

export async function playDay(o: PlayOptions): Promise<PlayResult> {
  const { scenario: s, day, policy } = o;
  const problem = day.problem;
  const iso = (ms: number) => formatIso(ms, day.offsetMin);
  const queue = new TimeQueue<WorldEvent>();
  const travel = new WorldTravel(problem, day.seed, s.noise.travelSd);
  const houses = new Map(problem.supplyHouses.map((h) => [h.id, h]));
  const jobs = new Map<string, WorldJob>();
  for (const j of problem.jobs) jobs.set(j.id, { job: j, status: 'open', visits: 0 });
  const techs = new Map<string, TechState>();
  for (const t of problem.technicians) {
    techs.set(t.id, {
      tech: t,
      id: t.id,
      home: t.end ?? t.start,
      shiftStartMs: parseIso(t.shift.start),
      shiftEndMs: parseIso(t.shift.end),
      phase: 'off',
      pos: t.start,
      reportedPos: t.start,
      token: 0,
      open: null,
      segments: [],
      breaksDone: new Set(),
      gone: false,
    });
  }
  await travel.prepare([
    ...problem.technicians.flatMap((t) => [t.start, ...(t.end ? [t.end] : [])]),
    ...problem.jobs.map((j) => j.location),
    ...day.timeline.flatMap((e) => (e.kind === 'call' ? [e.job.location] : [])),
    ...problem.supplyHouses.map((h) => h.location),
  ]);

  const log: DayLog = { midnightMs: day.midnightMs, techs: [], visits: [], emergencies: [], events: [], openAtEnd: [], lateCancellations: 0 };
  const emergencyByJob = new Map<string, EmergencyLog>();
  const noteEmergency = (j: Job) => {
    if (j.priority !== 'emergency' || j.calledAt === undefined || emergencyByJob.has(j.id)) return;
    const e: EmergencyLog = { jobId: j.id, calledAtMs: parseIso(j.calledAt), deadlineMs: j.responseDeadline ? parseIso(j.responseDeadline) : null, arrivalMs: null };
    emergencyByJob.set(j.id, e);
    log.emergencies.push(e);
  };
  for (const j of problem.jobs) noteEmergency(j);
  const note = (kind: HourEventKind, atMs: number) => log.events.push({ kind, atMs });

  // --- the policy and its boards ---
  let observed: LiveEvent[] = [];
  let routes = new Map<string, Route>();
  let boards = 0;
  let eventsDelivered = 0;
  let policyMs = 0;
  let checkMs = 0;
  const emit = (e: LiveEvent) => observed.push(e);

  let viewBefore: PolicyView | undefined;
  const accept = (v: PolicyView, atMs: number, events: readonly LiveEvent[]) => {
    const t0 = performance.now();
    const check = checkBoard(v.problem, v.board);
    checkMs += performance.now() - t0;
    if (!check.ok) {
      const lines = check.violations.slice(0, 20).map((x) => `${x.code}: ${x.message}`);
      throw new SimulationError(
        `${policy.name} policy, seed ${day.seed}: the board at ${iso(atMs)} fails the checker (${check.violations.length} violations) after ${events.length} event(s) [${events.map((e) => e.type).join(', ')}]:\n  ${lines.join('\n  ')}`,
        policy.name,
        day.seed,
        atMs,
        lines,
        { before: viewBefore ?? null, events, after: v },
      );
    }
    boards++;
    viewBefore = v;
    routes = new Map(v.board.routes.map((r) => [r.technicianId, r]));
    for (const r of v.board.routes) {
      for (const st of r.stops) {
        if (st.kind !== 'job' || !st.eta || st.jobId === undefined) continue;
        const w = jobs.get(st.jobId);
        if (w && !w.firstEta) w.firstEta = { startMs: parseIso(st.eta.start), endMs: parseIso(st.eta.end) };
      }
    }
    o.onBoard?.({ atMs, events, view: v });
  };

  const flush = async (nowMs: number): Promise<boolean> => {
    if (!observed.length) return false;
    const events = observed;
    observed = [];
    const t0 = performance.now();
    const v = await policy.update(events, nowMs);
    policyMs += performance.now() - t0;
    eventsDelivered += events.length;
    accept(v, nowMs, events);
    return true;
  };

  {
    const t0 = performance.now();
    const v = await policy.start(problem, o.morning);
    policyMs += performance.now() - t0;
    accept(v, day.boardAtMs, []);
  }

  // --- technicians' time accounting ---
  const seg = (t: TechState, kind: SegmentKind, atMs: number) => {
    if (t.open && t.open.kind === kind) return;
    if (t.open && atMs > t.open.startMs) t.segments.push({ kind: t.open.kind, startMs: t.open.startMs, endMs: atMs });
    t.open = { kind, startMs: atMs };
  };
  const endDay = (t: TechState, atMs: number) => {
    if (t.open && atMs > t.open.startMs) t.segments.push({ kind: t.open.kind, startMs: t.open.startMs, endMs: atMs });
    t.open = null;
    t.paidEndMs = atMs;
    t.phase = 'done';
    t.token++;
  };
  const schedule = (atMs: number, e: WorldEvent) => queue.push(atMs, e);
  const later = (t: TechState, k: Exclude<WorldEvent['k'], 'shift' | 'timeline' | 'return'>, atMs: number) => schedule(atMs, { k, tech: t.id, token: t.token } as WorldEvent);
  const setPhase = (t: TechState, phase: Phase, kind: SegmentKind, atMs: number) => {
    t.phase = phase;
    t.token++;
    seg(t, kind, atMs);
  };

  const needs = new Set<string>();
  let newWork = false;

  const reportPosition = (t: TechState, atMs: number) => {
    if (sameplace(t.pos, t.reportedPos)) return;
    emit({ type: 'technician_position', at: iso(atMs), technicianId: t.id, location: { lat: t.pos.lat, lon: t.pos.lon } });
    t.reportedPos = t.pos;
  };

  const startLeg = async (t: TechState, atMs: number, to: Location, target: Target) => {
    const sec = Math.round(await travel.actualSec(t.pos, to));
    if (!Number.isFinite(sec)) throw new SimulationError(`${t.id} cannot reach ${JSON.stringify(to)} (no route in the travel model)`, policy.name, day.seed, atMs);
    setPhase(t, 'driving', 'drive', atMs);
    t.leg = { from: t.pos, to, departMs: atMs, arriveMs: atMs + sec * 1000, target };
    later(t, 'arrive', t.leg.arriveMs);
  };

  /** Stops a leg under way at `atMs`: the technician is where the interpolation puts them. */
  const abortLeg = (t: TechState, atMs: number) => {
    const leg = t.leg;
    if (!leg) return;
    const span = leg.arriveMs - leg.departMs;
    t.pos = span > 0 ? along(leg.from, leg.to, (atMs - leg.departMs) / span) : leg.to;
    t.leg = undefined;
    setPhase(t, 'idle', 'idle', atMs);
  };

  const truthOf = (w: WorldJob): JobTruth => {
    const base = day.truth.get(w.returnOf ?? w.job.id) ?? { durationFactor: 1, noAccess: false, followUp: false };
    return w.returnOf ? { durationFactor: base.durationFactor, noAccess: false, followUp: false } : base;
  };
  const baseId = (w: WorldJob) => w.returnOf ?? w.job.id;

  /** The arrival windows the customer was promised: the job's own, or the window a booking policy offered them. */
  const windowsOf = (job: Job) => policy.promisedWindows?.(job.id) ?? job.windows;
  const inWindow = (job: Job, atMs: number): boolean => {
    const windows = windowsOf(job);
    if (windows.length) return windows.some((x) => parseIso(x.start) <= atMs && atMs <= parseIso(x.end));
    return job.responseDeadline ? atMs <= parseIso(job.responseDeadline) : true;
  };
  /** When work may start at a door reached at `arrivalMs`: the next window's start (or at once when late), after any known earliest start. */
  const startAt = (job: Job, arrivalMs: number): number => {
    let t = arrivalMs;
    if (job.earliestStart !== undefined) t = Math.max(t, parseIso(job.earliestStart));
    const windows = windowsOf(job);
    if (!windows.length) return t;
    let best = Infinity;
    for (const x of windows) if (parseIso(x.end) >= t) best = Math.min(best, Math.max(t, parseIso(x.start)));
    return Number.isFinite(best) ? best : t;
  };

  // --- decisions: the technician is free and takes the next stop of the board ---
  const decide = async (t: TechState, atMs: number): Promise<void> => {
    if (t.phase === 'done' || t.phase === 'off') return;
    if (t.phase === 'driving' && t.leg?.target.kind === 'home') abortLeg(t, atMs);
    else if (t.phase !== 'idle') return;
    if (t.gone) return endDay(t, atMs);
    const stops: Stop[] = routes.get(t.id)?.stops ?? [];
    for (const st of stops) {
      if (st.kind === 'break') {
        const k = st.breakIndex ?? -1;
        const b = t.tech.breaks[k];
        if (!b || t.breaksDone.has(k)) continue;
        const start = Math.max(atMs, parseIso(b.window.start));
        if (start + b.durationMin * MIN > parseIso(b.window.end)) {
          t.breaksDone.add(k);
          continue;
        }
        if (start > atMs) {
          setPhase(t, 'idle', 'idle', atMs);
          later(t, 'wake', start);
          return;
        }
        setPhase(t, 'break', 'break', atMs);
        t.breaksDone.add(k);
        later(t, 'breakEnd', atMs + b.durationMin * MIN);
        return;
      }
      if (st.kind === 'pickup') {
        if (st.supplyHouseId === undefined) continue;
        if (t.lastPickup?.houseId === st.supplyHouseId && t.lastPickup.atMs === atMs) continue;
        const house = houses.get(st.supplyHouseId)!;
        // consecutive pickups at the same counter are one visit (counter time for each)
        const visits = pickupsInARow(stops, house.id, stops.indexOf(st));
        await startLeg(t, atMs, house.location, { kind: 'pickup', houseId: house.id, plannedStartMs: parseIso(st.start), counterMin: visits * house.pickupMin });
        return;
      }
      const w = st.jobId === undefined ? undefined : jobs.get(st.jobId);
      if (!w || !(w.status === 'open' || (w.status === 'en_route' && w.by === t.id))) continue;
      reportPosition(t, atMs);
      emit({ type: 'job_en_route', at: iso(atMs), jobId: w.job.id, technicianId: t.id });
      w.status = 'en_route';
      w.by = t.id;
      await startLeg(t, atMs, w.job.location, { kind: 'job', jobId: w.job.id });
      return;
    }
    // Nothing on the board: lunch if it is due, else home (and wait there for the shift to end).
    for (const [k, b] of t.tech.breaks.entries()) {
      if (t.breaksDone.has(k)) continue;
      const ws = parseIso(b.window.start);
      const latest = parseIso(b.window.end) - b.durationMin * MIN;
      if (atMs > latest) {
        t.breaksDone.add(k);
        continue;
      }
      if (atMs >= ws) {
        setPhase(t, 'break', 'break', atMs);
        t.breaksDone.add(k);
        later(t, 'breakEnd', atMs + b.durationMin * MIN);
        return;
      }
    }
    if (!sameplace(t.pos, t.home)) {
      await startLeg(t, atMs, t.home, { kind: 'home' });
      return;
    }
    if (atMs >= t.shiftEndMs) return endDay(t, atMs);
    setPhase(t, 'idle', 'idle', atMs);
    const owed = t.tech.breaks.map((b, k) => ({ b, k })).filter(({ k }) => !t.breaksDone.has(k)).map(({ b }) => parseIso(b.window.start)).filter((x) => x > atMs);
    later(t, 'wake', Math.min(t.shiftEndMs, ...owed));
  };

  // --- what happens at a job ---
  const begin = (t: TechState, w: WorldJob, atMs: number) => {
    w.status = 'on_site';
    w.visits++;
    const first = w.visits === 1 && w.returnOf === undefined;
    const arrivalMs = t.arrivalMs ?? atMs;
    emit({ type: 'job_started', at: iso(atMs), jobId: w.job.id, technicianId: t.id, ...(arrivalMs < atMs ? { arrival: iso(arrivalMs) } : {}) });
    note('started', atMs);
    t.jobId = w.job.id;
    t.visit = {
      jobId: w.job.id,
      technicianId: t.id,
      outcome: 'done',
      firstVisit: first,
      followUp: false,
      arrivalMs,
      startMs: atMs,
      endMs: atMs,
      inWindow: inWindow(w.job, atMs),
      inEta: w.firstEta ? w.firstEta.startMs <= atMs && atMs <= w.firstEta.endMs : null,
      emergency: w.job.priority === 'emergency',
      value: w.job.value,
    };
    const truth = truthOf(w);
    const partsAt = day.partsArriveMs.get(baseId(w));
    if (first && truth.noAccess) {
      t.visit.outcome = 'no_access';
      setPhase(t, 'void_visit', 'idle', atMs);
      later(t, 'visitEnd', atMs + s.world.noAccessWaitMin * MIN);
      return;
    }
    if (partsAt !== undefined && atMs < partsAt) {
      t.visit.outcome = 'parts_missing';
      setPhase(t, 'void_visit', 'idle', atMs);
      later(t, 'visitEnd', atMs + s.world.failedVisitMin * MIN);
      return;
    }
    t.visit.followUp = first && truth.followUp;
    const plannedMin = durationFor(w.job, t.tech);
    const actualSec = Math.max(60, Math.round(plannedMin * truth.durationFactor * 60));
    setPhase(t, 'working', 'service', atMs);
    t.workEndMs = atMs + actualSec * 1000;
    later(t, 'workEnd', t.workEndMs);
    if (actualSec > plannedMin * 60) later(t, 'overrun', atMs + plannedMin * MIN);
  };

  const addReturnVisit = (w: WorldJob, atMs: number) => {
    const base = baseId(w);
    let n = 1;
    while (jobs.has(`${base}-R${n}`)) n++;
    const local = Math.round((atMs - day.midnightMs) / MIN);
    const start = Math.ceil((local + 30) / 30) * 30;
    const end = Math.min(start + 240, H17);
    if (end - start < 60) return; // no room today: another day's work
    const at = (min: number) => iso(day.midnightMs + min * MIN);
    const { actual: _a, earliestStart: _e, calledAt: _c, responseDeadline: _r, ...rest } = w.job;
    const job: Job = { ...rest, id: `${base}-R${n}`, name: `Return visit: ${w.job.name ?? base}`, priority: 'urgent', windows: [{ start: at(start), end: at(end) }], status: 'unscheduled' };
    const parsed = LiveEventSchema.parse({ type: 'job_added', at: iso(atMs), job });
    jobs.set(job.id, { job: (parsed as Extract<LiveEvent, { type: 'job_added' }>).job, status: 'open', visits: 0, returnOf: base });
    emit(parsed);
    newWork = true;
  };

  // --- the handlers ---
  const handle = async (atMs: number, e: WorldEvent): Promise<void> => {
    if (e.k === 'timeline') return timeline(atMs, e.e);
    if (e.k === 'return') {
      const w = jobs.get(e.jobId);
      if (w) addReturnVisit(w, atMs);
      return;
    }
    const t = techs.get(e.tech)!;
    if (e.k === 'shift') {
      if (t.phase !== 'off') return;
      t.phase = 'idle';
      seg(t, 'idle', atMs);
      needs.add(t.id);
      return;
    }
    if (e.token !== t.token) return;
    switch (e.k) {
      case 'wake':
        needs.add(t.id);
        return;
      case 'arrive': {
        const leg = t.leg!;
        t.pos = leg.to;
        t.leg = undefined;
        if (leg.target.kind === 'home') {
          setPhase(t, 'idle', 'idle', atMs);
          needs.add(t.id);
          return;
        }
        if (leg.target.kind === 'pickup') {
          const house = houses.get(leg.target.houseId)!;
          const start = Math.max(atMs, parseIso(house.hours.start), leg.target.plannedStartMs);
          if (start + leg.target.counterMin * MIN > parseIso(house.hours.end)) {
            setPhase(t, 'idle', 'idle', atMs); // closed: nothing loaded
            needs.add(t.id);
            return;
          }
          t.leg = leg; // keep the target for the counter
          setPhase(t, 'waiting', 'idle', atMs);
          later(t, 'counter', start);
          return;
        }
        const w = jobs.get(leg.target.jobId)!;
        if (w.status !== 'en_route' || w.by !== t.id) {
          setPhase(t, 'idle', 'idle', atMs);
          needs.add(t.id);
          return;
        }
        t.arrivalMs = atMs;
        const em = emergencyByJob.get(w.job.id);
        if (em && em.arrivalMs === null) em.arrivalMs = atMs;
        t.jobId = w.job.id;
        const start = startAt(w.job, atMs);
        if (start > atMs) {
          setPhase(t, 'waiting', 'idle', atMs);
          later(t, 'begin', start);
        } else begin(t, w, atMs);
        return;
      }
      case 'begin': {
        const w = jobs.get(t.jobId!)!;
        if (w.status !== 'en_route' || w.by !== t.id) {
          setPhase(t, 'idle', 'idle', atMs);
          needs.add(t.id);
          return;
        }
        begin(t, w, atMs);
        return;
      }
      case 'counter': {
        const target = t.leg!.target as Extract<Target, { kind: 'pickup' }>;
        setPhase(t, 'counter', 'drive', atMs); // counter time counts as drive
        later(t, 'counterDone', atMs + target.counterMin * MIN);
        return;
      }
      case 'counterDone': {
        const target = t.leg!.target as Extract<Target, { kind: 'pickup' }>;
        t.leg = undefined;
        t.lastPickup = { houseId: target.houseId, atMs };
        setPhase(t, 'idle', 'idle', atMs);
        needs.add(t.id);
        return;
      }
      case 'overrun': {
        if (t.phase !== 'working') return;
        const expectedEnd = atMs + s.world.overrunStepMin * MIN;
        emit({ type: 'job_running_long', at: iso(atMs), jobId: t.jobId!, expectedEnd: iso(expectedEnd) });
        if (t.workEndMs! > expectedEnd) later(t, 'overrun', expectedEnd);
        return;
      }
      case 'workEnd':
        setPhase(t, 'wrap', 'buffer', atMs);
        later(t, 'leave', atMs + s.world.wrapUpMin * MIN);
        return;
      case 'leave': {
        const w = jobs.get(t.jobId!)!;
        emit({ type: 'job_finished', at: iso(atMs), jobId: w.job.id });
        note('finished', atMs);
        w.status = 'done';
        t.visit!.endMs = atMs;
        log.visits.push(t.visit!);
        t.visit = undefined;
        t.reportedPos = w.job.location;
        setPhase(t, 'idle', 'idle', atMs);
        if (t.gone) endDay(t, atMs);
        else needs.add(t.id);
        return;
      }
      case 'visitEnd': {
        const w = jobs.get(t.jobId!)!;
        const v = t.visit!;
        const outcome: VisitOutcome = v.outcome;
        emit({ type: 'job_cancelled', at: iso(atMs), jobId: w.job.id, reason: outcome === 'no_access' ? 'no access: customer not home' : 'parts missing: return visit' });
        note(outcome === 'no_access' ? 'noAccess' : 'failedVisit', atMs);
        w.status = outcome === 'no_access' ? 'cancelled' : 'failed';
        v.endMs = atMs;
        log.visits.push(v);
        t.visit = undefined;
        t.reportedPos = w.job.location;
        if (outcome === 'parts_missing') {
          const partsAt = day.partsArriveMs.get(baseId(w)) ?? atMs;
          if (partsAt > atMs) schedule(partsAt, { k: 'return', jobId: w.job.id });
          else addReturnVisit(w, atMs);
        }
        setPhase(t, 'idle', 'idle', atMs);
        if (t.gone) endDay(t, atMs);
        else needs.add(t.id);
        return;
      }
      case 'breakEnd':
        setPhase(t, 'idle', 'idle', atMs);
        needs.add(t.id);
        return;
    }
  };

  const timeline = (atMs: number, e: TimelineEvent): void => {
    switch (e.kind) {
      case 'call': {
        jobs.set(e.job.id, { job: e.job, status: 'open', visits: 0 });
        noteEmergency(e.job);
        emit({ type: 'job_added', at: iso(atMs), job: e.job });
        note(e.job.priority === 'emergency' ? 'emergency' : 'call', atMs);
        newWork = true;
        return;
      }
      case 'cancel': {
        const w = jobs.get(e.jobId);
        if (!w) return;
        if (w.status !== 'open' && w.status !== 'en_route') {
          log.lateCancellations++;
          return;
        }
        note('cancellation', atMs);
        emit({ type: 'job_cancelled', at: iso(atMs), jobId: e.jobId, reason: e.reason });
        const by = w.status === 'en_route' ? techs.get(w.by!) : undefined;
        w.status = 'cancelled';
        if (by) {
          const driving = by.phase === 'driving' && by.leg?.target.kind === 'job' && by.leg.target.jobId === e.jobId;
          const atDoor = by.phase === 'waiting' && by.leg === undefined && by.jobId === e.jobId;
          if (driving) abortLeg(by, atMs);
          else if (atDoor) setPhase(by, 'idle', 'idle', atMs);
          if (driving || atDoor) {
            reportPosition(by, atMs);
            needs.add(by.id);
          }
        }
        newWork = true;
        return;
      }
      case 'sick': {
        const t = techs.get(e.technicianId)!;
        note('sick', atMs);
        emit({ type: 'technician_unavailable', at: iso(atMs), technicianId: t.id, reason: 'went home sick' });
        t.gone = true;
        newWork = true;
        switch (t.phase) {
          case 'working':
          case 'wrap':
          case 'void_visit':
            return; // finishes what is under way, then goes
          case 'done':
            return;
          case 'off':
            t.paidEndMs = t.shiftStartMs;
            t.phase = 'done';
            return;
          default: {
            if (t.leg?.target.kind === 'job' || (t.phase === 'waiting' && t.jobId !== undefined && t.leg === undefined)) {
              const id = t.leg?.target.kind === 'job' ? t.leg.target.jobId : t.jobId!;
              const w = jobs.get(id);
              if (w && w.status === 'en_route' && w.by === t.id) {
                w.status = 'open';
                w.by = undefined;
              }
            }
            if (t.phase === 'driving') abortLeg(t, atMs);
            endDay(t, atMs);
          }
        }
        return;
      }
      case 'parts': {
        const w = jobs.get(e.jobId);
        note('parts', atMs);
        if (w && (w.status === 'open' || w.status === 'en_route')) {
          emit({ type: 'parts_arrived', at: iso(atMs), jobId: e.jobId });
          newWork = true;
        }
        return;
      }
    }
  };

  // --- the loop ---
  for (const t of techs.values()) schedule(t.shiftStartMs, { k: 'shift', tech: t.id });
  for (const e of day.timeline) schedule(e.atMs, { k: 'timeline', e });
  const everyEvent = s.planning.delivery === 'every-event';
  let lastMs = day.boardAtMs;
  while (queue.size) {
    const atMs = queue.peekTime();
    lastMs = atMs;
    while (queue.peekTime() === atMs) await handle(atMs, queue.pop()!.item);
    const handOver = everyEvent ? observed.length > 0 : needs.size > 0 || newWork;
    newWork = false;
    const changed = handOver ? await flush(atMs) : false;
    if (changed) {
      // a new board: technicians waiting for work (or on the way home) look at it again
      for (const t of techs.values()) {
        if (t.phase === 'idle' || (t.phase === 'driving' && t.leg?.target.kind === 'home')) {
          if ((routes.get(t.id)?.stops.length ?? 0) > 0) needs.add(t.id);
        }
      }
    }
    if (needs.size) {
      const ids = [...needs].sort();
      needs.clear();
      for (const id of ids) await decide(techs.get(id)!, atMs);
    }
  }
  await flush(lastMs);

  // --- the log ---
  for (const t of techs.values()) {
    if (t.phase !== 'done') throw new SimulationError(`${t.id} never finished the day (phase ${t.phase})`, policy.name, day.seed, lastMs);
    const tl: TechLog = { technicianId: t.id, shiftStartMs: t.shiftStartMs, shiftEndMs: t.shiftEndMs, paidEndMs: t.paidEndMs ?? t.shiftStartMs, segments: t.segments, sick: t.gone };
    const issues = logIssues(tl);
    if (issues.length) throw new SimulationError(`time accounting broke: ${issues.join('; ')}`, policy.name, day.seed, lastMs, issues);
    log.techs.push(tl);
  }
  for (const w of jobs.values()) if (w.status === 'open' || w.status === 'en_route') log.openAtEnd.push(w.job.id);
  log.openAtEnd.sort();
  return { log, boards, eventsDelivered, policyMs, checkMs };
}
