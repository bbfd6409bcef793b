// Tests of the seeded PRNG: reproducible streams, independent sub-streams, ranges and rough uniformity.
import { describe, it, expect } from 'vitest';
import { Rng } from './rng.ts';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng', () => {
  it('repeats the same stream for the same seed and stream name', () => {
    expect(draw(new Rng(42, 'jobs'), 100)).toEqual(draw(new Rng(42, 'jobs'), 100));
  });

  it('gives different streams for different seeds, streams, and high seed bits', () => {
    const base = draw(new Rng(1), 20);
    expect(draw(new Rng(2), 20)).not.toEqual(base);
    expect(draw(new Rng(1, 'other'), 20)).not.toEqual(base);
    // Seeds that differ only above bit 32 must not collide.
    expect(draw(new Rng(1 + 2 ** 32), 20)).not.toEqual(base);
  });

  it('pins the first outputs of seed 1 (a change here changes every generated day)', () => {
    expect(draw(new Rng(1), 3)).toEqual([2482128941, 2396741407, 3802002302]);
  });

  it('rejects seeds that are not whole numbers ≥ 0', () => {
    expect(() => new Rng(-1)).toThrow(RangeError);
    expect(() => new Rng(1.5)).toThrow(RangeError);
    expect(() => new Rng(Number.NaN)).toThrow(RangeError);
  });

  it('keeps next() in [0, 1) and int() inside its bounds, hitting both ends', () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = rng.int(3, 6);
      expect(k).toBeGreaterThanOrEqual(3);
      expect(k).toBeLessThanOrEqual(6);
      seen.add(k);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('is roughly uniform: 10,000 draws put 1,000 ± 150 in each tenth', () => {
    const rng = new Rng(3);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) bins[Math.floor(rng.next() * 10)]! += 1;
    for (const b of bins) expect(Math.abs(b - 1000)).toBeLessThan(150);
  });

  it('draws steps on the grid, weights by proportion, never picks a zero weight', () => {
    const rng = new Rng(5);
    let heavy = 0;
    for (let i = 0; i < 2000; i++) {
      expect(rng.step(45, 60, 5) % 5).toBe(0);
      const k = rng.weightedIndex([0, 3, 1]);
      expect(k).not.toBe(0);
      if (k === 1) heavy++;
    }
    // Expect 1500 of 2000 (3 : 1).
    expect(heavy).toBeGreaterThan(1400);
    expect(heavy).toBeLessThan(1600);
    expect(() => rng.weightedIndex([0, 0])).toThrow(RangeError);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = new Rng(9).shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort((a, b) => a - b)).toEqual(input);
  });
});
