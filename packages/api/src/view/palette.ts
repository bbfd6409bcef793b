// Colours of the pages, chosen for contrast (WCAG 2.2): text pairs >= 4.5:1, graphics against the
// white page >= 3:1 (1.4.11). `contrast` is the WCAG formula; the tests hold every pair to it.
import type { Priority } from '@truckroll/solver';

export const INK = '#1b1f24';
export const MUTED = '#4b5563';
export const PAPER = '#ffffff';

/** Job bars and legend swatches by priority (white labels on them). */
export const PRIORITY_FILL: Record<Priority, string> = {
  emergency: '#b42318',
  urgent: '#a04100',
  normal: '#1d4ed8',
  low: '#0f6e66',
};

/** Timeline segments other than jobs. */
export const SEGMENT_FILL = {
  drive: '#4b5563',
  pickup: '#6b21a8',
  buffer: '#8a6100',
  break: '#2e7d32',
  idleStroke: '#6b7280',
  overtime: '#b42318',
  moved: '#000000',
} as const;

const hex2 = (n: number) => Math.round(Math.max(0, Math.min(1, n)) * 255).toString(16).padStart(2, '0');

function hslToHex(h: number, s: number, l: number): string {
  // CSS Color 4, hsl-to-rgb
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return `#${hex2(f(0))}${hex2(f(8))}${hex2(f(4))}`;
}

/** WCAG relative luminance of "#rrggbb". */
export function luminance(hex: string): number {
  const ch = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
}

/** WCAG contrast ratio of two "#rrggbb" colours (1..21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The route colour of the i-th technician: hues spread by the golden angle (neighbours differ most),
 * each darkened until it holds 4:1 against the white map, so lines and points stay visible.
 */
export function techColour(i: number): string {
  const h = (i * 137.508) % 360;
  const s = i % 2 === 0 ? 0.75 : 0.6;
  for (let l = 0.45; l > 0.1; l -= 0.02) {
    const c = hslToHex(h, s, l);
    if (contrast(c, PAPER) >= 4) return c;
  }
  return hslToHex(h, s, 0.1);
}
