// @truckroll/api public API: the app factory, the server runner and the `serve` command.
export { createApp, type AppDeps } from './app.ts';
export { startServer, runUntilSignal, assertSafeBinding, isLoopback, type ServerConfig, type RunningServer } from './main.ts';
export { createSolvePool, defaultThreads, type SolvePool, type SolvePoolOptions, type PoolStats } from './pool.ts';
export { createKeyRing, keyRingFromEnv, parseKeySpec, type KeyRing } from './middleware/auth.ts';
export { ApiError, type Problem as ProblemDetails, type FieldError } from './problem.ts';
export { serveCommand, SERVE_HELP } from './cli/serve.ts';
