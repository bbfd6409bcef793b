// The day's KPIs from what the world executed (one definition: DESIGN.md, "KPIs"), per technician,
// for the day and per hour. A technician's log is a gap-free run of segments from shift start to
// the end of paid time; every paid minute is service, drive (counter time included), buffer
// (wrap-up after a job) or idle, and breaks are not paid. Boards are plans; these are the facts.

export type SegmentKind = 'service' | 'drive' | 'buffer' | 'idle' | 'break';

/** One stretch of a technician's day, epoch ms, [startMs, endMs). */
export interface Segment {
  kind: SegmentKind;
  startMs: number;
  endMs: number;
}

export interface TechLog {
  technicianId: string;
  shiftStartMs: number;
  shiftEndMs: number;
  /** End of paid time: back home (or the shift end when back before it), or when gone sick. */
  paidEndMs: number;
  /** Contiguous from shiftStartMs to paidEndMs. */
  segments: Segment[];
  sick: boolean;
}

export type VisitOutcome = 'done' | 'no_access' | 'parts_missing';

export interface VisitLog {
  jobId: string;
  technicianId: string;
  outcome: VisitOutcome;
  /** The customer's first visit (a return visit after a failure is not). */
  firstVisit: boolean;
  /** Done, but more work needed another day (not a first-time fix). */
  followUp: boolean;
  arrivalMs: number;
  startMs: number;
  endMs: number;
  /** Started inside a booked arrival window (or, with none, by the response deadline; else true). */
  inWindow: boolean;
  /** Started inside the first ETA window the customer was given (null: never given one). */
  inEta: boolean | null;
  emergency: boolean;
  value: number;
}

export interface EmergencyLog {
  jobId: string;
  calledAtMs: number;
  deadlineMs: number | null;
  /** First arrival on site (null: nobody came today). */
  arrivalMs: number | null;
}

export type HourEventKind = 'call' | 'emergency' | 'cancellation' | 'sick' | 'parts' | 'started' | 'finished' | 'noAccess' | 'failedVisit';

export interface DayLog {
  midnightMs: number;
  techs: TechLog[];
  visits: VisitLog[];
  emergencies: EmergencyLog[];
  /** World events by kind, at their time (epoch ms). */
  events: { kind: HourEventKind; atMs: number }[];
  /** Jobs requested today and not called off, left undone at the end (ids). */
  openAtEnd: string[];
  /** Cancellations that came after the work had started (ignored). */
  lateCancellations: number;
}

export interface Totals {
  paidMin: number;
  serviceMin: number;
  driveMin: number;
  bufferMin: number;
  idleMin: number;
  breakMin: number;
}

export interface TechKpis extends Totals {
  technicianId: string;
  overtimeMin: number;
  utilization: number;
  driveShare: number;
  jobsDone: number;
  sick: boolean;
}

export interface HourKpis extends Totals {
  hour: number;
  utilization: number | null;
  driveShare: number | null;
  events: Record<HourEventKind, number>;
}

export interface DayKpis extends Totals {
  /** (service + drive) / paid */
  utilization: number;
  /** drive / paid */
  driveShare: number;
  /** service / paid */
  wrenchTime: number;
  /** jobs started inside the promised arrival window / jobs done */
  adherence: number;
  /** jobs started inside the first ETA window given / jobs done that had one */
  etaAdherence: number | null;
  /** first visits that finished the work / first visits the technician could work (no-access aside) */
  firstTimeFix: number;
  /** first visits failed because the parts were not there */
  partsFailures: number;
  emergencyResponseP50Min: number | null;
  emergencyResponseP90Min: number | null;
  emergenciesServed: number;
  emergenciesUnserved: number;
  /** served after the response deadline */
  emergenciesLate: number;
  jobsDone: number;
  jobsOpen: number;
  noAccess: number;
  followUps: number;
  revenue: number;
  overtimeMin: number;
  technicians: number;
  lateCancellations: number;
}

const MIN = 60_000;

/** Median of ascending values (mean of the middle two for an even count); null when empty. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (!n) return null;
  const mid = Math.floor(n / 2);
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank 90th percentile (as the checker's): sorted[ceil(0.9 n) − 1]; null when empty. */
export function p90(sorted: readonly number[]): number | null {
  return sorted.length ? sorted[Math.ceil(0.9 * sorted.length) - 1]! : null;
}

const zero = (): Totals => ({ paidMin: 0, serviceMin: 0, driveMin: 0, bufferMin: 0, idleMin: 0, breakMin: 0 });

function add(t: Totals, kind: SegmentKind, min: number): void {
  if (kind === 'break') t.breakMin += min;
  else {
    t.paidMin += min;
    if (kind === 'service') t.serviceMin += min;
    else if (kind === 'drive') t.driveMin += min;
    else if (kind === 'buffer') t.bufferMin += min;
    else t.idleMin += min;
  }
}

/** Totals of segments clipped to [fromMs, toMs). */
export function totalsOf(segments: readonly Segment[], fromMs = -Infinity, toMs = Infinity): Totals {
  const t = zero();
  for (const s of segments) {
    const a = Math.max(s.startMs, fromMs);
    const b = Math.min(s.endMs, toMs);
    if (b > a) add(t, s.kind, (b - a) / MIN);
  }
  return t;
}

/** x / of in [0, 1] (sums in another order can put x a rounding error above of). */
const ratio = (x: number, of: number) => (of > 0 ? Math.min(1, Math.max(0, x / of)) : 0);

/**
 * Checks a technician's log: contiguous, ordered, from shift start to paid end. Returns the
 * problems found (empty when sound); the simulator fails loudly on any.
 */
export function logIssues(log: TechLog): string[] {
  const out: string[] = [];
  let t = log.shiftStartMs;
  for (const [i, s] of log.segments.entries()) {
    if (s.startMs !== t) out.push(`${log.technicianId}: segment ${i} (${s.kind}) starts at ${s.startMs}, expected ${t}`);
    if (s.endMs < s.startMs) out.push(`${log.technicianId}: segment ${i} (${s.kind}) ends before it starts`);
    t = s.endMs;
  }
  if (t !== log.paidEndMs) out.push(`${log.technicianId}: segments end at ${t}, paid time at ${log.paidEndMs}`);
  return out;
}

export function techKpis(log: TechLog, visits: readonly VisitLog[]): TechKpis {
  const t = totalsOf(log.segments);
  return {
    technicianId: log.technicianId,
    ...t,
    overtimeMin: Math.max(0, (log.paidEndMs - log.shiftEndMs) / MIN),
    utilization: ratio(t.serviceMin + t.driveMin, t.paidMin),
    driveShare: ratio(t.driveMin, t.paidMin),
    jobsDone: visits.filter((v) => v.technicianId === log.technicianId && v.outcome === 'done').length,
    sick: log.sick,
  };
}

const HOUR_EVENT_KINDS: readonly HourEventKind[] = ['call', 'emergency', 'cancellation', 'sick', 'parts', 'started', 'finished', 'noAccess', 'failedVisit'];

/** Per local hour 0–23: time accounting over every technician, utilization and drive share, and the events. */
export function hourKpis(log: DayLog): HourKpis[] {
  const out: HourKpis[] = [];
  for (let h = 0; h < 24; h++) {
    const from = log.midnightMs + h * 60 * MIN;
    const to = from + 60 * MIN;
    const t = zero();
    for (const tech of log.techs) {
      const x = totalsOf(tech.segments, from, to);
      for (const k of Object.keys(t) as (keyof Totals)[]) t[k] += x[k];
    }
    const events = Object.fromEntries(HOUR_EVENT_KINDS.map((k) => [k, 0])) as Record<HourEventKind, number>;
    for (const e of log.events) if (e.atMs >= from && e.atMs < to) events[e.kind]++;
    out.push({
      hour: h,
      ...t,
      utilization: t.paidMin > 0 ? ratio(t.serviceMin + t.driveMin, t.paidMin) : null,
      driveShare: t.paidMin > 0 ? ratio(t.driveMin, t.paidMin) : null,
      events,
    });
  }
  return out;
}

export function dayKpis(log: DayLog): { day: DayKpis; technicians: TechKpis[]; hours: HourKpis[] } {
  const technicians = log.techs.map((t) => techKpis(t, log.visits));
  const t = zero();
  for (const x of technicians) for (const k of Object.keys(t) as (keyof Totals)[]) t[k] += x[k];
  const done = log.visits.filter((v) => v.outcome === 'done');
  const withEta = done.filter((v) => v.inEta !== null);
  const firsts = log.visits.filter((v) => v.firstVisit && v.outcome !== 'no_access');
  const responses = log.emergencies.filter((e) => e.arrivalMs !== null).map((e) => (e.arrivalMs! - e.calledAtMs) / MIN);
  responses.sort((a, b) => a - b);
  const day: DayKpis = {
    ...t,
    utilization: ratio(t.serviceMin + t.driveMin, t.paidMin),
    driveShare: ratio(t.driveMin, t.paidMin),
    wrenchTime: ratio(t.serviceMin, t.paidMin),
    adherence: done.length ? done.filter((v) => v.inWindow).length / done.length : 1,
    etaAdherence: withEta.length ? withEta.filter((v) => v.inEta).length / withEta.length : null,
    firstTimeFix: firsts.length ? firsts.filter((v) => v.outcome === 'done' && !v.followUp).length / firsts.length : 1,
    partsFailures: log.visits.filter((v) => v.outcome === 'parts_missing').length,
    emergencyResponseP50Min: median(responses),
    emergencyResponseP90Min: p90(responses),
    emergenciesServed: responses.length,
    emergenciesUnserved: log.emergencies.length - responses.length,
    emergenciesLate: log.emergencies.filter((e) => e.arrivalMs !== null && e.deadlineMs !== null && e.arrivalMs > e.deadlineMs).length,
    jobsDone: done.length,
    jobsOpen: log.openAtEnd.length,
    noAccess: log.visits.filter((v) => v.outcome === 'no_access').length,
    followUps: done.filter((v) => v.followUp).length,
    revenue: done.reduce((s, v) => s + v.value, 0),
    overtimeMin: technicians.reduce((s, x) => s + x.overtimeMin, 0),
    technicians: technicians.length,
    lateCancellations: log.lateCancellations,
  };
  return { day, technicians, hours: hourKpis(log) };
}
