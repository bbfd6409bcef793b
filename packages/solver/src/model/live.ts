// The rules of a live (re-planned) day, in one place for the search, the board writer and the
// checker: where and when a technician's remaining day starts, when it must be over, and which
// breaks are still owed. A problem without live fields gives the plain day: the start location at
// shift start, the shift end, every break.
import type { Break, Location, Technician } from './problem.ts';
import { parseIso } from './time.ts';

/** Statuses that keep a job off every route: done, under way, or called off. */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set(['complete', 'on_site', 'cancelled']);

/** Where the technician's (remaining) day starts, and from when (epoch ms). */
export function dayStart(tech: Technician): { location: Location; ms: number } {
  const shiftMs = parseIso(tech.shift.start);
  if (!tech.resume) return { location: tech.start, ms: shiftMs };
  return { location: tech.resume.location, ms: Math.max(shiftMs, parseIso(tech.resume.at)) };
}

/** Where the technician's day ends. */
export function dayEndLocation(tech: Technician): Location {
  return tech.end ?? tech.start;
}

/** End of paid time when the route is back early (epoch ms): the shift end, or earlier when the technician became unavailable. */
export function dayEndMs(tech: Technician): number {
  const end = parseIso(tech.shift.end);
  const start = dayStart(tech).ms;
  if (tech.unavailableFrom === undefined) return Math.max(start, end);
  return Math.max(start, Math.min(end, parseIso(tech.unavailableFrom)));
}

/**
 * Latest return home (epoch ms): shift end plus allowed overtime — or, on a live day whose remaining
 * day starts later than that (work ran long), the resume time: an empty route then ends where it is.
 */
export function latestReturnMs(tech: Technician): number {
  return Math.max(parseIso(tech.shift.end) + tech.shift.maxOvertimeMin * 60_000, dayStart(tech).ms);
}

/**
 * Whether break `b` must still be taken: not taken already, it can still start at or after the
 * (remaining) day's start, and it fits before the technician becomes unavailable.
 */
export function breakOwed(tech: Technician, b: Break): boolean {
  if (b.taken) return false;
  const start = dayStart(tech).ms;
  const durMs = b.durationMin * 60_000;
  if (parseIso(b.window.end) - durMs < start) return false;
  if (tech.unavailableFrom !== undefined && Math.max(parseIso(b.window.start), start) + durMs > parseIso(tech.unavailableFrom)) return false;
  return true;
}

/** Minutes of breaks still owed (they are not paid). */
export function breaksOwedMin(tech: Technician): number {
  let sum = 0;
  for (const b of tech.breaks) if (breakOwed(tech, b)) sum += b.durationMin;
  return sum;
}
