// Every unassigned job says why, and which technicians came closest and what stopped each.
import { describe, expect, it } from 'vitest';
import { checkBoard } from '../checker/index.ts';
import { parseProblem } from '../model/parse.ts';
import { solve } from '../solve.ts';
import { at, tinyProblem, type TinyProblem } from './fixture.test-helper.ts';

async function unassignedOf(p: TinyProblem) {
  const problem = parseProblem(p);
  const board = await solve(problem, { maxIterations: 20, timeLimitSec: 30 });
  expect(checkBoard(problem, board).violations).toEqual([]);
  return board.unassigned;
}

describe('unassigned reasons', () => {
  it('no_skilled_technician, naming the missing skill and the level gap', async () => {
    const p = tinyProblem();
    p.jobs[1]!.skills = { plumbing: 2 };
    p.jobs[0]!.skills = { hvac: 4 };
    const u = await unassignedOf(p);
    expect(u.map((x) => [x.jobId, x.reason, x.closest[0]!.blocker, x.closest[0]!.detail])).toEqual([
      ['A', 'no_skilled_technician', 'level', 'hvac level 3 < 4 required'],
      ['B', 'no_skilled_technician', 'skill', 'lacks plumbing'],
    ]);
  });

  it('unreachable when the road network has no route to the job (a null matrix cell)', async () => {
    const p = tinyProblem();
    for (let i = 0; i < 4; i++) {
      if (i === 2) continue;
      p.matrix.durationsSec[i]![2] = null;
      p.matrix.durationsSec[2]![i] = null;
      p.matrix.distancesM[i]![2] = null;
      p.matrix.distancesM[2]![i] = null;
    }
    const u = await unassignedOf(p);
    expect(u.map((x) => [x.jobId, x.reason, x.closest[0]!.blocker])).toEqual([['B', 'unreachable', 'unreachable']]);
  });

  it('window_unreachable when no one can arrive inside the window', async () => {
    const p = tinyProblem();
    // the shop is 600 s from A and the shift starts at 08:00: 08:00–08:05 cannot be made
    p.jobs[0]!.windows = [{ start: at('08:00'), end: at('08:05') }];
    const u = await unassignedOf(p);
    expect(u.map((x) => [x.jobId, x.reason, x.closest[0]!.detail])).toEqual([['A', 'window_unreachable', 'earliest arrival 08:10, windows 08:00–08:05']]);
  });

  it('parts_unavailable when neither the van nor any supply house has the part', async () => {
    const p = tinyProblem();
    p.parts.push({ sku: 'CONDENSER' });
    p.jobs[1]!.parts = { CONDENSER: 1 };
    const u = await unassignedOf(p);
    expect(u.map((x) => [x.jobId, x.reason, x.closest[0]!.blocker])).toEqual([['B', 'parts_unavailable', 'parts']]);
  });

  it('no_capacity when the job fits an empty day but not the day as planned', async () => {
    const p = tinyProblem();
    // B alone fits (08:15–10:45, back 11:00); after A (08:30–09:00) and the urgent C at the same
    // place (09:05–11:35) it would end at 14:05, past the latest return 12:30
    p.jobs[1]!.durationMin = 150;
    p.jobs.push({ id: 'C', location: { lat: 0.02, lon: 0, matrixIndex: 2 }, durationMin: 150, priority: 'urgent' });
    const u = await unassignedOf(p);
    expect(u.map((x) => [x.jobId, x.reason, x.closest[0]!.blocker])).toEqual([['B', 'no_capacity', 'full']]);
  });
});
