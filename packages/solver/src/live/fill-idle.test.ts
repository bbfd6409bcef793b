// replan({ fillIdle }): hand-over chains turn idle time into open work. A senior technician's
// morning holds an apprentice-level job; a senior-level job waits unassigned; the apprentice has
// nothing to do. Only a hand-over places the open job: the apprentice takes the simple job, the
// senior the open one. Every board is judged by the independent checker.
import { describe, expect, it } from 'vitest';
import { checkBoard } from '../checker/index.ts';
import type { Board } from '../model/board.ts';
import { parseProblem } from '../model/parse.ts';
import type { Problem, ProblemInput } from '../model/problem.ts';
import { handOverDay, handOverShop } from './hand-over.test-helper.ts';
import { timePlans } from './plans.ts';
import { replan, type ReplanResult } from './replan.ts';

function shop(patch: (p: ProblemInput) => void = () => {}): Problem {
  const input: ProblemInput = { ...handOverShop(), now: handOverDay('07:30') }; // before anyone has left
  patch(input);
  return parseProblem(input);
}

/** The board as it stands: the senior has the simple job, the hard one is unassigned, the apprentice has nothing. */
async function boardOf(p: Problem): Promise<Board> {
  const { board } = await timePlans(p, { SENIOR: ['SIMPLE'], APPRENTICE: [] });
  expect(board.unassigned.map((u) => u.jobId)).toEqual(['HARD']);
  return board;
}

function expectValid(r: ReplanResult): void {
  expect(checkBoard(r.problem, r.board).violations.map((v) => `${v.code}: ${v.message}`)).toEqual([]);
}

const techOf = (b: Board, jobId: string) => b.routes.find((r) => r.stops.some((s) => s.jobId === jobId))?.technicianId;

describe('replan fillIdle', () => {
  it('without it, the open job waits: it fits nowhere as the board stands', async () => {
    const p = shop();
    const r = await replan(p, await boardOf(p), []);
    expectValid(r);
    expect(r.board.unassigned.map((u) => u.jobId)).toEqual(['HARD']);
    expect(techOf(r.board, 'SIMPLE')).toBe('SENIOR');
    expect(r.disruption.jobsMoved).toBe(0);
  });

  it('with it, the idle apprentice takes the simple job and the senior the open one', async () => {
    const p = shop();
    const r = await replan(p, await boardOf(p), [], { fillIdle: true });
    expectValid(r);
    expect(r.board.unassigned).toEqual([]);
    expect(techOf(r.board, 'SIMPLE')).toBe('APPRENTICE');
    expect(techOf(r.board, 'HARD')).toBe('SENIOR');
    // one planned job changed hands, one open job was scheduled
    expect(r.changes.find((c) => c.jobId === 'SIMPLE')).toMatchObject({ kind: 'reassigned', after: { technicianId: 'APPRENTICE' } });
    expect(r.changes.find((c) => c.jobId === 'HARD')).toMatchObject({ kind: 'scheduled' });
    expect(r.disruption.reassigned).toBe(1);
  });

  it('only when it pays: a hand-over dearer than the open job is worth leaves the board alone', async () => {
    const p = shop((x) => {
      x.settings = { weights: { disruptionReassign: 5000 } };
    });
    const r = await replan(p, await boardOf(p), [], { fillIdle: true });
    expectValid(r);
    expect(r.board.unassigned.map((u) => u.jobId)).toEqual(['HARD']);
    expect(techOf(r.board, 'SIMPLE')).toBe('SENIOR');
  });

  it('never hands over work that is under way or locked', async () => {
    const p = shop((x) => {
      x.technicians[0]!.locked = ['SIMPLE'];
    });
    const r = await replan(p, await boardOf(p), [], { fillIdle: true });
    expectValid(r);
    expect(techOf(r.board, 'SIMPLE')).toBe('SENIOR');
    expect(r.board.unassigned.map((u) => u.jobId)).toEqual(['HARD']);
  });
});
