// Replays are deterministic: the same scenario and seeds give the same JSON, run twice, in this
// thread or on worker threads; the aggregate holds the means and the per-seed values beside them.
import { describe, expect, it } from 'vitest';
import { tinyScenario } from '../test/tiny.test-helpers.ts';
import { simulate } from './simulate.ts';
import { sweep } from './sweep.ts';

describe('simulate', () => {
  const s = tinyScenario();

  it('the same seeds twice give identical JSON; worker threads change nothing', async () => {
    const progress: string[] = [];
    const a = await simulate(s, { seeds: 2, workers: 1, onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.seed} ${p.policy}`) });
    const b = await simulate(s, { seeds: 2, workers: 1 });
    const c = await simulate(s, { seeds: 2, workers: 2 });
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    expect(JSON.stringify(c.result)).toBe(JSON.stringify(a.result));
    expect(progress).toEqual(['1/6 1 engine', '2/6 1 greedy', '3/6 1 static', '4/6 2 engine', '5/6 2 greedy', '6/6 2 static']);

    const r = a.result;
    expect(r.seeds).toEqual([1, 2]);
    for (const name of ['engine', 'greedy', 'static'] as const) {
      const p = r.policies[name]!;
      for (const k of ['utilization', 'driveShare', 'adherence', 'firstTimeFix'] as const) {
        expect(p.kpis[k]).toBeGreaterThanOrEqual(0);
        expect(p.kpis[k]).toBeLessThanOrEqual(1);
        expect(p.perSeed[k]).toHaveLength(2);
        expect(p.kpis[k]).toBeCloseTo((p.perSeed[k][0]! + p.perSeed[k][1]!) / 2, 12);
      }
      expect(p.kpis.jobsDone).toBeGreaterThan(0);
      expect(p.technicians.map((x) => x.seed)).toEqual([1, 2]);
      expect(p.hours).toHaveLength(24);
    }
    expect(r.engineVsGreedy?.utilization).toHaveLength(2);
    expect(r.staffing?.perSeed).toHaveLength(2);
    expect(r.scenario.parameters.day?.windowsOpen).toBe('07:30');
  }, 60_000);
});

describe('sweep', () => {
  it('varies the roster over the same demand and gives the LP bound to compare with', async () => {
    const s = tinyScenario();
    const r = await sweep(s, { axes: [{ param: 'technicians', values: [3, 6] }], seeds: 1, policies: ['engine'] });
    expect(r.points.map((p) => p.values)).toEqual([{ technicians: 3 }, { technicians: 6 }]);
    const [small, large] = r.points.map((p) => p.policies.engine!);
    expect(small!.jobsRequested).toBe(large!.jobsRequested);
    expect(large!.kpis.jobsDone!).toBeGreaterThan(small!.kpis.jobsDone!);
    expect(r.staffing!.mean).toBeGreaterThan(0);
    expect(r.staffing!.perSeed).toHaveLength(1);
  }, 60_000);

  it('varies two parameters over a grid', async () => {
    const s = tinyScenario({ technicians: 3, booked: { jobs: 10, load: 0.6 } });
    const r = await sweep(s, { axes: [{ param: 'buffer', values: [0, 20] }, { param: 'cancellationRate', values: [0, 0.5] }], seeds: 1, policies: ['greedy'] });
    expect(r.points.map((p) => p.values)).toEqual([
      { buffer: 0, cancellationRate: 0 },
      { buffer: 0, cancellationRate: 0.5 },
      { buffer: 20, cancellationRate: 0 },
      { buffer: 20, cancellationRate: 0.5 },
    ]);
    expect(r.staffing).toBeUndefined();
  }, 60_000);
});

describe('the offers policy (booking into the first offered window)', () => {
  it('plays the day with every board checked, and measures adherence against the offered windows', async () => {
    const s = { ...tinyScenario(), policies: ['offers', 'engine'] as ('offers' | 'engine')[] };
    const { result } = await simulate(s, { seeds: 2, workers: 1 });
    for (const name of ['offers', 'engine'] as const) {
      const k = result.policies[name]!.kpis;
      expect(k.jobsDone).toBeGreaterThan(0);
      expect(k.adherence).toBeGreaterThanOrEqual(0);
      expect(k.adherence).toBeLessThanOrEqual(1);
    }
  }, 60_000);
});
