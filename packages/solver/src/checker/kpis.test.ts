// Median and nearest-rank p90 as the KPI definitions use them.
import { describe, it, expect } from 'vitest';
import { median, p90 } from './kpis.ts';

describe('median / p90', () => {
  it('are null for no values', () => {
    expect(median([])).toBeNull();
    expect(p90([])).toBeNull();
  });

  it('median averages the two middle values of an even count', () => {
    expect(median([7])).toBe(7);
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('p90 is sorted[ceil(0.9 n) − 1]', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(p90(ten)).toBe(9); // ceil(9) − 1 = 8
    expect(p90([...ten, 11])).toBe(10); // ceil(9.9) − 1 = 9
    expect(p90([5])).toBe(5);
    expect(p90([1, 100])).toBe(100); // ceil(1.8) − 1 = 1
  });
});
