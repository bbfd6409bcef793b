// timePlans(problem, routes) -> a timed board for job orders chosen elsewhere (a dispatcher, a
// baseline policy in the simulator): each technician's jobs in the given order, a supply-house
// pickup added before a job whose parts the van lacks, and any job that cannot follow in that
// order (window, shift, skill, parts…) dropped to the unassigned list with its reason.
import { compile, type CompileOptions } from '../compile/compile.ts';
import type { Board } from '../model/board.ts';
import type { Problem } from '../model/problem.ts';
import { Inserter, type Solution } from '../search/greedy.ts';
import { StopType, type PlanStop } from '../search/schedule.ts';
import { unload } from '../search/unload.ts';

export interface TimedPlans {
  board: Board;
  /** Jobs listed on a route that could not be kept there, in the order met. */
  dropped: string[];
}

/** A supply-house stop to keep where it is (e.g. from the board being re-timed). */
export interface PickupOrder {
  supplyHouseId: string;
  parts: Readonly<Record<string, number>>;
}

/** Stops of each technician, by technician id, in visiting order: job ids, and optionally pickups (locked jobs go first, as the problem says). */
export type RouteOrders = Readonly<Record<string, readonly (string | PickupOrder)[]>>;

/** A board's routes as RouteOrders (jobs and pickups in order). */
export function routeOrders(board: Board): Record<string, (string | PickupOrder)[]> {
  return Object.fromEntries(
    board.routes.map((r) => [
      r.technicianId,
      r.stops.flatMap((s): (string | PickupOrder)[] =>
        s.kind === 'job' && s.jobId !== undefined ? [s.jobId] : s.kind === 'pickup' && s.supplyHouseId !== undefined ? [{ supplyHouseId: s.supplyHouseId, parts: s.partsLoaded ?? {} }] : [],
      ),
    ]),
  );
}

export async function timePlans(problem: Problem, routes: RouteOrders, options: CompileOptions & { solverName?: string } = {}): Promise<TimedPlans> {
  const t0 = performance.now();
  const c = await compile(problem, options);
  const ins = new Inserter(c);
  const jobIndex = new Map(c.jobIds.map((id, j) => [id, j]));
  const onRoute = new Uint8Array(c.nJobs);
  const dropped: string[] = [];
  const plans: PlanStop[][] = [];
  const routeCost = new Float64Array(c.nTechs);
  for (let t = 0; t < c.nTechs; t++) {
    const tech = problem.technicians[t]!;
    const locked = tech.locked ?? [];
    const given = routes[tech.id] ?? [];
    const order = [...locked, ...given.filter((x) => typeof x !== 'string' || !locked.includes(x))];
    const plan: PlanStop[] = [];
    let cost = ins.sched.run(t, plan).cost;
    for (const id of order) {
      if (typeof id !== 'string') {
        const h = c.houseIds.indexOf(id.supplyHouseId);
        const loads: number[] = [];
        for (const [sku, q] of Object.entries(id.parts)) {
          const k = c.skus.indexOf(sku);
          if (k >= 0 && q > 0) loads.push(k, q);
        }
        const l = Int32Array.from(loads);
        if (h < 0 || !loads.length || !ins.houseCanSupply(h, l)) continue;
        plan.push({ type: StopType.Pickup, idx: h, loads: l });
        const r = ins.sched.run(t, plan);
        if (!r.feasible) {
          plan.pop();
          continue;
        }
        for (let x = 0; x < l.length; x += 2) ins.houseLeft[h * c.nSkus + l[x]!] = ins.houseLeft[h * c.nSkus + l[x]!]! - l[x + 1]!;
        cost = r.cost;
        continue;
      }
      const j = jobIndex.get(id);
      if (j === undefined || onRoute[j]) {
        if (j === undefined && !problem.jobs.some((x) => x.id === id)) throw new RangeError(`route of ${tech.id} names unknown job ${id}`);
        continue; // closed (done, under way, cancelled) or already placed
      }
      const e = ins.best(t, plan, cost, j, plan.length);
      if (!e) {
        dropped.push(id);
        continue;
      }
      ins.apply(plan, e, j);
      onRoute[j] = 1;
      cost = ins.sched.run(t, plan).cost;
    }
    plans.push(plan);
    routeCost[t] = cost;
  }
  const unassigned: number[] = [];
  for (let j = 0; j < c.nJobs; j++) if (!onRoute[j]) unassigned.push(j);
  const sol: Solution = { plans, unassigned, routeCost, iterations: 0 };
  const board = unload(c, sol, ins, { solverName: options.solverName ?? 'plans', seed: problem.settings.seed, elapsedMs: Math.round(performance.now() - t0) });
  if (problem.now !== undefined) board.asOf = problem.now;
  return { board, dropped };
}
