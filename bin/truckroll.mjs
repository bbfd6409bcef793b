#!/usr/bin/env node
// The `truckroll` command: registers tsx so the TypeScript sources run as they are, then
// dispatches to the command's module. Exit codes: 0 ok, 1 failure, 2 usage error.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
