// A board as plain text for a terminal: per technician the day's stops with times and drive,
// then the KPIs and the unassigned jobs with their reasons.
import type { Board, Route, Stop } from '../model/board.ts';
import type { Problem } from '../model/problem.ts';

/** Whether clock times show seconds: only for problems planned below one-second resolution (Solomon). */
let showSeconds = false;

/** "HH:MM" as written in an ISO time (the problem's own offset); "HH:MM:SS" when showing seconds. */
function clock(iso: string): string {
  const hm = iso.slice(11, 16);
  const s = iso.slice(17, 19);
  return showSeconds && s && s !== '00' ? `${hm}:${s}` : hm;
}

function dur(min: number): string {
  if (min < 60) return `${Math.round(min)} min`;
  const h = Math.floor(min / 60);
  return `${h}h${String(Math.round(min - h * 60)).padStart(2, '0')}`;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const km = (m: number) => `${(m / 1000).toFixed(1)} km`;

function stopLine(stop: Stop, problem: Problem): string {
  const when = `${clock(stop.start)}–${clock(stop.end)}`.padEnd(13);
  const leg = stop.kind === 'break' ? '' : `  drive ${dur(stop.driveMin)} ${km(stop.distanceM)}`;
  const wait = stop.waitMin >= 1 ? `  wait ${dur(stop.waitMin)}` : '';
  if (stop.kind === 'job') {
    const job = problem.jobs.find((j) => j.id === stop.jobId);
    const what = [job?.type ?? job?.name ?? '', job && job.priority !== 'normal' ? `[${job.priority}]` : ''].filter(Boolean).join(' ');
    const eta = stop.eta ? `  ETA ${clock(stop.eta.start)}–${clock(stop.eta.end)}` : '';
    return `    ${when} job ${String(stop.jobId).padEnd(8)} ${what.padEnd(26)}${leg}${wait}${eta}`;
  }
  if (stop.kind === 'pickup') {
    const parts = Object.entries(stop.partsLoaded ?? {}).map(([sku, q]) => `${q}× ${sku}`).join(', ');
    return `    ${when} pickup at ${stop.supplyHouseId}: ${parts}${leg}${wait}`;
  }
  return `    ${when} break`;
}

function routeBlock(route: Route, problem: Problem): string[] {
  const tech = problem.technicians.find((t) => t.id === route.technicianId);
  const t = route.totals;
  const head =
    `  ${route.technicianId}${tech?.name ? ` (${tech.name})` : ''}: ${t.jobs} job${t.jobs === 1 ? '' : 's'}, leaves ${clock(route.departure)}, back ${clock(route.end.arrival)}` +
    `, drive ${dur(t.driveMin)} (${km(t.distanceM)}), utilization ${pct(t.utilization)}${t.overtimeMin > 0 ? `, overtime ${dur(t.overtimeMin)}` : ''}`;
  if (route.stops.length === 0) return [`${head} — no work`];
  return [head, ...route.stops.map((s) => stopLine(s, problem)), `    ${clock(route.end.arrival).padEnd(13)} back at end location  drive ${dur(route.end.driveMin)} ${km(route.end.distanceM)}`];
}

export function formatBoard(board: Board, problem: Problem): string {
  showSeconds = problem.settings.timeResolutionSec < 1;
  const k = board.kpis;
  const lines: string[] = [];
  lines.push(
    `Board${board.problemName ? ` for ${board.problemName}` : ''}: ${k.jobsScheduled} of ${k.jobsScheduled + k.jobsUnassigned} jobs scheduled on ${k.techniciansUsed} of ${k.technicians} technicians (${board.solver.name}, ${board.solver.elapsedMs} ms)`,
  );
  lines.push('');
  for (const r of board.routes) lines.push(...routeBlock(r, problem));
  lines.push('');
  lines.push('KPIs');
  lines.push(`  utilization ${pct(k.utilization)}   drive share ${pct(k.driveShare)}   wrench time ${pct(k.wrenchTime)}`);
  lines.push(
    `  paid ${dur(k.paidMin)} = service ${dur(k.serviceMin)} + drive ${dur(k.driveMin)} + buffer ${dur(k.bufferMin)} + idle ${dur(k.idleMin)}; breaks ${dur(k.breakMin)}, overtime ${dur(k.overtimeMin)}`,
  );
  lines.push(`  distance ${k.distanceKm.toFixed(3)} km   revenue scheduled ${k.revenueScheduled.toFixed(2)}   cost ${board.cost.total.toFixed(2)}`);
  if (k.emergencyResponseMin.count > 0) {
    lines.push(`  emergency response: median ${dur(k.emergencyResponseMin.median ?? 0)}, p90 ${dur(k.emergencyResponseMin.p90 ?? 0)} over ${k.emergencyResponseMin.count}; late ${k.emergenciesLate}`);
  }
  if (board.unassigned.length) {
    lines.push('');
    lines.push(`Unassigned (${board.unassigned.length})`);
    for (const u of board.unassigned) {
      const closest = u.closest.map((c) => `${c.technicianId}: ${c.blocker} (${c.detail})`).join('; ');
      lines.push(`  ${u.jobId.padEnd(8)} ${u.reason.padEnd(22)} closest: ${closest || 'none'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
