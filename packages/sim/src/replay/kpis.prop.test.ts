// Properties of the time accounting: for any gap-free day, service + drive + buffer + idle = paid
// (per technician, and hour by hour), breaks are never paid, and every share lies in [0, 1].
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayKpis, logIssues, type DayLog, type Segment, type SegmentKind } from './kpis.ts';

const KINDS: SegmentKind[] = ['service', 'drive', 'buffer', 'idle', 'break'];
const MID = Date.UTC(2026, 0, 13, 7);

/** A technician's day: contiguous segments of random kinds and lengths (seconds) from a shift start, over by 23:00. */
const techDay = fc.record({
  startMin: fc.integer({ min: 360, max: 540 }),
  shiftMin: fc.integer({ min: 240, max: 660 }),
  parts: fc.array(fc.record({ kind: fc.constantFrom(...KINDS), sec: fc.integer({ min: 1, max: 30 * 60 }) }), { minLength: 1, maxLength: 28 }),
});

describe('time accounting (properties)', () => {
  it('service + drive + buffer + idle = paid for every technician, every hour and the day', () => {
    fc.assert(
      fc.property(fc.array(techDay, { minLength: 1, maxLength: 6 }), (days) => {
        const log: DayLog = { midnightMs: MID, techs: [], visits: [], emergencies: [], events: [], openAtEnd: [], lateCancellations: 0 };
        days.forEach((d, i) => {
          const start = MID + d.startMin * 60_000;
          let t = start;
          const segments: Segment[] = d.parts.map((p) => {
            const s = { kind: p.kind, startMs: t, endMs: t + p.sec * 1000 };
            t = s.endMs;
            return s;
          });
          log.techs.push({ technicianId: `T${i}`, shiftStartMs: start, shiftEndMs: start + d.shiftMin * 60_000, paidEndMs: t, segments, sick: false });
        });
        const { day, technicians, hours } = dayKpis(log);
        const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-6);
        for (const [i, k] of technicians.entries()) {
          expect(logIssues(log.techs[i]!)).toEqual([]);
          close(k.serviceMin + k.driveMin + k.bufferMin + k.idleMin, k.paidMin);
          const breaks = log.techs[i]!.segments.filter((s) => s.kind === 'break').reduce((a, s) => a + (s.endMs - s.startMs) / 60_000, 0);
          close(k.paidMin + breaks, (log.techs[i]!.paidEndMs - log.techs[i]!.shiftStartMs) / 60_000);
          expect(k.overtimeMin).toBeGreaterThanOrEqual(0);
          for (const share of [k.utilization, k.driveShare]) expect(share >= 0 && share <= 1).toBe(true);
        }
        close(day.serviceMin + day.driveMin + day.bufferMin + day.idleMin, day.paidMin);
        close(hours.reduce((a, h) => a + h.paidMin, 0), day.paidMin);
        for (const h of hours) {
          close(h.serviceMin + h.driveMin + h.bufferMin + h.idleMin, h.paidMin);
          if (h.utilization !== null) expect(h.utilization >= 0 && h.utilization <= 1 + 1e-12).toBe(true);
        }
        expect(day.utilization).toBeGreaterThanOrEqual(day.driveShare);
        expect(day.utilization).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
