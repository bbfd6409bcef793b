// enforceLocks: locked jobs open the route in order; a pickup moves in front of them only when it
// loads parts they use, so the jobs behind keep their own pickups.
import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.ts';
import { parseProblem } from '../model/parse.ts';
import { Inserter, type Solution } from './greedy.ts';
import { enforceLocks } from './locks.ts';
import { StopType, type PlanStop } from './schedule.ts';

const day = (hhmm: string) => `2026-03-02T${hhmm}:00-07:00`;
const at = (i: number) => ({ lat: 39.7 + i / 100, lon: -105 });

async function shop(locked: string[], j1Windows?: { start: string; end: string }[]) {
  return compile(
    parseProblem({
      technicians: [{ id: 'T1', start: at(0), shift: { start: day('08:00'), end: day('17:00') }, locked }],
      jobs: [
        { id: 'J1', location: at(1), durationMin: 30, ...(j1Windows ? { windows: j1Windows } : {}) },
        { id: 'J2', location: at(2), durationMin: 30, parts: { P1: 1 } },
        { id: 'J3', location: at(3), durationMin: 30 },
        { id: 'J4', location: at(4), durationMin: 30, parts: { P2: 1 } },
      ],
      supplyHouses: [{ id: 'S1', location: at(5), hours: { start: day('07:00'), end: day('17:00') }, stock: { P1: 5, P2: 5 } }],
      parts: [{ sku: 'P1' }, { sku: 'P2' }],
    }),
  );
}

const job = (idx: number): PlanStop => ({ type: StopType.Job, idx });
const pickup = (sku: number): PlanStop => ({ type: StopType.Pickup, idx: 0, loads: Int32Array.of(sku, 1) });
const solution = (plan: PlanStop[]): Solution => ({ plans: [plan], unassigned: [], routeCost: new Float64Array(1), iterations: 0 });
const shape = (plan: readonly PlanStop[]) => plan.map((s) => (s.type === StopType.Job ? `J${s.idx + 1}` : `S${s.loads![0]! + 1}`));

describe('enforceLocks', () => {
  it('puts the locked job first and leaves a pickup that loads for a later job where it was', async () => {
    const c = await shop(['J3']);
    const ins = new Inserter(c);
    const out = enforceLocks(c, solution([job(0), pickup(0), job(1), job(2)]), ins);
    expect(shape(out.plans[0]!)).toEqual(['J3', 'J1', 'S1', 'J2']);
    expect(out.unassigned).toEqual([]);
    expect(ins.sched.run(0, out.plans[0]!).feasible).toBe(true);
    expect(out.routeCost[0]).toBeCloseTo(ins.sched.run(0, out.plans[0]!).cost, 6);
  });

  it('moves a pickup in front only when it loads parts of a locked job', async () => {
    const c = await shop(['J4']);
    const ins = new Inserter(c);
    const out = enforceLocks(c, solution([job(0), pickup(0), job(1), pickup(1), job(3)]), ins);
    expect(shape(out.plans[0]!)).toEqual(['S2', 'J4', 'J1', 'S1', 'J2']);
    expect(ins.sched.run(0, out.plans[0]!).feasible).toBe(true);
  });

  it('takes a locked job off the unassigned list and puts it first', async () => {
    const c = await shop(['J3']);
    const ins = new Inserter(c);
    const out = enforceLocks(c, { ...solution([job(0)]), unassigned: [2] }, ins);
    expect(shape(out.plans[0]!)).toEqual(['J3', 'J1']);
    expect(out.unassigned).toEqual([]);
  });

  it('sends a job that no longer fits behind the locked ones to the unassigned list', async () => {
    // J1 must start by 08:30: first it fits, behind J3 (30 min of work away) it does not
    const c = await shop(['J3'], [{ start: day('08:00'), end: day('08:30') }]);
    const ins = new Inserter(c);
    const before = solution([job(0), job(2)]);
    expect(ins.sched.run(0, before.plans[0]!).feasible).toBe(true);
    const out = enforceLocks(c, before, ins);
    expect(shape(out.plans[0]!)).toEqual(['J3']);
    expect(out.unassigned).toEqual([0]);
  });
});
