// Live problems lock some jobs to open a technician's route, in order (the current leg, stops the
// technician was told). The search keeps a locked job on its technician (compile marks every other
// technician incompatible) but not its place in the route: this puts locked jobs first, in order,
// and takes off whatever else no longer fits behind them (to the unassigned list).
import type { Compiled } from '../compile/compiled.ts';
import type { Inserter, Solution } from './greedy.ts';
import { StopType, type PlanStop } from './schedule.ts';

export function enforceLocks(c: Compiled, sol: Solution, ins: Inserter): Solution {
  const p = c.problem;
  if (!p.technicians.some((t) => t.locked?.length)) return sol;
  const jobIndex = new Map(c.jobIds.map((id, j) => [id, j]));
  const plans = sol.plans.map((plan) => plan.slice());
  const unassigned = sol.unassigned.slice();
  const routeCost = Float64Array.from(sol.routeCost);
  p.technicians.forEach((tech, t) => {
    const locked = (tech.locked ?? []).map((id) => jobIndex.get(id)).filter((j): j is number => j !== undefined);
    if (!locked.length) return;
    const plan = plans[t]!;
    const present = new Set(locked);
    for (const j of unassigned) if (present.has(j)) unassigned.splice(unassigned.indexOf(j), 1);
    const rest = plan.filter((s) => !(s.type === StopType.Job && present.has(s.idx)));
    // a pickup serving a locked job would now come after it: keep pickups in front of the locked jobs
    const pickups = rest.filter((s) => s.type === StopType.Pickup);
    const jobs = rest.filter((s) => s.type === StopType.Job);
    let next: PlanStop[] = [...pickups, ...locked.map((j) => ins.jobStop(j)), ...jobs];
    for (;;) {
      const r = ins.sched.run(t, next);
      if (r.feasible) {
        routeCost[t] = r.cost;
        break;
      }
      // drop the last unlocked job (or the failing one when it is unlocked)
      let i = r.failPos >= pickups.length + locked.length ? r.failPos : next.length - 1;
      while (i >= pickups.length + locked.length && next[i]!.type !== StopType.Job) i--;
      if (i < pickups.length + locked.length) {
        // only the locked jobs (and pickups) are left and still infeasible: leave it to the checker to say why
        routeCost[t] = r.cost;
        break;
      }
      unassigned.push(next[i]!.idx);
      next = [...next.slice(0, i), ...next.slice(i + 1)];
    }
    plans[t] = next;
  });
  return { ...sol, plans, unassigned, routeCost };
}
