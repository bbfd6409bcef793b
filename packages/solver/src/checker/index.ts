// The independent checker: verifies a board against the raw problem and recomputes its KPIs.
// Imports only model/; shares no code with travel/, compile/ or search/.
export { checkBoard, type CheckOptions } from './check.ts';
export type { LegLookup } from './travel.ts';
export type { CheckResult, RouteCheck, Violation, ViolationCode } from './types.ts';
