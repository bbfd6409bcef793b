// recommend(): offers are feasible (booking any of them through replan gives a board the checker
// accepts with the job inside the offered window), ordered, and never silently move a promised
// customer; emergencies get the earliest arrival; parts and skills are respected.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBoard } from '../checker/index.ts';
import type { Board } from '../model/board.ts';
import { parseProblem } from '../model/parse.ts';
import { Job, type Problem } from '../model/problem.ts';
import { parseIso } from '../model/time.ts';
import { solve } from '../solve.ts';
import { recommend } from './offers.ts';
import { replan } from './replan.ts';

const MEDIUM = fileURLToPath(new URL('../../../../datasets/medium.json', import.meta.url));
let problem: Problem;
let board: Board;
let day: string;
const at = (hhmm: string) => `${day.slice(0, 11)}${hhmm}:00${day.slice(19)}`;

beforeAll(async () => {
  problem = parseProblem(JSON.parse(readFileSync(MEDIUM, 'utf8')));
  day = problem.technicians[0]!.shift.start;
  board = await solve(problem, { seed: 2, maxIterations: 300, timeLimitSec: 60 });
}, 120_000);

const newJob = (over: Partial<Job> & { id: string }) =>
  Job.parse({ location: problem.jobs[10]!.location, durationMin: 60, skills: { ...problem.jobs[10]!.skills }, value: 250, ...over });

async function book(job: Job, window: { start: string; end: string }, keepPromises: boolean) {
  return replan(problem, board, [{ type: 'job_added', at: at('07:00'), job: { ...job, windows: [window] } }], { now: at('07:00'), keepPromises });
}

describe('recommend', () => {
  it('offers up to k windows, those that keep every promise first, each by added cost; booking any offer keeps the job inside it', async () => {
    const job = newJob({ id: 'CALL-1' });
    const { offers } = await recommend(problem, board, job, { now: at('07:00'), k: 4 });
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < offers.length; i++) {
      const [a, b] = [offers[i - 1]!, offers[i]!];
      expect(Number(a.keepsPromises)).toBeGreaterThanOrEqual(Number(b.keepsPromises));
      if (a.keepsPromises === b.keepsPromises) expect(a.addedCost).toBeLessThanOrEqual(b.addedCost);
    }
    for (const o of offers) {
      expect(parseIso(o.plannedStart)).toBeGreaterThanOrEqual(parseIso(o.window.start));
      expect(parseIso(o.plannedStart)).toBeLessThanOrEqual(parseIso(o.window.end));
      expect(o.keepsPromises).toBe(o.wouldMove.length === 0);
      const r = await book(job, o.window, o.keepsPromises);
      expect(checkBoard(r.problem, r.board).violations).toEqual([]);
      const stop = r.board.routes.flatMap((x) => x.stops).find((s) => s.jobId === job.id)!;
      expect(stop).toBeDefined();
      expect(parseIso(stop.start)).toBeGreaterThanOrEqual(parseIso(o.window.start));
      expect(parseIso(stop.start)).toBeLessThanOrEqual(parseIso(o.window.end));
      // an offer that keeps every promise is booked without moving anyone's ETA window
      if (o.keepsPromises) expect(r.changes.filter((c) => c.jobId !== job.id && c.kind === 'eta_moved')).toEqual([]);
    }
  }, 60_000);

  it('offers nothing for a job nobody is skilled for, and only windows after the call', async () => {
    const none = await recommend(problem, board, newJob({ id: 'CALL-2', skills: { roofing: 5 } }), { now: at('07:00') });
    expect(none.offers).toEqual([]);
    const late = await recommend(problem, board, newJob({ id: 'CALL-3' }), { now: at('12:30') });
    for (const o of late.offers) expect(parseIso(o.window.end)).toBeGreaterThan(parseIso(at('12:30')));
  });

  it('respects the customer’s own windows and custom templates', async () => {
    const job = newJob({ id: 'CALL-4', windows: [{ start: at('13:00'), end: at('17:00') }] });
    const { offers } = await recommend(problem, board, job, { now: at('07:00'), windows: [{ start: '08:00', end: '12:00' }, { start: '12:00', end: '16:00' }] });
    for (const o of offers) expect(o.window).toEqual({ start: at('12:00'), end: at('16:00') });
  });

  it('an emergency gets the earliest arrival instead of windows, with what would be bumped', async () => {
    const r = await recommend(problem, board, newJob({ id: 'EM-C', priority: 'emergency', calledAt: at('10:00'), responseDeadline: at('12:00') }), { now: at('10:00') });
    expect(r.offers).toEqual([]);
    expect(r.emergency!.technicianId).not.toBeNull();
    expect(parseIso(r.emergency!.arrival!)).toBeGreaterThanOrEqual(parseIso(at('10:00')));
    expect(Array.isArray(r.emergency!.bumped)).toBe(true);
  });

  it('a job whose part no van carries is offered with a supply-house pickup; booking it passes the checker', async () => {
    const house = problem.supplyHouses.find((h) => Object.values(h.stock).some((q) => q > 0))!;
    const sku = Object.entries(house.stock).find(([, q]) => q > 0)![0];
    const job = newJob({ id: 'CALL-5', parts: { [sku]: 1 } });
    const { offers } = await recommend(problem, board, job, { now: at('07:00') });
    expect(offers.length).toBeGreaterThan(0);
    const r = await book(job, offers[0]!.window, offers[0]!.keepsPromises);
    expect(checkBoard(r.problem, r.board).violations).toEqual([]);
  });

  it('refuses a job id the board already has', async () => {
    await expect(recommend(problem, board, newJob({ id: problem.jobs[0]!.id }))).rejects.toThrow(/already/);
  });
});
