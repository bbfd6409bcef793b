// checkBoard: the independent verifier. Re-reads the raw problem and a board, checks every hard
// constraint, recomputes route totals, KPIs and cost, and compares the board's stated figures.
import type { Board, Job, Problem } from '../model/index.ts';
import { CLOSED_STATUSES, parseIso } from '../model/index.ts';
import { computeCost } from './cost.ts';
import { num } from './format.ts';
import { compareKpis, compareTotals, computeKpis } from './kpis.ts';
import type { LegLookup } from './travel.ts';
import { idleTotals, walkRoute, type CheckContext, type RouteFacts } from './route.ts';
import type { CheckResult, RouteCheck, Violation } from './types.ts';

/** Statuses that keep a job off every route (done, under way, called off). */
const CLOSED = CLOSED_STATUSES;

/**
 * Options for travel the checker cannot recompute on its own: with `settings.travel.model` "osrm",
 * `legs` gives the road table the solve used (the checker still re-derives every time from it).
 */
export interface CheckOptions {
  legs?: LegLookup;
}

/**
 * Checks `board` against `problem` (already parsed by parseProblem, defaults filled).
 * A board that parses (parseBoard) never makes it throw: every problem found is a Violation.
 * O(stops × (skills + parts) + jobs).
 */
export function checkBoard(problem: Problem, board: Board, options: CheckOptions = {}): CheckResult {
  const out: Violation[] = [];
  const techs = new Map(problem.technicians.map((t) => [t.id, t]));
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const houses = new Map(problem.supplyHouses.map((h) => [h.id, h]));
  const t0Ms = problem.technicians.length ? Math.min(...problem.technicians.map((t) => parseIso(t.shift.start))) : 0;
  const ctx: CheckContext = { problem, t0Ms, resSec: problem.settings.timeResolutionSec, jobs, houses, out, legs: options.legs };

  /** Where each known job appears: a technician's route, or the unassigned list (technicianId undefined). */
  const placements = new Map<string, (string | undefined)[]>();
  const counted = new Map<string, RouteFacts>();
  const walked: RouteFacts[] = [];
  const routes: RouteCheck[] = [];

  for (const route of board.routes) {
    const techId = route.technicianId;
    const tech = techs.get(techId);
    if (!tech) {
      out.push({ code: 'unknown_technician', message: `route of unknown technician ${techId}`, technicianId: techId });
    } else if (counted.has(techId)) {
      out.push({ code: 'route_twice', message: `tech ${techId} has more than one route`, technicianId: techId });
    }
    route.stops.forEach((stop, stopIndex) => {
      if (stop.kind !== 'job') return;
      const job = stop.jobId === undefined ? undefined : jobs.get(stop.jobId);
      if (!job) {
        out.push({
          code: 'unknown_job',
          message: stop.jobId === undefined ? `stop ${stopIndex} on ${techId}'s route is a job stop without jobId` : `route of ${techId} visits unknown job ${stop.jobId}`,
          technicianId: techId,
          stopIndex,
          ...(stop.jobId === undefined ? {} : { jobId: stop.jobId }),
        });
        return;
      }
      if (CLOSED.has(job.status)) {
        out.push({ code: 'status', message: `job ${job.id} is ${job.status}; it is on ${techId}'s route`, jobId: job.id, technicianId: techId, stopIndex, actual: job.status });
      }
      placements.set(job.id, [...(placements.get(job.id) ?? []), techId]);
    });
    (route.done ?? []).forEach((d, k) => {
      const job = jobs.get(d.jobId);
      const extra = { jobId: d.jobId, technicianId: techId };
      if (!job) out.push({ code: 'unknown_job', message: `history entry ${k} of ${techId}'s route names unknown job ${d.jobId}`, ...extra });
      else if (!CLOSED.has(job.status) || job.status !== d.status) {
        out.push({ code: 'history', message: `history of ${techId} lists job ${d.jobId} as ${d.status}; the problem says it is ${job.status}`, ...extra, expected: job.status, actual: d.status });
      } else if (job.actual && job.actual.technicianId !== techId) {
        out.push({ code: 'history', message: `history of ${techId} lists job ${d.jobId}; ${job.actual.technicianId} did it`, ...extra, expected: job.actual.technicianId, actual: techId });
      }
    });
    if (!tech) continue;
    const facts = walkRoute(ctx, route, tech);
    walked.push(facts);
    routes.push({ technicianId: techId, totals: facts.totals });
    compareTotals(techId, route.totals, facts.totals, out);
    if (!counted.has(techId)) counted.set(techId, facts);
  }

  const unassignedJobs: Job[] = [];
  for (const u of board.unassigned) {
    const job = jobs.get(u.jobId);
    if (!job) {
      out.push({ code: 'unknown_job', message: `unassigned list names unknown job ${u.jobId}`, jobId: u.jobId });
      continue;
    }
    unassignedJobs.push(job);
    placements.set(job.id, [...(placements.get(job.id) ?? []), undefined]);
  }

  const where = (techId: string | undefined): string => (techId === undefined ? 'in the unassigned list' : `on ${techId}'s route`);
  for (const job of problem.jobs) {
    if (CLOSED.has(job.status)) continue;
    const at = placements.get(job.id) ?? [];
    if (at.length === 0) {
      out.push({ code: 'job_missing', message: `job ${job.id} is neither on a route nor in the unassigned list`, jobId: job.id, expected: 1, actual: 0 });
    } else if (at.length > 1) {
      const techId = at.slice(1).find((t) => t !== undefined) ?? at[0];
      out.push({
        code: 'job_twice',
        message: `job ${job.id} appears ${at.length} times: ${at.map(where).join(', ')}`,
        jobId: job.id,
        ...(techId === undefined ? {} : { technicianId: techId }),
        expected: 1,
        actual: at.length,
      });
    }
  }

  // Supply-house stock over all routes.
  const loaded = new Map<string, Map<string, number>>();
  for (const f of walked) {
    for (const [houseId, perSku] of f.loaded) {
      let total = loaded.get(houseId);
      if (!total) loaded.set(houseId, (total = new Map()));
      for (const [sku, n] of perSku) total.set(sku, (total.get(sku) ?? 0) + n);
    }
  }
  for (const [houseId, perSku] of loaded) {
    const house = houses.get(houseId)!;
    for (const [sku, n] of perSku) {
      const stock = house.stock[sku] ?? 0;
      if (n > stock) out.push({ code: 'supply_house', message: `routes load ${num(n)} × ${sku} at ${houseId}; it stocks ${num(stock)}`, expected: stock, actual: n });
    }
  }

  const perTech = problem.technicians.map((t) => counted.get(t.id)?.totals ?? idleTotals(t));
  const scheduled = [...counted.values()].flatMap((f) => f.scheduled);
  const kpis = computeKpis(problem, t0Ms, perTech, scheduled, board.unassigned.length);
  compareKpis(board.kpis, kpis, out);
  const cost = computeCost(problem, t0Ms, [...counted.values()], unassignedJobs);

  return { ok: out.length === 0, violations: out, kpis, routes, cost };
}
