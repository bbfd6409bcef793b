// @truckroll/sim public API: the seeded day generator (scenarios, replay and policies come later).
export { generateDay, problemJsonText, defaultRadiusKm, SIZES, SIZE_NAMES, GENERATOR_VERSION, GenerateOptions } from './generate/day.ts';
export type { SizeName } from './generate/day.ts';
export { CITIES, CITY_NAMES } from './generate/cities.ts';
export type { City, CityName } from './generate/cities.ts';
export { Rng } from './generate/rng.ts';
export { dayIssues } from './generate/invariants.ts';
export { generateCommand } from './cli/generate.ts';
