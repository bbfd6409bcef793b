// A day under each policy on a small scenario: every board the policy answers with passes the
// independent checker (re-checked here, apart from the world's own check), the policy hears only
// what has happened, the world's time accounting holds, and a broken board stops the run.
import { checkBoard, parseIso, type LiveEventType } from '@truckroll/solver';
import { describe, expect, it } from 'vitest';
import { makePolicy } from '../policies/index.ts';
import { buildSimDay, type SimDay } from '../scenario/day.ts';
import { POLICY_NAMES } from '../scenario/schema.ts';
import { tinyScenario } from '../test/tiny.test-helpers.ts';
import { dayKpis, logIssues } from './kpis.ts';
import { morningBoards } from './run.ts';
import { playDay, SimulationError } from './world.ts';

const s = tinyScenario();
/** The first seed whose day holds every kind of disruption. */
function eventfulDay(): SimDay {
  for (let seed = 1; seed < 60; seed++) {
    const d = buildSimDay(s, seed);
    const c = d.counts;
    if (c.sick > 0 && c.cancellations > 0 && c.waitingOnParts > 0 && c.partsLate > 0 && c.emergencyCalls > 0 && c.serviceCalls > 0) return d;
  }
  throw new Error('no eventful seed');
}
const day = eventfulDay();

describe('playDay', () => {
  for (const name of POLICY_NAMES) {
    it(`${name}: every board passes the checker, the policy hears only the past, the day adds up`, async () => {
      const calls = new Map(day.timeline.flatMap((e) => (e.kind === 'call' ? [[e.job.id, e.atMs] as const] : [])));
      const kinds = new Set<LiveEventType>();
      let boards = 0;
      let lastAt = -Infinity;
      const r = await playDay({
        scenario: s,
        day,
        policy: makePolicy(name, { lockedHorizonMin: 0 }),
        morning: morningBoards(s, day),
        onBoard: ({ atMs, events, view }) => {
          boards++;
          expect(checkBoard(view.problem, view.board).violations).toEqual([]);
          expect(atMs).toBeGreaterThanOrEqual(lastAt);
          lastAt = atMs;
          for (const e of events) {
            kinds.add(e.type);
            expect(parseIso(e.at)).toBeLessThanOrEqual(atMs);
            // a call is heard when it is made, never before
            if (e.type === 'job_added' && calls.has(e.job.id)) expect(parseIso(e.at)).toBe(calls.get(e.job.id));
            if (e.type === 'job_running_long') expect(parseIso(e.expectedEnd)).toBeGreaterThan(parseIso(e.at));
          }
        },
      });
      expect(boards).toBe(r.boards);
      expect(boards).toBeGreaterThan(40);
      for (const k of ['job_en_route', 'job_started', 'job_finished', 'job_cancelled', 'job_added', 'technician_unavailable', 'parts_arrived'] as const) expect(kinds).toContain(k);
      for (const t of r.log.techs) expect(logIssues(t)).toEqual([]);
      const { day: k, technicians } = dayKpis(r.log);
      expect(k.jobsDone).toBeGreaterThan(15);
      expect(technicians.some((t) => t.sick)).toBe(true);
      expect(k.utilization).toBeGreaterThan(k.driveShare);
      if (name === 'engine') expect(k.partsFailures).toBe(0); // jobs waiting on parts are held until the parts are in
    }, 30_000);
  }

  it('a board that breaks a rule stops the run loudly, with the violation and the state to reproduce it', async () => {
    const engine = makePolicy('engine', { lockedHorizonMin: 0 });
    let updates = 0;
    const broken = {
      ...engine,
      update: async (...args: Parameters<typeof engine.update>) => {
        const v = await engine.update(...args);
        if (++updates === 5) v.board.kpis.utilization = 0.01;
        return v;
      },
    };
    const err = await playDay({ scenario: s, day, policy: broken, morning: morningBoards(s, day) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimulationError);
    expect((err as SimulationError).message).toMatch(/engine policy, seed \d+: the board at .* fails the checker \(1 violations\)/);
    expect((err as SimulationError).violations[0]).toMatch(/^kpi: kpis\.utilization is 0\.01; recomputed/);
    expect((err as SimulationError).state?.before).not.toBeNull();
  }, 30_000);
});
