// VROOM plan mode (`options.c`): the vehicles' `steps` fix the routes; we choose ETAs (earliest
// feasible, waiting for windows, never skipping) and report what the fixed routes break, from the
// solver's independent checker, as VROOM violations (delay, skills, load, missing_break, ...).
import { checkBoard, type Board, type Problem, type Route, type Stop, type Violation } from '@truckroll/solver';
import { inputError } from './errors.ts';
import { mergeViolations } from './from-board.ts';
import type { VroomInput } from './schema.ts';
import { isoAt, secondsAt, type VroomMapping } from './to-problem.ts';

type VroomViolation = { cause: string; duration?: number };

const CAUSE: Partial<Record<Violation['code'], string>> = {
  window: 'delay',
  earliest_start: 'lead_time',
  shift: 'delay',
  overtime: 'delay',
  capacity: 'load',
  skill: 'skills',
  level: 'skills',
  break: 'missing_break',
  max_drive: 'max_travel_time',
};

export interface PlannedBoard {
  board: Board;
  /** Per board route index: per output step index (start step included when the vehicle has one). */
  violations: Map<number, Map<number, VroomViolation[]>>;
  routeViolations: Map<number, VroomViolation[]>;
}

export function planBoard(input: VroomInput, m: VroomMapping, problem: Problem): PlannedBoard {
  const dur = m.matrix?.durations;
  const dist = m.matrix?.distances;
  if (!dur || !dist) throw new Error('plan mode needs the explicit travel table');
  const techById = new Map(problem.technicians.map((t) => [t.id, t]));
  const jobById = new Map(problem.jobs.map((j) => [j.id, j]));
  const planned = new Set<string>();
  const routes: Route[] = [];
  /** Per route: delay (s) per stop index, for the `delay` durations. */
  const delays: number[][] = [];

  for (const v of input.vehicles) {
    if (!v.steps?.length) continue;
    const tech = techById.get(String(v.id))!;
    let t = secondsAt(tech.shift.start);
    const departure = t;
    let prevLoc = tech.start;
    const stops: Stop[] = [];
    const routeDelays: number[] = [];
    for (const step of v.steps) {
      if (step.type === 'start' || step.type === 'end') continue;
      if (step.type === 'pickup' || step.type === 'delivery') throw inputError(`vehicle ${v.id}: ${step.type} steps belong to shipments, which are not supported`);
      if (step.id === undefined) throw inputError(`vehicle ${v.id}: a ${step.type} step needs an id`);
      if (step.type === 'job') {
        const vj = m.jobById.get(String(step.id));
        const job = jobById.get(String(step.id));
        if (!vj || !job) throw inputError(`vehicle ${v.id}: step for unknown job ${step.id}`);
        if (planned.has(job.id)) throw inputError(`job ${step.id} appears in more than one step`);
        planned.add(job.id);
        const from = prevLoc.matrixIndex!;
        const to = job.location.matrixIndex!;
        const travel = dur[from]![to]!;
        const arrival = t + travel;
        let start = Math.max(arrival, step.service_at ?? 0, step.service_after ?? 0);
        const windows = vj.time_windows ?? [];
        const w = windows.find(([, e]) => e >= start);
        let delay = 0;
        if (w) start = Math.max(start, w[0]);
        else if (windows.length) delay = start - Math.max(...windows.map(([, e]) => e));
        const end = start + vj.setup + vj.service;
        stops.push({ kind: 'job', jobId: job.id, location: job.location, arrival: isoAt(arrival), start: isoAt(start), end: isoAt(end), driveMin: travel / 60, paddingMin: 0, distanceM: dist[from]![to]!, waitMin: (start - arrival) / 60, bufferMin: 0 });
        routeDelays.push(delay);
        t = end;
        prevLoc = job.location;
      } else {
        const breakIndex = v.breaks.findIndex((b) => b.id === step.id);
        const vb = v.breaks[breakIndex];
        if (!vb) throw inputError(`vehicle ${v.id}: step for unknown break ${step.id}`);
        const w = vb.time_windows?.[0];
        const start = Math.max(t, w ? w[0] : t, step.service_at ?? 0, step.service_after ?? 0);
        const end = start + vb.service;
        stops.push({ kind: 'break', breakIndex, location: prevLoc, arrival: isoAt(t), start: isoAt(start), end: isoAt(end), driveMin: 0, paddingMin: 0, distanceM: 0, waitMin: (start - t) / 60, bufferMin: 0 });
        routeDelays.push(w && start > w[1] ? start - w[1] : 0);
        t = end;
      }
    }
    const endLoc = tech.end ?? tech.start;
    const travel = dur[prevLoc.matrixIndex!]![endLoc.matrixIndex!]!;
    routeDelays.push(Math.max(0, t + travel - secondsAt(tech.shift.end)));
    routes.push({
      technicianId: tech.id,
      departure: isoAt(departure),
      stops,
      end: { location: endLoc, arrival: isoAt(t + travel), driveMin: travel / 60, paddingMin: 0, distanceM: dist[prevLoc.matrixIndex!]![endLoc.matrixIndex!]! },
      totals: { paidMin: 0, serviceMin: 0, driveMin: 0, bufferMin: 0, idleMin: 0, breakMin: 0, overtimeMin: 0, distanceM: 0, jobs: 0, utilization: 0, driveShare: 0 },
    });
    delays.push(routeDelays);
  }

  const zeroCost = { total: 0, drive: 0, distance: 0, overtime: 0, wait: 0, unassigned: 0, emergencyLate: 0, overqualification: 0, preferredMiss: 0 };
  const draft: Board = {
    version: 1,
    problemName: problem.name,
    createdAt: new Date().toISOString(),
    solver: { name: 'plan', seed: 0, elapsedMs: 0 },
    routes,
    unassigned: problem.jobs.filter((j) => !planned.has(j.id)).map((j) => ({ jobId: j.id, reason: 'excluded' as const, closest: [] })),
    kpis: {
      technicians: 0, techniciansUsed: 0, paidMin: 0, serviceMin: 0, driveMin: 0, bufferMin: 0, idleMin: 0, breakMin: 0, overtimeMin: 0, utilization: 0, driveShare: 0, wrenchTime: 0,
      jobsScheduled: 0, jobsUnassigned: 0, revenueScheduled: 0, distanceKm: 0, emergencyResponseMin: { count: 0, median: null, p90: null }, emergenciesLate: 0,
    },
    cost: zeroCost,
  };
  const check = checkBoard(problem, draft);
  const board: Board = { ...draft, routes: routes.map((r, i) => ({ ...r, totals: check.routes[i]?.totals ?? r.totals })), kpis: check.kpis, cost: check.cost };

  const violations = new Map<number, Map<number, VroomViolation[]>>();
  const routeViolations = new Map<number, VroomViolation[]>();
  const routeIndexOf = new Map(routes.map((r, i) => [r.technicianId, i]));
  for (const v of check.violations) {
    if (v.code === 'kpi') continue;
    const ri = v.technicianId === undefined ? undefined : routeIndexOf.get(v.technicianId);
    if (ri === undefined) continue;
    const route = routes[ri]!;
    const vehicle = m.vehicleById.get(route.technicianId)!;
    const hasStart = vehicle.start !== undefined || vehicle.start_index !== undefined;
    const hasEnd = vehicle.end !== undefined || vehicle.end_index !== undefined;
    const cause = CAUSE[v.code] ?? v.code;
    const stopIndex = v.stopIndex ?? (v.code === 'shift' || v.code === 'overtime' ? route.stops.length : undefined);
    const delay = cause === 'delay' && stopIndex !== undefined ? delays[ri]?.[stopIndex] : undefined;
    const vv: VroomViolation = delay ? { cause, duration: delay } : { cause };
    routeViolations.set(ri, [...(routeViolations.get(ri) ?? []), vv]);
    if (stopIndex === undefined || (stopIndex === route.stops.length && !hasEnd)) continue;
    const stepIndex = stopIndex + (hasStart ? 1 : 0);
    const steps = violations.get(ri) ?? new Map<number, VroomViolation[]>();
    steps.set(stepIndex, mergeViolations([...(steps.get(stepIndex) ?? []), vv]));
    violations.set(ri, steps);
  }
  for (const [ri, list] of routeViolations) routeViolations.set(ri, mergeViolations(list));
  return { board, violations, routeViolations };
}
