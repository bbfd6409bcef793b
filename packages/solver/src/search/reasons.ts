// Why each unassigned job is unassigned: per technician, what stops it (skill, level, window,
// parts, shift…), found by trying the job alone on an empty day; then one reason for the board.
import { Compat, type Compiled } from '../compile/compiled.ts';
import type { Blocker, UnassignedReason } from '../model/board.ts';
import { clockAt } from '../model/time.ts';
import type { Inserter } from './greedy.ts';
import type { PlanStop } from './schedule.ts';

export interface TechBlocker {
  tech: number;
  blocker: Blocker;
  detail: string;
}

/** Lower is closer to taking the job. */
const RANK: Record<Blocker, number> = {
  full: 0,
  capacity: 1,
  window: 2,
  earliest_start: 2,
  pinned: 3,
  break: 3,
  shift: 3,
  max_drive: 3,
  parts: 4,
  unreachable: 5,
  excluded: 6,
  level: 7,
  skill: 8,
};

function skillDetail(c: Compiled, t: number, j: number, want: 'skill' | 'level'): string {
  const tech = c.problem.technicians[t]!;
  const job = c.problem.jobs[c.jobWire[j]!]!;
  for (const [skill, min] of Object.entries(job.skills)) {
    const have = tech.skills[skill];
    if (want === 'skill' && have === undefined) return `lacks ${skill}`;
    if (want === 'level' && have !== undefined && have < min) return `${skill} level ${have} < ${min} required`;
  }
  return want;
}

function windowText(c: Compiled, j: number): string {
  const job = c.problem.jobs[c.jobWire[j]!]!;
  return job.windows.map((w) => `${w.start.slice(11, 16)}–${w.end.slice(11, 16)}`).join(', ') || 'any time';
}

function breakText(c: Compiled, t: number): string {
  return c.problem.technicians[t]!.breaks.map((b) => `${b.durationMin} min in ${b.window.start.slice(11, 16)}–${b.window.end.slice(11, 16)}`).join(', ');
}

/** Compatible technicians tried on an empty day per unassigned job: the nearest ones (bounds the cost on big boards). */
const MAX_TIMED = 12;

/**
 * What stops each technician from taking job j alone, ranked closest first; `detail` is written
 * for the first `withDetail` entries. Skill, level, exclusion and pins come from the compatibility
 * matrix; timing, parts and shift from trying the job alone on the nearest MAX_TIMED compatible
 * technicians' empty days (farther compatible technicians are not listed).
 */
export function blockersFor(c: Compiled, ins: Inserter, plans: readonly PlanStop[][], j: number, withDetail = 3): TechBlocker[] {
  const out: TechBlocker[] = [];
  const at = (ticks: number) => clockAt(c.originMs + ticks * c.tickSec * 1000, c.utcOffsetMin);
  const distFrom = (t: number) => c.distM[c.techStartLoc[t]! * c.nLocs + c.jobLoc[j]!]!;
  const compatible: number[] = [];
  for (let t = 0; t < c.nTechs; t++) {
    const code = c.compat[t * c.nJobs + j]!;
    if (code === Compat.Skill) out.push({ tech: t, blocker: 'skill', detail: '' });
    else if (code === Compat.Level) out.push({ tech: t, blocker: 'level', detail: '' });
    else if (code === Compat.Excluded) out.push({ tech: t, blocker: 'excluded', detail: '' });
    else if (code === Compat.Pinned) out.push({ tech: t, blocker: 'pinned', detail: '' });
    else compatible.push(t);
  }
  compatible.sort((a, b) => distFrom(a) - distFrom(b) || a - b);
  for (const t of compatible.slice(0, MAX_TIMED)) {
    if (ins.best(t, [], 0, j)) out.push({ tech: t, blocker: 'full', detail: '' });
    else out.push({ tech: t, blocker: ins.sched.run(t, [ins.jobStop(j)]).fail ?? 'window', detail: '' });
  }
  out.sort((a, b) => RANK[a.blocker] - RANK[b.blocker] || distFrom(a.tech) - distFrom(b.tech) || a.tech - b.tech);
  for (const b of out.slice(0, withDetail)) b.detail = detailOf(c, plans, j, b, at);
  return out;
}

function detailOf(c: Compiled, plans: readonly PlanStop[][], j: number, b: TechBlocker, at: (ticks: number) => string): string {
  const t = b.tech;
  switch (b.blocker) {
    case 'skill':
    case 'level':
      return skillDetail(c, t, j, b.blocker);
    case 'excluded':
      return 'excluded by the job';
    case 'pinned':
      return c.pinnedTech[j] === t ? 'cannot make the pinned start time' : `pinned to ${c.techIds[c.pinnedTech[j]!]}`;
    case 'full':
      return `fits an empty day but not this route (${plans[t]!.length} stops)`;
    case 'window':
      return `earliest arrival ${at(c.shiftStart[t]! + c.legTicks[c.techStartLoc[t]! * c.nLocs + c.jobLoc[j]!]!)}, windows ${windowText(c, j)}`;
    case 'earliest_start':
      return `work cannot start before ${at(c.release[j]!)}`;
    case 'shift':
      return `cannot be back by ${at(c.latestEnd[t]!)} (shift end + overtime)`;
    case 'parts':
      return 'parts not on the van and no supply house can provide them in time';
    case 'break':
      return `no room for the break (${breakText(c, t)}) around this job`;
    case 'max_drive':
      return 'over the maximum drive time';
    case 'capacity':
      return 'over the van capacity';
    default:
      return 'no route to the job';
  }
}

/** One reason for the board from the per-technician blockers (closest first). */
export function reasonFrom(blockers: readonly TechBlocker[]): UnassignedReason {
  const first = blockers[0]?.blocker;
  switch (first) {
    case 'full':
    case 'capacity':
      return 'no_capacity';
    case 'window':
    case 'earliest_start':
    case 'pinned':
      return 'window_unreachable';
    case 'shift':
    case 'break':
    case 'max_drive':
      return 'shift_too_short';
    case 'parts':
      return 'parts_unavailable';
    case 'unreachable':
      return 'unreachable';
    case 'excluded':
      return 'excluded';
    default:
      return 'no_skilled_technician';
  }
}
