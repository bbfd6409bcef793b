// The technician's level for a job, the job's duration at that level, and the required buffer.
import { describe, it, expect } from 'vitest';
import { Job, Settings, Technician } from '../model/index.ts';
import { jobDurationMin, levelFor, requiredBufferMin } from './rules.ts';

const shift = { start: '2026-03-02T08:00:00Z', end: '2026-03-02T16:00:00Z' };
const tech = (skills: Record<string, number>) => Technician.parse({ id: 'T', start: { lat: 0, lon: 0 }, shift, skills });
const job = (skills: Record<string, number>, durationByLevelMin?: Record<string, number>) =>
  Job.parse({ id: 'J', location: { lat: 0, lon: 0 }, durationMin: 100, skills, ...(durationByLevelMin ? { durationByLevelMin } : {}) });

describe('levelFor / jobDurationMin', () => {
  it('takes the lowest of the tech’s levels over the job’s skills', () => {
    expect(levelFor(job({ hvac: 1, electrical: 1 }), tech({ hvac: 5, electrical: 2 }))).toBe(2);
    expect(levelFor(job({ hvac: 1, roofing: 1 }), tech({ hvac: 5 }))).toBe(0);
    expect(levelFor(job({}), tech({ hvac: 5 }))).toBeUndefined();
  });

  it('uses the listed level, else the nearest lower listed one, else durationMin', () => {
    const j = job({ hvac: 1 }, { '2': 80, '4': 60 });
    expect(jobDurationMin(j, tech({ hvac: 4 }))).toBe(60);
    expect(jobDurationMin(j, tech({ hvac: 5 }))).toBe(60);
    expect(jobDurationMin(j, tech({ hvac: 3 }))).toBe(80);
    expect(jobDurationMin(j, tech({ hvac: 1 }))).toBe(100);
    expect(jobDurationMin(j, tech({}))).toBe(100);
  });

  it('a job without skills takes durationMin', () => {
    expect(jobDurationMin(job({}, { '1': 10 }), tech({ hvac: 5 }))).toBe(100);
  });
});

describe('requiredBufferMin', () => {
  it('is afterJobMin + afterJobPct % of the duration: 10 + 15 % × 60 = 19', () => {
    const settings = Settings.parse({ buffer: { afterJobMin: 10, afterJobPct: 15 } });
    expect(requiredBufferMin(settings, 60)).toBeCloseTo(19, 12);
  });
});
