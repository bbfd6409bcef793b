// Inline SVG charts for the reports: grouped bars, stacked bars and lines with optional whiskers
// and reference lines. Plain strings, no script, no external resource, so a report opens anywhere
// offline. Every text is escaped; null values are gaps.

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Series {
  name: string;
  color: string;
  values: readonly (number | null)[];
  /** [low, high] per point (lines: whiskers). */
  range?: readonly ([number, number] | null)[];
  /** Lines: an SVG stroke-dasharray (tells apart lines of the same colour). */
  dash?: string;
}

export interface ChartFrame {
  title: string;
  width?: number;
  height?: number;
  /** Tick label for a y value (default: the number). */
  yFormat?: (v: number) => string;
  yMax?: number;
  yMin?: number;
  yLabel?: string;
  /** Horizontal reference lines (e.g. a target). */
  refLines?: readonly { value: number; label: string; color?: string }[];
}

const PAD = { left: 56, right: 16, top: 34, bottom: 58 };
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** A "nice" axis maximum at or above `v`. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function frame(f: ChartFrame, yMin: number, yMax: number, body: string, legend: readonly { name: string; color: string }[], xLabels: string): string {
  const w = f.width ?? 640;
  const h = f.height ?? 300;
  const ih = h - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + ih - ((v - yMin) / (yMax - yMin || 1)) * ih;
  const yf = f.yFormat ?? fmt;
  let grid = '';
  for (let k = 0; k <= 4; k++) {
    const v = yMin + ((yMax - yMin) * k) / 4;
    grid += `<line x1="${PAD.left}" x2="${w - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e3e3e3"/>`;
    grid += `<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#555">${esc(yf(v))}</text>`;
  }
  let refs = '';
  for (const r of f.refLines ?? []) {
    if (r.value < yMin || r.value > yMax) continue;
    const ry = y(r.value).toFixed(1);
    refs += `<line x1="${PAD.left}" x2="${w - PAD.right}" y1="${ry}" y2="${ry}" stroke="${r.color ?? '#c0392b'}" stroke-dasharray="5 4"/>`;
    refs += `<text x="${w - PAD.right - 2}" y="${(Number(ry) - 4).toFixed(1)}" text-anchor="end" font-size="11" fill="${r.color ?? '#c0392b'}">${esc(r.label)}</text>`;
  }
  let leg = '';
  let lx = PAD.left;
  for (const l of legend) {
    leg += `<rect x="${lx}" y="${h - 16}" width="10" height="10" fill="${l.color}"/><text x="${lx + 14}" y="${h - 7}" font-size="11" fill="#333">${esc(l.name)}</text>`;
    lx += 24 + l.name.length * 6.5;
  }
  const ylab = f.yLabel ? `<text x="12" y="${PAD.top + ih / 2}" font-size="11" fill="#555" transform="rotate(-90 12 ${PAD.top + ih / 2})" text-anchor="middle">${esc(f.yLabel)}</text>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${esc(f.title)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<title>${esc(f.title)}</title><rect width="${w}" height="${h}" fill="#fff"/>` +
    `<text x="${PAD.left}" y="20" font-size="13" font-weight="600" fill="#222">${esc(f.title)}</text>` +
    grid +
    `<line x1="${PAD.left}" x2="${w - PAD.right}" y1="${y(yMin).toFixed(1)}" y2="${y(yMin).toFixed(1)}" stroke="#888"/>` +
    body +
    refs +
    xLabels +
    ylab +
    leg +
    `</svg>`
  );
}

function extent(f: ChartFrame, values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const yMin = f.yMin ?? Math.min(0, ...finite);
  const yMax = f.yMax ?? niceMax(Math.max(...finite, ...(f.refLines ?? []).map((r) => r.value), yMin + 1e-9));
  return [yMin, yMax];
}

/** Grouped vertical bars: one group per category, one bar per series. */
export function barChart(f: ChartFrame & { categories: readonly string[]; series: readonly Series[]; valueLabels?: boolean }): string {
  const w = f.width ?? 640;
  const h = f.height ?? 300;
  const iw = w - PAD.left - PAD.right;
  const ih = h - PAD.top - PAD.bottom;
  const all = f.series.flatMap((s) => [...s.values.filter((v): v is number => v !== null), ...(s.range ?? []).flatMap((r) => (r ? [r[1]] : []))]);
  const [yMin, yMax] = extent(f, all);
  const y = (v: number) => PAD.top + ih - ((v - yMin) / (yMax - yMin || 1)) * ih;
  const gw = iw / Math.max(1, f.categories.length);
  const bw = Math.max(1, (gw * 0.8) / Math.max(1, f.series.length));
  const yf = f.yFormat ?? fmt;
  let body = '';
  let labels = '';
  f.categories.forEach((c, i) => {
    const gx = PAD.left + i * gw + gw * 0.1;
    f.series.forEach((s, k) => {
      const v = s.values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) return;
      const x = gx + k * bw;
      const top = y(Math.max(v, yMin));
      body += `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${Math.max(0, y(yMin) - top).toFixed(1)}" fill="${s.color}"><title>${esc(`${s.name}, ${c}: ${yf(v)}`)}</title></rect>`;
      const r = s.range?.[i];
      if (r) {
        const cx = (x + bw / 2 - 0.5).toFixed(1);
        body += `<line x1="${cx}" x2="${cx}" y1="${y(r[0]).toFixed(1)}" y2="${y(r[1]).toFixed(1)}" stroke="#333"/>`;
      }
      if (f.valueLabels && f.categories.length * f.series.length <= 24) {
        body += `<text x="${(x + bw / 2).toFixed(1)}" y="${(top - 3).toFixed(1)}" text-anchor="middle" font-size="10" fill="#333">${esc(yf(v))}</text>`;
      }
    });
    const every = Math.ceil(f.categories.length / 40);
    if (i % every === 0) {
      const lx = PAD.left + i * gw + gw / 2;
      const rot = f.categories.length > 12 ? ` transform="rotate(-50 ${lx.toFixed(1)} ${h - PAD.bottom + 14})"` : '';
      labels += `<text x="${lx.toFixed(1)}" y="${h - PAD.bottom + 14}" text-anchor="${rot ? 'end' : 'middle'}" font-size="11" fill="#444"${rot}>${esc(c)}</text>`;
    }
  });
  return frame(f, yMin, yMax, body, f.series, labels);
}

/** Stacked vertical bars: one bar per category, one segment per series. */
export function stackedBarChart(f: ChartFrame & { categories: readonly string[]; series: readonly Series[] }): string {
  const w = f.width ?? 640;
  const h = f.height ?? 300;
  const iw = w - PAD.left - PAD.right;
  const ih = h - PAD.top - PAD.bottom;
  const totals = f.categories.map((_, i) => f.series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const [yMin, yMax] = extent(f, totals);
  const y = (v: number) => PAD.top + ih - ((v - yMin) / (yMax - yMin || 1)) * ih;
  const gw = iw / Math.max(1, f.categories.length);
  const yf = f.yFormat ?? fmt;
  let body = '';
  let labels = '';
  f.categories.forEach((c, i) => {
    let acc = 0;
    const x = PAD.left + i * gw + gw * 0.15;
    for (const s of f.series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      body += `<rect x="${x.toFixed(1)}" y="${y(acc + v).toFixed(1)}" width="${(gw * 0.7).toFixed(1)}" height="${(y(acc) - y(acc + v)).toFixed(1)}" fill="${s.color}"><title>${esc(`${c}, ${s.name}: ${yf(v)}`)}</title></rect>`;
      acc += v;
    }
    labels += `<text x="${(PAD.left + i * gw + gw / 2).toFixed(1)}" y="${h - PAD.bottom + 14}" text-anchor="middle" font-size="11" fill="#444">${esc(c)}</text>`;
  });
  return frame(f, yMin, yMax, body, f.series, labels);
}

/** Lines over numeric x (points joined, gaps at null), with optional whiskers and vertical markers. */
export function lineChart(f: ChartFrame & { x: readonly number[]; xFormat?: (v: number) => string; series: readonly Series[]; xMarkers?: readonly { x: number; label: string; color?: string }[] }): string {
  const w = f.width ?? 640;
  const h = f.height ?? 300;
  const iw = w - PAD.left - PAD.right;
  const ih = h - PAD.top - PAD.bottom;
  const all = f.series.flatMap((s) => [...s.values.filter((v): v is number => v !== null), ...(s.range ?? []).flatMap((r) => (r ? [r[0], r[1]] : []))]);
  const [yMin, yMax] = extent(f, all);
  const xs = [...f.x, ...(f.xMarkers ?? []).map((m) => m.x)];
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const X = (v: number) => PAD.left + (x1 > x0 ? ((v - x0) / (x1 - x0)) * iw : iw / 2);
  const Y = (v: number) => PAD.top + ih - ((v - yMin) / (yMax - yMin || 1)) * ih;
  const xf = f.xFormat ?? ((v: number) => String(v));
  const yf = f.yFormat ?? fmt;
  let body = '';
  for (const s of f.series) {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${X(f.x[i]!).toFixed(1)} ${Y(v).toFixed(1)}`;
      pen = true;
      body += `<circle cx="${X(f.x[i]!).toFixed(1)}" cy="${Y(v).toFixed(1)}" r="2.5" fill="${s.color}"><title>${esc(`${s.name}, ${xf(f.x[i]!)}: ${yf(v)}`)}</title></circle>`;
      const r = s.range?.[i];
      if (r) body += `<line x1="${X(f.x[i]!).toFixed(1)}" x2="${X(f.x[i]!).toFixed(1)}" y1="${Y(r[0]).toFixed(1)}" y2="${Y(r[1]).toFixed(1)}" stroke="${s.color}" stroke-opacity="0.6"/>`;
    });
    if (d) body += `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
  }
  for (const m of f.xMarkers ?? []) {
    const mx = X(m.x).toFixed(1);
    // the label goes on the side of the line with room for it
    const right = Number(mx) < w - PAD.right - 110;
    body += `<line x1="${mx}" x2="${mx}" y1="${PAD.top}" y2="${PAD.top + ih}" stroke="${m.color ?? '#8e44ad'}" stroke-dasharray="4 3"/><text x="${(Number(mx) + (right ? 4 : -4)).toFixed(1)}" y="${PAD.top + 12}" text-anchor="${right ? 'start' : 'end'}" font-size="11" fill="${m.color ?? '#8e44ad'}">${esc(m.label)}</text>`;
  }
  let labels = '';
  const every = Math.ceil(f.x.length / 16);
  f.x.forEach((v, i) => {
    if (i % every) return;
    labels += `<text x="${X(v).toFixed(1)}" y="${h - PAD.bottom + 14}" text-anchor="middle" font-size="11" fill="#444">${esc(xf(v))}</text>`;
  });
  return frame(f, yMin, yMax, body, f.series, labels);
}
