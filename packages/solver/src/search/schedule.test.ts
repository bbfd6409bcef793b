import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.ts';
import { parseProblem } from '../model/parse.ts';
import { at, tinyProblem } from './fixture.test-helper.ts';
import { RouteScheduler, StopType, type PlanStop } from './schedule.ts';

const job = (idx: number): PlanStop => ({ type: StopType.Job, idx });
const min = (m: number) => m * 60; // ticks are seconds here

describe('RouteScheduler', () => {
  it('times a route: leaves late rather than waiting, then drives, works and returns', async () => {
    const c = await compile(parseProblem(tinyProblem()));
    const s = new RouteScheduler(c);
    const r = s.run(0, [job(0), job(1)], true);
    expect(r.feasible).toBe(true);
    // A opens 08:30 and is 600 s away: leave 08:20, start 08:30, end 09:00.
    expect(r.departure).toBe(min(20));
    expect(r.stops.map((x) => [x.arrival, x.start, x.end])).toEqual([
      [min(30), min(30), min(60)],
      // A -> B is 300 s: arrive 09:05, 60 min of work until 10:05
      [min(65), min(65), min(125)],
    ]);
    // B -> shop 900 s: back at 10:20
    expect(r.endArrival).toBe(min(140));
    // drive 600 + 300 + 900 = 1800 s = 0.5 h at 60/h = 30, distance 18 km at 1/km = 18,
    // overqualification: hvac 3 on A (needs 2) = 1 level × 10
    expect(r.driveSec).toBe(1800);
    expect(r.distanceM).toBe(18_000);
    expect(r.cost).toBeCloseTo(30 + 18 + 10, 9);
  });

  it('rejects a window it cannot reach and says why', async () => {
    const c = await compile(parseProblem(tinyProblem()));
    const r = new RouteScheduler(c).run(0, [job(1), job(0)]);
    // B first: leave 08:00, arrive 08:15, work to 09:15; A's window closed at 09:00
    expect(r.feasible).toBe(false);
    expect(r.fail).toBe('window');
    expect(r.failPos).toBe(1);
  });

  it('places a break as late as it can go', async () => {
    const p = tinyProblem();
    p.technicians[0]!.breaks = [{ durationMin: 30, window: { start: at('09:00'), end: at('10:30') } }];
    const c = await compile(parseProblem(p));
    const r = new RouteScheduler(c).run(0, [job(0), job(1)], true);
    expect(r.feasible).toBe(true);
    // After A (ends 09:00) B would end 10:05, past the break's latest start 10:00: break 09:00–09:30 at A.
    expect(r.stops.map((x) => [x.kind, x.start, x.end])).toEqual([
      [0, min(30), min(60)],
      [2, min(60), min(90)],
      [0, min(95), min(155)],
    ]);
  });

  it('runs into overtime but not past it', async () => {
    const p = tinyProblem();
    p.jobs[1]!.durationMin = 140; // B ends 11:25, back 11:40: inside the shift
    let c = await compile(parseProblem(p));
    expect(new RouteScheduler(c).run(0, [job(0), job(1)]).endArrival).toBe(min(220));
    p.jobs[1]!.durationMin = 180; // back 12:20: 20 min of the 30 allowed
    c = await compile(parseProblem(p));
    const r = new RouteScheduler(c).run(0, [job(0), job(1)]);
    expect(r.feasible).toBe(true);
    expect(r.endArrival).toBe(min(260));
    p.jobs[1]!.durationMin = 200; // back 12:40: over
    c = await compile(parseProblem(p));
    expect(new RouteScheduler(c).run(0, [job(0), job(1)]).fail).toBe('shift');
  });

  it('consumes van stock and needs a pickup when the van lacks a part', async () => {
    const p = tinyProblem();
    p.jobs[1]!.parts = { WH: 1 };
    const c = await compile(parseProblem(p));
    const s = new RouteScheduler(c);
    expect(s.run(0, [job(0), job(1)]).fail).toBe('parts');
    const pickup: PlanStop = { type: StopType.Pickup, idx: 0, loads: Int32Array.of(0, 1) };
    const r = s.run(0, [job(0), pickup, job(1)], true);
    expect(r.feasible).toBe(true);
    // A ends 09:00; A -> S 600 s: 09:10–09:25 at the counter; S -> B 600 s: B 09:35–10:35
    expect(r.stops.map((x) => [x.kind, x.start, x.end])).toEqual([
      [0, min(30), min(60)],
      [1, min(70), min(85)],
      [0, min(95), min(155)],
    ]);
  });

  it('respects the earliest start (parts arriving) and pinned starts', async () => {
    const p = tinyProblem();
    p.jobs[1]!.earliestStart = at('10:00');
    let c = await compile(parseProblem(p));
    let r = new RouteScheduler(c).run(0, [job(0), job(1)], true);
    expect(r.stops[1]!.start).toBe(min(120));
    p.jobs[1]!.pinnedStart = at('09:30');
    delete p.jobs[1]!.earliestStart;
    c = await compile(parseProblem(p));
    r = new RouteScheduler(c).run(0, [job(0), job(1)], true);
    expect(r.stops[1]!.start).toBe(min(90));
    p.jobs[1]!.pinnedStart = at('09:01'); // arriving 09:05 is too late for a 09:01 pin
    c = await compile(parseProblem(p));
    expect(new RouteScheduler(c).run(0, [job(0), job(1)]).fail).toBe('pinned');
  });
});
