// Test fixtures for the engine: compiled Solomon instances (cached) and a small hand-made field
// problem with everything the plain model lacks (breaks, parts and pickups, several windows, a pin,
// an earliest start, a drive limit, skills, exclusions).
import { compile } from '../../compile/compile.ts';
import type { Compiled } from '../../compile/compiled.ts';
import { parseProblem } from '../../model/parse.ts';
import type { Problem, ProblemInput } from '../../model/problem.ts';
import { loadSolomon } from '../../solomon/index.ts';
import { Rng } from './rng.ts';

const cache = new Map<string, Promise<{ problem: Problem; c: Compiled }>>();

/** A Solomon instance, parsed and compiled once per test file. */
export function solomon(name: string): Promise<{ problem: Problem; c: Compiled }> {
  let p = cache.get(name);
  if (!p) {
    p = (async () => {
      const problem = parseProblem(loadSolomon(name));
      return { problem, c: await compile(problem) };
    })();
    cache.set(name, p);
  }
  return p;
}

const SKILLS: Record<string, number>[] = [{ hvac: 5, plumbing: 2 }, { hvac: 2 }, { plumbing: 4, hvac: 3 }, { plumbing: 3 }];
const day = (hhmm: string) => `2026-03-02T${hhmm}:00-07:00`;
const hm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/**
 * A field day around Denver: 4 technicians (lunch breaks, one with a 3 h drive limit), `nJobs` jobs
 * with windows (some two), skills, parts (water heaters, from vans or two supply houses), a pinned
 * job, an earliest start, an exclusion. Deterministic for `seed`; great-circle travel.
 */
export function fieldProblem(seed = 1, nJobs = 36): ProblemInput {
  const rng = new Rng(seed);
  const at = () => ({ lat: 39.65 + rng.next() * 0.2, lon: -105.1 + rng.next() * 0.25 });
  const technicians: ProblemInput['technicians'] = Array.from({ length: 4 }, (_, t) => ({
    id: `T${t + 1}`,
    start: at(),
    shift: { start: day('07:30'), end: day('16:30'), maxOvertimeMin: 60 },
    breaks: [{ durationMin: 30, window: { start: day('11:30'), end: day('13:30') } }],
    skills: SKILLS[t]!,
    vanStock: (t === 2 ? { WH40: 1 } : {}) as Record<string, number>,
    costPerHour: 40,
    ...(t === 3 ? { maxDriveMin: 180 } : {}),
  }));
  const jobs: NonNullable<ProblemInput['jobs']> = [];
  for (let j = 0; j < nJobs; j++) {
    const plumbing = rng.next() < 0.45;
    const start = 8 * 60 + 30 * rng.int(14);
    const len = 120 + 60 * rng.int(3);
    const windows = [{ start: day(hm(start)), end: day(hm(Math.min(start + len, 16 * 60))) }];
    if (rng.next() < 0.2 && start + len + 60 < 16 * 60) windows.push({ start: day(hm(start + len + 60)), end: day(hm(Math.min(start + len + 180, 16 * 60 + 30))) });
    jobs.push({
      id: `J${j + 1}`,
      location: at(),
      durationMin: 30 + 15 * rng.int(5),
      windows,
      skills: plumbing ? { plumbing: 1 + rng.int(3) } : { hvac: 1 + rng.int(2) },
      parts: (plumbing && rng.next() < 0.3 ? { WH40: 1 } : {}) as Record<string, number>,
      priority: rng.next() < 0.1 ? 'urgent' : 'normal',
      value: 100 + rng.int(400),
      ...(j === 3 ? { excludedTechnicians: ['T1'] } : {}),
      ...(j === 5 ? { earliestStart: day('13:00') } : {}),
    });
  }
  jobs[0]!.skills = { hvac: 1 };
  jobs[0]!.parts = {};
  jobs[0]!.pinnedTechnician = 'T1';
  jobs[0]!.pinnedStart = day('10:00');
  jobs[0]!.windows = [{ start: day('09:00'), end: day('11:00') }];
  return {
    name: `field-${seed}`,
    technicians,
    jobs,
    supplyHouses: [
      { id: 'S1', location: at(), hours: { start: day('07:00'), end: day('17:00') }, stock: { WH40: 3 }, pickupMin: 15 },
      { id: 'S2', location: at(), hours: { start: day('07:00'), end: day('12:00') }, stock: { WH40: 2 }, pickupMin: 20 },
    ],
    parts: [{ sku: 'WH40' }],
    settings: { travel: { model: 'greatCircle' }, buffer: { afterJobMin: 5, drivePaddingPct: 10 }, seed },
  };
}
