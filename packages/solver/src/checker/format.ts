// Small formatting helpers for violation messages: clock times with seconds only when needed,
// numbers rounded for reading (the exact values travel in `expected` / `actual`).
import { offsetMinutesOf, parseIso } from '../model/index.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/** "HH:MM" (or "HH:MM:SS" when the seconds are not zero) of epoch ms in an offset (minutes east of UTC). */
export function clockMs(epochMs: number, offsetMin: number): string {
  const d = new Date(Math.round(epochMs / 1000) * 1000 + offsetMin * 60_000);
  const base = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return d.getUTCSeconds() ? `${base}:${pad(d.getUTCSeconds())}` : base;
}

/** The local clock time an ISO string names, e.g. "10:42" or "09:32:30". */
export function clock(iso: string): string {
  return clockMs(parseIso(iso), offsetMinutesOf(iso));
}

/** A number rounded to 3 decimals for a message: 19.5, 0.333, 42. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const r = Math.round(n * 1000) / 1000;
  return String(Object.is(r, -0) ? 0 : r);
}

/** "08:00–10:00, 13:00–15:00" */
export function windowsText(windows: readonly { start: string; end: string }[]): string {
  return windows.map((w) => `${clock(w.start)}–${clock(w.end)}`).join(', ');
}
