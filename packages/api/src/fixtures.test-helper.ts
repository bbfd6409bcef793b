// Shared test fixtures: a tiny hand-made problem (2 techs, 4 jobs, great-circle travel, one job
// nobody is skilled for), the repo's small dataset, an in-thread pool fake and a board verifier.
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { checkBoard, InputError, parseProblemText, solve, type Board, type CheckResult, type Offers, type ProblemInput, type ReplanResult } from '@truckroll/solver';
import type { RecommendTask, ReplanTask, SolvePool, SolveTask } from './pool.ts';
import { recommendTask, replanTask } from './worker.ts';
import { ApiError } from './problem.ts';
import { createKeyRing, type KeyRing } from './middleware/auth.ts';
import { createApp } from './app.ts';
import { createBoardRunner } from './board-runner.ts';
import { createLiveBoards } from './live-boards.ts';
import { createBoardStore } from './store/boards.ts';
import { openDb } from './store/db.ts';
import { createTrackingStore } from './store/tracking.ts';

export const REPO = resolve(import.meta.dirname, '../../..');

const at = (hhmm: string) => `2026-03-02T${hhmm}:00-05:00`;

/** Two HVAC technicians in Columbus, OH; job J4 needs roofing, which nobody has. */
export function tinyProblem(): ProblemInput {
  const tech = (id: string, lat: number, lon: number) => ({
    id,
    start: { lat, lon },
    shift: { start: at('08:00'), end: at('16:00'), maxOvertimeMin: 60 },
    breaks: [{ id: 'lunch', durationMin: 30, window: { start: at('11:30'), end: at('13:30') } }],
    skills: { hvac: 3 },
    costPerHour: 50,
  });
  const job = (id: string, lat: number, lon: number, extra: Record<string, unknown> = {}) => ({
    id,
    location: { lat, lon },
    durationMin: 60,
    windows: [{ start: at('08:00'), end: at('15:00') }],
    skills: { hvac: 2 },
    value: 200,
    ...extra,
  });
  return {
    name: 'tiny Columbus day',
    technicians: [tech('T1', 39.96, -83.0), tech('T2', 40.0, -83.05)],
    jobs: [job('J1', 39.97, -83.01), job('J2', 39.99, -83.04), job('J3', 39.95, -82.98, { windows: [{ start: at('13:00'), end: at('15:00') }] }), job('J4', 39.98, -83.02, { skills: { roofing: 2 } })],
    settings: { timeLimitSec: 0.5 },
  };
}

export const tinyJson = (): string => JSON.stringify(tinyProblem());

/** Two tenants' API keys (tenants "A" and "B"), for tenancy tests. */
export const KEY_A = 'key-for-tenant-a-0123456789';
export const KEY_B = 'key-for-tenant-b-0123456789';
export const twoTenants = (): KeyRing =>
  createKeyRing([
    { key: KEY_A, tenant: 'A' },
    { key: KEY_B, tenant: 'B' },
  ]);

export const smallJson = (): string => readFileSync(join(REPO, 'datasets/small.json'), 'utf8');

/** A SolvePool that solves in this thread (in-process route tests); `full` makes it refuse; `hold()` parks solves until released. */
export function inlinePool({ full = false }: { full?: boolean } = {}): SolvePool & { calls: SolveTask[]; full: boolean; hold(): () => void } {
  const calls: SolveTask[] = [];
  let gate: Promise<void> = Promise.resolve();
  const self = {
    calls,
    full,
    hold() {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return release;
    },
    hasRoom: () => !self.full,
    assertRoom() {
      if (self.full) throw new ApiError({ status: 503, code: 'pool_full', title: 'Solver is busy', detail: 'test pool is full', headers: { 'Retry-After': '7' } });
    },
    async solve(task: SolveTask): Promise<Board> {
      self.assertRoom();
      calls.push(task);
      await gate;
      const problem = parseProblemText(task.problemJson);
      // A short, iteration-capped search: these tests are about the routes, not the engine.
      return solve(problem, { ...(task.seed === undefined ? {} : { seed: task.seed }), timeLimitSec: Math.min(task.timeLimitSec ?? 0.2, 0.2), maxIterations: 200 });
    },
    async replan(task: Omit<ReplanTask, 'kind'>): Promise<ReplanResult> {
      self.assertRoom();
      const r = await replanTask({ kind: 'replan', ...task });
      if (r.ok) return r.result;
      throw r.error.kind === 'input' ? new InputError(r.error.issues ?? [], 'events') : new Error(r.error.message);
    },
    async recommend(task: Omit<RecommendTask, 'kind'>): Promise<Offers> {
      self.assertRoom();
      const r = await recommendTask({ kind: 'recommend', ...task });
      if (r.ok) return r.result;
      throw r.error.kind === 'input' ? new InputError(r.error.issues ?? [], 'job') : new Error(r.error.message);
    },
    stats: () => ({ threads: 1, maxThreads: 1, queueSize: 0, maxQueue: 2, utilization: 0, completed: calls.length }),
    close: async () => {},
  };
  return self;
}

/** The solver's independent checker on `board`, against the problem as JSON text. */
export function verifyBoard(problemJson: string, board: Board): CheckResult {
  return checkBoard(parseProblemText(problemJson), board);
}

/**
 * A stand-in OSRM server that holds every request until `release()` (then answers 400
 * InvalidQuery). A problem using it keeps a worker busy for as long as the test wants, with no
 * timing involved.
 */
export async function holdingOsrm(): Promise<{ url: string; received: () => number; waitForRequest: () => Promise<void>; release: () => void; close: () => Promise<void> }> {
  const held: ServerResponse[] = [];
  let released = false;
  let count = 0;
  let onRequest: (() => void) | undefined;
  const answer = (res: ServerResponse) => res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 'InvalidQuery', message: 'held by the test' }));
  const server = createServer((req, res) => {
    req.resume();
    count++;
    onRequest?.();
    if (released) answer(res);
    else held.push(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => count,
    waitForRequest: () => (count > 0 ? Promise.resolve() : new Promise<void>((r) => (onRequest = r))),
    release() {
      released = true;
      for (const res of held.splice(0)) answer(res);
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The tiny problem on the OSRM server at `url` (no retries, long timeout). */
export const osrmTinyJson = (url: string): string => JSON.stringify({ ...tinyProblem(), settings: { timeLimitSec: 30, travel: { model: 'osrm', url, retries: 0, timeoutMs: 120_000 } } });

/**
 * A tiny OSRM stand-in that answers every `table` request over its coordinates with road times
 * of its own (great circle × 1.4 at 30 km/h, so they differ from the default estimate).
 */
export async function roadOsrm(): Promise<{ url: string; tables: () => number; close: () => Promise<void> }> {
  const { createServer } = await import('node:http');
  let tables = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/table\/v1\/[^/]+\/(.+)$/.exec(url.pathname);
    if (!m) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'InvalidService', message: 'only table here' }));
      return;
    }
    tables++;
    const pts = m[1]!.split(';').map((p) => p.split(',').map(Number) as [number, number]);
    const pick = (q: string | null) => (q ? q.split(';').map(Number) : pts.map((_, i) => i));
    const src = pick(url.searchParams.get('sources'));
    const dst = pick(url.searchParams.get('destinations'));
    const metres = (a: [number, number], b: [number, number]) => {
      const rad = Math.PI / 180;
      const h = Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2;
      return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h)) * 1.4;
    };
    const distances = src.map((i) => dst.map((j) => metres(pts[i]!, pts[j]!)));
    const durations = distances.map((row) => row.map((d) => d / (30 / 3.6)));
    const wp = (i: number) => ({ location: pts[i], distance: 0, name: '' });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'Ok', durations, distances, sources: src.map(wp), destinations: dst.map(wp) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, tables: () => tables, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * An in-process app with the live-board routes: in-thread pool, in-memory SQLite, the real store,
 * runner, live boards and tracking; `call` sends JSON (bodies are stringified) with an optional key.
 */
export function liveApp({ keys }: { keys?: KeyRing } = {}) {
  const pool = inlinePool();
  const db = openDb(':memory:');
  const store = createBoardStore(db);
  const runner = createBoardRunner({ store, pool });
  const live = createLiveBoards({ store, pool });
  const tracking = createTrackingStore(db, { secret: Buffer.alloc(32, 7) });
  const app = createApp({ pool, store, runner, live, tracking, ...(keys ? { keys } : {}) });
  const call = (path: string, { key, method, body, headers = {} }: { key?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    app.request(path, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    });
  return { store, live, pool, call };
}
