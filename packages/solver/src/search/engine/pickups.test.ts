// pickupSourcesOk: a job that lists its supply houses takes no part from an earlier pickup at another house.
import { describe, expect, it } from 'vitest';
import { compile } from '../../compile/compile.ts';
import { parseProblem } from '../../model/parse.ts';
import { StopType, type PlanStop } from '../schedule.ts';
import { pickupSourcesOk } from './pickups.ts';

const day = (hhmm: string) => `2026-03-02T${hhmm}:00-07:00`;
const at = (i: number) => ({ lat: 39.7 + i / 100, lon: -105 });

async function twoHouses() {
  return compile(
    parseProblem({
      technicians: [{ id: 'T1', start: at(0), shift: { start: day('08:00'), end: day('17:00') } }],
      jobs: [
        { id: 'J1', location: at(1), durationMin: 30, parts: { P1: 1 }, supplyHouses: ['S2'] },
        { id: 'J2', location: at(2), durationMin: 30, parts: { P1: 1 } },
      ],
      supplyHouses: [
        { id: 'S1', location: at(3), hours: { start: day('07:00'), end: day('17:00') }, stock: { P1: 5 } },
        { id: 'S2', location: at(4), hours: { start: day('07:00'), end: day('17:00') }, stock: { P1: 5 } },
      ],
      parts: [{ sku: 'P1' }],
    }),
  );
}

const job = (idx: number): PlanStop => ({ type: StopType.Job, idx });
const pickup = (house: number, qty: number): PlanStop => ({ type: StopType.Pickup, idx: house, loads: Int32Array.of(0, qty) });

describe('pickupSourcesOk', () => {
  it('refuses J1 (P1 only from S2) after a pickup of P1 at S1, whoever the part was loaded for', async () => {
    const c = await twoHouses();
    expect(pickupSourcesOk(c, [pickup(0, 1), job(1), job(0)])).toBe(false);
    expect(pickupSourcesOk(c, [pickup(0, 2), job(0), job(1)])).toBe(false);
  });

  it('accepts J1 after a pickup at S2, before any pickup, and J2 (no list) after either', async () => {
    const c = await twoHouses();
    expect(pickupSourcesOk(c, [pickup(1, 2), job(1), job(0)])).toBe(true);
    expect(pickupSourcesOk(c, [job(0), pickup(0, 1), job(1)])).toBe(true);
    expect(pickupSourcesOk(c, [pickup(0, 1), job(1)])).toBe(true);
    expect(pickupSourcesOk(c, [job(0), job(1)])).toBe(true);
  });
});
