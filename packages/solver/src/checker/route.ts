// Walks one route stop by stop against the raw problem: travel, timing, shift, breaks, parts,
// supply houses and every per-job rule; recomputes the route's totals. O(stops × (skills + parts)).
// Legs are taken from the checker's own travel model; stop times are taken from the board.
import type { Job, Location, Problem, Route, Stop, SupplyHouse, Technician, Totals } from '../model/index.ts';
import { breakOwed, breaksOwedMin, dayEndLocation, dayEndMs, dayStart, latestReturnMs, offsetMinutesOf, parseIso } from '../model/index.ts';
import { clock, clockMs, num, windowsText } from './format.ts';
import { jobDurationMin, requiredBufferMin } from './rules.ts';
import { legBetween, type LegLookup } from './travel.ts';
import type { Violation, ViolationCode } from './types.ts';

/** Tolerance on times, seconds. */
export const EPS_SEC = 1e-6;

/** Shared lookups for checking one board. Times are seconds from `t0Ms` (exact for whole ms). */
export interface CheckContext {
  problem: Problem;
  t0Ms: number;
  /** settings.timeResolutionSec */
  resSec: number;
  jobs: ReadonlyMap<string, Job>;
  houses: ReadonlyMap<string, SupplyHouse>;
  out: Violation[];
  /** travel the checker cannot recompute itself (road networks) */
  legs?: LegLookup | undefined;
}

/** A job as planned on a route (for KPIs and cost). */
export interface ScheduledJob {
  job: Job;
  tech: Technician;
  /** seconds from t0 */
  arrivalSec: number;
  startSec: number;
}

/** What walking a route yields beyond its violations. */
export interface RouteFacts {
  tech: Technician;
  totals: Totals;
  scheduled: ScheduledJob[];
  /** Σ legs' model drive, return included, minutes (no counter time, no padding). */
  legDriveMin: number;
  /** Σ stops' (start − arrival), minutes. */
  waitMin: number;
  /** Parts loaded per supply house on this route: house id -> sku -> quantity. */
  loaded: Map<string, Map<string, number>>;
}

/** Seconds from the context's t0 of an ISO date-time. */
export function secOf(ctx: CheckContext, iso: string): number {
  return (parseIso(iso) - ctx.t0Ms) / 1000;
}

function sameLocation(a: Location, b: Location): boolean {
  return Math.abs(a.lat - b.lat) <= 1e-9 && Math.abs(a.lon - b.lon) <= 1e-9;
}

/** |stated − expected| within 1e-6 relative plus 1e-9 absolute. */
function close(stated: number, expected: number): boolean {
  return Math.abs(stated - expected) <= 1e-6 * Math.abs(expected) + 1e-9;
}

function sameQuantities(a: Record<string, number>, b: Record<string, number>): boolean {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}

function quantitiesText(q: Record<string, number>): string {
  const entries = Object.entries(q).filter(([, n]) => n !== 0);
  return entries.length ? entries.map(([sku, n]) => `${n} × ${sku}`).join(', ') : 'nothing';
}

/** Per-leg view of a place for messages: "T-1's start", "job J-1", "supply house S-1". */
function stopName(stop: Stop): string {
  if (stop.kind === 'job') return `job ${stop.jobId ?? '(no id)'}`;
  if (stop.kind === 'pickup') return `supply house ${stop.supplyHouseId ?? '(no id)'}`;
  return `break ${stop.breakIndex ?? '(no index)'}`;
}

/**
 * Checks one route of a known technician, appending violations to `ctx.out`, and returns the
 * recomputed totals and the facts the KPIs and cost need.
 */
export function walkRoute(ctx: CheckContext, route: Route, tech: Technician): RouteFacts {
  const { problem, resSec } = ctx;
  const settings = problem.settings;
  const techId = tech.id;
  const offsetMin = offsetMinutesOf(tech.shift.start);
  const at = (sec: number): string => clockMs(ctx.t0Ms + sec * 1000, offsetMin);
  const flag = (code: ViolationCode, message: string, extra: Partial<Violation> = {}): void => {
    ctx.out.push({ code, message, technicianId: techId, ...extra });
  };

  // A live day (tech.resume) starts where and when the technician is free again; see model/live.ts.
  const day = dayStart(tech);
  const shiftStart = (day.ms - ctx.t0Ms) / 1000;
  const startName = tech.resume ? `the resume point (${clock(tech.resume.at)})` : `the shift start (${clock(tech.shift.start)})`;
  const shiftEnd = secOf(ctx, tech.shift.end);
  const paidEnd = (dayEndMs(tech) - ctx.t0Ms) / 1000;
  const latestReturn = (latestReturnMs(tech) - ctx.t0Ms) / 1000 + (latestReturnMs(tech) === day.ms ? resSec : 0);
  const goneAt = tech.unavailableFrom === undefined ? Infinity : secOf(ctx, tech.unavailableFrom);
  const departure = secOf(ctx, route.departure);
  if (departure < shiftStart - EPS_SEC) {
    flag('shift', `tech ${techId} leaves at ${clock(route.departure)}, before ${startName}`, {
      expected: tech.resume?.at ?? tech.shift.start,
      actual: route.departure,
    });
  }
  const locked = tech.locked ?? [];
  const jobOrder = route.stops.filter((st) => st.kind === 'job').map((st) => st.jobId);
  locked.forEach((id, k) => {
    if (jobOrder[k] !== id) {
      flag('locked', `job ${id} is locked to open ${techId}'s route as job ${k + 1}; the route has ${jobOrder[k] === undefined ? 'no such job' : `job ${jobOrder[k]}`} there`, {
        jobId: id,
        expected: id,
        actual: jobOrder[k] ?? 'none',
      });
    }
  });

  const hasJob = route.stops.some((s) => s.kind === 'job');
  const van = new Map<string, number>(Object.entries(tech.vanStock));
  const demand = new Map<string, number>();
  const breakSeen = new Map<number, number>();
  const pickups: { houseId: string; stopIndex: number; loaded: Record<string, number> }[] = [];
  const loaded = new Map<string, Map<string, number>>();
  const scheduled: ScheduledJob[] = [];

  let place: Location = day.location;
  let placeName = tech.resume ? `${techId}'s resume point` : `${techId}'s start`;
  let prevDeparture = departure;
  let legDriveMin = 0;
  let paddingMin = 0;
  let distanceM = 0;
  let serviceMin = 0;
  let counterMin = 0;
  let jobBufferMin = 0;
  let breakMin = 0;
  let waitMin = 0;
  let jobs = 0;

  /** Checks a leg's stated drive, padding and distance against the model and its arrival; adds the model's leg to the sums. */
  const checkLeg = (
    to: Location,
    toName: string,
    stated: { driveMin: number; paddingMin: number; distanceM: number },
    arrival: number,
    arrivalIso: string,
    extra: Partial<Violation>,
  ): void => {
    const leg = legBetween(problem, place, to, ctx.legs);
    let driveSec = stated.driveMin * 60;
    let legDistanceM = stated.distanceM;
    if (!leg.ok) {
      flag('travel', `no leg from ${placeName} to ${toName}: ${leg.reason}`, extra);
    } else {
      driveSec = leg.durationSec;
      legDistanceM = leg.distanceM;
      if (!close(stated.driveMin, leg.durationSec / 60)) {
        flag('travel', `leg from ${placeName} to ${toName} states ${num(stated.driveMin)} min of driving; the travel model gives ${num(leg.durationSec / 60)} min`, {
          ...extra,
          expected: leg.durationSec / 60,
          actual: stated.driveMin,
        });
      }
      if (!close(stated.distanceM, leg.distanceM)) {
        flag('travel', `leg from ${placeName} to ${toName} states ${num(stated.distanceM)} m; the travel model gives ${num(leg.distanceM)} m`, {
          ...extra,
          expected: leg.distanceM,
          actual: stated.distanceM,
        });
      }
    }
    const padSec = (driveSec * settings.buffer.drivePaddingPct) / 100;
    if (!close(stated.paddingMin, padSec / 60)) {
      flag('timing', `leg to ${toName} states ${num(stated.paddingMin)} min of padding; ${settings.buffer.drivePaddingPct}% of ${num(driveSec / 60)} min is ${num(padSec / 60)} min`, {
        ...extra,
        expected: padSec / 60,
        actual: stated.paddingMin,
      });
    }
    legDriveMin += driveSec / 60;
    paddingMin += padSec / 60;
    distanceM += legDistanceM;
    checkGap(arrival, arrivalIso, driveSec + padSec, toName, extra);
  };

  /** arrival − previous departure must be the leg (drive + padding) rounded up by at most the resolution. */
  const checkGap = (arrival: number, arrivalIso: string, legSec: number, toName: string, extra: Partial<Violation>): void => {
    const gap = arrival - prevDeparture;
    if (gap < legSec - EPS_SEC || gap > legSec + resSec + EPS_SEC) {
      flag(
        'timing',
        `${toName}: arrives ${clock(arrivalIso)}, ${num(gap / 60)} min after leaving ${placeName} at ${at(prevDeparture)}; the leg takes ${num(legSec / 60)} min (drive + padding, resolution ${resSec} s)`,
        { ...extra, expected: legSec / 60, actual: gap / 60 },
      );
    }
  };

  route.stops.forEach((stop, stopIndex) => {
    const arrival = secOf(ctx, stop.arrival);
    const start = secOf(ctx, stop.start);
    const end = secOf(ctx, stop.end);
    const job = stop.kind === 'job' && stop.jobId !== undefined ? ctx.jobs.get(stop.jobId) : undefined;
    const house = stop.kind === 'pickup' && stop.supplyHouseId !== undefined ? ctx.houses.get(stop.supplyHouseId) : undefined;
    const name = stopName(stop);
    const extra: Partial<Violation> = { stopIndex, ...(stop.jobId !== undefined && stop.kind === 'job' ? { jobId: stop.jobId } : {}) };

    // Where the stop is, and the leg into it.
    if (stop.kind === 'break') {
      if (!sameLocation(stop.location, place)) {
        flag('location', `${name} is at (${stop.location.lat}, ${stop.location.lon}), not where the technician is (${placeName})`, extra);
      }
      if (stop.driveMin !== 0 || stop.distanceM !== 0) {
        flag('travel', `${name} states a leg (${num(stop.driveMin)} min, ${num(stop.distanceM)} m); breaks have none`, { ...extra, expected: 0, actual: stop.driveMin });
      }
      if (stop.paddingMin !== 0) flag('timing', `${name} states ${num(stop.paddingMin)} min of padding; breaks have no leg`, { ...extra, expected: 0, actual: stop.paddingMin });
      checkGap(arrival, stop.arrival, 0, name, extra);
    } else {
      const target = job?.location ?? house?.location ?? stop.location;
      if ((job || house) && !sameLocation(stop.location, target)) {
        flag('location', `${name} is stated at (${stop.location.lat}, ${stop.location.lon}); the problem puts it at (${target.lat}, ${target.lon})`, extra);
      }
      if (stop.kind === 'pickup' && !house) {
        flag('supply_house', `stop ${stopIndex} picks up at ${stop.supplyHouseId === undefined ? 'no supply house (supplyHouseId missing)' : `unknown supply house ${stop.supplyHouseId}`}`, extra);
      }
      checkLeg(target, name, stop, arrival, stop.arrival, extra);
    }

    // Wait, start, duration, buffer, departure.
    if (start < arrival - EPS_SEC) {
      flag('timing', `${name} starts ${clock(stop.start)}, before it arrives (${clock(stop.arrival)})`, { ...extra, expected: stop.arrival, actual: stop.start });
    }
    const waitedMin = (start - arrival) / 60;
    if (Math.abs(stop.waitMin - waitedMin) > 1e-6) {
      flag('timing', `${name} states a wait of ${num(stop.waitMin)} min; it arrives ${clock(stop.arrival)} and starts ${clock(stop.start)} (${num(waitedMin)} min)`, {
        ...extra,
        expected: waitedMin,
        actual: stop.waitMin,
      });
    }
    waitMin += Math.max(0, waitedMin);
    if (start < shiftStart - EPS_SEC) {
      flag('shift', `${name} starts ${clock(stop.start)}, before ${techId}'s ${startName}`, { ...extra, expected: tech.resume?.at ?? tech.shift.start, actual: stop.start });
    }
    if (end > goneAt + EPS_SEC) {
      flag('shift', `${name} ends ${clock(stop.end)}; ${techId} is unavailable from ${clock(tech.unavailableFrom!)}`, { ...extra, expected: tech.unavailableFrom, actual: stop.end });
    }

    const brk = stop.kind === 'break' && stop.breakIndex !== undefined ? tech.breaks[stop.breakIndex] : undefined;
    const durationMin = job ? jobDurationMin(job, tech) : house ? house.pickupMin : brk ? brk.durationMin : undefined;
    if (durationMin !== undefined) {
      const took = end - start;
      if (took < durationMin * 60 - EPS_SEC || took > durationMin * 60 + resSec + EPS_SEC) {
        flag('timing', `${name} runs ${clock(stop.start)}–${clock(stop.end)} (${num(took / 60)} min); it takes ${num(durationMin)} min`, {
          ...extra,
          expected: durationMin,
          actual: took / 60,
        });
      }
    }

    if (stop.kind === 'job') {
      if (job) {
        const req = requiredBufferMin(settings, jobDurationMin(job, tech));
        if (stop.bufferMin < req - EPS_SEC / 60 || stop.bufferMin > req + (resSec + EPS_SEC) / 60) {
          flag('timing', `${name} keeps ${num(stop.bufferMin)} min of buffer; the settings ask for ${num(req)} min`, { ...extra, expected: req, actual: stop.bufferMin });
        }
      }
      prevDeparture = end + stop.bufferMin * 60;
    } else {
      if (stop.bufferMin !== 0) flag('timing', `${name} states ${num(stop.bufferMin)} min of buffer; only jobs keep a buffer`, { ...extra, expected: 0, actual: stop.bufferMin });
      prevDeparture = end;
    }

    if (stop.partsUsed !== undefined && stop.kind !== 'job') flag('parts', `${name} states parts used (${quantitiesText(stop.partsUsed)}); only jobs use parts`, extra);
    if (stop.partsLoaded !== undefined && stop.kind !== 'pickup') flag('parts', `${name} states parts loaded (${quantitiesText(stop.partsLoaded)}); only pickups load parts`, extra);

    // What the stop is.
    if (stop.kind === 'job') {
      if (job) {
        jobs++;
        serviceMin += (end - start) / 60;
        jobBufferMin += stop.bufferMin;
        checkJob(job, stop, start, extra);
        scheduled.push({ job, tech, arrivalSec: arrival, startSec: start });
        place = job.location;
      } else {
        place = stop.location;
      }
      placeName = name;
    } else if (stop.kind === 'pickup') {
      counterMin += (end - start) / 60;
      const got = stop.partsLoaded ?? {};
      if (house) {
        const hs = secOf(ctx, house.hours.start);
        const he = secOf(ctx, house.hours.end);
        if (start < hs - EPS_SEC || end > he + EPS_SEC) {
          flag('supply_house', `pickup at ${house.id} runs ${clock(stop.start)}–${clock(stop.end)}, outside its hours (${clock(house.hours.start)}–${clock(house.hours.end)})`, {
            ...extra,
            expected: `${house.hours.start}/${house.hours.end}`,
            actual: `${stop.start}/${stop.end}`,
          });
        }
        let perSku = loaded.get(house.id);
        if (!perSku) loaded.set(house.id, (perSku = new Map()));
        for (const [sku, n] of Object.entries(got)) perSku.set(sku, (perSku.get(sku) ?? 0) + n);
        pickups.push({ houseId: house.id, stopIndex, loaded: got });
      }
      for (const [sku, n] of Object.entries(got)) van.set(sku, (van.get(sku) ?? 0) + n);
      place = house?.location ?? stop.location;
      placeName = name;
    } else {
      breakMin += (end - start) / 60;
      checkBreak(stop, start, end, extra);
    }
  });

  function checkJob(job: Job, stop: Stop, start: number, extra: Partial<Violation>): void {
    const id = job.id;
    for (const [skill, min] of Object.entries(job.skills)) {
      const has = tech.skills[skill];
      if (has === undefined) flag('skill', `job ${id} needs ${skill}; tech ${techId} does not have it`, { ...extra, expected: skill });
      else if (has < min) flag('level', `job ${id} needs ${skill} level ${min}; tech ${techId} has ${has}`, { ...extra, expected: min, actual: has });
    }
    if (job.excludedTechnicians.includes(techId)) flag('excluded', `job ${id} excludes tech ${techId}`, extra);
    if (job.pinnedTechnician !== undefined && job.pinnedTechnician !== techId) {
      flag('pinned', `job ${id} is pinned to tech ${job.pinnedTechnician}; it is on ${techId}'s route`, { ...extra, expected: job.pinnedTechnician, actual: techId });
    }
    if (job.pinnedStart !== undefined) {
      const pin = secOf(ctx, job.pinnedStart);
      if (Math.abs(start - pin) > resSec + EPS_SEC) {
        flag('pinned', `job ${id} starts ${clock(stop.start)}; it is pinned to start at ${clock(job.pinnedStart)}`, { ...extra, expected: job.pinnedStart, actual: stop.start });
      }
    }
    if (job.windows.length > 0) {
      const spans = job.windows.map((w) => [secOf(ctx, w.start), secOf(ctx, w.end)] as const);
      if (!spans.some(([ws, we]) => start >= ws - EPS_SEC && start <= we + EPS_SEC)) {
        const where = spans.every(([, we]) => start > we) ? 'after' : spans.every(([ws]) => start < ws) ? 'before' : 'outside';
        flag('window', `job ${id} starts ${clock(stop.start)}, ${where} its windows (${windowsText(job.windows)})`, { ...extra, expected: windowsText(job.windows), actual: stop.start });
      }
    }
    if (job.earliestStart !== undefined && start < secOf(ctx, job.earliestStart) - EPS_SEC) {
      flag('earliest_start', `job ${id} starts ${clock(stop.start)}, before its earliest start ${clock(job.earliestStart)}`, { ...extra, expected: job.earliestStart, actual: stop.start });
    }
    for (const [dim, amount] of Object.entries(job.demand ?? {})) demand.set(dim, (demand.get(dim) ?? 0) + amount);

    // Parts: what the job states it used, and whether the van holds what it needs.
    if (stop.partsUsed !== undefined && !sameQuantities(stop.partsUsed, job.parts)) {
      flag('parts', `job ${id} states parts used ${quantitiesText(stop.partsUsed)}; it needs ${quantitiesText(job.parts)}`, {
        ...extra,
        expected: quantitiesText(job.parts),
        actual: quantitiesText(stop.partsUsed),
      });
    }
    for (const [sku, need] of Object.entries(job.parts)) {
      if (need === 0) continue;
      const have = van.get(sku) ?? 0;
      if (have < need) flag('parts', `job ${id} needs ${need} × ${sku}; the van holds ${have}`, { ...extra, expected: need, actual: have });
      van.set(sku, Math.max(0, have - need));
      if (job.supplyHouses !== undefined) {
        for (const p of pickups) {
          if ((p.loaded[sku] ?? 0) > 0 && !job.supplyHouses.includes(p.houseId)) {
            flag('supply_house', `job ${id} takes ${sku} only from ${job.supplyHouses.join(', ') || 'no supply house'}; stop ${p.stopIndex} loads it at ${p.houseId}`, {
              ...extra,
              expected: job.supplyHouses.join(', '),
              actual: p.houseId,
            });
          }
        }
      }
    }
    if (stop.eta !== undefined) {
      const es = secOf(ctx, stop.eta.start);
      const ee = secOf(ctx, stop.eta.end);
      if (start < es - EPS_SEC || start > ee + EPS_SEC) {
        flag('timing', `job ${id} starts ${clock(stop.start)}, outside its ETA (${clock(stop.eta.start)}–${clock(stop.eta.end)})`, { ...extra, expected: `${stop.eta.start}/${stop.eta.end}`, actual: stop.start });
      }
    }
  }

  function checkBreak(stop: Stop, start: number, end: number, extra: Partial<Violation>): void {
    if (!hasJob) flag('break', `break stop ${extra.stopIndex} on a route without jobs (such a route holds no break)`, extra);
    const k = stop.breakIndex;
    if (k === undefined) {
      flag('break', `break stop ${extra.stopIndex} has no breakIndex`, extra);
      return;
    }
    const brk = tech.breaks[k];
    if (!brk) {
      flag('break', `break stop ${extra.stopIndex} names breakIndex ${k}; tech ${techId} has ${tech.breaks.length} break${tech.breaks.length === 1 ? '' : 's'}`, { ...extra, actual: k });
      return;
    }
    if (!breakOwed(tech, brk)) {
      flag('break', `break ${k} of tech ${techId} is ${brk.taken ? 'already taken' : 'in time the technician is unavailable'}; it is not planned again`, { ...extra, actual: k });
    }
    const seen = (breakSeen.get(k) ?? 0) + 1;
    breakSeen.set(k, seen);
    if (seen === 2) flag('break', `tech ${techId}'s break ${k} is taken more than once`, { ...extra, expected: 1, actual: seen });
    const ws = secOf(ctx, brk.window.start);
    const we = secOf(ctx, brk.window.end);
    if (start < ws - EPS_SEC || end > we + EPS_SEC) {
      flag('break', `break ${k} runs ${clock(stop.start)}–${clock(stop.end)}, outside its window (${clock(brk.window.start)}–${clock(brk.window.end)})`, {
        ...extra,
        expected: `${brk.window.start}/${brk.window.end}`,
        actual: `${stop.start}/${stop.end}`,
      });
    }
  }

  // The return leg (an empty route has none: it ends where and when it departs).
  const endArrival = secOf(ctx, route.end.arrival);
  const home = dayEndLocation(tech);
  const endExtra: Partial<Violation> = {};
  if (!sameLocation(route.end.location, home)) {
    flag('location', `route ends at (${route.end.location.lat}, ${route.end.location.lon}); tech ${techId} ends the day at (${home.lat}, ${home.lon})`);
  }
  if (route.stops.length === 0) {
    if (route.end.driveMin !== 0 || route.end.distanceM !== 0) {
      flag('travel', `empty route states a return leg (${num(route.end.driveMin)} min, ${num(route.end.distanceM)} m); it has none`, { expected: 0, actual: route.end.driveMin });
    }
    if (route.end.paddingMin !== 0) flag('timing', `empty route states ${num(route.end.paddingMin)} min of padding; it has no leg`, { expected: 0, actual: route.end.paddingMin });
    checkGap(endArrival, route.end.arrival, 0, 'the end of the day', endExtra);
  } else {
    checkLeg(home, `${techId}'s end`, route.end, endArrival, route.end.arrival, endExtra);
  }
  if (endArrival > latestReturn + EPS_SEC) {
    flag(
      'overtime',
      `tech ${techId} returns ${clock(route.end.arrival)}, after shift end ${clock(tech.shift.end)} + ${num(tech.shift.maxOvertimeMin)} min overtime (${at(latestReturn)})`,
      { expected: (latestReturn - shiftEnd) / 60, actual: (endArrival - shiftEnd) / 60 },
    );
  }

  if (hasJob) {
    tech.breaks.forEach((b, k) => {
      if (!breakSeen.has(k) && breakOwed(tech, b)) {
        flag('break', `tech ${techId}'s break ${k} (${num(b.durationMin)} min in ${clock(b.window.start)}–${clock(b.window.end)}) is missing`, { expected: 1, actual: 0 });
      }
    });
  }
  for (const [dim, used] of demand) {
    const cap = tech.capacity?.[dim];
    if (cap !== undefined && used > cap + 1e-9) {
      flag('capacity', `route carries ${num(used)} ${dim}; tech ${techId} holds ${num(cap)}`, { expected: cap, actual: used });
    }
  }
  if (tech.maxDriveMin !== undefined && legDriveMin > tech.maxDriveMin + 1e-6) {
    flag('max_drive', `tech ${techId} drives ${num(legDriveMin)} min; at most ${num(tech.maxDriveMin)} min`, { expected: tech.maxDriveMin, actual: legDriveMin });
  }

  // Totals (see board.ts: every paid minute is service, drive, buffer or idle).
  const paidMin = (Math.max(paidEnd, endArrival) - shiftStart) / 60 - breaksOwedMin(tech);
  const driveMin = legDriveMin + counterMin;
  const bufferMin = jobBufferMin + paddingMin;
  const idleMin = paidMin - serviceMin - driveMin - bufferMin;
  // Consistency of the day itself: time worked before the shift starts is a 'shift' violation
  // (flagged above), so it counts here as if paid rather than making the day not add up too.
  const earlyMin = Math.max(0, shiftStart - departure) / 60;
  if (idleMin + earlyMin < -1e-6) {
    flag('timing', `tech ${techId}'s day does not add up: paid ${num(paidMin)} min < service ${num(serviceMin)} + drive ${num(driveMin)} + buffer ${num(bufferMin)} min`, {
      expected: paidMin,
      actual: serviceMin + driveMin + bufferMin,
    });
  }
  const totals: Totals = {
    paidMin,
    serviceMin,
    driveMin,
    bufferMin,
    idleMin,
    breakMin,
    overtimeMin: Math.max(0, endArrival - shiftEnd) / 60,
    distanceM,
    jobs,
    utilization: paidMin > 0 ? (serviceMin + driveMin) / paidMin : 0,
    driveShare: paidMin > 0 ? driveMin / paidMin : 0,
  };
  return { tech, totals, scheduled, legDriveMin, waitMin, loaded };
}

/** Totals of a technician without a route: paid = shift − breaks, all of it idle. */
export function idleTotals(tech: Technician): Totals {
  const paidMin = (dayEndMs(tech) - dayStart(tech).ms) / 60_000 - breaksOwedMin(tech);
  return { paidMin, serviceMin: 0, driveMin: 0, bufferMin: 0, idleMin: paidMin, breakMin: 0, overtimeMin: 0, distanceM: 0, jobs: 0, utilization: 0, driveShare: 0 };
}
