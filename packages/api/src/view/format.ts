// Plain-language times and figures for the pages. Times are shown on the wall clock of the offset
// written in each ISO string (the customer's and the dispatcher's local time), never the server's.
import { clockOf, offsetMinutesOf, parseIso } from '@truckroll/solver';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The local calendar date written in an ISO string, as a UTC-based Date (read with getUTC*). */
function localDate(iso: string): Date {
  return new Date(parseIso(iso) + offsetMinutesOf(iso) * 60_000);
}

/** "HH:MM" on the ISO string's own clock. */
export const clock = (iso: string): string => clockOf(iso);

/** "Tuesday, 3 March" on the ISO string's own calendar. */
export function longDate(iso: string): string {
  const d = localDate(iso);
  return `${WEEKDAYS[d.getUTCDay()]!}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]!}`;
}

/** "Tuesday, 3 March 2026". */
export const longDateWithYear = (iso: string): string => `${longDate(iso)} ${localDate(iso).getUTCFullYear()}`;

/** "between 10:00 and 11:00 on Tuesday, 3 March" (or "at 10:00 on …", or across midnight with both dates). */
export function windowPhrase(start: string, end: string): string {
  const sameDay = longDate(start) === longDate(end);
  if (parseIso(start) === parseIso(end)) return `at ${clock(start)} on ${longDate(start)}`;
  if (sameDay) return `between ${clock(start)} and ${clock(end)} on ${longDate(start)}`;
  return `between ${clock(start)} on ${longDate(start)} and ${clock(end)} on ${longDate(end)}`;
}

/** "08:00–12:00" (an en dash between the clocks). */
export const clockRange = (start: string, end: string): string => `${clock(start)}–${clock(end)}`;

/** 0.7591 -> "75.9%". */
export const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

/** 135.4 -> "2 h 15 min"; 42 -> "42 min". */
export function duration(min: number): string {
  const m = Math.round(min);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** 10870 -> "10,870" (grouping by thousands, no locale data needed). */
export const whole = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
