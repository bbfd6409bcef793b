// VROOM problem -> Truckroll Problem. Times are seconds after a fixed base (2000-01-01T00:00:00Z,
// as the Solomon reader does) at 1 s resolution, so they stay integral; [lon, lat] <-> {lat, lon}.
// Constraints Truckroll cannot honour are refused (code 2), never silently dropped.
import { greatCircleMatrix, formatIso, parseIso, type Priority, type ProblemInput } from '@truckroll/solver';
import { inputError } from './errors.ts';
import type { VroomInput, VroomJob, VroomVehicle } from './schema.ts';

export const VROOM_BASE_ISO = '2000-01-01T00:00:00Z';
export const VROOM_BASE_MS = Date.parse(VROOM_BASE_ISO);

/** VROOM seconds -> ISO date-time (UTC). */
export const isoAt = (sec: number): string => formatIso(VROOM_BASE_MS + sec * 1000, 0);
/** ISO date-time -> VROOM seconds (whole). */
export const secondsAt = (iso: string): number => Math.round((parseIso(iso) - VROOM_BASE_MS) / 1000);

/**
 * VROOM priority 0–100 -> our class: 0–49 normal (VROOM's default 0 is an ordinary job), 50–89
 * urgent, 90–100 emergency. `low` is never produced (VROOM has nothing below its default).
 */
export function priorityClass(p: number): Priority {
  return p >= 90 ? 'emergency' : p >= 50 ? 'urgent' : 'normal';
}

/** Great-circle settings used when the request has no matrix (our documented defaults). */
export const VROOM_GREAT_CIRCLE = { circuity: 1.3, speedKmh: 40, legOverheadSec: 60 } as const;

export interface VroomMapping {
  problem: ProblemInput;
  jobById: Map<string, VroomJob>;
  vehicleById: Map<string, VroomVehicle>;
  /** Amount dimensions (capacity / delivery / pickup length). */
  dims: number;
  /** False when a custom matrix came without distances: output then has no `distance`. */
  hasDistances: boolean;
  perHour: number;
  perKm: number;
  /** Integral travel table when the problem uses one (custom matrix, open routes or plan mode). */
  matrix?: { durations: number[][]; distances: number[][] };
}

export interface ToProblemOptions {
  timeLimitSec?: number;
  /** Plan mode (options.c): travel is always an explicit integral matrix. */
  plan?: boolean;
}

const amountOf = (a: readonly number[] | undefined, dims: number): number[] => Array.from({ length: dims }, (_, k) => a?.[k] ?? 0);

const sameEverywhere = <T>(values: readonly T[], what: string): T | undefined => {
  const first = values[0];
  if (values.some((v) => v !== first)) throw inputError(`every vehicle must have the same ${what} (Truckroll plans all vehicles with one ${what})`);
  return first;
};

export function vroomToProblem(input: VroomInput, { timeLimitSec, plan = false }: ToProblemOptions = {}): VroomMapping {
  if (input.shipments?.length) {
    throw inputError('shipments are not supported by Truckroll yet (pickup-and-delivery pairs); send jobs with delivery/pickup amounts instead');
  }
  if (input.vehicles.length === 0) throw inputError('no vehicles: add at least one vehicle');

  const jobById = new Map<string, VroomJob>();
  for (const j of input.jobs) {
    if (jobById.has(String(j.id))) throw inputError(`duplicate job id: ${j.id}`);
    jobById.set(String(j.id), j);
  }
  const vehicleById = new Map<string, VroomVehicle>();
  for (const v of input.vehicles) {
    if (vehicleById.has(String(v.id))) throw inputError(`duplicate vehicle id: ${v.id}`);
    vehicleById.set(String(v.id), v);
  }

  // --- what we cannot honour ---
  for (const j of input.jobs) {
    if (j.setup_per_type && Object.keys(j.setup_per_type).length) throw inputError(`job ${j.id}: setup_per_type is not supported`);
    if (j.service_per_type && Object.keys(j.service_per_type).length) throw inputError(`job ${j.id}: service_per_type is not supported`);
    if (j.amount && j.delivery) throw inputError(`job ${j.id}: give delivery or the legacy amount, not both`);
  }
  for (const v of input.vehicles) {
    if (v.max_tasks !== undefined) throw inputError(`vehicle ${v.id}: max_tasks is not supported`);
    if (v.max_distance !== undefined) throw inputError(`vehicle ${v.id}: max_distance is not supported`);
    if (v.costs && (v.costs.fixed > 0 || v.costs.per_task_hour > 0)) throw inputError(`vehicle ${v.id}: costs.fixed and costs.per_task_hour are not supported`);
    if (!v.start && v.start_index === undefined && !v.end && v.end_index === undefined) throw inputError(`vehicle ${v.id} has neither start nor end`);
    for (const b of v.breaks) {
      if ((b.time_windows?.length ?? 0) > 1) throw inputError(`vehicle ${v.id} break ${b.id}: Truckroll takes one time window per break (got ${b.time_windows?.length})`);
      if (b.max_load) throw inputError(`vehicle ${v.id} break ${b.id}: max_load is not supported`);
    }
    const ids = new Set<number>();
    for (const b of v.breaks) {
      if (ids.has(b.id)) throw inputError(`vehicle ${v.id}: duplicate break id ${b.id}`);
      ids.add(b.id);
    }
  }
  const profile = sameEverywhere(input.vehicles.map((v) => v.profile), 'profile') ?? 'car';
  const speedFactor = sameEverywhere(input.vehicles.map((v) => v.speed_factor), 'speed_factor') ?? 1;
  const perHour = sameEverywhere(input.vehicles.map((v) => v.costs?.per_hour ?? 3600), 'costs.per_hour') ?? 3600;
  const perKm = sameEverywhere(input.vehicles.map((v) => v.costs?.per_km ?? 0), 'costs.per_km') ?? 0;

  // --- amounts ---
  const lengths = new Set<number>();
  for (const v of input.vehicles) if (v.capacity) lengths.add(v.capacity.length);
  for (const j of input.jobs) for (const a of [j.delivery ?? j.amount, j.pickup]) if (a) lengths.add(a.length);
  if (lengths.size > 1) throw inputError(`inconsistent amount lengths (capacity, delivery, pickup): ${[...lengths].sort().join(', ')}`);
  const dims = [...lengths][0] ?? 0;
  if (dims > 0) for (const v of input.vehicles) if (!v.capacity) throw inputError(`vehicle ${v.id} has no capacity while amounts have ${dims} dimension(s)`);

  // --- travel ---
  const custom = input.matrices?.[profile] ?? (input.matrix && profile === 'car' ? { durations: input.matrix } : undefined);
  const open = input.vehicles.some((v) => (!v.start && v.start_index === undefined) || (!v.end && v.end_index === undefined));
  let durations: number[][] | undefined;
  let distances: number[][] | undefined;
  let hasDistances = true;
  /** Matrix index of a job / vehicle end, when a matrix is used. */
  let indexOf: (loc: [number, number] | undefined, index: number | undefined, what: string) => number | undefined = () => undefined;

  if (custom) {
    if (!custom.durations) throw inputError(`matrices.${profile}.durations is required`);
    const n = custom.durations.length;
    const square = (rows: number[][], name: string) => {
      if (rows.length !== n || rows.some((r) => r.length !== n)) throw inputError(`matrices.${profile}.${name} must be ${n} × ${n}`);
    };
    square(custom.durations, 'durations');
    if (custom.distances) square(custom.distances, 'distances');
    durations = custom.durations.map((r) => r.map((d) => (speedFactor === 1 ? d : Math.round(d / speedFactor))));
    distances = custom.distances ?? custom.durations.map((r) => r.map(() => 0));
    hasDistances = custom.distances !== undefined;
    indexOf = (_loc, index, what) => {
      if (index === undefined) throw inputError(`${what} has no location_index: with a custom matrix every place needs one`);
      if (index >= n) throw inputError(`${what}: location_index ${index} is out of range (the matrix has ${n} places)`);
      return index;
    };
  } else {
    if (input.matrices && Object.keys(input.matrices).length) throw inputError(`no matrix for profile "${profile}"`);
    const missing = (loc: unknown, index: number | undefined, what: string) => {
      if (!loc) throw inputError(index === undefined ? `${what} has no location` : `${what} has a location_index but no matrices.${profile} was given`);
    };
    for (const j of input.jobs) missing(j.location, j.location_index, `job ${j.id}`);
    for (const v of input.vehicles) {
      if (v.start_index !== undefined) missing(v.start, v.start_index, `vehicle ${v.id} start`);
      if (v.end_index !== undefined) missing(v.end, v.end_index, `vehicle ${v.id} end`);
    }
    if (open || plan) {
      // an explicit table over the distinct coordinates, from our great-circle model (whole seconds, metres)
      const places = new Map<string, number>();
      const coords: { lat: number; lon: number }[] = [];
      const add = (loc: [number, number]) => {
        const key = `${loc[0]},${loc[1]}`;
        if (!places.has(key)) places.set(key, coords.push({ lat: loc[1], lon: loc[0] }) - 1);
      };
      for (const j of input.jobs) add(j.location!);
      for (const v of input.vehicles) for (const l of [v.start, v.end]) if (l) add(l);
      const m = greatCircleMatrix(coords, VROOM_GREAT_CIRCLE);
      durations = coords.map((_, i) => coords.map((__, k) => Math.round(m.durationsSec[i * m.n + k]! / speedFactor)));
      distances = coords.map((_, i) => coords.map((__, k) => Math.round(m.distancesM[i * m.n + k]!)));
      indexOf = (loc) => (loc ? places.get(`${loc[0]},${loc[1]}`) : undefined);
    }
  }
  /** A virtual place with zero travel to and from everywhere: where open routes start or end. */
  let virtual: number | undefined;
  if (durations && distances && open) {
    virtual = durations.length;
    for (const r of durations) r.push(0);
    for (const r of distances) r.push(0);
    durations.push(Array.from({ length: virtual + 1 }, () => 0));
    distances.push(Array.from({ length: virtual + 1 }, () => 0));
  }
  const useMatrix = durations !== undefined;
  const place = (loc: [number, number] | undefined, index: number | undefined, what: string) => {
    const matrixIndex = useMatrix ? indexOf(loc, index, what) : undefined;
    return { lat: loc?.[1] ?? 0, lon: loc?.[0] ?? 0, ...(matrixIndex === undefined ? {} : { matrixIndex }) };
  };

  // --- the horizon (vehicles without a time window) ---
  const times: number[] = [];
  for (const j of input.jobs) for (const w of j.time_windows ?? []) times.push(...w);
  for (const v of input.vehicles) {
    if (v.time_window) times.push(...v.time_window);
    for (const b of v.breaks) for (const w of b.time_windows ?? []) times.push(w[0], w[1] + b.service);
  }
  let maxTravel = 0;
  for (const r of durations ?? []) for (const d of r) maxTravel = Math.max(maxTravel, d);
  if (!durations) {
    // the longest great-circle leg between any two places bounds every leg
    const pts = [...input.jobs.map((j) => j.location!), ...input.vehicles.flatMap((v) => [v.start, v.end].filter((l) => l !== undefined))];
    const lats = pts.map((p) => p[1]);
    const lons = pts.map((p) => p[0]);
    const corners = greatCircleMatrix(
      [
        { lat: Math.min(...lats), lon: Math.min(...lons) },
        { lat: Math.max(...lats), lon: Math.max(...lons) },
      ],
      VROOM_GREAT_CIRCLE,
    );
    maxTravel = Math.ceil((corners.durationsSec[1] ?? 0) / speedFactor) + VROOM_GREAT_CIRCLE.legOverheadSec;
  }
  const totalService = input.jobs.reduce((s, j) => s + j.setup + j.service, 0) + input.vehicles.reduce((s, v) => s + v.breaks.reduce((x, b) => x + b.service, 0), 0);
  const horizonStart = times.length && Math.min(...times) > 1e9 ? Math.min(...times) : 0;
  const horizonEnd = Math.max(horizonStart + 1, ...times) + totalService + (input.jobs.length + 2) * maxTravel + 3600;

  // --- technicians ---
  const technicians: ProblemInput['technicians'] = input.vehicles.map((v) => {
    const shift = v.time_window ?? [horizonStart, horizonEnd];
    const startGiven = v.start !== undefined || v.start_index !== undefined;
    const endGiven = v.end !== undefined || v.end_index !== undefined;
    const startPlace = startGiven ? place(v.start, v.start_index, `vehicle ${v.id} start`) : undefined;
    const endPlace = endGiven ? place(v.end, v.end_index, `vehicle ${v.id} end`) : undefined;
    const anchor = startPlace ?? endPlace!;
    return {
      id: String(v.id),
      ...(v.description ? { name: v.description } : {}),
      start: startPlace ?? { lat: anchor.lat, lon: anchor.lon, matrixIndex: virtual! },
      end: endPlace ?? { lat: anchor.lat, lon: anchor.lon, matrixIndex: virtual! },
      shift: { start: isoAt(shift[0]), end: isoAt(shift[1]), maxOvertimeMin: 0 },
      breaks: v.breaks.map((b) => {
        // VROOM's windows bound the break START; ours hold the whole break: [start, end + service]
        const w = b.time_windows?.[0];
        return { id: String(b.id), durationMin: b.service / 60, window: w ? { start: isoAt(w[0]), end: isoAt(w[1] + b.service) } : { start: isoAt(shift[0]), end: isoAt(shift[1]) } };
      }),
      skills: Object.fromEntries(v.skills.map((s) => [`s${s}`, 1])),
      ...(dims ? { capacity: Object.fromEntries(amountOf(v.capacity, dims).map((q, k) => [`d${k}`, q])) } : {}),
      costPerHour: 0,
      overtimeCostPerHour: 0,
      ...(v.max_travel_time === undefined ? {} : { maxDriveMin: v.max_travel_time / 60 }),
    };
  });

  // --- jobs ---
  const jobs: NonNullable<ProblemInput['jobs']> = input.jobs.map((j) => {
    // delivery + pickup per dimension: a safe bound on the load at every point of the route
    const delivery = amountOf(j.delivery ?? j.amount, dims);
    const pickup = amountOf(j.pickup, dims);
    return {
      id: String(j.id),
      ...(j.description ? { name: j.description } : {}),
      location: place(j.location, j.location_index, `job ${j.id}`),
      durationMin: (j.setup + j.service) / 60,
      windows: (j.time_windows ?? []).map(([s, e]) => ({ start: isoAt(s), end: isoAt(e) })),
      priority: priorityClass(j.priority),
      value: j.priority,
      skills: Object.fromEntries(j.skills.map((s) => [`s${s}`, 1])),
      ...(dims ? { demand: Object.fromEntries(delivery.map((q, k) => [`d${k}`, q + pickup[k]!])) } : {}),
    };
  });

  // Leaving a job out must cost more than any detour, and priority must weigh more than count.
  let maxDist = 0;
  for (const r of distances ?? []) for (const d of r) maxDist = Math.max(maxDist, d);
  const unassigned = Math.round(100 * ((2 * maxTravel * perHour) / 3600 + (2 * maxDist * perKm) / 1000) + 1e5);
  const problem: ProblemInput = {
    name: 'VROOM request',
    technicians,
    jobs,
    settings: {
      travel: durations ? { model: 'matrix' } : { model: 'greatCircle', ...VROOM_GREAT_CIRCLE, speedKmh: VROOM_GREAT_CIRCLE.speedKmh * speedFactor },
      buffer: { afterJobMin: 0, afterJobPct: 0, drivePaddingPct: 0 },
      weights: {
        driveHour: perHour,
        distanceKm: perKm,
        unassigned: { emergency: unassigned, urgent: unassigned, normal: unassigned, low: unassigned },
        unassignedValueFactor: unassigned / 10,
        emergencyLateMin: 0,
        overqualificationLevel: 0,
        preferredMiss: 0,
        waitHour: 0,
      },
      etaWindowMin: 0,
      timeResolutionSec: 1,
      ...(timeLimitSec === undefined ? {} : { timeLimitSec }),
    },
    ...(durations && distances ? { matrix: { durationsSec: durations, distancesM: distances } } : {}),
    meta: { source: 'vroom' },
  };
  return { problem, jobById, vehicleById, dims, hasDistances, perHour, perKm, ...(durations && distances ? { matrix: { durations, distances } } : {}) };
}
