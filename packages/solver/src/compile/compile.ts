// Problem -> Compiled: ids to dense indices, ISO times to integer ticks from the origin, the travel
// model to dense matrices. Rounding always keeps a compiled-feasible board feasible in exact
// arithmetic: durations and travel round up, window and shift ends round down, starts round up.
import type { Location, Problem } from '../model/problem.ts';
import { offsetMinutesOf, parseIso } from '../model/time.ts';
import { breakOwed, CLOSED_STATUSES, dayEndLocation, dayEndMs, dayStart } from '../model/live.ts';
import { travelModelFor } from '../travel/index.ts';
import type { TravelModel } from '../travel/types.ts';
import { Compat, NO_TIME, PRIORITY_INDEX, UNREACHABLE, type Compiled } from './compiled.ts';

export interface CompileOptions {
  /** Overrides the travel model the problem's settings choose. */
  travel?: TravelModel;
  signal?: AbortSignal;
}

/** Job statuses that are not planned (left out of the compiled instance): done, under way, called off. */
export const UNPLANNED_STATUSES: ReadonlySet<string> = CLOSED_STATUSES;

/** Snaps values within 1e-6 of an integer (float noise from unit conversion) before rounding. */
function snap(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-6 ? r : x;
}

/** The technician's level for a job: the lowest of its levels over the job's required skills (0 = lacks one). */
export function levelFor(techSkills: Record<string, number>, jobSkills: Record<string, number>): number {
  let level = 5;
  let any = false;
  for (const skill of Object.keys(jobSkills)) {
    any = true;
    level = Math.min(level, techSkills[skill] ?? 0);
  }
  return any ? level : 0;
}

/** Duration of a job for a technician of `level` (minutes); see Job.durationByLevelMin. */
export function durationForLevel(job: Problem['jobs'][number], level: number): number {
  const table = job.durationByLevelMin;
  if (table && level > 0) {
    for (let l = level; l >= 1; l--) {
      const v = table[String(l) as '1'];
      if (v !== undefined) return v;
    }
  }
  return job.durationMin;
}

export async function compile(problem: Problem, options: CompileOptions = {}): Promise<Compiled> {
  const tickSec = problem.settings.timeResolutionSec;
  const techs = problem.technicians;
  const jobsWire = problem.jobs;
  const houses = problem.supplyHouses;
  const nTechs = techs.length;
  const nHouses = houses.length;

  const jobWireList: number[] = [];
  jobsWire.forEach((j, i) => {
    if (!UNPLANNED_STATUSES.has(j.status)) jobWireList.push(i);
  });
  const jobWire = Int32Array.from(jobWireList);
  const nJobs = jobWire.length;
  const jobs = jobWireList.map((i) => jobsWire[i]!);

  const originMs = Math.min(...techs.map((t) => parseIso(t.shift.start)));
  const utcOffsetMin = offsetMinutesOf(techs[0]!.shift.start);
  const msToTicks = (ms: number) => snap((ms - originMs) / 1000 / tickSec);
  const ceilT = (iso: string) => Math.ceil(msToTicks(parseIso(iso)));
  const floorT = (iso: string) => Math.floor(msToTicks(parseIso(iso)));
  const minutesToTicks = (min: number) => Math.ceil(snap((min * 60) / tickSec));

  // --- locations: tech starts, tech ends, jobs, supply houses ---
  const locations: Location[] = [];
  const techStartLoc = new Int32Array(nTechs);
  const techEndLoc = new Int32Array(nTechs);
  const jobLoc = new Int32Array(nJobs);
  const houseLoc = new Int32Array(nHouses);
  techs.forEach((t, i) => (techStartLoc[i] = locations.push(dayStart(t).location) - 1));
  techs.forEach((t, i) => (techEndLoc[i] = locations.push(dayEndLocation(t)) - 1));
  jobs.forEach((j, i) => (jobLoc[i] = locations.push(j.location) - 1));
  houses.forEach((h, i) => (houseLoc[i] = locations.push(h.location) - 1));
  const nLocs = locations.length;
  const locLat = Float64Array.from(locations, (l) => l.lat);
  const locLon = Float64Array.from(locations, (l) => l.lon);

  const model = options.travel ?? travelModelFor(problem);
  const m = await model.matrix(locations, options.signal ? { signal: options.signal } : {});
  const paddingFrac = problem.settings.buffer.drivePaddingPct / 100;
  const legTicks = new Int32Array(nLocs * nLocs);
  for (let k = 0; k < nLocs * nLocs; k++) {
    const d = m.durationsSec[k]!;
    legTicks[k] = Number.isFinite(d) ? Math.min(UNREACHABLE, Math.ceil(snap((d * (1 + paddingFrac)) / tickSec))) : UNREACHABLE;
  }

  // --- skills, parts, dimensions ---
  const skus = problem.parts.map((p) => p.sku);
  const skuIndex = new Map(skus.map((s, i) => [s, i]));
  const nSkus = skus.length;
  const dimSet = new Set<string>();
  for (const t of techs) for (const d of Object.keys(t.capacity ?? {})) dimSet.add(d);
  for (const j of jobs) for (const d of Object.keys(j.demand ?? {})) dimSet.add(d);
  const dims = [...dimSet].sort();
  const nDims = dims.length;
  const techIndex = new Map(techs.map((t, i) => [t.id, i]));
  const houseIndex = new Map(houses.map((h, i) => [h.id, i]));

  // --- technicians ---
  const shiftStart = new Int32Array(nTechs);
  const shiftEnd = new Int32Array(nTechs);
  const latestEnd = new Int32Array(nTechs);
  const maxDriveTicks = new Int32Array(nTechs);
  const overtimeCostPerTick = new Float64Array(nTechs);
  const vanStock = new Int32Array(nTechs * nSkus);
  const capacity = new Float64Array(nTechs * nDims).fill(Infinity);
  const techBreakStart = new Int32Array(nTechs + 1);
  const breakDur: number[] = [];
  const breakEarliest: number[] = [];
  const breakLatest: number[] = [];
  const breakWire: number[] = [];
  techs.forEach((t, i) => {
    // Live days start at the resume point and end when the technician becomes unavailable (the
    // search then also wants them home by then: stricter than the board's rule, never looser).
    shiftStart[i] = Math.ceil(msToTicks(dayStart(t).ms));
    shiftEnd[i] = Math.max(shiftStart[i]!, Math.floor(msToTicks(dayEndMs(t))));
    let latest = parseIso(t.shift.end) + t.shift.maxOvertimeMin * 60_000;
    if (t.unavailableFrom !== undefined) latest = Math.min(latest, parseIso(t.unavailableFrom));
    latestEnd[i] = Math.max(shiftStart[i]!, Math.floor(msToTicks(latest)));
    maxDriveTicks[i] = t.maxDriveMin === undefined ? UNREACHABLE : Math.floor(snap((t.maxDriveMin * 60) / tickSec));
    overtimeCostPerTick[i] = ((t.overtimeCostPerHour ?? 1.5 * t.costPerHour) / 3600) * tickSec;
    for (const [sku, q] of Object.entries(t.vanStock)) vanStock[i * nSkus + skuIndex.get(sku)!] = q;
    for (const [d, q] of Object.entries(t.capacity ?? {})) capacity[i * nDims + dims.indexOf(d)] = q;
    techBreakStart[i] = breakDur.length;
    const order = t.breaks.map((b, k) => ({ b, k })).filter(({ b }) => breakOwed(t, b)).sort((x, y) => parseIso(x.b.window.start) - parseIso(y.b.window.start));
    for (const { b, k } of order) {
      const dur = minutesToTicks(b.durationMin);
      breakDur.push(dur);
      breakEarliest.push(ceilT(b.window.start));
      breakLatest.push(floorT(b.window.end) - dur);
      breakWire.push(k);
    }
  });
  techBreakStart[nTechs] = breakDur.length;

  // --- jobs ---
  const { buffer, weights } = problem.settings;
  const serviceTicks = new Int32Array(nJobs * nTechs);
  const bufferTicks = new Int32Array(nJobs * nTechs);
  const jobWinStart = new Int32Array(nJobs + 1);
  const winStartL: number[] = [];
  const winEndL: number[] = [];
  const release = new Int32Array(nJobs);
  const pinnedStart = new Int32Array(nJobs);
  const pinnedTech = new Int32Array(nJobs);
  const priority = new Uint8Array(nJobs);
  const deadline = new Int32Array(nJobs);
  const unassignedCost = new Float64Array(nJobs);
  const value = new Float64Array(nJobs);
  const demand = new Float64Array(nJobs * nDims);
  const jobPartStart = new Int32Array(nJobs + 1);
  const partSkuL: number[] = [];
  const partQtyL: number[] = [];
  const jobHouseStart = new Int32Array(nJobs + 1);
  const jobHouseL: number[] = [];
  const compat = new Uint8Array(nTechs * nJobs);
  /** job id -> the technician whose route it must open (live boards) */
  const lockedTo = new Map<string, string>();
  for (const t of techs) for (const id of t.locked ?? []) lockedTo.set(id, t.id);
  const assignCost = new Float64Array(nTechs * nJobs);

  jobs.forEach((j, ji) => {
    jobWinStart[ji] = winStartL.length;
    const wins = j.windows.map((w) => [ceilT(w.start), floorT(w.end)] as const).sort((a, b) => a[0] - b[0]);
    for (const [s, e] of wins) {
      winStartL.push(s);
      winEndL.push(e);
    }
    release[ji] = j.earliestStart ? ceilT(j.earliestStart) : NO_TIME;
    pinnedStart[ji] = j.pinnedStart ? Math.round(msToTicks(parseIso(j.pinnedStart))) : NO_TIME;
    pinnedTech[ji] = j.pinnedTechnician !== undefined ? techIndex.get(j.pinnedTechnician)! : -1;
    priority[ji] = PRIORITY_INDEX[j.priority];
    deadline[ji] = j.responseDeadline ? floorT(j.responseDeadline) : NO_TIME;
    unassignedCost[ji] = weights.unassigned[j.priority] + j.value * weights.unassignedValueFactor;
    value[ji] = j.value;
    for (const [d, q] of Object.entries(j.demand ?? {})) demand[ji * nDims + dims.indexOf(d)] = q;
    jobPartStart[ji] = partSkuL.length;
    for (const [sku, q] of Object.entries(j.parts)) {
      if (q <= 0) continue;
      partSkuL.push(skuIndex.get(sku)!);
      partQtyL.push(q);
    }
    jobHouseStart[ji] = jobHouseL.length;
    for (const h of j.supplyHouses ?? []) jobHouseL.push(houseIndex.get(h)!);

    techs.forEach((t, ti) => {
      const level = levelFor(t.skills, j.skills);
      const durMin = durationForLevel(j, level);
      serviceTicks[ji * nTechs + ti] = minutesToTicks(durMin);
      bufferTicks[ji * nTechs + ti] = minutesToTicks(buffer.afterJobMin + (buffer.afterJobPct / 100) * durMin);
      let code = Compat.Ok;
      let over = 0;
      for (const [skill, min] of Object.entries(j.skills)) {
        const have = t.skills[skill];
        if (have === undefined) code = Compat.Skill;
        else if (have < min) code = code === Compat.Ok ? Compat.Level : code;
        else over += have - min;
      }
      if (code === Compat.Ok && j.excludedTechnicians.includes(t.id)) code = Compat.Excluded;
      if (code === Compat.Ok && j.pinnedTechnician !== undefined && j.pinnedTechnician !== t.id) code = Compat.Pinned;
      if (code === Compat.Ok && lockedTo.has(j.id) && lockedTo.get(j.id) !== t.id) code = Compat.Pinned;
      compat[ti * nJobs + ji] = code;
      assignCost[ti * nJobs + ji] =
        over * weights.overqualificationLevel + (j.preferredTechnicians.length > 0 && !j.preferredTechnicians.includes(t.id) ? weights.preferredMiss : 0);
    });
  });
  jobWinStart[nJobs] = winStartL.length;
  jobPartStart[nJobs] = partSkuL.length;
  jobHouseStart[nJobs] = jobHouseL.length;

  // --- supply houses ---
  const houseOpen = new Int32Array(nHouses);
  const houseClose = new Int32Array(nHouses);
  const pickupTicks = new Int32Array(nHouses);
  const houseStock = new Int32Array(nHouses * nSkus);
  houses.forEach((h, i) => {
    houseOpen[i] = ceilT(h.hours.start);
    houseClose[i] = floorT(h.hours.end);
    pickupTicks[i] = minutesToTicks(h.pickupMin);
    for (const [sku, q] of Object.entries(h.stock)) houseStock[i * nSkus + skuIndex.get(sku)!] = q;
  });

  return {
    problem,
    originMs,
    tickSec,
    utcOffsetMin,
    nTechs,
    nJobs,
    nHouses,
    nSkus,
    nDims,
    nLocs,
    techIds: techs.map((t) => t.id),
    jobIds: jobs.map((j) => j.id),
    jobWire,
    houseIds: houses.map((h) => h.id),
    skus,
    dims,
    techStartLoc,
    techEndLoc,
    jobLoc,
    houseLoc,
    locLat,
    locLon,
    legTicks,
    driveSec: m.durationsSec,
    distM: m.distancesM,
    paddingFrac,
    shiftStart,
    shiftEnd,
    latestEnd,
    maxDriveTicks,
    overtimeCostPerTick,
    techBreakStart,
    breakDurTicks: Int32Array.from(breakDur),
    breakEarliest: Int32Array.from(breakEarliest),
    breakLatest: Int32Array.from(breakLatest),
    breakWire: Int32Array.from(breakWire),
    vanStock,
    capacity,
    serviceTicks,
    bufferTicks,
    jobWinStart,
    winStart: Int32Array.from(winStartL),
    winEnd: Int32Array.from(winEndL),
    release,
    pinnedStart,
    pinnedTech,
    priority,
    deadline,
    unassignedCost,
    value,
    demand,
    jobPartStart,
    partSku: Int32Array.from(partSkuL),
    partQty: Int32Array.from(partQtyL),
    jobHouseStart,
    jobHouse: Int32Array.from(jobHouseL),
    compat,
    assignCost,
    houseOpen,
    houseClose,
    pickupTicks,
    houseStock,
    costPerDriveSec: weights.driveHour / 3600,
    costPerMetre: weights.distanceKm / 1000,
    costPerWaitTick: (weights.waitHour / 3600) * tickSec,
    costPerLateTick: (weights.emergencyLateMin / 60) * tickSec,
  };
}
