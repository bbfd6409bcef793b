// A real HTTP server (node:http on 127.0.0.1, a free port) that answers like the OSRM servers
// recorded in ../shared/fixtures/osrm/{andorra,liechtenstein}: exact recorded paths get the recorded
// answer; any table over recorded points is sliced from the recorded 40×40 table. It can fail, drop,
// hang, hold, enforce a table size (TooBig, like OSRM), null cells, and counts what it is asked.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Location } from '../../model/problem.ts';

/** The repository root: the nearest folder up from here holding pnpm-workspace.yaml. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('replay server: no pnpm-workspace.yaml above this file');
    dir = up;
  }
  return dir;
}

/** Where the recordings are: $TRUCKROLL_OSRM_FIXTURES, else ../shared/fixtures/osrm from the repo root. */
export const FIXTURES_DIR = process.env.TRUCKROLL_OSRM_FIXTURES ?? resolve(repoRoot(), '../shared/fixtures/osrm');

export const REGIONS = ['andorra', 'liechtenstein'] as const;
export type Region = (typeof REGIONS)[number];

export interface Recording {
  request: { method: string; path: string };
  status: number;
  body: Record<string, unknown>;
}

export interface TableRecording {
  durations: Array<Array<number | null>>;
  distances: Array<Array<number | null>>;
  sources: Array<Record<string, unknown>>;
  destinations: Array<Record<string, unknown>>;
}

const cache = new Map<string, Recording>();

/** One recorded file, e.g. `fixture('liechtenstein', 'route-01')`. */
export function fixture(region: Region, name: string): Recording {
  const key = `${region}/${name}`;
  let r = cache.get(key);
  if (!r) {
    r = JSON.parse(readFileSync(join(FIXTURES_DIR, region, `${name}.json`), 'utf8')) as Recording;
    cache.set(key, r);
  }
  return r;
}

/** The recorded files of a region whose name starts with `prefix` (without `.json`), sorted. */
export function fixtureNames(region: Region, prefix = ''): string[] {
  return readdirSync(join(FIXTURES_DIR, region))
    .filter((f) => f.endsWith('.json') && f.startsWith(prefix))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** The 40 points of a region (ids p01…p40), as wire locations. */
export function fixturePoints(region: Region): Array<Location & { id: string }> {
  const data = JSON.parse(readFileSync(join(FIXTURES_DIR, region, 'points.json'), 'utf8')) as { points: Array<{ id: string; location: [number, number] }> };
  return data.points.map((p) => ({ id: p.id, lon: p.location[0], lat: p.location[1] }));
}

/** The recorded 40×40 table of a region. */
export function fixtureTable(region: Region): TableRecording {
  return fixture(region, 'table-40').body as unknown as TableRecording;
}

/** The coordinates (`lon,lat` strings) in a recorded request path. */
export function pathCoordinates(path: string): string[] {
  return decodeURIComponent(new URL(path, 'http://replay').pathname).split('/')[4]?.split(';') ?? [];
}

/** A recorded path's coordinates as locations (`abc` and the like become NaN). */
export function pathLocations(path: string): Location[] {
  return pathCoordinates(path).map((c) => {
    const [lon, lat] = c.split(',').map(Number);
    return { lon: lon ?? NaN, lat: lat ?? NaN };
  });
}

export interface ReplayOptions {
  /** Destroy the connection of the next k requests without answering. */
  drop?: number;
  /** Answer the next k requests (after the dropped ones) with HTTP 503. */
  fail503?: number;
  /** Never answer the next k requests (after those), until the client gives up. */
  hang?: number;
  /** Hold each answer this long, milliseconds (so requests overlap and in-flight peaks show). */
  holdMs?: number;
  /** Like `osrm-routed --max-table-size`: a table of more than this² cells gets 400 TooBig. */
  maxTableSize?: number;
  /** Answer every request with this recording (`region/name`), whatever it asks. */
  respondWith?: string;
  /** Table cells answered null (no route), by recorded point index (0-based). */
  nullCell?: (from: number, to: number) => boolean;
  /** Answer every request with this status and text (e.g. a proxy's HTML page). */
  raw?: { status: number; text: string };
  /** Changes a body before it is sent (the recording itself is not touched). */
  transform?: (path: string, body: Record<string, unknown>) => Record<string, unknown>;
}

export interface ReplayServer {
  /** Root URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Paths asked, in arrival order (every attempt counts). */
  readonly requests: string[];
  /** Most requests open at once so far. */
  readonly peakInFlight: number;
  /** Changes the behaviour from now on (counts of drop/fail503/hang restart). */
  set(options: ReplayOptions): void;
  /** Forgets the requests and the in-flight peak. */
  reset(): void;
  close(): Promise<void>;
}

interface Index {
  exact: Map<string, Recording>;
  /** Per region: `lon,lat` of each recorded point -> its index in table-40. */
  points: Map<Region, Map<string, number>>;
}

let index: Index | undefined;
function loadIndex(): Index {
  if (index) return index;
  const exact = new Map<string, Recording>();
  const points = new Map<Region, Map<string, number>>();
  for (const region of REGIONS) {
    for (const name of fixtureNames(region)) {
      if (name === 'points' || name === 'fit') continue;
      const r = fixture(region, name);
      exact.set(r.request.path, r);
    }
    points.set(region, new Map(pathCoordinates(fixture(region, 'table-40').request.path).map((c, i) => [c, i])));
  }
  index = { exact, points };
  return index;
}

const TOO_BIG = { message: 'Too many table coordinates', code: 'TooBig' };

/** Indices from a `sources`/`destinations` parameter, or all of them. */
function indexList(param: string | null, count: number): number[] | undefined {
  if (param === null || param === 'all') return Array.from({ length: count }, (_, i) => i);
  const list = param.split(';').map(Number);
  return list.every((k) => Number.isInteger(k) && k >= 0 && k < count) ? list : undefined;
}

function sliceTable(idx: number[], sources: number[], destinations: number[], full: TableRecording, nullCell: ReplayOptions['nullCell']): Record<string, unknown> {
  const cell = (rows: Array<Array<number | null>>, s: number, d: number) => (nullCell?.(idx[s]!, idx[d]!) ? null : rows[idx[s]!]![idx[d]!]!);
  return {
    code: 'Ok',
    distances: sources.map((s) => destinations.map((d) => cell(full.distances, s, d))),
    destinations: destinations.map((d) => full.destinations[idx[d]!]!),
    durations: sources.map((s) => destinations.map((d) => cell(full.durations, s, d))),
    sources: sources.map((s) => full.sources[idx[s]!]!),
  };
}

/** What the server answers to `path` (no failure injection here). */
function answer(path: string, opts: ReplayOptions): { status: number; body: Record<string, unknown> } {
  const { exact, points } = loadIndex();
  if (opts.respondWith) {
    const [region, name] = opts.respondWith.split('/') as [Region, string];
    const r = fixture(region, name);
    return { status: r.status, body: r.body };
  }
  const url = new URL(path, 'http://replay');
  const service = url.pathname.split('/')[1];
  const coords = pathCoordinates(path);
  const sources = indexList(url.searchParams.get('sources'), coords.length);
  const destinations = indexList(url.searchParams.get('destinations'), coords.length);
  if (service === 'table' && opts.maxTableSize !== undefined && sources && destinations && sources.length * destinations.length > opts.maxTableSize ** 2) {
    return { status: 400, body: TOO_BIG };
  }
  const recorded = exact.get(path);
  if (recorded && !(service === 'table' && opts.nullCell)) return { status: recorded.status, body: recorded.body };
  if (service === 'table' && sources && destinations && url.searchParams.get('annotations') === 'duration,distance') {
    for (const region of REGIONS) {
      const at = points.get(region)!;
      const idx = coords.map((c) => at.get(c));
      if (idx.every((i) => i !== undefined)) return { status: 200, body: sliceTable(idx as number[], sources, destinations, fixtureTable(region), opts.nullCell) };
    }
  }
  if (recorded) return { status: recorded.status, body: recorded.body };
  // Andorra's snap-far route was recorded with `?steps=true` only: serve a recording with the same
  // service and coordinates when exactly one exists.
  const same = [...exact.values()].filter((r) => r.status === 200 && r.request.path.split('?')[0] === path.split('?')[0]);
  if (same.length === 1) return { status: same[0]!.status, body: same[0]!.body };
  return { status: 400, body: { code: 'ReplayMiss', message: `no recording answers ${path}` } };
}

export async function startReplayServer(options: ReplayOptions = {}): Promise<ReplayServer> {
  let opts: ReplayOptions = { ...options };
  const requests: string[] = [];
  let inFlight = 0;
  let peakInFlight = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.push(path);
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.on('close', () => inFlight--);
    if (opts.drop) {
      opts.drop--;
      req.socket.destroy();
      return;
    }
    if (opts.fail503) {
      opts.fail503--;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      return;
    }
    if (opts.hang) {
      opts.hang--;
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    const send = () => {
      if (opts.raw) {
        res.writeHead(opts.raw.status, { 'content-type': 'text/html' }).end(opts.raw.text);
        return;
      }
      const { status, body } = answer(path, opts);
      const out = opts.transform ? opts.transform(path, structuredClone(body)) : body;
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(out));
    };
    if (opts.holdMs) setTimeout(send, opts.holdMs);
    else send();
  };

  const server = createServer(handle);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get peakInFlight() {
      return peakInFlight;
    },
    set(next) {
      opts = { ...next };
    },
    reset() {
      requests.length = 0;
      peakInFlight = inFlight;
    },
    close() {
      server.closeAllConnections();
      return new Promise((done, fail) => server.close((e) => (e ? fail(e) : done())));
    },
  };
}
