// A Solution in the form threads exchange (PlanStop arrays, typed arrays), with its total objective:
// routes per the RouteScheduler plus the unassigned jobs' cost, the number the threads compete on.
import type { Compiled } from '../compile/compiled.ts';
import type { Solution } from '../search/greedy.ts';
import { RouteScheduler } from '../search/schedule.ts';
import type { WireSolution } from './protocol.ts';

/** The solution with its total cost (routes per the RouteScheduler + unassigned jobs). */
export function wireSolution(c: Compiled, sol: Solution, sched = new RouteScheduler(c)): WireSolution {
  let cost = 0;
  for (let t = 0; t < c.nTechs; t++) {
    const r = sched.run(t, sol.plans[t] ?? []);
    cost += r.feasible ? r.cost : Infinity;
  }
  for (const j of sol.unassigned) cost += c.unassignedCost[j]!;
  return { plans: sol.plans, unassigned: sol.unassigned, routeCost: sol.routeCost, iterations: sol.iterations, cost };
}
