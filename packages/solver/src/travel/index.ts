// Picks the travel model a problem's settings ask for.
import type { Problem } from '../model/problem.ts';
import { explicitMatrixModel } from './explicit-matrix.ts';
import { greatCircleModel } from './great-circle.ts';
import { problemLocationLabels } from './osrm/labels.ts';
import { osrmTravelModel } from './osrm/table.ts';
import type { TravelModel } from './types.ts';

export type { TravelMatrix, TravelModel } from './types.ts';
export { greatCircleMatrix, greatCircleModel, haversineM, EARTH_RADIUS_M } from './great-circle.ts';
export { explicitMatrix, explicitMatrixModel } from './explicit-matrix.ts';
export * from './osrm/index.ts';
export { legLookupFor, problemPlaces, type LegLookupFn } from './lookup.ts';

export function travelModelFor(problem: Problem): TravelModel {
  const t = problem.settings.travel;
  if (t.model === 'matrix') return explicitMatrixModel(problem.matrix!);
  if (t.model === 'osrm') {
    const { url, profile, maxTableSize, snapLimitM, timeoutMs, retries } = t;
    return osrmTravelModel({ url, profile, maxTableSize, snapLimitM, timeoutMs, retries, labelOf: problemLocationLabels(problem) });
  }
  return greatCircleModel(t);
}
