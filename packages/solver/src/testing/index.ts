// Fixtures other packages' tests share (`@truckroll/solver/testing`); nothing here is for production.
import type { ProblemInput } from '../model/problem.ts';

/** A time on the hand-over shop's day (Denver, 2026-03-02). */
export const handOverDay = (hhmm: string): string => `2026-03-02T${hhmm}:00-07:00`;
/** The i-th place of the hand-over shop (about 1.1 km apart). */
export const handOverPlace = (i: number) => ({ lat: 39.7 + i / 100, lon: -105 });

/**
 * The hand-over shop: a senior (hvac 3) and an apprentice (hvac 1), one four-hour morning each, and
 * two 150-minute morning jobs, SIMPLE (hvac 1) and HARD (hvac 3, value 500); only one fits in a
 * morning. A board with SIMPLE on the senior leaves HARD open and the apprentice idle: only a
 * hand-over (the apprentice takes SIMPLE) places HARD.
 */
export function handOverShop(): ProblemInput & Required<Pick<ProblemInput, 'jobs'>> {
  const morning = [{ start: handOverDay('08:00'), end: handOverDay('12:00') }];
  const shift = { start: handOverDay('08:00'), end: handOverDay('12:00'), maxOvertimeMin: 0 };
  return {
    technicians: [
      { id: 'SENIOR', start: handOverPlace(0), shift, skills: { hvac: 3 } },
      { id: 'APPRENTICE', start: handOverPlace(0), shift: { ...shift }, skills: { hvac: 1 } },
    ],
    jobs: [
      { id: 'SIMPLE', location: handOverPlace(1), durationMin: 150, windows: morning, skills: { hvac: 1 } },
      { id: 'HARD', location: handOverPlace(2), durationMin: 150, windows: morning.map((w) => ({ ...w })), skills: { hvac: 3 }, value: 500 },
    ],
  };
}
