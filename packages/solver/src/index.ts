// @truckroll/solver public API: the model, travel models, compilation, solving and the checker.
export * from './model/index.ts';
export { travelModelFor, greatCircleModel, greatCircleMatrix, haversineM, explicitMatrixModel, explicitMatrix, EARTH_RADIUS_M } from './travel/index.ts';
export type { TravelModel, TravelMatrix as TravelTable } from './travel/index.ts';
export { compile, type CompileOptions } from './compile/compile.ts';
export type { Compiled } from './compile/compiled.ts';
export { solve, type SolveOptions } from './solve.ts';
export * from './solomon/index.ts';
export { formatBoard } from './report/text.ts';
export * from './checker/index.ts';
