// Picks the travel model a problem's settings ask for.
import type { Problem } from '../model/problem.ts';
import { explicitMatrixModel } from './explicit-matrix.ts';
import { greatCircleModel } from './great-circle.ts';
import type { TravelModel } from './types.ts';

export type { TravelMatrix, TravelModel } from './types.ts';
export { greatCircleMatrix, greatCircleModel, haversineM, EARTH_RADIUS_M } from './great-circle.ts';
export { explicitMatrix, explicitMatrixModel } from './explicit-matrix.ts';

export function travelModelFor(problem: Problem): TravelModel {
  const t = problem.settings.travel;
  if (t.model === 'matrix') return explicitMatrixModel(problem.matrix!);
  return greatCircleModel(t);
}
