// The one search pool of the process: piscina running worker.ts under tsx, created on first use.
// Idle workers are unref'd by piscina and exit after IDLE_TIMEOUT_MS, so a finished solve leaves
// nothing that keeps the process alive; closeSearchPool() shuts it down explicitly.
import { Piscina } from 'piscina';
import { MAX_THREADS, type SearchResult, type SearchTask } from './protocol.ts';

/** Idle workers stay this long for the next solve (worker start: tsx + the search modules). */
export const IDLE_TIMEOUT_MS = 30_000;

let pool: Piscina<SearchTask, SearchResult> | null = null;

export function searchPool(): Piscina<SearchTask, SearchResult> {
  if (pool) return pool;
  const p = new Piscina<SearchTask, SearchResult>({
    filename: new URL('./worker.ts', import.meta.url).href,
    execArgv: ['--import', 'tsx'],
    minThreads: 0,
    maxThreads: MAX_THREADS,
    idleTimeout: IDLE_TIMEOUT_MS,
    // each solve runs at most `threads` tasks at once, so there is no backlog to bound
    maxQueue: Infinity,
  });
  // bootstrap failures surface here; tasks also reject, so solve() reports them
  p.on('error', (err: unknown) => process.emitWarning(`truckroll search pool: ${err instanceof Error ? err.message : String(err)}`));
  pool = p;
  return p;
}

/** Terminates the pool's workers (waiting for running tasks); the next solve with threads makes a new pool. */
export async function closeSearchPool(): Promise<void> {
  const p = pool;
  pool = null;
  if (p) await p.close();
}
