// @truckroll/solver public API: the model, travel models, compilation, solving and the checker.
export * from './model/index.ts';
export {
  travelModelFor,
  greatCircleModel,
  greatCircleMatrix,
  haversineM,
  explicitMatrixModel,
  explicitMatrix,
  EARTH_RADIUS_M,
  legLookupFor,
  problemPlaces,
  osrmTravelModel,
  createOsrmClient,
  OsrmTableCache,
  directionsForRoute,
  directionsForBoard,
  calibrate,
  problemLocationLabels,
} from './travel/index.ts';
export type {
  TravelModel,
  TravelMatrix as TravelTable,
  LegLookupFn,
  OsrmTravelModel,
  RouteDirections,
  DirectionsLeg,
  DirectionsStep,
  TechnicianDirections,
  Calibration,
} from './travel/index.ts';
export { compile, type CompileOptions } from './compile/compile.ts';
export type { Compiled } from './compile/compiled.ts';
export { solve, type SolveOptions } from './solve.ts';
export * from './solomon/index.ts';
export { formatBoard } from './report/text.ts';
export * from './checker/index.ts';
export * from './live/index.ts';
