// A scenario's day: reproducible, calls after the board is made arrive as timeline events (never in
// the morning problem), arrivals follow the seeds' pattern, rosters can change without the demand.
import { parseIso } from '@truckroll/solver';
import { describe, expect, it } from 'vitest';
import { tinyScenario } from '../test/tiny.test-helpers.ts';
import { buildSimDay } from './day.ts';
import { SERVICE_CALL_WEIGHTS } from '../events/profile.ts';

const json = (x: unknown) => JSON.stringify(x, (_, v) => (v instanceof Map ? [...v] : v));

describe('buildSimDay', () => {
  const s = tinyScenario();

  it('is reproducible: the same seed gives the same day, another seed another', () => {
    expect(json(buildSimDay(s, 3))).toBe(json(buildSimDay(s, 3)));
    expect(json(buildSimDay(s, 3))).not.toBe(json(buildSimDay(s, 4)));
  });

  it('books only what was called in before the board is made; later calls are timeline events at their call time', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const day = buildSimDay(s, seed);
      for (const j of day.problem.jobs) if (j.calledAt !== undefined) expect(parseIso(j.calledAt)).toBeLessThan(day.boardAtMs);
      const ids = new Set(day.problem.jobs.map((j) => j.id));
      let last = -Infinity;
      for (const e of day.timeline) {
        expect(e.atMs).toBeGreaterThanOrEqual(day.boardAtMs);
        expect(e.atMs).toBeGreaterThanOrEqual(last);
        last = e.atMs;
        if (e.kind !== 'call') continue;
        expect(ids.has(e.job.id)).toBe(false);
        if (e.job.priority === 'emergency') {
          expect(parseIso(e.job.calledAt!)).toBe(e.atMs);
          // new emergency calls have only a deadline; a booked one called in late keeps its "any time today"
          if (e.job.id.startsWith('E')) expect(e.job.windows).toEqual([]);
          for (const w of e.job.windows) expect(parseIso(w.end)).toBeGreaterThan(e.atMs);
          expect(parseIso(e.job.responseDeadline!) - e.atMs).toBeGreaterThanOrEqual(120 * 60_000);
        } else for (const w of e.job.windows) expect(parseIso(w.start)).toBeGreaterThanOrEqual(e.atMs + 60 * 60_000);
      }
      // cancellations name booked jobs; parts arrive for jobs waiting on them
      for (const e of day.timeline) if (e.kind === 'cancel' || e.kind === 'parts') expect(ids.has(e.jobId)).toBe(true);
      for (const [id, at] of day.partsArriveMs) expect(at).toBeGreaterThanOrEqual(parseIso(day.problem.jobs.find((j) => j.id === id)!.earliestStart!));
    }
  }, 30_000);

  it('service calls peak 09–11 and 13–15, emergencies run into the evening', () => {
    const big = tinyScenario({ technicians: 30, booked: { jobs: 10 }, calls: { servicePerTechnician: 3, emergencyPerTechnician: 1 } });
    const byHour = new Array<number>(24).fill(0);
    let evening = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const day = buildSimDay(big, seed);
      for (const e of day.timeline) {
        if (e.kind !== 'call') continue;
        const h = Math.floor((e.atMs - day.midnightMs) / 3_600_000);
        if (e.job.priority === 'emergency') evening += h >= 17 ? 1 : 0;
        else byHour[h]!++;
      }
    }
    const peak = byHour[9]! + byHour[10]! + byHour[13]!;
    const trough = byHour[8]! + byHour[11]! + byHour[12]!;
    expect(peak).toBeGreaterThan(trough);
    expect(SERVICE_CALL_WEIGHTS[9]).toBeGreaterThan(SERVICE_CALL_WEIGHTS[12]!);
    expect(byHour.slice(15).reduce((a, b) => a + b, 0)).toBe(0); // after the last service call (14:00) nothing is booked for today
    expect(evening).toBeGreaterThan(0);
  }, 30_000);

  it('a staffing what-if changes the roster, not the demand', () => {
    const base = buildSimDay(s, 2);
    const more = buildSimDay(s, 2, { technicians: 9 });
    expect(more.problem.technicians).toHaveLength(9);
    expect(more.problem.jobs.map((j) => [j.id, j.location, j.durationMin])).toEqual(base.problem.jobs.map((j) => [j.id, j.location, j.durationMin]));
    expect(more.timeline.filter((e) => e.kind === 'call').map((e) => e.atMs)).toEqual(base.timeline.filter((e) => e.kind === 'call').map((e) => e.atMs));
    for (const j of more.problem.jobs) expect(j.preferredTechnicians).toEqual([]);
  });

  it('moves the 08:00 windows to windowsOpen and can drop special orders', () => {
    const early = buildSimDay(tinyScenario({ day: { windowsOpen: '07:00', radiusKm: 8 } }), 1);
    const late = buildSimDay(tinyScenario({ day: { windowsOpen: '08:00', radiusKm: 8 } }), 1);
    const starts = (d: typeof early) => d.problem.jobs.flatMap((j) => j.windows.map((w) => w.start.slice(11, 16)));
    expect(starts(early)).toContain('07:00');
    expect(starts(early)).not.toContain('08:00');
    expect(starts(late)).not.toContain('07:00');
    const plain = buildSimDay(tinyScenario({ booked: { jobs: 60, load: 1, specialOrders: false } }), 1);
    expect(plain.problem.jobs.every((j) => j.supplyHouses === undefined)).toBe(true);
  });
});
