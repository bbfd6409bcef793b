// What the board page reads, indexed once per render: the board, the problem it answers, and
// lookups by wire id. Labels fall back to ids when the problem leaves names out.
import type { Board, Job, Problem, Route, SupplyHouse, Technician } from '@truckroll/solver';
import { clockRange } from './format.ts';
import { techColour } from './palette.ts';

export interface BoardData {
  problem: Problem;
  board: Board;
  techs: Map<string, Technician>;
  jobs: Map<string, Job>;
  supplyHouses: Map<string, SupplyHouse>;
  /** Each technician's route (absent: not on the board). */
  routes: Map<string, Route>;
  /** Route colour by technician id (the problem's order decides it, so it is stable across updates). */
  colours: Map<string, string>;
}

export function boardData(problem: Problem, board: Board): BoardData {
  const techs = new Map(problem.technicians.map((t) => [t.id, t]));
  const colours = new Map(problem.technicians.map((t, i) => [t.id, techColour(i)]));
  // a route for a technician the problem no longer lists still gets a colour of its own
  for (const r of board.routes) if (!colours.has(r.technicianId)) colours.set(r.technicianId, techColour(colours.size));
  return {
    problem,
    board,
    techs,
    jobs: new Map(problem.jobs.map((j) => [j.id, j])),
    supplyHouses: new Map(problem.supplyHouses.map((s) => [s.id, s])),
    routes: new Map(board.routes.map((r) => [r.technicianId, r])),
    colours,
  };
}

/** "Marcus Jackson" or the id. */
export const techName = (d: BoardData, techId: string): string => d.techs.get(techId)?.name ?? techId;

/** "Marcus Jackson (T01)" or the id. */
export function techLabel(d: BoardData, techId: string): string {
  const name = d.techs.get(techId)?.name;
  return name ? `${name} (${techId})` : techId;
}

/** Technicians in display order: the problem's, then any route whose technician it does not list. */
export function techIds(d: BoardData): string[] {
  const ids = d.problem.technicians.map((t) => t.id);
  for (const r of d.board.routes) if (!d.techs.has(r.technicianId)) ids.push(r.technicianId);
  return ids;
}

/** The job's arrival windows as "08:00–12:00, 13:00–17:00", or "any time". */
export function windowsText(job: Job | undefined): string {
  if (!job || job.windows.length === 0) return 'any time';
  return job.windows.map((w) => clockRange(w.start, w.end)).join(', ');
}
