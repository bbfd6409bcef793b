// The wire model: schemas, inferred types, parsing and the error family.
export * from './problem.ts';
export * from './board.ts';
export * from './errors.ts';
export { parseProblem, parseProblemText, parseBoard, parseJsonText, zodIssues } from './parse.ts';
export { problemRuleIssues } from './problem-rules.ts';
export { parseIso, formatIso, offsetMinutesOf, clockOf, clockAt, isIsoWithOffset } from './time.ts';
export { problemJsonSchema, boardJsonSchema } from './json-schema.ts';
export { CLOSED_STATUSES, dayStart, dayEndLocation, dayEndMs, latestReturnMs, breakOwed, breaksOwedMin } from './live.ts';
