// Segment concatenation equals a brute-force forward pass: on random routes of Solomon instances,
// the cached route figures and every prefix ⊕ job ⊕ suffix concatenation match a simple simulation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Compiled } from '../../compile/compiled.ts';
import { StopType, type PlanStop } from '../schedule.ts';
import { solomon } from './fixture.test-helper.ts';
import { SearchState } from './state.ts';

/** Forward pass from the shift start: wait when early, "travel back in time" when late (time warp). */
function bruteForce(c: Compiled, st: SearchState, t: number, jobs: readonly number[]) {
  if (jobs.length === 0) return { timeWarp: 0, arcCost: 0, excess: 0 };
  let time = c.shiftStart[t]!;
  let place = c.techStartLoc[t]!;
  let timeWarp = 0;
  let arcCost = 0;
  let load = 0;
  const visit = (loc: number, e: number, l: number, dur: number) => {
    const k = place * c.nLocs + loc;
    time += c.legTicks[k]!;
    arcCost += c.distM[k]! * c.costPerMetre + c.driveSec[k]! * c.costPerDriveSec;
    time = Math.max(time, e);
    if (time > l) {
      timeWarp += time - l;
      time = l;
    }
    time += dur;
    place = loc;
  };
  for (const j of jobs) {
    visit(c.jobLoc[j]!, st.jobE[j]!, st.jobL[j]!, c.serviceTicks[j * c.nTechs + t]!);
    load += c.demand[j * c.nDims]!;
  }
  visit(c.techEndLoc[t]!, c.shiftStart[t]!, c.latestEnd[t]!, 0);
  return { timeWarp, arcCost, excess: Math.max(0, load - c.capacity[t * c.nDims]!) };
}

const plan = (jobs: readonly number[]): PlanStop[] => jobs.map((idx) => ({ type: StopType.Job, idx }));

describe('segment concatenation', () => {
  for (const name of ['R101', 'C201', 'RC105']) {
    it(`matches a forward pass on random routes of ${name}`, async () => {
      const { c } = await solomon(name);
      const st = new SearchState(c);
      expect(st.exact).toBe(false);
      const route = fc.uniqueArray(fc.integer({ min: 0, max: c.nJobs - 1 }), { minLength: 0, maxLength: 25 });
      fc.assert(
        fc.property(route, fc.integer({ min: 0, max: c.nJobs - 1 }), fc.nat(), (jobs, extra, at) => {
          st.routes[0]!.stops = plan(jobs);
          st.update(0);
          const R = st.routes[0]!;
          const want = bruteForce(c, st, 0, jobs);
          expect(R.timeWarp).toBe(want.timeWarp);
          expect(R.arcCost).toBeCloseTo(want.arcCost, 6);
          expect(R.excessLoad).toBeCloseTo(want.excess, 9);
          // feasibility and cost agree with the RouteScheduler on plain VRPTW
          const exact = st.sched.run(0, R.stops);
          expect(exact.feasible).toBe(want.timeWarp === 0 && want.excess === 0);
          if (exact.feasible) expect(R.estCost).toBeCloseTo(exact.cost, 6);
          // prefix ⊕ job ⊕ suffix for a job not in the route
          if (jobs.includes(extra)) return;
          const p = 1 + (at % (jobs.length + 1));
          st.accPrefix(R, p - 1);
          st.accJob(extra, 0);
          st.accSuffix(R, p);
          const cost = st.accFinish(0);
          const withExtra = [...jobs.slice(0, p - 1), extra, ...jobs.slice(p - 1)];
          const w2 = bruteForce(c, st, 0, withExtra);
          expect(st.lastTW).toBe(w2.timeWarp);
          expect(st.lastExcess).toBeCloseTo(w2.excess, 9);
          expect(cost).toBeCloseTo(w2.arcCost + st.twPenalty * w2.timeWarp + st.loadPenalty * w2.excess, 6);
        }),
        { numRuns: 300, seed: 7 },
      );
    });
  }
});
