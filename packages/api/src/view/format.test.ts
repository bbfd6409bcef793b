// Plain-language times on the ISO string's own clock and calendar.
import { describe, expect, it } from 'vitest';
import { duration, longDate, percent, whole, windowPhrase } from './format.ts';

describe('format', () => {
  it('says when, on the offset written in the times', () => {
    // 2026-03-03 is a Tuesday; 15:00Z is 10:00 at -05:00
    expect(windowPhrase('2026-03-03T10:00:00-05:00', '2026-03-03T11:00:00-05:00')).toBe('between 10:00 and 11:00 on Tuesday, 3 March');
    expect(windowPhrase('2026-03-03T15:00:00Z', '2026-03-03T15:00:00Z')).toBe('at 15:00 on Tuesday, 3 March');
    expect(windowPhrase('2026-03-03T23:30:00-05:00', '2026-03-04T00:30:00-05:00')).toBe('between 23:30 on Tuesday, 3 March and 00:30 on Wednesday, 4 March');
    expect(longDate('2026-01-13T07:00:00-07:00')).toBe('Tuesday, 13 January');
    expect(longDate('2026-01-13T23:30:00-07:00')).toBe('Tuesday, 13 January'); // 06:30Z on the 14th
  });

  it('formats figures', () => {
    expect(percent(0.7591)).toBe('75.9%');
    expect(duration(42.4)).toBe('42 min');
    expect(duration(135.4)).toBe('2 h 15 min');
    expect(whole(1234567.4)).toBe('1,234,567');
  });
});
