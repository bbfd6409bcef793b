// The engine policy fills idle time with open work (planning.fillIdle, on by default): a senior's
// morning holds an apprentice-level job, a senior-level job is open, the apprentice has nothing.
// At the next hand-over of events the apprentice takes the simple job and the senior the open one;
// with fillIdle off the open job keeps waiting. Real solver, real checker, no mocks.
import { checkBoard, parseProblem, timePlans, type Board, type LiveEvent, type Problem } from '@truckroll/solver';
import { describe, expect, it } from 'vitest';
import { makePolicy } from './index.ts';
import type { MorningBoards } from './types.ts';

const day = (hhmm: string) => `2026-03-02T${hhmm}:00-07:00`;
const at = (i: number) => ({ lat: 39.7 + i / 100, lon: -105 });
const morning = [{ start: day('08:00'), end: day('12:00') }];

const problem: Problem = parseProblem({
  technicians: [
    { id: 'SENIOR', start: at(0), shift: { start: day('08:00'), end: day('12:00'), maxOvertimeMin: 0 }, skills: { hvac: 3 } },
    { id: 'APPRENTICE', start: at(0), shift: { start: day('08:00'), end: day('12:00'), maxOvertimeMin: 0 }, skills: { hvac: 1 } },
  ],
  jobs: [
    // only one of the two fits in a four-hour morning
    { id: 'SIMPLE', location: at(1), durationMin: 150, windows: morning, skills: { hvac: 1 } },
    { id: 'HARD', location: at(2), durationMin: 150, windows: morning, skills: { hvac: 3 }, value: 500 },
  ],
});

async function boards(): Promise<MorningBoards> {
  const { board } = await timePlans(problem, { SENIOR: ['SIMPLE'], APPRENTICE: [] });
  return { engine: async () => board, greedy: async () => board };
}

/** Where each job is after the first hand-over of events (a position report before anyone has left). */
async function afterFirstUpdate(fillIdle?: boolean): Promise<{ board: Board; tech: (jobId: string) => string | undefined }> {
  const policy = makePolicy('engine', { lockedHorizonMin: 0, ...(fillIdle === undefined ? {} : { fillIdle }) });
  const start = await policy.start(problem, await boards());
  expect(start.board.unassigned.map((u) => u.jobId)).toEqual(['HARD']);
  const events: LiveEvent[] = [{ type: 'technician_position', at: day('07:45'), technicianId: 'APPRENTICE', location: at(0) }];
  const v = await policy.update(events, Date.parse(day('07:45')));
  expect(checkBoard(v.problem, v.board).violations).toEqual([]);
  return { board: v.board, tech: (jobId) => v.board.routes.find((r) => r.stops.some((s) => s.jobId === jobId))?.technicianId };
}

describe('engine policy: fillIdle', () => {
  it('by default hands the simple job to the idle apprentice so the senior takes the open one', async () => {
    const { board, tech } = await afterFirstUpdate();
    expect(board.unassigned).toEqual([]);
    expect(tech('SIMPLE')).toBe('APPRENTICE');
    expect(tech('HARD')).toBe('SENIOR');
  });

  it('off: the open job waits and the apprentice stays idle', async () => {
    const { board, tech } = await afterFirstUpdate(false);
    expect(board.unassigned.map((u) => u.jobId)).toEqual(['HARD']);
    expect(tech('SIMPLE')).toBe('SENIOR');
  });
});
