// Worker-thread entry (plain JS, so it loads without a TypeScript loader): registers tsx, then
// runs worker.ts, which answers the simulation tasks it is sent.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
