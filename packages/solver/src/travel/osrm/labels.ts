// Names for a problem's locations, for travel errors: `job J-12`, `technician T-3 start`,
// `supply house S-1`. Looked up by place (wire coordinate), so any subset or order of locations works.
import type { Location, Problem } from '../../model/problem.ts';
import { wireCoordinate } from './client.ts';

/** A lookup from a location to what it is in `problem` (undefined for a place the problem does not hold). */
export function problemLocationLabels(problem: Problem): (location: Location) => string | undefined {
  const byPlace = new Map<string, string[]>();
  const add = (loc: Location, label: string) => {
    const key = wireCoordinate(loc);
    const list = byPlace.get(key);
    if (list) {
      if (!list.includes(label)) list.push(label);
    } else byPlace.set(key, [label]);
  };
  for (const t of problem.technicians) {
    if (t.end && wireCoordinate(t.end) !== wireCoordinate(t.start)) {
      add(t.start, `technician ${t.id} start`);
      add(t.end, `technician ${t.id} end`);
    } else add(t.start, `technician ${t.id} start`);
  }
  for (const j of problem.jobs) add(j.location, `job ${j.id}`);
  for (const h of problem.supplyHouses) add(h.location, `supply house ${h.id}`);
  return (location) => {
    const list = byPlace.get(wireCoordinate(location));
    if (!list) return undefined;
    return list.length <= 3 ? list.join(' / ') : `${list.slice(0, 3).join(' / ')} and ${list.length - 3} more`;
  };
}
