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
    const original = plans[t]!;
    const present = new Set(locked);
    const rest = original.filter((s) => !(s.type === StopType.Job && present.has(s.idx)));
    // a pickup loading parts of a locked job would now come after it: those go in front of the
    // locked jobs; every other pickup keeps its place among the jobs it was loading for
    const lockedSkus = new Set<number>();
    for (const j of locked) for (let q = c.jobPartStart[j]!; q < c.jobPartStart[j + 1]!; q++) lockedSkus.add(c.partSku[q]!);
    const front = rest.filter((s) => s.type === StopType.Pickup && loadsAny(s, lockedSkus));
    let tail = rest.filter((s) => !front.includes(s));
    const head = [...front, ...locked.map((j) => ins.jobStop(j))];
    const dropped: number[] = [];
    for (;;) {
      const next = [...head, ...tail];
      const r = ins.sched.run(t, next);
      if (r.feasible) {
        plans[t] = next;
        routeCost[t] = r.cost;
        break;
      }
      // drop the failing job when it is behind the locked ones, else the last one
      const jobsBehind = tail.filter((s) => s.type === StopType.Job);
      if (!jobsBehind.length) {
        if (tail.length) {
          tail = []; // pickups with no job left to load for
          continue;
        }
        // the locked jobs cannot open the route (the search saw them only as a set): keep the
        // search's own feasible route, and the checker says which lock does not hold
        plans[t] = original;
        dropped.length = 0;
        break;
      }
      const failing = r.failPos >= head.length ? next[r.failPos] : undefined;
      const victim = failing && failing.type === StopType.Job ? failing : jobsBehind[jobsBehind.length - 1]!;
      dropped.push(victim.idx);
      tail = tail.filter((s) => s !== victim);
    }
    for (let k = unassigned.length - 1; k >= 0; k--) if (present.has(unassigned[k]!) && plans[t] !== original) unassigned.splice(k, 1);
    unassigned.push(...dropped);
  });
  return { ...sol, plans, unassigned, routeCost };
}

function loadsAny(s: PlanStop, skus: ReadonlySet<number>): boolean {
  const l = s.loads;
  if (!l) return false;
  for (let m = 0; m < l.length; m += 2) if (l[m + 1]! > 0 && skus.has(l[m]!)) return true;
  return false;
}
