// @truckroll/solver public API: the model, travel models, compilation, solving and the checker.
export * from './model/index.ts';
export * from './travel/index.ts';
