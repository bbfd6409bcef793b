// The hono environment shared by the app, its middleware and routes.
import type { RequestIdVariables } from 'hono/request-id';

export type AppEnv = { Variables: RequestIdVariables & { tenant: string } };
