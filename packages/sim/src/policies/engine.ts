// The engine policy: Truckroll's live board. The morning board is solve()'s; every hand-over of
// events goes through replan() (disruption-priced repair, emergencies to their deadline, backfill,
// and hand-over chains that turn a technician's idle time into open work: planning.fillIdle).
// It also tracks parts: a job waiting on parts is held off the board until the parts_arrived
// event says they are in, so no technician is sent before they are (the other policies trust the
// promised arrival time). Held jobs carry an earliest start past the end of the day in the
// policy's problem: stricter than the day's own, so every board is valid for both.
import { formatIso, offsetMinutesOf, parseIso, replan, routeOrders, timePlans, type Board, type LiveEvent, type Problem } from '@truckroll/solver';
import type { MorningBoards, Policy, PolicyOptions, PolicyView } from './types.ts';

/** An earliest start no technician can meet: an hour after the last possible return. */
export function holdTime(problem: Problem): string {
  const offset = offsetMinutesOf(problem.technicians[0]!.shift.start);
  const latest = Math.max(...problem.technicians.map((t) => parseIso(t.shift.end) + t.shift.maxOvertimeMin * 60_000));
  return formatIso(latest + 60 * 60_000, offset);
}

export function enginePolicy(options: PolicyOptions): Policy {
  let problem: Problem;
  let board: Board;
  return {
    name: 'engine',
    async start(morningProblem, morning: MorningBoards): Promise<PolicyView> {
      const solved = await morning.engine();
      const held = morningProblem.jobs.filter((j) => j.status === 'waiting_on_parts');
      if (!held.length) {
        problem = morningProblem;
        board = solved;
        return { problem, board };
      }
      problem = structuredClone(morningProblem);
      const hold = holdTime(problem);
      const heldIds = new Set(held.map((j) => j.id));
      for (const j of problem.jobs) if (heldIds.has(j.id)) j.earliestStart = hold;
      const orders = routeOrders(solved);
      for (const id of Object.keys(orders)) orders[id] = orders[id]!.filter((x) => typeof x !== 'string' || !heldIds.has(x));
      board = (await timePlans(problem, orders, { solverName: 'engine' })).board;
      return { problem, board };
    },
    async update(events: readonly LiveEvent[]): Promise<PolicyView> {
      const r = await replan(problem, board, events, { lockedHorizonMin: options.lockedHorizonMin, fillIdle: options.fillIdle ?? true });
      problem = r.problem;
      board = r.board;
      return { problem, board };
    },
  };
}
