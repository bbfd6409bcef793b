// The seeded PRNG for benchmark inputs (the same seed gives the same points on every machine):
// the solver's mulberry32, re-exported so benchmarks and the solver share one implementation.
export { mulberry32 } from '../../packages/solver/src/search/engine/rng.ts';
