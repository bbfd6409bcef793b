// Truckroll Board -> VROOM output: routes of steps (start, job, break, end) with arrival, cumulated
// travel `duration` and `distance`, `load` after each step, and a summary; unassigned jobs carry
// our reason as an extra `reason` field. Vehicles with no job get no route, as in VROOM.
import type { Board } from '@truckroll/solver';
import { secondsAt, type VroomMapping } from './to-problem.ts';
import type { VroomOutput, VroomStepOut } from './schema.ts';

type Violation = { cause: string; duration?: number };

export interface FromBoardOptions {
  /** Plan mode: violations per route index and step index (steps as output, start included). */
  violations?: Map<number, Map<number, Violation[]>>;
  routeViolations?: Map<number, Violation[]>;
}

/** One entry per cause, durations summed. */
export function mergeViolations(list: readonly Violation[]): Violation[] {
  const by = new Map<string, Violation>();
  for (const v of list) {
    const seen = by.get(v.cause);
    if (!seen) by.set(v.cause, { ...v });
    else if (v.duration !== undefined) seen.duration = (seen.duration ?? 0) + v.duration;
  }
  return [...by.values()];
}

const add = (a: number[], b: readonly number[], sign = 1): number[] => a.map((x, k) => x + sign * (b[k] ?? 0));

export function boardToVroom(board: Board, m: VroomMapping, { violations, routeViolations }: FromBoardOptions = {}): VroomOutput {
  const zero = (): number[] => Array.from({ length: m.dims }, () => 0);
  const deliveryOf = (id: string) => {
    const j = m.jobById.get(id);
    return j?.delivery ?? j?.amount ?? [];
  };
  const pickupOf = (id: string) => m.jobById.get(id)?.pickup ?? [];
  const cost = (travelSec: number, distM: number) => Math.round((travelSec * m.perHour) / 3600 + (distM / 1000) * m.perKm);

  const routes: VroomOutput['routes'] = [];
  board.routes.forEach((r, routeIndex) => {
    const jobIds = r.stops.flatMap((s) => (s.kind === 'job' && s.jobId !== undefined ? [s.jobId] : []));
    if (jobIds.length === 0) return;
    const v = m.vehicleById.get(r.technicianId);
    if (!v) return;
    const stepViolations = violations?.get(routeIndex);
    let load = jobIds.reduce((acc, id) => add(acc, deliveryOf(id)), zero());
    const routeDelivery = load.slice();
    let routePickup = zero();
    const steps: VroomStepOut[] = [];
    const dist = (d: number) => (m.hasDistances ? { distance: Math.round(d) } : {});
    const push = (s: Omit<VroomStepOut, 'violations'>) => steps.push({ ...s, violations: stepViolations?.get(steps.length) ?? [] });
    if (v.start || v.start_index !== undefined) {
      push({ type: 'start', arrival: secondsAt(r.departure), duration: 0, setup: 0, service: 0, waiting_time: 0, ...(v.start ? { location: v.start } : {}), ...(v.start_index === undefined ? {} : { location_index: v.start_index }), load: load.slice(), ...dist(0) });
    }
    // leg travel from the stop times (arrival = previous departure + drive), so arrivals, waits
    // and cumulated durations agree to the second; distances from the board's legs
    let travel = 0;
    let distance = 0;
    let setup = 0;
    let service = 0;
    let waiting = 0;
    let priority = 0;
    let prevEnd = secondsAt(r.departure);
    let lastPlace: Pick<VroomStepOut, 'location' | 'location_index'> = v.start ? { location: v.start } : {};
    for (const s of r.stops) {
      const arrival = secondsAt(s.arrival);
      if (s.kind !== 'break') travel += arrival - prevEnd;
      distance += s.distanceM;
      const wait = secondsAt(s.start) - arrival;
      waiting += wait;
      prevEnd = secondsAt(s.end);
      if (s.kind === 'job' && s.jobId !== undefined) {
        const j = m.jobById.get(s.jobId)!;
        load = add(add(load, deliveryOf(s.jobId), -1), pickupOf(s.jobId));
        routePickup = add(routePickup, pickupOf(s.jobId));
        setup += j.setup;
        service += j.service;
        priority += j.priority;
        lastPlace = { ...(j.location ? { location: j.location } : {}), ...(j.location_index === undefined ? {} : { location_index: j.location_index }) };
        push({ type: 'job', id: j.id, ...(j.description ? { description: j.description } : {}), ...lastPlace, arrival, duration: travel, setup: j.setup, service: j.service, waiting_time: wait, load: load.slice(), ...dist(distance) });
      } else if (s.kind === 'break') {
        const b = v.breaks[s.breakIndex ?? -1];
        const breakService = b?.service ?? prevEnd - secondsAt(s.start);
        service += breakService;
        push({ type: 'break', ...(b ? { id: b.id } : {}), ...(b?.description ? { description: b.description } : {}), ...lastPlace, arrival, duration: travel, setup: 0, service: breakService, waiting_time: wait, load: load.slice(), ...dist(distance) });
      }
    }
    travel += secondsAt(r.end.arrival) - prevEnd;
    distance += r.end.distanceM;
    if (v.end || v.end_index !== undefined) {
      push({ type: 'end', arrival: secondsAt(r.end.arrival), duration: travel, setup: 0, service: 0, waiting_time: 0, ...(v.end ? { location: v.end } : {}), ...(v.end_index === undefined ? {} : { location_index: v.end_index }), load: load.slice(), ...dist(distance) });
    }
    routes.push({
      vehicle: v.id,
      cost: cost(travel, distance),
      setup,
      service,
      duration: travel,
      waiting_time: waiting,
      priority,
      delivery: routeDelivery,
      pickup: routePickup,
      ...dist(distance),
      ...(v.description ? { description: v.description } : {}),
      violations: routeViolations?.get(routeIndex) ?? [],
      steps,
    });
  });

  const order = new Map([...m.jobById.keys()].map((id, i) => [id, i]));
  const unassigned = board.unassigned
    .slice()
    .sort((a, b) => (order.get(a.jobId) ?? 0) - (order.get(b.jobId) ?? 0))
    .flatMap((u) => {
      const j = m.jobById.get(u.jobId);
      if (!j) return [];
      return [{ id: j.id, type: 'job' as const, ...(j.description ? { description: j.description } : {}), ...(j.location ? { location: j.location } : {}), ...(j.location_index === undefined ? {} : { location_index: j.location_index }), reason: u.reason }];
    });

  const sum = (f: (r: VroomOutput['routes'][number]) => number) => routes.reduce((s, r) => s + f(r), 0);
  return {
    code: 0,
    summary: {
      cost: sum((r) => r.cost),
      routes: routes.length,
      unassigned: unassigned.length,
      setup: sum((r) => r.setup),
      service: sum((r) => r.service),
      duration: sum((r) => r.duration),
      waiting_time: sum((r) => r.waiting_time),
      priority: sum((r) => r.priority),
      violations: mergeViolations([...(routeViolations?.values() ?? [])].flat()),
      delivery: routes.reduce((a, r) => add(a, r.delivery), zero()),
      pickup: routes.reduce((a, r) => add(a, r.pickup), zero()),
      ...(m.hasDistances ? { distance: sum((r) => r.distance ?? 0) } : {}),
      computing_times: { loading: 0, solving: Math.round(board.solver.elapsedMs), routing: 0 },
    },
    unassigned,
    routes,
  };
}
