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

/** What stops each technician from taking job j alone, ranked closest first. */
export function blockersFor(c: Compiled, ins: Inserter, plans: readonly PlanStop[][], j: number): TechBlocker[] {
  const out: TechBlocker[] = [];
  const at = (ticks: number) => clockAt(c.originMs + ticks * c.tickSec * 1000, c.utcOffsetMin);
  for (let t = 0; t < c.nTechs; t++) {
    const code = c.compat[t * c.nJobs + j]!;
    if (code === Compat.Skill) out.push({ tech: t, blocker: 'skill', detail: skillDetail(c, t, j, 'skill') });
    else if (code === Compat.Level) out.push({ tech: t, blocker: 'level', detail: skillDetail(c, t, j, 'level') });
    else if (code === Compat.Excluded) out.push({ tech: t, blocker: 'excluded', detail: 'excluded by the job' });
    else if (code === Compat.Pinned) out.push({ tech: t, blocker: 'pinned', detail: `pinned to ${c.techIds[c.pinnedTech[j]!]}` });
    else {
      const alone = ins.best(t, [], 0, j);
      if (alone) {
        out.push({ tech: t, blocker: 'full', detail: `fits an empty day but not this route (${plans[t]!.length} stops)` });
        continue;
      }
      const r = ins.sched.run(t, [ins.jobStop(j)]);
      const fail = r.fail ?? 'window';
      const arrive = c.shiftStart[t]! + c.legTicks[c.techStartLoc[t]! * c.nLocs + c.jobLoc[j]!]!;
      const detail =
        fail === 'window'
          ? `earliest arrival ${at(arrive)}, windows ${windowText(c, j)}`
          : fail === 'earliest_start'
            ? `work cannot start before ${at(c.release[j]!)}`
            : fail === 'shift'
              ? `cannot be back by ${at(c.latestEnd[t]!)} (shift end + overtime)`
              : fail === 'parts'
                ? 'parts not on the van and no supply house can provide them in time'
                : fail === 'break'
                  ? `no room for the break (${breakText(c, t)}) around this job`
                  : fail === 'max_drive'
                    ? 'over the maximum drive time'
                    : fail === 'capacity'
                      ? 'over the van capacity'
                      : fail === 'pinned'
                        ? 'cannot make the pinned start time'
                        : 'no route to the job';
      out.push({ tech: t, blocker: fail, detail });
    }
  }
  const distFrom = (t: number) => c.distM[c.techStartLoc[t]! * c.nLocs + c.jobLoc[j]!]!;
  out.sort((a, b) => RANK[a.blocker] - RANK[b.blocker] || distFrom(a.tech) - distFrom(b.tech) || a.tech - b.tech);
  return out;
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
