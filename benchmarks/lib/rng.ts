// A tiny seeded PRNG for benchmark inputs: the same seed gives the same points on every machine.
// mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32, fine for test data.

/** Returns a function giving uniform doubles in [0, 1), determined by `seed` (any integer). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
