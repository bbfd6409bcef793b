// Forward schedule of one technician's route over the compiled instance: times, feasibility and
// cost of an ordered list of jobs and supply-house pickups, with the technician's breaks placed
// automatically (each as late as it can go: before the first stop after which it could no longer
// start in time). O(route length × (parts + dims)) per call; scratch buffers are reused.
import { NO_TIME, UNREACHABLE, type Compiled } from '../compile/compiled.ts';

export const enum StopType {
  Job = 0,
  Pickup = 1,
}

/** A planned stop: a job, or a pickup of `loads` (sku, qty pairs) at supply house `idx`. */
export interface PlanStop {
  type: StopType;
  /** job index, or supply-house index */
  idx: number;
  /** pickups: [sku, qty, sku, qty, …] */
  loads?: Int32Array;
}

/** What made a route infeasible (matches the wire Blocker names). */
export type Fail = 'window' | 'earliest_start' | 'pinned' | 'shift' | 'break' | 'parts' | 'capacity' | 'max_drive' | 'unreachable';

/** A timed event of the schedule (stops and breaks in route order). */
export interface TimedStop {
  /** 0 job, 1 pickup, 2 break */
  kind: 0 | 1 | 2;
  /** job, house, or break index (into the compiled break arrays) */
  idx: number;
  /** plan position (for breaks: -1) */
  planPos: number;
  fromLoc: number;
  loc: number;
  arrival: number;
  start: number;
  end: number;
  departure: number;
}

export interface ScheduleResult {
  feasible: boolean;
  fail: Fail | null;
  /** plan position where it failed (-1: at the end / breaks) */
  failPos: number;
  departure: number;
  endArrival: number;
  /** cost: drive, distance, overtime, wait, lateness, assignment */
  cost: number;
  driveSec: number;
  distanceM: number;
  /** only when detail = true */
  stops: TimedStop[];
  /** jobs starting after their promised ETA end (see RouteScheduler.promiseEnd) */
  broken: number;
}

export class RouteScheduler {
  private readonly inv: Int32Array;
  private readonly load: Float64Array;
  /**
   * Live boards: per job, the end of the ETA window its customer was given (NO_TIME: none).
   * `run` counts the jobs that would start after it in `broken`; null: nothing promised.
   */
  promiseEnd: Int32Array | null = null;
  /** Added to the cost per broken promise (settings.weights.disruptionEtaMove while re-planning). */
  promisePenalty = 0;
  /** (sku, house) of every load picked up so far on the route being scheduled (reused). */
  private readonly pickedSku: number[] = [];
  private readonly pickedHouse: number[] = [];
  constructor(private readonly c: Compiled) {
    this.inv = new Int32Array(c.nSkus);
    this.load = new Float64Array(c.nDims);
  }

  /** Start time of job `j` for tech `t` arriving at `arrive`, or -1 when no window/pin allows it. */
  jobStart(j: number, arrive: number): number {
    const c = this.c;
    let start = arrive;
    const rel = c.release[j]!;
    if (rel !== NO_TIME && rel > start) start = rel;
    const pin = c.pinnedStart[j]!;
    if (pin !== NO_TIME) {
      if (start > pin) return -1;
      start = pin;
    }
    const w0 = c.jobWinStart[j]!;
    const w1 = c.jobWinStart[j + 1]!;
    if (w0 === w1) return start;
    for (let w = w0; w < w1; w++) {
      if (c.winEnd[w]! < start) continue;
      if (c.winStart[w]! <= start) return start;
      if (pin !== NO_TIME) return -1;
      return c.winStart[w]!;
    }
    return -1;
  }

  /** Departure after visiting plan stop `s` from `place` at `time`, or -1 when it cannot be visited (timing only). */
  private tentative(t: number, s: PlanStop, time: number, place: number): number {
    const c = this.c;
    if (s.type === StopType.Job) {
      const loc = c.jobLoc[s.idx]!;
      const leg = c.legTicks[place * c.nLocs + loc]!;
      if (leg >= UNREACHABLE) return -1;
      const st = this.jobStart(s.idx, time + leg);
      if (st < 0) return -1;
      const k = s.idx * c.nTechs + t;
      return st + c.serviceTicks[k]! + c.bufferTicks[k]!;
    }
    const loc = c.houseLoc[s.idx]!;
    const leg = c.legTicks[place * c.nLocs + loc]!;
    if (leg >= UNREACHABLE) return -1;
    const st = Math.max(time + leg, c.houseOpen[s.idx]!);
    return st + c.pickupTicks[s.idx]!;
  }

  /**
   * Schedules `plan` for technician `t`. With `detail`, fills `stops` with every timed event.
   * The first stop is reached without waiting (the technician leaves later instead) unless a
   * break comes first.
   */
  run(t: number, plan: readonly PlanStop[], detail = false): ScheduleResult {
    const c = this.c;
    const n = c.nLocs;
    const inv = this.inv;
    const load = this.load;
    for (let k = 0; k < c.nSkus; k++) inv[k] = c.vanStock[t * c.nSkus + k]!;
    load.fill(0);
    const stops: TimedStop[] = [];
    const res: ScheduleResult = { feasible: false, fail: null, failPos: -1, departure: c.shiftStart[t]!, endArrival: 0, cost: 0, driveSec: 0, distanceM: 0, stops, broken: 0 };
    const promiseEnd = this.promiseEnd;
    const pickedSku = this.pickedSku;
    const pickedHouse = this.pickedHouse;
    pickedSku.length = 0;
    pickedHouse.length = 0;
    let time = c.shiftStart[t]!;
    let place = c.techStartLoc[t]!;
    let b = c.techBreakStart[t]!;
    const bEnd = c.techBreakStart[t + 1]!;
    let hasJob = false;
    for (const s of plan) if (s.type === StopType.Job) hasJob = true;
    let driveSec = 0;
    let distanceM = 0;
    let waitTicks = 0;
    let lateTicks = 0;
    let assign = 0;
    let breakTaken = false;
    const fail = (f: Fail, pos: number): ScheduleResult => {
      res.fail = f;
      res.failPos = pos;
      return res;
    };

    for (let i = 0; i < plan.length; i++) {
      const s = plan[i]!;
      let forcedBreak = false;
      // Breaks: take each pending one now if, after this stop, it could no longer start in time.
      while (hasJob && b < bEnd) {
        const dep = this.tentative(t, s, time, place);
        if (dep >= 0 && dep <= c.breakLatest[b]!) break;
        const bs = Math.max(time, c.breakEarliest[b]!);
        if (bs > c.breakLatest[b]!) return fail('break', i);
        const be = bs + c.breakDurTicks[b]!;
        if (detail) stops.push({ kind: 2, idx: b, planPos: -1, fromLoc: place, loc: place, arrival: time, start: bs, end: be, departure: be });
        time = be;
        b++;
        breakTaken = true;
        forcedBreak = true;
      }
      const loc = s.type === StopType.Job ? c.jobLoc[s.idx]! : c.houseLoc[s.idx]!;
      const leg = c.legTicks[place * n + loc]!;
      if (leg >= UNREACHABLE) return fail('unreachable', i);
      const arrive = time + leg;
      driveSec += c.driveSec[place * n + loc]!;
      distanceM += c.distM[place * n + loc]!;
      let start: number;
      let end: number;
      let dep: number;
      if (s.type === StopType.Job) {
        const j = s.idx;
        start = this.jobStart(j, arrive);
        if (start < 0) {
          const rel = c.release[j]!;
          // a break that had to come first (the job would run past its latest start) is the real blocker
          if (forcedBreak) return fail('break', i);
          return fail(c.pinnedStart[j] !== NO_TIME ? 'pinned' : rel !== NO_TIME && rel > arrive ? 'earliest_start' : 'window', i);
        }
        const k = j * c.nTechs + t;
        end = start + c.serviceTicks[k]!;
        dep = end + c.bufferTicks[k]!;
        const h0 = c.jobHouseStart[j]!;
        const h1 = c.jobHouseStart[j + 1]!;
        for (let p = c.jobPartStart[j]!; p < c.jobPartStart[j + 1]!; p++) {
          const sku = c.partSku[p]!;
          inv[sku] = inv[sku]! - c.partQty[p]!;
          if (inv[sku]! < 0) return fail('parts', i);
          // a job whose parts come only from some supply houses never follows a load of them elsewhere
          if (h0 < h1) {
            for (let k = 0; k < pickedSku.length; k++) {
              if (pickedSku[k] !== sku) continue;
              let allowed = false;
              for (let x = h0; x < h1; x++) if (c.jobHouse[x] === pickedHouse[k]) allowed = true;
              if (!allowed) return fail('parts', i);
            }
          }
        }
        for (let d = 0; d < c.nDims; d++) {
          load[d] = load[d]! + c.demand[j * c.nDims + d]!;
          if (load[d]! > c.capacity[t * c.nDims + d]! + 1e-9) return fail('capacity', i);
        }
        if (promiseEnd !== null && promiseEnd[j] !== NO_TIME && start > promiseEnd[j]!) res.broken++;
        const dl = c.deadline[j]!;
        if (dl !== NO_TIME && arrive > dl) lateTicks += arrive - dl;
        assign += c.assignCost[t * c.nJobs + j]!;
      } else {
        const h = s.idx;
        start = Math.max(arrive, c.houseOpen[h]!);
        end = start + c.pickupTicks[h]!;
        if (end > c.houseClose[h]!) return fail('parts', i);
        dep = end;
        const loads = s.loads;
        if (loads) {
          for (let k = 0; k < loads.length; k += 2) {
            inv[loads[k]!] = inv[loads[k]!]! + loads[k + 1]!;
            if (loads[k + 1]! > 0) {
              pickedSku.push(loads[k]!);
              pickedHouse.push(h);
            }
          }
        }
      }
      if (i === 0 && !breakTaken) {
        // leave later rather than wait at the first stop
        res.departure = c.shiftStart[t]! + (start - arrive);
      } else waitTicks += start - arrive;
      if (detail) stops.push({ kind: s.type === StopType.Job ? 0 : 1, idx: s.idx, planPos: i, fromLoc: place, loc, arrival: i === 0 && !breakTaken ? start : arrive, start, end, departure: dep });
      time = dep;
      place = loc;
    }
    while (hasJob && b < bEnd) {
      const bs = Math.max(time, c.breakEarliest[b]!);
      if (bs > c.breakLatest[b]!) return fail('break', -1);
      const be = bs + c.breakDurTicks[b]!;
      if (detail) stops.push({ kind: 2, idx: b, planPos: -1, fromLoc: place, loc: place, arrival: time, start: bs, end: be, departure: be });
      time = be;
      b++;
    }
    const endLoc = c.techEndLoc[t]!;
    const leg = plan.length === 0 ? 0 : c.legTicks[place * n + endLoc]!;
    if (leg >= UNREACHABLE) return fail('unreachable', -1);
    if (plan.length > 0) {
      driveSec += c.driveSec[place * n + endLoc]!;
      distanceM += c.distM[place * n + endLoc]!;
    }
    const endArrival = time + leg;
    if (endArrival > c.latestEnd[t]!) return fail('shift', -1);
    if (driveSec / c.tickSec > c.maxDriveTicks[t]! + 1e-9) return fail('max_drive', -1);
    res.feasible = true;
    res.endArrival = endArrival;
    res.driveSec = driveSec;
    res.distanceM = distanceM;
    const overtime = Math.max(0, endArrival - c.shiftEnd[t]!);
    res.cost =
      driveSec * c.costPerDriveSec +
      distanceM * c.costPerMetre +
      overtime * c.overtimeCostPerTick[t]! +
      waitTicks * c.costPerWaitTick +
      lateTicks * c.costPerLateTick +
      assign +
      res.broken * this.promisePenalty;
    return res;
  }
}
