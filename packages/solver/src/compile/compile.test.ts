import { describe, expect, it } from 'vitest';
import { parseProblem } from '../model/parse.ts';
import { at, tinyProblem } from '../search/fixture.test-helper.ts';
import { solomonTimeIso } from '../solomon/read.ts';
import { compile, durationForLevel, levelFor } from './compile.ts';
import { Compat, NO_TIME, UNREACHABLE } from './compiled.ts';

describe('compile', () => {
  it('turns times into ticks from the earliest shift start and ids into indices', async () => {
    const p = tinyProblem();
    p.jobs[1]!.status = 'cancelled';
    p.jobs.push({ id: 'C', location: { lat: 0, lon: 0, matrixIndex: 2 }, durationMin: 45, windows: [{ start: at('13:00'), end: at('15:00') }, { start: at('08:00'), end: at('10:00') }], earliestStart: at('09:15') });
    const c = await compile(parseProblem(p));
    expect(c.originMs).toBe(Date.parse(at('08:00')));
    expect(c.jobIds).toEqual(['A', 'C']); // the cancelled job is not planned
    expect([c.shiftStart[0], c.shiftEnd[0], c.latestEnd[0]]).toEqual([0, 4 * 3600, 4.5 * 3600]);
    // windows come out sorted by start
    expect([...c.winStart.slice(c.jobWinStart[1], c.jobWinStart[2])]).toEqual([0, 5 * 3600]);
    expect(c.release[1]).toBe(75 * 60);
    expect(c.release[0]).toBe(NO_TIME);
    expect(c.serviceTicks[1 * c.nTechs + 0]).toBe(45 * 60);
  });

  it('builds the leg matrix with padding, rounding up', async () => {
    const p = tinyProblem();
    p.settings!.buffer = { drivePaddingPct: 10, afterJobMin: 5, afterJobPct: 10 };
    p.matrix!.durationsSec[0]![1] = 600.4;
    p.matrix!.durationsSec[1]![2] = null;
    const c = await compile(parseProblem(p));
    const jobA = c.jobLoc[0]!;
    // 600.4 s × 1.1 = 660.44 -> 661 ticks; the exact drive is kept apart
    expect(c.legTicks[c.techStartLoc[0]! * c.nLocs + jobA]).toBe(661);
    expect(c.driveSec[c.techStartLoc[0]! * c.nLocs + jobA]).toBe(600.4);
    expect(c.legTicks[jobA * c.nLocs + c.jobLoc[1]!]).toBe(UNREACHABLE);
    // buffer after A: 5 min + 10% of 30 min = 8 min
    expect(c.bufferTicks[0]).toBe(8 * 60);
  });

  it('marks who may take which job, and the cost of over-qualification', async () => {
    const p = tinyProblem();
    p.technicians.push({ id: 'T2', start: { lat: 0, lon: 0, matrixIndex: 0 }, shift: { start: at('08:00'), end: at('12:00') }, skills: { hvac: 2 } });
    p.technicians.push({ id: 'T3', start: { lat: 0, lon: 0, matrixIndex: 0 }, shift: { start: at('08:00'), end: at('12:00') }, skills: { plumbing: 5 } });
    p.jobs[0]!.excludedTechnicians = ['T2'];
    const c = await compile(parseProblem(p));
    const at2 = (t: number, j: number) => c.compat[t * c.nJobs + j];
    expect([at2(0, 0), at2(1, 0), at2(2, 0)]).toEqual([Compat.Ok, Compat.Excluded, Compat.Skill]);
    expect([at2(0, 1), at2(1, 1), at2(2, 1)]).toEqual([Compat.Ok, Compat.Level, Compat.Skill]);
    expect(c.assignCost[0 * c.nJobs + 0]).toBe(10); // level 3 on a level-2 job
  });

  it('resolves durations by level, falling back to the nearest lower level', () => {
    const job = parseProblem(tinyProblem()).jobs[0]!;
    job.durationByLevelMin = { '2': 50, '4': 30 };
    expect(levelFor({ hvac: 3, plumbing: 5 }, { hvac: 2 })).toBe(3);
    expect(levelFor({ hvac: 3 }, {})).toBe(0);
    // level 1 has no entry at or below it: durationMin (30); 3 takes level 2's 50; 5 takes level 4's 30
    expect([1, 2, 3, 4, 5].map((l) => durationForLevel(job, l))).toEqual([30, 50, 50, 30, 30]);
  });

  it('keeps Solomon times exact at 1/1000 of a unit', () => {
    expect(solomonTimeIso(912)).toBe('2000-01-01T00:15:12Z');
  });
});
