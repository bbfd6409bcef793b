// The hand-over shop shared by the solver's fillIdle tests (live and CLI): a senior (hvac 3) and an
// apprentice (hvac 1), a four-hour morning each, and two 150-minute morning jobs, SIMPLE (hvac 1)
// and HARD (hvac 3, value 500); only one fits in a morning, so with SIMPLE on the senior only a
// hand-over places HARD.
import type { ProblemInput } from '../model/problem.ts';

export const handOverDay = (hhmm: string): string => `2026-03-02T${hhmm}:00-07:00`;
export const handOverPlace = (i: number) => ({ lat: 39.7 + i / 100, lon: -105 });

export function handOverShop(): ProblemInput {
  const morning = () => [{ start: handOverDay('08:00'), end: handOverDay('12:00') }];
  const shift = () => ({ start: handOverDay('08:00'), end: handOverDay('12:00'), maxOvertimeMin: 0 });
  return {
    technicians: [
      { id: 'SENIOR', start: handOverPlace(0), shift: shift(), skills: { hvac: 3 } },
      { id: 'APPRENTICE', start: handOverPlace(0), shift: shift(), skills: { hvac: 1 } },
    ],
    jobs: [
      { id: 'SIMPLE', location: handOverPlace(1), durationMin: 150, windows: morning(), skills: { hvac: 1 } },
      { id: 'HARD', location: handOverPlace(2), durationMin: 150, windows: morning(), skills: { hvac: 3 }, value: 500 },
    ],
  };
}
