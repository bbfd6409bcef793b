// The solver's CLI commands (the root `truckroll` entry dispatches to them).
export { solveCommand, SOLVE_HELP } from './solve.ts';
export { checkCommand, CHECK_HELP } from './check.ts';
export { schemaCommand, SCHEMA_HELP } from './schema.ts';
export { reportError, EXIT_OK, EXIT_FAILURE, EXIT_USAGE } from './io.ts';
export { calibrateCommand, CALIBRATE_HELP } from './calibrate.ts';
export { parseCommandLine, UsageError, type CommandLine } from './args.ts';
export { directionsCommand, DIRECTIONS_HELP } from './directions.ts';
export { replanCommand, REPLAN_HELP } from './replan.ts';
