// The contract between the simulated world and a dispatch policy: the policy gets the morning
// problem once, then batches of the events the world observed (in time order, none from the
// future), and answers each time with its problem and board. The world follows the board; the
// runner checks every board against the policy's problem with the independent checker.
import type { Board, LiveEvent, Problem } from '@truckroll/solver';
import type { PolicyName } from '../scenario/schema.ts';

export interface PolicyView {
  /** The policy's problem after everything it was told (statuses, actuals, resume points, locks). */
  problem: Problem;
  /** Its current board for that problem (must pass checkBoard(problem, board)). */
  board: Board;
}

/** Boards made before the day starts, shared by the policies that start from them. */
export interface MorningBoards {
  /** solve() on the morning problem (engine and static start here). */
  engine(): Promise<Board>;
  /** The solver's cheapest-insertion greedy on the morning problem (the greedy dispatcher starts here). */
  greedy(): Promise<Board>;
}

export interface Policy {
  readonly name: PolicyName;
  /** The morning board. */
  start(problem: Problem, morning: MorningBoards): Promise<PolicyView>;
  /** Everything observed since the last call; `nowMs` is the moment of the hand-over (≥ every event's time). */
  update(events: readonly LiveEvent[], nowMs: number): Promise<PolicyView>;
  /** A booking policy: the arrival window it promised a caller (replaces the job's own windows for adherence and for when work may start). */
  promisedWindows?(jobId: string): readonly { start: string; end: string }[] | undefined;
}

export interface PolicyOptions {
  /** Lock each technician's stops that start within this many minutes of a re-plan. */
  lockedHorizonMin: number;
  /** Engine policies: re-plans hand planned work to technicians with idle time so others can take open work (replan's fillIdle). Default true. */
  fillIdle?: boolean;
}
