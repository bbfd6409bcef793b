// The timeline (Gantt): one row per technician across the day, segments laid out by the board's
// timing contract (packages/solver/src/model/board.ts): drive + padding into each stop, wait,
// the stop, buffer after a job; idle before departure and after the return; overtime past the
// shift end as a strip under the row. Each job carries data-job/data-tech/data-placement, which
// the page script compares across updates to highlight the jobs that moved.
import { offsetMinutesOf, parseIso, type Route, type Technician } from '@truckroll/solver';
import { techIds, techLabel, techName, windowsText, type BoardData } from './board-data.ts';
import { clock, clockRange, duration } from './format.ts';
import { html, truncate, type Html } from './html.ts';
import { PRIORITY_FILL, SEGMENT_FILL } from './palette.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

export interface TimelineOptions {
  /** viewBox width, px. */
  width?: number;
  /** Left column for names, px. */
  labelWidth?: number;
  rowHeight?: number;
}

type SegmentKind = 'drive' | 'buffer' | 'idle' | 'break' | 'pickup';

interface Scale {
  t0: number;
  t1: number;
  x: (ms: number) => number;
}

/** [earliest shift start or departure, latest shift end or return], widened to whole local hours. */
function dayBounds(d: BoardData): { t0: number; t1: number; offsetMin: number } {
  let t0 = Infinity;
  let t1 = -Infinity;
  let offsetIso: string | undefined;
  for (const t of d.problem.technicians) {
    t0 = Math.min(t0, parseIso(t.shift.start));
    t1 = Math.max(t1, parseIso(t.shift.end));
    offsetIso ??= t.shift.start;
  }
  for (const r of d.board.routes) {
    t0 = Math.min(t0, parseIso(r.departure));
    t1 = Math.max(t1, parseIso(r.end.arrival));
    offsetIso ??= r.departure;
  }
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) {
    const now = Date.now();
    return { t0: now, t1: now + 8 * HOUR, offsetMin: 0 };
  }
  const offsetMin = offsetIso ? offsetMinutesOf(offsetIso) : 0;
  const off = offsetMin * MIN;
  const floorH = (ms: number) => Math.floor((ms + off) / HOUR) * HOUR - off;
  const ceilH = (ms: number) => Math.ceil((ms + off) / HOUR) * HOUR - off;
  return { t0: floorH(t0), t1: Math.max(ceilH(t1), floorH(t0) + HOUR), offsetMin };
}

function hourLabel(ms: number, offsetMin: number): string {
  const local = new Date(ms + offsetMin * MIN);
  return `${String(local.getUTCHours()).padStart(2, '0')}:00`;
}

const SEGMENT_TITLE: Record<SegmentKind, string> = { drive: 'Drive', buffer: 'Buffer', idle: 'Idle', break: 'Break', pickup: 'Parts pickup' };

function segment(kind: SegmentKind, from: number, to: number, s: Scale, y: number, h: number, detail: string): Html | null {
  if (!(to > from)) return null;
  const x = s.x(from);
  const w = Math.max(s.x(to) - x, 0.75);
  const title = `${SEGMENT_TITLE[kind]} ${duration((to - from) / MIN)}${detail ? ` — ${detail}` : ''}`;
  if (kind === 'idle') {
    return html`<rect class="seg idle" x="${r1(x)}" y="${r1(y + h / 2 - 3)}" width="${r1(w)}" height="6" fill="#ffffff" stroke="${SEGMENT_FILL.idleStroke}" stroke-dasharray="3 2"><title>${title}</title></rect>`;
  }
  const fill = kind === 'drive' ? SEGMENT_FILL.drive : kind === 'buffer' ? SEGMENT_FILL.buffer : kind === 'break' ? SEGMENT_FILL.break : SEGMENT_FILL.pickup;
  const inset = kind === 'drive' || kind === 'buffer' ? 4 : 0;
  return html`<rect class="seg ${kind}" x="${r1(x)}" y="${r1(y + inset)}" width="${r1(w)}" height="${h - 2 * inset}" fill="${fill}"><title>${title}</title></rect>`;
}

const r1 = (n: number): number => Math.round(n * 10) / 10;

/** The segments and job bars of one technician's row. */
function rowContent(d: BoardData, techId: string, tech: Technician | undefined, route: Route | undefined, s: Scale, y: number, h: number): Html[] {
  const out: (Html | null)[] = [];
  const shiftStart = tech ? parseIso(tech.shift.start) : route ? parseIso(route.departure) : s.t0;
  const shiftEnd = tech ? parseIso(tech.shift.end) : route ? parseIso(route.end.arrival) : s.t0;
  // the shift as a light band, so idle time reads against working hours
  out.push(html`<rect class="shift" x="${r1(s.x(shiftStart))}" y="${y - 2}" width="${r1(Math.max(0, s.x(shiftEnd) - s.x(shiftStart)))}" height="${h + 4}" fill="#f1f3f5"/>`);
  if (!route || route.stops.length === 0) {
    out.push(segment('idle', shiftStart, shiftEnd, s, y, h, 'no stops'));
    return out.filter((x): x is Html => x !== null);
  }
  const jobs: Html[] = [];
  const departure = parseIso(route.departure);
  out.push(segment('idle', shiftStart, departure, s, y, h, 'before leaving'));
  let prevDep = departure;
  for (const stop of route.stops) {
    const arrival = parseIso(stop.arrival);
    const start = parseIso(stop.start);
    const end = parseIso(stop.end);
    if (stop.kind !== 'break') {
      const driveEnd = prevDep + stop.driveMin * MIN;
      out.push(segment('drive', prevDep, driveEnd, s, y, h, `${(stop.distanceM / 1000).toFixed(1)} km`));
      out.push(segment('buffer', driveEnd, arrival, s, y, h, 'drive padding'));
    }
    out.push(segment('idle', arrival, start, s, y, h, 'waiting'));
    if (stop.kind === 'break') {
      out.push(segment('break', start, end, s, y, h, clockRange(stop.start, stop.end)));
      prevDep = end;
      continue;
    }
    if (stop.kind === 'pickup') {
      const house = stop.supplyHouseId === undefined ? undefined : d.supplyHouses.get(stop.supplyHouseId);
      out.push(segment('pickup', start, end, s, y, h, house?.name ?? stop.supplyHouseId ?? ''));
      prevDep = end;
      continue;
    }
    const jobId = stop.jobId ?? '';
    const job = d.jobs.get(jobId);
    const priority = job?.priority ?? 'normal';
    const x = s.x(start);
    const w = Math.max(s.x(end) - x, 2);
    const lines = [
      `${jobId}${job?.name ? ` — ${job.name}` : ''}`,
      `Priority: ${priority}`,
      `Customer window: ${windowsText(job)}`,
      `Planned start: ${clock(stop.start)} (until ${clock(stop.end)})`,
      ...(stop.eta ? [`ETA given: ${clockRange(stop.eta.start, stop.eta.end)}`] : []),
      `Technician: ${techLabel(d, techId)}`,
    ];
    jobs.push(
      html`<g class="tl-job p-${priority}" data-job="${jobId}" data-tech="${techId}" data-start="${stop.start}" data-placement="${`${techId}@${stop.start}`}"><rect x="${r1(x)}" y="${y}" width="${r1(w)}" height="${h}" rx="2" fill="${PRIORITY_FILL[priority]}"/>${
        w >= 38 ? html`<text x="${r1(x + 3)}" y="${y + h / 2 + 4}" class="bar-label">${truncate(jobId, Math.floor((w - 4) / 6.5))}</text>` : null
      }<title>${lines.join('\n')}</title></g>`,
    );
    prevDep = end + stop.bufferMin * MIN;
    out.push(segment('buffer', end, prevDep, s, y, h, 'after the job'));
  }
  const endDriveTo = prevDep + route.end.driveMin * MIN;
  const back = parseIso(route.end.arrival);
  out.push(segment('drive', prevDep, endDriveTo, s, y, h, `home, ${(route.end.distanceM / 1000).toFixed(1)} km`));
  out.push(segment('buffer', endDriveTo, back, s, y, h, 'drive padding'));
  out.push(segment('idle', back, shiftEnd, s, y, h, 'after returning'));
  if (route.totals.overtimeMin > 0) {
    const from = s.x(shiftEnd);
    const to = s.x(Math.max(back, shiftEnd + route.totals.overtimeMin * MIN));
    out.push(
      html`<rect class="overtime" x="${r1(from)}" y="${y + h + 1}" width="${r1(Math.max(to - from, 2))}" height="4" fill="url(#ot-hatch)" stroke="${SEGMENT_FILL.overtime}" stroke-width="1"><title>Overtime ${duration(route.totals.overtimeMin)} (shift ends ${clock(tech?.shift.end ?? route.end.arrival)})</title></rect>`,
    );
  }
  // job bars on top of the segments, so their outlines (and the "moved" highlight) are never covered
  return [...out.filter((x): x is Html => x !== null), ...jobs];
}

/** The timeline SVG (one row per technician; `data-tech-row` on each row). */
export function timelineSvg(d: BoardData, { width = 1200, labelWidth = 170, rowHeight = 30 }: TimelineOptions = {}): Html {
  const ids = techIds(d);
  const { t0, t1, offsetMin } = dayBounds(d);
  const axisH = 26;
  const plotW = width - labelWidth - 12;
  const s: Scale = { t0, t1, x: (ms) => labelWidth + ((ms - t0) / (t1 - t0)) * plotW };
  const height = axisH + ids.length * rowHeight + 8;
  const barH = rowHeight - 12;
  const ticks: Html[] = [];
  for (let t = t0; t <= t1; t += HOUR) {
    const x = r1(s.x(t));
    ticks.push(html`<line x1="${x}" y1="${axisH - 4}" x2="${x}" y2="${height - 4}" stroke="#d0d5db"/><text x="${x}" y="${axisH - 9}" text-anchor="middle" class="axis">${hourLabel(t, offsetMin)}</text>`);
  }
  const rows = ids.map((id, i) => {
    const y = axisH + i * rowHeight + 4;
    const tech = d.techs.get(id);
    const route = d.routes.get(id);
    const jobsCount = route?.stops.filter((st) => st.kind === 'job').length ?? 0;
    const name = techName(d, id);
    return html`<g class="tl-row" data-tech-row="${id}"><text x="8" y="${y + barH / 2 + 4}" class="row-label">${truncate(name, 22)}<title>${techLabel(d, id)}: ${jobsCount} ${jobsCount === 1 ? 'job' : 'jobs'}</title></text>${rowContent(d, id, tech, route, s, y, barH)}</g>`;
  });
  const label = `Timeline of ${ids.length} technicians from ${hourLabel(t0, offsetMin)} to ${hourLabel(t1, offsetMin)}: drive, jobs coloured by priority, buffer, breaks, idle time and overtime. The same stops are listed in the schedule table.`;
  return html`<svg class="timeline" role="img" aria-label="${label}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><defs><pattern id="ot-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="4" fill="${SEGMENT_FILL.overtime}"/></pattern></defs>${ticks}${rows}</svg>`;
}

/** The colour key under the timeline. */
export function timelineLegend(): Html {
  const sw = (fill: string, extra = '') => html`<svg width="16" height="12" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="15" height="11" fill="${fill}" ${extraAttr(extra)}/></svg>`;
  const item = (swatch: Html, text: string) => html`<li>${swatch} ${text}</li>`;
  return html`<ul class="legend" aria-label="Timeline key">${[
    item(sw(PRIORITY_FILL.emergency), 'Emergency job'),
    item(sw(PRIORITY_FILL.urgent), 'Urgent job'),
    item(sw(PRIORITY_FILL.normal), 'Normal job'),
    item(sw(PRIORITY_FILL.low), 'Low-priority job'),
    item(sw(SEGMENT_FILL.drive), 'Drive'),
    item(sw(SEGMENT_FILL.buffer), 'Buffer'),
    item(sw(SEGMENT_FILL.break), 'Break'),
    item(sw(SEGMENT_FILL.pickup), 'Parts pickup'),
    item(sw('#ffffff', 'dashed'), 'Idle'),
    item(sw('url(#ot-hatch)', 'overtime'), 'Overtime'),
    item(sw('#ffffff', 'moved'), 'Moved since the last update'),
  ]}</ul>`;
}

function extraAttr(kind: string): Html {
  if (kind === 'dashed') return html`stroke="${SEGMENT_FILL.idleStroke}" stroke-dasharray="3 2"`;
  if (kind === 'overtime') return html`stroke="${SEGMENT_FILL.overtime}"`;
  if (kind === 'moved') return html`stroke="${SEGMENT_FILL.moved}" stroke-width="3"`;
  return html``;
}
