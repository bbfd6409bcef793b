// A leg lookup over every place of a problem, from a travel model: how the independent checker
// is given road travel (OSRM) it cannot recompute on its own. One matrix call (cached by the model).
import type { Location, Problem } from '../model/problem.ts';
import type { TravelModel } from './types.ts';

export type LegLookupFn = (from: Location, to: Location) => { durationSec: number; distanceM: number } | null;

const key = (l: Location) => `${l.lat},${l.lon}`;

/** Every distinct place of the problem (technician starts and ends, jobs, supply houses). */
export function problemPlaces(problem: Problem): Location[] {
  const seen = new Map<string, Location>();
  const add = (l: Location) => seen.set(key(l), seen.get(key(l)) ?? l);
  for (const t of problem.technicians) {
    add(t.start);
    if (t.end) add(t.end);
    if (t.resume) add(t.resume.location);
  }
  for (const j of problem.jobs) add(j.location);
  for (const h of problem.supplyHouses) add(h.location);
  return [...seen.values()];
}

export async function legLookupFor(model: TravelModel, problem: Problem, options: { signal?: AbortSignal } = {}): Promise<LegLookupFn> {
  const places = problemPlaces(problem);
  const index = new Map(places.map((l, i) => [key(l), i]));
  const m = await model.matrix(places, options);
  return (from, to) => {
    const i = index.get(key(from));
    const j = index.get(key(to));
    if (i === undefined || j === undefined) return null;
    return { durationSec: m.durationsSec[i * m.n + j]!, distanceM: m.distancesM[i * m.n + j]! };
  };
}
