// `truckroll replan` in-process: a cancellation and an emergency on the small sample, text and JSON.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBoard } from '../checker/index.ts';
import { parseProblem } from '../model/parse.ts';
import { handOverDay, handOverPlace, handOverShop } from '../live/hand-over.test-helper.ts';
import { timePlans } from '../live/plans.ts';
import { solve } from '../solve.ts';
import { replanCommand } from './replan.ts';
import { ROOT } from './run.test-helper.ts';

describe('truckroll replan', () => {
  it('prints who moved and the emergency, then the board; --json gives the board and the updated problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truckroll-replan-'));
    const problemPath = join(ROOT, 'datasets/small.json');
    const problem = parseProblem(JSON.parse(readFileSync(problemPath, 'utf8')));
    const board = await solve(problem, { seed: 1, maxIterations: 100, timeLimitSec: 60 });
    writeFileSync(join(dir, 'board.json'), JSON.stringify(board));
    const day = problem.technicians[0]!.shift.start;
    const at = (hhmm: string) => `${day.slice(0, 11)}${hhmm}:00${day.slice(19)}`;
    const victim = board.routes.flatMap((r) => r.stops).filter((s) => s.kind === 'job')[3]!;
    writeFileSync(
      join(dir, 'events.json'),
      JSON.stringify({
        events: [
          { type: 'job_cancelled', at: at('07:10'), jobId: victim.jobId },
          { type: 'job_added', at: at('07:20'), job: { id: 'EM-CLI', location: victim.location, durationMin: 30, priority: 'emergency', calledAt: at('07:20'), responseDeadline: at('10:00') } },
        ],
      }),
    );
    let text = '';
    expect(await replanCommand([problemPath, join(dir, 'board.json'), join(dir, 'events.json')], (s) => (text += s))).toBe(0);
    expect(text).toMatch(new RegExp(`${victim.jobId}\\s+cancelled`));
    expect(text).toMatch(/emergency EM-CLI: T\d+ arrives \d\d:\d\d, deadline 10:00 \(on time\)/);
    let json = '';
    expect(await replanCommand([problemPath, join(dir, 'board.json'), join(dir, 'events.json'), '--json', '--out-problem', join(dir, 'p2.json')], (s) => (json += s))).toBe(0);
    const r = JSON.parse(json) as { board: Parameters<typeof checkBoard>[1]; problem: unknown };
    const updated = parseProblem(JSON.parse(readFileSync(join(dir, 'p2.json'), 'utf8')));
    expect(updated.jobs.find((j) => j.id === victim.jobId)!.status).toBe('cancelled');
    expect(checkBoard(updated, r.board).violations).toEqual([]);
  });

  it('names the bad field of an event and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truckroll-replan-'));
    const problemPath = join(ROOT, 'datasets/small.json');
    const board = await solve(parseProblem(JSON.parse(readFileSync(problemPath, 'utf8'))), { seed: 1, maxIterations: 20, timeLimitSec: 60 });
    writeFileSync(join(dir, 'board.json'), JSON.stringify(board));
    writeFileSync(join(dir, 'events.json'), JSON.stringify([{ type: 'job_cancelled', at: 'yesterday', jobId: 'J0001' }]));
    const err: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (err.push(s), true)) as typeof process.stderr.write;
    try {
      expect(await replanCommand([problemPath, join(dir, 'board.json'), join(dir, 'events.json')], () => {})).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(err.join('')).toMatch(/events\[0\]\.at/);
  });

  it('--fill-idle hands a planned job to an idle technician so an open one gets done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truckroll-replan-fill-'));
    const d = handOverDay;
    const loc = handOverPlace;
    const input = handOverShop();
    writeFileSync(join(dir, 'problem.json'), JSON.stringify(input));
    const { board } = await timePlans(parseProblem(input), { SENIOR: ['SIMPLE'], APPRENTICE: [] });
    writeFileSync(join(dir, 'board.json'), JSON.stringify(board));
    writeFileSync(join(dir, 'events.json'), JSON.stringify([{ type: 'technician_position', at: d('07:30'), technicianId: 'SENIOR', location: loc(0) }]));
    const run = async (...flags: string[]) => {
      let json = '';
      expect(await replanCommand([join(dir, 'problem.json'), join(dir, 'board.json'), join(dir, 'events.json'), '--json', ...flags], (s) => (json += s))).toBe(0);
      const r = JSON.parse(json) as { board: Parameters<typeof checkBoard>[1]; problem: Parameters<typeof checkBoard>[0] };
      expect(checkBoard(parseProblem(r.problem), r.board).violations).toEqual([]);
      return (jobId: string) => r.board.routes.find((x) => x.stops.some((s) => s.jobId === jobId))?.technicianId ?? null;
    };
    expect((await run())('HARD')).toBeNull();
    const filled = await run('--fill-idle');
    expect(filled('HARD')).toBe('SENIOR');
    expect(filled('SIMPLE')).toBe('APPRENTICE');
  });
});
