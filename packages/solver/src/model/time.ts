// Wire times: ISO 8601 date-times that always carry an offset ("Z" or "+hh:mm").
// Helpers here parse them to epoch milliseconds and format epoch milliseconds back in a given offset.

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** True when `s` is an ISO 8601 date-time with an explicit offset that Date can read. */
export function isIsoWithOffset(s: string): boolean {
  return ISO_WITH_OFFSET.test(s) && Number.isFinite(Date.parse(s));
}

/** True when `s` looks like a date-time but has no offset (a classic source of hour-off bugs). */
export function isIsoWithoutOffset(s: string): boolean {
  return ISO_WITHOUT_OFFSET.test(s);
}

/** Epoch milliseconds of an ISO date-time with offset (sub-millisecond digits are dropped). Throws on anything else. */
export function parseIso(s: string): number {
  const ms = Date.parse(s);
  if (!ISO_WITH_OFFSET.test(s) || !Number.isFinite(ms)) throw new RangeError(`not an ISO date-time with offset: ${s}`);
  return ms;
}

/** Offset in minutes east of UTC written in an ISO string ("Z" = 0, "-05:00" = -300). */
export function offsetMinutesOf(s: string): number {
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) throw new RangeError(`not an ISO date-time with offset: ${s}`);
  const off = m[8]!;
  if (off === 'Z') return 0;
  const sign = off.startsWith('-') ? -1 : 1;
  return sign * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Formats epoch milliseconds as ISO 8601 in the given offset, e.g. `2026-03-02T08:30:00-05:00`.
 * Milliseconds are written only when not zero.
 */
export function formatIso(epochMs: number, offsetMin: number): string {
  const ms = Math.round(epochMs);
  const local = new Date(ms + offsetMin * 60_000);
  const frac = ((ms % 1000) + 1000) % 1000;
  const base =
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    (frac ? `.${pad(frac, 3)}` : '');
  if (offsetMin === 0) return `${base}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${base}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The local clock time written in an ISO string, "HH:MM" (for error messages and tables). */
export function clockOf(s: string): string {
  const m = ISO_WITH_OFFSET.exec(s);
  return m ? `${m[4]}:${m[5]}` : s;
}

/** "HH:MM" of epoch milliseconds in the given offset. */
export function clockAt(epochMs: number, offsetMin: number): string {
  const d = new Date(Math.round(epochMs) + offsetMin * 60_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
