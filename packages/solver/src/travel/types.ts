// The travel-model contract: time and distance between any two locations, as a dense matrix.

import type { Location } from '../model/problem.ts';

/** Row-major n × n matrices over the locations asked for; `Infinity` marks a pair with no route. */
export interface TravelMatrix {
  n: number;
  /** durationsSec[i * n + j]: seconds from location i to location j */
  durationsSec: Float64Array;
  /** distancesM[i * n + j]: metres from location i to location j */
  distancesM: Float64Array;
}

export interface TravelModel {
  readonly name: string;
  /** Builds the matrix over `locations` (in that order). O(n²) time and memory. */
  matrix(locations: readonly Location[], options?: { signal?: AbortSignal }): Promise<TravelMatrix>;
}
