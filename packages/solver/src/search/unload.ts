// Solution -> Board: schedules each plan in detail and writes the wire board (times in the
// problem's offset, legs with exact drive and distance, totals, KPIs, cost, unassigned reasons).
import type { Compiled } from '../compile/compiled.ts';
import type { Board, Cost, Kpis, Route, Stop, Totals, Unassigned } from '../model/board.ts';
import type { Location } from '../model/problem.ts';
import { formatIso, parseIso } from '../model/time.ts';
import { breaksOwedMin, dayEndLocation, dayEndMs, dayStart } from '../model/live.ts';
import type { Inserter, Solution } from './greedy.ts';
import { blockersFor, reasonFrom } from './reasons.ts';
import { StopType } from './schedule.ts';

export interface UnloadInfo {
  solverName: string;
  seed: number;
  timeLimitSec?: number;
  elapsedMs: number;
  iterations?: number;
}

/** ETA windows are given to the customer in whole 5 minutes. */
const ETA_STEP_MS = 5 * 60_000;

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

function quantile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function median(sorted: number[]): number | null {
  const n = sorted.length;
  if (!n) return null;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export function unload(c: Compiled, sol: Solution, ins: Inserter, info: UnloadInfo): Board {
  const p = c.problem;
  const n = c.nLocs;
  const tickMs = c.tickSec * 1000;
  const msOf = (ticks: number) => c.originMs + ticks * tickMs;
  const iso = (ticks: number) => formatIso(msOf(ticks), c.utcOffsetMin);
  const locOf = (loc: number): Location => {
    if (loc < c.nTechs) return dayStart(p.technicians[loc]!).location;
    if (loc < 2 * c.nTechs) {
      const t = p.technicians[loc - c.nTechs]!;
      return dayEndLocation(t);
    }
    if (loc < 2 * c.nTechs + c.nJobs) return p.jobs[c.jobWire[loc - 2 * c.nTechs]!]!.location;
    return p.supplyHouses[loc - 2 * c.nTechs - c.nJobs]!.location;
  };
  const { weights, etaWindowMin } = p.settings;

  const routes: Route[] = [];
  const cost: Cost = { total: 0, drive: 0, distance: 0, overtime: 0, wait: 0, unassigned: 0, emergencyLate: 0, overqualification: 0, preferredMiss: 0 };
  const emergencyResponse: number[] = [];
  let emergenciesLate = 0;
  let revenue = 0;
  let jobsScheduled = 0;

  for (let t = 0; t < c.nTechs; t++) {
    const tech = p.technicians[t]!;
    const plan = sol.plans[t]!;
    const r = ins.sched.run(t, plan, true);
    if (!r.feasible) throw new Error(`internal: route of ${tech.id} is infeasible (${r.fail}) after search`);
    const stops: Stop[] = [];
    let serviceMin = 0;
    let driveMin = 0;
    let counterMin = 0;
    let bufferMin = 0;
    let breakMin = 0;
    let waitMin = 0;
    let distanceM = 0;
    let jobs = 0;
    for (const s of r.stops) {
      const leg = s.kind === 2 ? 0 : s.fromLoc * n + s.loc;
      const dMin = s.kind === 2 ? 0 : c.driveSec[leg]! / 60;
      const dist = s.kind === 2 ? 0 : c.distM[leg]!;
      const stop: Stop = {
        kind: s.kind === 0 ? 'job' : s.kind === 1 ? 'pickup' : 'break',
        location: locOf(s.loc),
        arrival: iso(s.arrival),
        start: iso(s.start),
        end: iso(s.end),
        driveMin: dMin,
        paddingMin: dMin * c.paddingFrac,
        distanceM: dist,
        waitMin: ((s.start - s.arrival) * c.tickSec) / 60,
        bufferMin: ((s.departure - s.end) * c.tickSec) / 60,
      };
      driveMin += dMin;
      bufferMin += stop.paddingMin + stop.bufferMin;
      distanceM += dist;
      waitMin += stop.waitMin;
      const spanMin = ((s.end - s.start) * c.tickSec) / 60;
      if (s.kind === 0) {
        const job = p.jobs[c.jobWire[s.idx]!]!;
        stop.jobId = job.id;
        if (Object.keys(job.parts).length) stop.partsUsed = { ...job.parts };
        serviceMin += spanMin;
        jobs++;
        jobsScheduled++;
        revenue += job.value;
        const startMs = msOf(s.start);
        const arrivalMs = msOf(s.arrival);
        // customer-facing: around the planned start, widened to whole 5 minutes, inside the promised window
        let lo = Math.floor((startMs - (etaWindowMin * 60_000) / 2) / ETA_STEP_MS) * ETA_STEP_MS;
        let hi = Math.ceil((startMs + (etaWindowMin * 60_000) / 2) / ETA_STEP_MS) * ETA_STEP_MS;
        for (const w of job.windows) {
          const ws = parseIso(w.start);
          const we = parseIso(w.end);
          if (ws <= startMs && startMs <= we) {
            lo = Math.max(lo, ws);
            hi = Math.min(hi, we);
            break;
          }
        }
        stop.eta = { start: formatIso(lo, c.utcOffsetMin), end: formatIso(hi, c.utcOffsetMin) };
        if (job.responseDeadline && arrivalMs > parseIso(job.responseDeadline)) {
          cost.emergencyLate += ((arrivalMs - parseIso(job.responseDeadline)) / 60_000) * weights.emergencyLateMin;
          if (job.priority === 'emergency') emergenciesLate++;
        }
        if (job.priority === 'emergency' && job.calledAt) emergencyResponse.push((arrivalMs - parseIso(job.calledAt)) / 60_000);
        let over = 0;
        for (const [skill, min] of Object.entries(job.skills)) over += (tech.skills[skill] ?? min) - min;
        cost.overqualification += over * weights.overqualificationLevel;
        if (job.preferredTechnicians.length && !job.preferredTechnicians.includes(tech.id)) cost.preferredMiss += weights.preferredMiss;
      } else if (s.kind === 1) {
        stop.supplyHouseId = c.houseIds[s.idx]!;
        const loads = plan[s.planPos]!.type === StopType.Pickup ? plan[s.planPos]!.loads : undefined;
        const loaded: Record<string, number> = {};
        if (loads) for (let k = 0; k < loads.length; k += 2) loaded[c.skus[loads[k]!]!] = (loaded[c.skus[loads[k]!]!] ?? 0) + loads[k + 1]!;
        stop.partsLoaded = loaded;
        counterMin += spanMin;
      } else {
        stop.breakIndex = c.breakWire[s.idx]!;
        breakMin += spanMin;
      }
      stops.push(stop);
    }
    const lastLoc = r.stops.length ? r.stops.filter((s) => s.kind !== 2).at(-1)?.loc ?? c.techStartLoc[t]! : c.techStartLoc[t]!;
    const endLoc = c.techEndLoc[t]!;
    const hasStops = plan.length > 0;
    const endDriveMin = hasStops ? c.driveSec[lastLoc * n + endLoc]! / 60 : 0;
    const endDist = hasStops ? c.distM[lastLoc * n + endLoc]! : 0;
    driveMin += endDriveMin;
    bufferMin += endDriveMin * c.paddingFrac;
    distanceM += endDist;
    const shiftStartMs = dayStart(tech).ms;
    const shiftEndMs = parseIso(tech.shift.end);
    const endArrivalMs = hasStops ? msOf(r.endArrival) : msOf(r.departure);
    const breaksMin = breaksOwedMin(tech);
    const paidMin = (Math.max(dayEndMs(tech), endArrivalMs) - shiftStartMs) / 60_000 - breaksMin;
    const overtimeMin = Math.max(0, endArrivalMs - shiftEndMs) / 60_000;
    const allDrive = driveMin + counterMin;
    const totals: Totals = {
      paidMin: round(paidMin),
      serviceMin: round(serviceMin),
      driveMin: round(allDrive),
      bufferMin: round(bufferMin),
      idleMin: round(paidMin - serviceMin - allDrive - bufferMin),
      breakMin: round(breakMin),
      overtimeMin: round(overtimeMin),
      distanceM,
      jobs,
      utilization: paidMin > 0 ? round((serviceMin + allDrive) / paidMin) : 0,
      driveShare: paidMin > 0 ? round(allDrive / paidMin) : 0,
    };
    cost.drive += (driveMin / 60) * weights.driveHour;
    cost.distance += (distanceM / 1000) * weights.distanceKm;
    cost.overtime += (overtimeMin / 60) * (tech.overtimeCostPerHour ?? 1.5 * tech.costPerHour);
    cost.wait += (waitMin / 60) * weights.waitHour;
    routes.push({
      technicianId: tech.id,
      departure: iso(r.departure),
      stops,
      end: {
        location: dayEndLocation(tech),
        arrival: formatIso(endArrivalMs, c.utcOffsetMin),
        driveMin: endDriveMin,
        paddingMin: endDriveMin * c.paddingFrac,
        distanceM: endDist,
      },
      totals,
    });
  }

  const unassigned: Unassigned[] = sol.unassigned.map((j) => {
    const job = p.jobs[c.jobWire[j]!]!;
    cost.unassigned += weights.unassigned[job.priority] + job.value * weights.unassignedValueFactor;
    const blockers = blockersFor(c, ins, sol.plans, j);
    return {
      jobId: job.id,
      reason: reasonFrom(blockers),
      closest: blockers.slice(0, 3).map((b) => ({ technicianId: c.techIds[b.tech]!, blocker: b.blocker, detail: b.detail })),
    };
  });
  cost.total = cost.drive + cost.distance + cost.overtime + cost.wait + cost.unassigned + cost.emergencyLate + cost.overqualification + cost.preferredMiss;

  const sum = (f: (x: Totals) => number) => routes.reduce((a, r) => a + f(r.totals), 0);
  const paid = sum((x) => x.paidMin);
  const service = sum((x) => x.serviceMin);
  const drive = sum((x) => x.driveMin);
  emergencyResponse.sort((a, b) => a - b);
  const kpis: Kpis = {
    technicians: c.nTechs,
    techniciansUsed: routes.filter((r) => r.totals.jobs > 0).length,
    paidMin: round(paid),
    serviceMin: round(service),
    driveMin: round(drive),
    bufferMin: round(sum((x) => x.bufferMin)),
    idleMin: round(sum((x) => x.idleMin)),
    breakMin: round(sum((x) => x.breakMin)),
    overtimeMin: round(sum((x) => x.overtimeMin)),
    utilization: paid > 0 ? round((service + drive) / paid) : 0,
    driveShare: paid > 0 ? round(drive / paid) : 0,
    wrenchTime: paid > 0 ? round(service / paid) : 0,
    jobsScheduled,
    jobsUnassigned: unassigned.length,
    revenueScheduled: round(revenue),
    distanceKm: sum((x) => x.distanceM) / 1000,
    emergencyResponseMin: { count: emergencyResponse.length, median: median(emergencyResponse), p90: quantile(emergencyResponse, 0.9) },
    emergenciesLate,
  };

  const board: Board = {
    version: 1,
    createdAt: formatIso(Date.now(), c.utcOffsetMin),
    solver: {
      name: info.solverName,
      seed: info.seed,
      elapsedMs: info.elapsedMs,
      ...(info.timeLimitSec !== undefined ? { timeLimitSec: info.timeLimitSec } : {}),
      ...(info.iterations !== undefined ? { iterations: info.iterations } : {}),
    },
    routes,
    unassigned,
    kpis,
    cost,
  };
  if (p.name !== undefined) board.problemName = p.name;
  return board;
}
