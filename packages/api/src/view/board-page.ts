// The dispatcher's board page (GET /v1/boards/{id}/view): KPIs, the timeline, the map, the
// unassigned jobs with their reasons, and the stops as a table (the accessible twin of the two
// pictures). `boardFragment` is what sits inside <main>; the page script polls it and swaps it in.
import { formatIso, offsetMinutesOf, parseIso, ProblemBase, type Blocker, type Board, type Problem, type UnassignedReason } from '@truckroll/solver';
import { boardEtag } from '../etag.ts';
import type { BoardRecord } from '../store/boards.ts';
import { BOARD_CSS } from './board-styles.ts';
import { boardData, techIds, techLabel, windowsText, type BoardData } from './board-data.ts';
import { CLIENT_JS } from './client.ts';
import { clock, clockRange, duration, longDateWithYear, percent, whole } from './format.ts';
import { html, type Html, raw } from './html.ts';
import { mapLegend, mapSvg } from './map.ts';
import { page, pageHeaders } from './page.ts';
import { timelineLegend, timelineSvg } from './timeline.ts';

export const POLL_MS = 2000;

/** Why a job is unassigned, in a dispatcher's words. */
export const REASON_TEXT: Record<UnassignedReason, string> = {
  no_skilled_technician: 'No technician has the skills and levels it needs',
  parts_unavailable: 'Its parts are on no van and at no reachable supply house',
  window_unreachable: 'No technician can arrive within its window',
  shift_too_short: 'It fits in no technician’s shift',
  no_capacity: 'No room left on any qualified technician’s day',
  excluded: 'Every qualified technician is excluded',
  unreachable: 'Its location cannot be reached by road',
};

/** What stopped one technician, in a word or two. */
const BLOCKER_TEXT: Record<Blocker, string> = {
  skill: 'lacks the skill',
  level: 'level too low',
  excluded: 'excluded',
  pinned: 'pinned',
  parts: 'parts',
  window: 'window',
  earliest_start: 'earliest start',
  shift: 'shift',
  break: 'break',
  capacity: 'capacity',
  max_drive: 'drive limit',
  unreachable: 'unreachable',
  full: 'day full',
};

export interface BoardPageInput {
  record: Pick<BoardRecord, 'id' | 'date' | 'status' | 'updatedAt' | 'board' | 'error' | 'problemJson'>;
  /** The problem, when already parsed (else read from record.problemJson). */
  problem?: Problem;
  /** `boardFragment` of this record and problem, when already rendered. */
  fragment?: string;
  /** The URL the page script polls (same origin). */
  pollUrl: string;
  pollMs?: number;
}

/**
 * The stored problem, schema defaults filled in (it was validated when it was stored). Should it no
 * longer read (a schema change since), the page still shows the board, by ids, with the names it can.
 */
export function readStoredProblem(problemJson: string): Problem {
  const raw: unknown = JSON.parse(problemJson);
  const full = ProblemBase.safeParse(raw);
  if (full.success) return full.data;
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as { name?: unknown; business?: unknown };
  return ProblemBase.parse({ technicians: [], ...(typeof r.name === 'string' ? { name: r.name } : {}), ...(typeof r.business === 'string' ? { business: r.business } : {}) });
}


function kpiSection(d: BoardData): Html {
  const k = d.board.kpis;
  const total = k.jobsScheduled + k.jobsUnassigned;
  const er = k.emergencyResponseMin;
  const item = (label: string, value: string, note?: string) => html`<div><dt>${label}</dt><dd>${value}${note ? html` <small>${note}</small>` : null}</dd></div>`;
  return html`<section id="kpis" aria-labelledby="kpis-h"><h2 id="kpis-h">Key figures</h2><dl class="kpis">${[
    item('Jobs scheduled', whole(k.jobsScheduled), `of ${whole(total)}`),
    item('Jobs unassigned', whole(k.jobsUnassigned)),
    item('Utilization', percent(k.utilization), '(service + drive) / paid'),
    item('Drive share', percent(k.driveShare), 'drive / paid'),
    item('Wrench time', percent(k.wrenchTime), 'service / paid'),
    item('Overtime', duration(k.overtimeMin)),
    item('Emergency response', er.count === 0 || er.median === null ? 'none' : `${Math.round(er.median)} min`, er.count === 0 || er.p90 === null ? 'no scheduled emergencies' : `median; p90 ${Math.round(er.p90)} min, ${er.count} ${er.count === 1 ? 'call' : 'calls'}`),
    item('Emergencies late', whole(k.emergenciesLate)),
    item('Drive', duration(k.driveMin), `${whole(k.distanceKm)} km`),
    item('Buffer', duration(k.bufferMin)),
    item('Idle', duration(k.idleMin)),
    item('Revenue scheduled', whole(k.revenueScheduled)),
    item('Technicians used', whole(k.techniciansUsed), `of ${whole(k.technicians)}`),
  ]}</dl></section>`;
}

function priorityBadge(priority: string): Html {
  return html`<span class="prio p-${priority}">${priority}</span>`;
}

function unassignedSection(d: BoardData): Html {
  const rows = d.board.unassigned.map((u) => {
    const job = d.jobs.get(u.jobId);
    const closest = u.closest.length
      ? html`<ul class="closest">${u.closest.map((c) => html`<li>${techLabel(d, c.technicianId)} — ${BLOCKER_TEXT[c.blocker] ?? c.blocker}${c.detail ? `: ${c.detail}` : ''}</li>`)}</ul>`
      : html`none`;
    return html`<tr data-job="${u.jobId}" data-placement="unassigned"><th scope="row">${u.jobId}</th><td>${job?.name ?? ''}${job?.location.address ? html`<br>${job.location.address}` : null}</td><td>${priorityBadge(job?.priority ?? 'normal')}</td><td>${windowsText(job)}</td><td>${REASON_TEXT[u.reason] ?? u.reason}</td><td>${closest}</td></tr>`;
  });
  const n = d.board.unassigned.length;
  return html`<section id="unassigned" aria-labelledby="unassigned-h"><h2 id="unassigned-h">Unassigned jobs (${n})</h2>${
    n === 0
      ? html`<p class="none">Every job is scheduled.</p>`
      : html`<div class="scroll"><table><caption>Jobs left off the board, why, and the technicians that came closest</caption><thead><tr><th scope="col">Job</th><th scope="col">Work and address</th><th scope="col">Priority</th><th scope="col">Window</th><th scope="col">Reason</th><th scope="col">Closest technicians</th></tr></thead><tbody>${rows}</tbody></table></div>`
  }</section>`;
}

function scheduleTable(d: BoardData): Html {
  const rows: Html[] = [];
  for (const id of techIds(d)) {
    const route = d.routes.get(id);
    let n = 0;
    for (const s of route?.stops ?? []) {
      if (s.kind !== 'job') continue;
      n++;
      const jobId = s.jobId ?? '';
      const job = d.jobs.get(jobId);
      rows.push(
        html`<tr data-job="${jobId}"><td>${techLabel(d, id)}</td><td class="num">${n}</td><th scope="row">${jobId}</th><td>${job?.name ?? ''}</td><td>${priorityBadge(job?.priority ?? 'normal')}</td><td>${windowsText(job)}</td><td>${clock(s.start)}</td><td>${s.eta ? clockRange(s.eta.start, s.eta.end) : ''}</td><td class="num">${Math.round(s.driveMin)}</td></tr>`,
      );
    }
  }
  return html`<details id="schedule"><summary>Schedule as a table (${rows.length} jobs)</summary><div class="scroll"><table><caption>Every scheduled job by technician, in route order</caption><thead><tr><th scope="col">Technician</th><th scope="col" class="num">Stop</th><th scope="col">Job</th><th scope="col">Work</th><th scope="col">Priority</th><th scope="col">Window</th><th scope="col">Planned start</th><th scope="col">ETA window</th><th scope="col" class="num">Drive in (min)</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

function statusLine(record: BoardPageInput['record'], board: Board | null, offsetMin: number): Html {
  const updated = clock(formatIso(parseIso(record.updatedAt), offsetMin));
  const solver = board ? ` · ${board.solver.name}, ${(board.solver.elapsedMs / 1000).toFixed(1)} s` : '';
  return html`<p class="status-line">Board ${record.status}, updated ${updated}${solver}.</p>`;
}

/** What goes inside <main> (the part the page script re-fetches). */
export const boardFragment = (input: Pick<BoardPageInput, 'record' | 'problem'>): string => fragment(input).value;

function fragment({ record, problem }: Pick<BoardPageInput, 'record' | 'problem'>): Html {
  const p = problem ?? readStoredProblem(record.problemJson);
  const offsetIso = p.technicians[0]?.shift.start;
  const offsetMin = offsetIso ? offsetMinutesOf(offsetIso) : 0;
  if (!record.board) {
    const text =
      record.status === 'failed'
        ? html`<p class="error">The solve failed (${record.error?.code ?? 'unknown'}): ${record.error?.detail ?? ''}</p>`
        : html`<p class="none">The board is ${record.status}; this page shows it as soon as it is ready.</p>`;
    return html`<section aria-labelledby="state-h"><h2 id="state-h">No board yet</h2>${statusLine(record, null, offsetMin)}${text}</section>`;
  }
  const d = boardData(p, record.board);
  return html`${statusLine(record, record.board, offsetMin)}${kpiSection(d)}<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>${timelineLegend()}<div class="scroll">${timelineSvg(d)}</div>${scheduleTable(d)}</section><section id="map" aria-labelledby="map-h"><h2 id="map-h">Map</h2><div class="map-wrap"><div>${mapSvg(d)}</div><div>${mapLegend(d)}</div></div></section>${unassignedSection(d)}`;
}

/** Response headers of the page and of its fragment (CSP allowing exactly the inline style and script). */
export const boardPageHeaders = (): Record<string, string> => pageHeaders({ css: BOARD_CSS, js: CLIENT_JS });

/** The whole page and its headers. */
export function boardPage(input: BoardPageInput): { body: string; headers: Record<string, string> } {
  const problem = input.problem ?? readStoredProblem(input.record.problemJson);
  const who = problem.business ?? problem.name ?? 'Truckroll';
  const day = problem.technicians[0]?.shift.start;
  const title = `Dispatch board — ${who}, ${input.record.date}`;
  const body = html`<header class="top"><h1>Dispatch board — ${who}</h1><p>${day ? longDateWithYear(day) : input.record.date}${problem.name && problem.business ? ` · ${problem.name}` : ''}</p><p id="live" role="status" aria-live="polite"></p><p id="checked" class="checked"></p></header><main id="board" data-board="${input.record.id}" data-etag="${boardEtag(input.record.updatedAt)}" data-poll-url="${input.pollUrl}" data-poll-ms="${input.pollMs ?? POLL_MS}">${input.fragment === undefined ? fragment({ record: input.record, problem }) : raw(input.fragment)}</main>`;
  return { body: page({ title, css: BOARD_CSS, js: CLIENT_JS, body }), headers: boardPageHeaders() };
}
