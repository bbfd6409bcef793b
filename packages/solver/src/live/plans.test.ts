import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBoard } from '../checker/index.ts';
import { parseProblem } from '../model/parse.ts';
import { solve } from '../solve.ts';
import { routeOrders, timePlans } from './plans.ts';

const SMALL = fileURLToPath(new URL('../../../../datasets/small.json', import.meta.url));
const problem = parseProblem(JSON.parse(readFileSync(SMALL, 'utf8')));

const orders = (b: Awaited<ReturnType<typeof solve>>) =>
  Object.fromEntries(b.routes.map((r) => [r.technicianId, r.stops.filter((s) => s.kind === 'job').map((s) => s.jobId!)]));

describe('timePlans', () => {
  it('re-times a solved board’s job orders into a valid board with the same routes', async () => {
    const solved = await solve(problem, { seed: 1, maxIterations: 100, timeLimitSec: 60 });
    const { board, dropped } = await timePlans(problem, routeOrders(solved));
    expect(dropped).toEqual([]);
    expect(checkBoard(problem, board).violations).toEqual([]);
    expect(orders(board)).toEqual(orders(solved));
  });

  it('with job orders only, adds pickups where parts are short and drops what no longer fits', async () => {
    const solved = await solve(problem, { seed: 1, maxIterations: 100, timeLimitSec: 60 });
    const { board, dropped } = await timePlans(problem, orders(solved));
    expect(checkBoard(problem, board).violations).toEqual([]);
    for (const id of dropped) expect(board.unassigned.some((u) => u.jobId === id)).toBe(true);
    expect(board.kpis.jobsScheduled + dropped.length).toBe(solved.kpis.jobsScheduled);
  });

  it('drops what cannot follow in the given order (a job for an unskilled technician), with a reason', async () => {
    const job = problem.jobs.find((j) => Object.keys(j.skills).length > 0)!;
    const skill = Object.keys(job.skills)[0]!;
    const unskilled = problem.technicians.find((t) => (t.skills[skill] ?? 0) < job.skills[skill]!)!;
    const { board, dropped } = await timePlans(problem, { [unskilled.id]: [job.id] });
    expect(dropped).toEqual([job.id]);
    expect(checkBoard(problem, board).violations).toEqual([]);
    expect(board.unassigned.find((u) => u.jobId === job.id)).toBeDefined();
  });

  it('rejects an unknown job id', async () => {
    await expect(timePlans(problem, { [problem.technicians[0]!.id]: ['NOPE'] })).rejects.toThrow(/unknown job NOPE/);
  });
});
