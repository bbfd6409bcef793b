// Special orders under replan: a job whose part waits only at one supply house must never ride on
// a pickup of that part at another house (the route scheduler enforces job.supplyHouses; before it
// did, replan could put such a job behind another job's pickup and the checker rejected the board).
import { checkBoard, parseProblem, replan, solve } from '@truckroll/solver';
import { describe, expect, it } from 'vitest';

const at = (hhmm: string) => `2026-01-13T${hhmm}:00-07:00`;

describe('special orders under replan', () => {
  it('a job that takes its part only from SH3 never rides on a pickup at SH1', async () => {
    // One technician, 08:00–12:00, room for one 150-minute job. K (low value) is on the board
    // behind a pickup at SH1. J (urgent, worth more) arrives; its part waits only at SH3.
    const p = parseProblem({
      technicians: [{ id: 'T1', start: { lat: 39.74, lon: -104.99 }, shift: { start: at('08:00'), end: at('12:00') }, skills: { hvac: 2 } }],
      jobs: [{ id: 'K', location: { lat: 39.75, lon: -104.98 }, durationMin: 150, skills: { hvac: 1 }, parts: { P: 1 }, value: 10, priority: 'low', windows: [{ start: at('08:00'), end: at('12:00') }] }],
      supplyHouses: [
        { id: 'SH1', location: { lat: 39.745, lon: -104.985 }, hours: { start: at('07:00'), end: at('17:00') }, stock: { P: 5 }, pickupMin: 10 },
        { id: 'SH3', location: { lat: 39.9, lon: -104.7 }, hours: { start: at('07:00'), end: at('17:00') }, stock: { P: 5 }, pickupMin: 10 },
      ],
      parts: [{ sku: 'P' }],
    });
    const board = await solve(p, { seed: 1, maxIterations: 50 });
    const r = await replan(p, board, [
      {
        type: 'job_added',
        at: at('07:30'),
        job: { id: 'J', location: { lat: 39.75, lon: -104.98 }, durationMin: 150, skills: { hvac: 1 }, parts: { P: 1 }, supplyHouses: ['SH3'], value: 900, priority: 'urgent', windows: [{ start: at('08:00'), end: at('12:00') }], preferredTechnicians: [], excludedTechnicians: [], status: 'unscheduled' },
      },
    ]);
    // today: [pickup SH1, J] with K unassigned -> "supply_house: job J takes P only from SH3; stop 0 loads it at SH1"
    expect(checkBoard(r.problem, r.board).violations).toEqual([]);
  });
});
