// The service-area map, drawn as SVG with no tile server: an equirectangular projection scaled by
// cos(mid-latitude) (true shape at city scale), fitted to the box. Each technician's route is one
// polyline start -> stops -> end in its own colour; jobs are points in that colour (emergencies
// larger, outlined); unassigned jobs are black crosses; supply houses visited are triangles.
import type { Location } from '@truckroll/solver';
import { techIds, techLabel, techName, windowsText, type BoardData } from './board-data.ts';
import { clock } from './format.ts';
import { html, type Html } from './html.ts';
import { INK, MUTED, PRIORITY_FILL } from './palette.ts';

export interface MapOptions {
  width?: number;
  height?: number;
  /** Margin inside the box, px. */
  pad?: number;
}

const REASON_SHORT: Record<string, string> = {
  no_skilled_technician: 'no skilled technician',
  parts_unavailable: 'parts unavailable',
  window_unreachable: 'window unreachable',
  shift_too_short: 'shifts too short',
  no_capacity: 'no capacity',
  excluded: 'every qualified technician excluded',
  unreachable: 'unreachable',
};

const r1 = (n: number): number => Math.round(n * 10) / 10;

/** Metres per degree of latitude (mean Earth radius 6,371.0088 km). */
const M_PER_DEG = (Math.PI / 180) * 6_371_008.8;

interface Projection {
  xy: (p: Location) => [number, number];
  /** Metres per px. */
  mPerPx: number;
}

function project(points: Location[], width: number, height: number, pad: number): Projection {
  let latMin = Infinity;
  let latMax = -Infinity;
  let lonMin = Infinity;
  let lonMax = -Infinity;
  for (const p of points) {
    latMin = Math.min(latMin, p.lat);
    latMax = Math.max(latMax, p.lat);
    lonMin = Math.min(lonMin, p.lon);
    lonMax = Math.max(lonMax, p.lon);
  }
  if (!Number.isFinite(latMin)) [latMin, latMax, lonMin, lonMax] = [0, 0, 0, 0];
  const latMid = (latMin + latMax) / 2;
  const cos = Math.max(Math.cos((latMid * Math.PI) / 180), 0.01);
  const spanX = Math.max((lonMax - lonMin) * cos, 0.005);
  const spanY = Math.max(latMax - latMin, 0.005);
  const k = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const lonC = (lonMin + lonMax) / 2;
  const latC = (latMin + latMax) / 2;
  return {
    xy: (p) => [r1(width / 2 + (p.lon - lonC) * cos * k), r1(height / 2 - (p.lat - latC) * k)],
    mPerPx: M_PER_DEG / k,
  };
}

/** A scale bar of a round length (1, 2, 5 × 10^n metres) no longer than `maxPx`. */
function scaleBar(mPerPx: number, x: number, y: number, maxPx = 120): Html {
  const maxM = mPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(maxM));
  const m = [5, 2, 1].map((f) => f * pow).find((v) => v <= maxM) ?? pow;
  const px = r1(m / mPerPx);
  const text = m >= 1000 ? `${m / 1000} km` : `${m} m`;
  return html`<g class="scale" aria-hidden="true"><rect x="${x - 4}" y="${y - 16}" width="${px + 8}" height="24" fill="#ffffff" fill-opacity="0.85"/><path d="M${x},${y - 4}v6h${px}v-6" fill="none" stroke="${INK}" stroke-width="1.5"/><text x="${x + px / 2}" y="${y - 6}" text-anchor="middle" class="axis">${text}</text></g>`;
}

/** The map SVG: `polyline.route[data-tech]` per technician with stops, `[data-job]` points. */
export function mapSvg(d: BoardData, { width = 800, height = 600, pad = 24 }: MapOptions = {}): Html {
  const ids = techIds(d);
  const unassigned = d.board.unassigned.map((u) => ({ u, job: d.jobs.get(u.jobId) })).filter((x) => x.job);
  const points: Location[] = [];
  for (const id of ids) {
    const tech = d.techs.get(id);
    const route = d.routes.get(id);
    if (tech) points.push(tech.start, tech.end ?? tech.start);
    if (route) points.push(...route.stops.map((s) => s.location), route.end.location);
  }
  for (const { job } of unassigned) points.push(job!.location);
  const proj = project(points, width, height, pad);
  const pt = (p: Location) => proj.xy(p).join(',');

  const lines: Html[] = [];
  const marks: Html[] = [];
  const jobDots: Html[] = [];
  const houses = new Map<string, Location>();
  let drawnRoutes = 0;
  for (const id of ids) {
    const colour = d.colours.get(id)!;
    const tech = d.techs.get(id);
    const route = d.routes.get(id);
    const label = techLabel(d, id);
    if (tech) {
      const [x, y] = proj.xy(tech.start);
      marks.push(html`<rect class="depot" data-tech="${id}" x="${x - 4.5}" y="${y - 4.5}" width="9" height="9" fill="${colour}" stroke="${INK}" stroke-width="1.5"><title>${label}: start</title></rect>`);
    }
    const jobStops = route?.stops.filter((s) => s.kind === 'job') ?? [];
    if (!route || jobStops.length === 0) continue;
    const path: Location[] = [tech?.start ?? route.stops[0]!.location];
    for (const s of route.stops) if (s.kind !== 'break') path.push(s.location);
    path.push(route.end.location);
    const coords = path.map(pt).filter((c, i, all) => i === 0 || c !== all[i - 1]);
    drawnRoutes++;
    lines.push(
      html`<polyline class="route" data-tech="${id}" data-jobs="${jobStops.length}" points="${coords.join(' ')}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"><title>${label}: ${jobStops.length} ${jobStops.length === 1 ? 'job' : 'jobs'}, ${(route.totals.distanceM / 1000).toFixed(1)} km</title></polyline>`,
    );
    for (const s of route.stops) {
      if (s.kind === 'pickup' && s.supplyHouseId !== undefined) houses.set(s.supplyHouseId, s.location);
      if (s.kind !== 'job') continue;
      const jobId = s.jobId ?? '';
      const job = d.jobs.get(jobId);
      const priority = job?.priority ?? 'normal';
      const [x, y] = proj.xy(s.location);
      const urgent = priority === 'emergency';
      jobDots.push(
        html`<circle class="map-job p-${priority}" data-job="${jobId}" data-tech="${id}" cx="${x}" cy="${y}" r="${urgent ? 6.5 : 4.5}" fill="${colour}" stroke="${urgent ? PRIORITY_FILL.emergency : '#ffffff'}" stroke-width="${urgent ? 2.5 : 1.5}"><title>${jobId}${job?.name ? ` — ${job.name}` : ''}${job?.location.address ? `, ${job.location.address}` : ''}\n${priority}, window ${windowsText(job)}\n${techName(d, id)}, planned ${clock(s.start)}</title></circle>`,
      );
    }
  }
  for (const [houseId, loc] of houses) {
    const [x, y] = proj.xy(loc);
    const name = d.supplyHouses.get(houseId)?.name ?? houseId;
    marks.push(html`<path class="supply" d="M${x},${r1(y - 6)}l6,10.5h-12z" fill="#ffffff" stroke="${INK}" stroke-width="1.5"><title>Supply house: ${name}</title></path>`);
  }
  const crosses = unassigned.map(({ u, job }) => {
    const [x, y] = proj.xy(job!.location);
    const d6 = `M${r1(x - 5)},${r1(y - 5)}l10,10m0,-10l-10,10`;
    return html`<g class="map-unassigned" data-job="${u.jobId}"><path d="${d6}" stroke="#ffffff" stroke-width="5" stroke-linecap="round"/><path d="${d6}" stroke="${INK}" stroke-width="2.5" stroke-linecap="round"/><title>Unassigned: ${u.jobId}${job!.name ? ` — ${job!.name}` : ''} (${REASON_SHORT[u.reason] ?? u.reason})</title></g>`;
  });
  const label = `Map of the service area: ${drawnRoutes} technician routes in their own colours, ${jobDots.length} scheduled jobs as points, ${crosses.length} unassigned jobs as crosses.`;
  return html`<svg class="map" role="img" aria-label="${label}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMidYMid meet"><rect class="map-bg" x="0" y="0" width="${width}" height="${height}" fill="#fbfcfd" stroke="#c4cad1"/>${lines}${marks}${jobDots}${crosses}${scaleBar(proj.mPerPx, 16, height - 14)}</svg>`;
}

/** Technician colours and the symbol key, as a list beside the map. */
export function mapLegend(d: BoardData): Html {
  const techs = techIds(d).map((id) => {
    const jobs = d.routes.get(id)?.stops.filter((s) => s.kind === 'job').length ?? 0;
    return html`<li data-tech="${id}"><svg width="22" height="10" aria-hidden="true" focusable="false"><line x1="1" y1="5" x2="21" y2="5" stroke="${d.colours.get(id)!}" stroke-width="4"/></svg> ${techLabel(d, id)}: ${jobs} ${jobs === 1 ? 'job' : 'jobs'}</li>`;
  });
  return html`<ul class="legend map-symbols" aria-label="Map symbols"><li><svg width="14" height="14" aria-hidden="true" focusable="false"><circle cx="7" cy="7" r="4.5" fill="${MUTED}" stroke="#ffffff"/></svg> Job (route colour)</li><li><svg width="16" height="16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="6" fill="${MUTED}" stroke="${PRIORITY_FILL.emergency}" stroke-width="2.5"/></svg> Emergency</li><li><svg width="14" height="14" aria-hidden="true" focusable="false"><path d="M2,2l10,10m0,-10l-10,10" stroke="${INK}" stroke-width="2.5"/></svg> Unassigned</li><li><svg width="12" height="12" aria-hidden="true" focusable="false"><rect x="1.5" y="1.5" width="9" height="9" fill="#ffffff" stroke="${INK}" stroke-width="1.5"/></svg> Start</li><li><svg width="14" height="14" aria-hidden="true" focusable="false"><path d="M7,1.5l6,10.5h-12z" fill="#ffffff" stroke="${INK}" stroke-width="1.5"/></svg> Supply house</li></ul><ul class="legend techs" aria-label="Technicians and their route colours">${techs}</ul>`;
}

