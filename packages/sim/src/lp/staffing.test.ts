// The staffing LP on hand-checkable demands (no drive, no wrap-up unless said).
import { Job } from '@truckroll/solver';
import { describe, expect, it } from 'vitest';
import { shareAtLeast, staffingBound, tradeOf } from './staffing.ts';

const MID = Date.UTC(2026, 0, 13);
const iso = (h: number) => new Date(MID + h * 3_600_000).toISOString();
const job = (id: string, min: number, window: [number, number] | null, skills: Record<string, number> = { hvac: 1 }) =>
  Job.parse({ id, location: { lat: 39.7, lon: -105 }, durationMin: min, skills, windows: window ? [{ start: iso(window[0]), end: iso(window[1]) }] : [] });
const base = { midnightMs: MID, morningMin: 250, afternoonMin: 250, utilization: 0.85, drivePerJobMin: 0, wrapUpMin: 0 };

describe('staffingBound', () => {
  it('splits flexible work across the day: 850 min before noon + 850 either way need 4 technicians', () => {
    // a technician gives 0.85 × 250 = 212.5 min before noon and as much after: the morning needs
    // 850 / 212.5 = 4, and 4 technicians take the 850 flexible minutes in the afternoon
    const b = staffingBound({ ...base, jobs: [job('a', 850, [8, 12]), job('b', 850, null)] });
    expect(b.feasible).toBe(true);
    expect(b.technicians).toBeCloseTo(4, 6);
    expect(b.byTrade).toEqual({ hvac: expect.closeTo(4, 6), plumbing: 0, electrical: 0 });
  });

  it('a morning rush binds: 1,275 min before noon need 6 technicians though the day holds 3', () => {
    expect(staffingBound({ ...base, jobs: [job('a', 1275, [8, 12])] }).technicians).toBeCloseTo(6, 6);
    expect(staffingBound({ ...base, jobs: [job('a', 1275, null)] }).technicians).toBeCloseTo(3, 6);
  });

  it('work above a level needs that many seniors: 425 min at level 4 (a quarter of the pyramid) need 4 technicians', () => {
    expect(shareAtLeast(4)).toBeCloseTo(0.25, 12);
    const b = staffingBound({ ...base, jobs: [job('a', 425, null, { electrical: 4 })] });
    expect(b.byTrade.electrical).toBeCloseTo(4, 6);
  });

  it('adds the drive allowance and keeps wrap-up inside paid time', () => {
    // 10 jobs × (60 + 25) = 850 min; at u = 1 the wrap-up (10 × 15 = 150) is what binds: (850 + 150) / 500 = 2
    const jobs = Array.from({ length: 10 }, (_, i) => job(`j${i}`, 60, null));
    const b = staffingBound({ ...base, jobs, utilization: 1, drivePerJobMin: 25, wrapUpMin: 15 });
    expect(b.workloadMin.hvac).toBe(850);
    expect(b.technicians).toBeCloseTo(2, 6);
  });

  it('a job draws on its highest required trade', () => {
    expect(tradeOf(job('t', 60, null, { plumbing: 4, electrical: 1 }))).toBe('plumbing');
    expect(tradeOf(job('u', 60, null, {}))).toBeNull();
  });
});
