// The OSRM travel model: the time and distance matrix from OSRM's `table` service, asked in
// source×destination blocks of at most maxTableSize² cells (OSRM's own --max-table-size rule), a
// bounded number at once, each cell at most once per cache. `null` cells (no route) become Infinity.
import { z } from 'zod';
import { TravelError } from '../../model/errors.ts';
import type { Location } from '../../model/problem.ts';
import type { TravelMatrix, TravelModel } from '../types.ts';
import { OsrmTableCache, sharedOsrmCache } from './cache.ts';
import { createOsrmClient, wireCoordinate, type OsrmClient, type OsrmClientOptions } from './client.ts';
import { describeLocation } from './errors.ts';

export interface OsrmTableOptions {
  /** What to call each location in errors (`job J-12`, `technician T-3 start`); `location i` when absent. */
  labels?: readonly (string | undefined)[];
  /** Largest block side: a request asks at most maxTableSize sources × maxTableSize destinations (default 100). */
  maxTableSize?: number;
  /** A location OSRM moves farther than this to reach a road is an error, metres (default 500). */
  snapLimitM?: number;
  /** Cells already known are not asked again; new cells are stored. */
  cache?: OsrmTableCache;
  signal?: AbortSignal;
}

const Waypoint = z.object({
  distance: z.number().nullable().optional(),
  location: z.tuple([z.number(), z.number()]).optional(),
  name: z.string().optional(),
});
const Cells = z.array(z.array(z.number().nullable()));
const TableBody = z.object({
  durations: Cells,
  distances: Cells.optional(),
  sources: z.array(Waypoint),
  destinations: z.array(Waypoint),
});
type Waypoint = z.infer<typeof Waypoint>;

/** One request: the unique locations whose rows and columns it asks for. */
export interface TableBlock {
  rows: number[];
  cols: number[];
}

/** Splits `list` into ceil(len / size) runs of nearly equal length, in order. */
function chunks(list: readonly number[], size: number): number[][] {
  const k = Math.ceil(list.length / size);
  const out: number[][] = [];
  for (let c = 0; c < k; c++) out.push(list.slice(Math.floor((c * list.length) / k), Math.floor(((c + 1) * list.length) / k)));
  return out;
}

/**
 * Plans the requests that cover every missing cell of an m × m table (`missing[i * m + j]` = 1).
 * Picks greedily a set R of locations touching every missing cell (most missing cells first; on a
 * cold cache R is everything, when a few locations are new R is those), then asks R × all and
 * (all − R) × R, tiled into blocks of at most `maxTableSize` rows and columns. O(m²) time.
 */
export function planBlocks(m: number, missing: Uint8Array, maxTableSize: number): TableBlock[] {
  const miss = new Int32Array(m);
  let uncovered = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (!missing[i * m + j]) continue;
      uncovered++;
      miss[i]!++;
      if (i !== j) miss[j]!++;
    }
  }
  if (uncovered === 0) return [];
  const inR = new Uint8Array(m);
  const r: number[] = [];
  while (uncovered > 0) {
    let best = -1;
    for (let i = 0; i < m; i++) if (!inR[i] && (best < 0 || miss[i]! > miss[best]!)) best = i;
    inR[best] = 1;
    r.push(best);
    for (let j = 0; j < m; j++) {
      if (j === best) {
        if (missing[best * m + best]) uncovered--;
      } else if (!inR[j]) {
        if (missing[best * m + j]) (uncovered--, miss[j]!--);
        if (missing[j * m + best]) (uncovered--, miss[j]!--);
      }
    }
    miss[best] = 0;
  }
  const all = Array.from({ length: m }, (_, i) => i);
  const allChunks = chunks(all, maxTableSize);
  if (r.length === m) return allChunks.flatMap((rows) => allChunks.map((cols) => ({ rows, cols })));
  r.sort((a, b) => a - b);
  const rChunks = chunks(r, maxTableSize);
  const restChunks = chunks(
    all.filter((i) => !inR[i]),
    maxTableSize,
  );
  return [...rChunks.flatMap((rows) => allChunks.map((cols) => ({ rows, cols }))), ...restChunks.flatMap((rows) => rChunks.map((cols) => ({ rows, cols })))];
}

function formatDistance(m: number): string {
  return m >= 10_000 ? `${Math.round(m / 1000).toLocaleString('en-US')} km` : `${Math.round(m).toLocaleString('en-US')} m`;
}

/** The error for locations OSRM snapped too far away (`snapped` holds OSRM's waypoint for each). */
export function snappedFarError(labels: readonly string[], locations: readonly Location[], far: ReadonlyArray<{ index: number; waypoint: Waypoint }>, snapLimitM: number): TravelError {
  const parts = far.slice(0, 3).map(({ index, waypoint }) => {
    const onto = waypoint.location ? ` to ${waypoint.name ? `${waypoint.name} at ` : ''}lat ${waypoint.location[1]}, lon ${waypoint.location[0]}` : '';
    return `${describeLocation(labels, locations, index)} is ${formatDistance(waypoint.distance ?? Infinity)} from the nearest road OSRM knows (it snapped it${onto})`;
  });
  const more = far.length > 3 ? `; and ${far.length - 3} more` : '';
  return new TravelError(
    'osrm_snapped_far',
    `${parts.join('; ')}${more}. That is more than settings.travel.snapLimitM (${snapLimitM} m): check the coordinates, or whether the OSRM map covers this area`,
  );
}

/** Joins the labels of locations that share one place: `job J-1 / job J-7`. */
function joinLabels(labels: readonly string[]): string {
  const distinct = [...new Set(labels)];
  return distinct.length <= 3 ? distinct.join(' / ') : `${distinct.slice(0, 3).join(' / ')} and ${distinct.length - 3} more`;
}

/**
 * The travel matrix over `locations` from OSRM's table service. Locations at the same place
 * (same wire coordinate) are asked once. O(n²) memory; requests as planned by `planBlocks`.
 */
export async function osrmTable(client: OsrmClient, locations: readonly Location[], options: OsrmTableOptions = {}): Promise<TravelMatrix> {
  const { maxTableSize = 100, snapLimitM = 500, cache, signal } = options;
  if (!(Number.isInteger(maxTableSize) && maxTableSize >= 1)) throw new TravelError('osrm_bad_settings', `maxTableSize must be a whole number ≥ 1 (got ${maxTableSize})`);
  const n = locations.length;
  const keys = locations.map(wireCoordinate);
  const uniqueOf = new Int32Array(n);
  const uKeys: string[] = [];
  const uLocs: Location[] = [];
  const uLabelLists: string[][] = [];
  const byKey = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    let u = byKey.get(key);
    if (u === undefined) {
      u = uKeys.length;
      byKey.set(key, u);
      uKeys.push(key);
      uLocs.push(locations[i]!);
      uLabelLists.push([]);
    }
    uniqueOf[i] = u;
    uLabelLists[u]!.push(options.labels?.[i] || `location ${i}`);
  }
  const uLabels = uLabelLists.map(joinLabels);
  const m = uKeys.length;
  const uDur = new Float64Array(m * m);
  const uDist = new Float64Array(m * m);
  const missing = new Uint8Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const cell = i === j && m === 1 ? { durationSec: 0, distanceM: 0 } : cache?.get(uKeys[i]!, uKeys[j]!);
      if (cell) {
        uDur[i * m + j] = cell.durationSec;
        uDist[i * m + j] = cell.distanceM;
      } else missing[i * m + j] = 1;
    }
  }

  const blocks = planBlocks(m, missing, maxTableSize);
  // The first failure cancels the blocks still running; the caller's signal cancels them all.
  const failed = new AbortController();
  const blockSignal = signal ? AbortSignal.any([signal, failed.signal]) : failed.signal;

  async function fetchBlock({ rows, cols }: TableBlock): Promise<void> {
    // Coordinates: the rows, then the columns not among them. `sources`/`destinations` are left out when they are all of them.
    const coords = [...rows];
    const at = new Map(rows.map((u, k) => [u, k]));
    for (const u of cols) {
      if (!at.has(u)) {
        at.set(u, coords.length);
        coords.push(u);
      }
    }
    const src = rows.map((u) => at.get(u)!);
    const dst = cols.map((u) => at.get(u)!);
    const isAll = (ix: number[]) => ix.length === coords.length && ix.every((p, k) => p === k);
    let query = 'annotations=duration,distance';
    if (!isAll(src)) query += `&sources=${src.join(';')}`;
    if (!isAll(dst)) query += `&destinations=${dst.join(';')}`;
    const blockLocs = coords.map((u) => uLocs[u]!);
    const blockLabels = coords.map((u) => uLabels[u]!);
    const raw = await client.request({ service: 'table', locations: blockLocs, labels: blockLabels, query, signal: blockSignal, maxTableSize });
    const parsed = TableBody.safeParse(raw);
    const shapeOk =
      parsed.success &&
      parsed.data.durations.length === rows.length &&
      parsed.data.durations.every((row) => row.length === cols.length) &&
      parsed.data.sources.length === rows.length &&
      parsed.data.destinations.length === cols.length &&
      (parsed.data.distances === undefined || (parsed.data.distances.length === rows.length && parsed.data.distances.every((row) => row.length === cols.length)));
    if (!parsed.success || !shapeOk) {
      throw new TravelError('osrm_bad_response', `OSRM at ${client.url} answered a ${rows.length}×${cols.length} table request with a body of another shape`);
    }
    const t = parsed.data;
    if (!t.distances) throw new TravelError('osrm_bad_response', `OSRM at ${client.url} sent durations without distances; it needs to support annotations=duration,distance (OSRM 5.21 or later)`);
    const far = new Map<number, Waypoint>();
    rows.forEach((u, k) => {
      const w = t.sources[k]!;
      if ((w.distance ?? 0) > snapLimitM) far.set(u, w);
    });
    cols.forEach((u, k) => {
      const w = t.destinations[k]!;
      if ((w.distance ?? 0) > snapLimitM && !far.has(u)) far.set(u, w);
    });
    if (far.size > 0) throw snappedFarError(uLabels, uLocs, [...far].map(([index, waypoint]) => ({ index, waypoint })), snapLimitM);
    for (let a = 0; a < rows.length; a++) {
      const i = rows[a]!;
      const dRow = t.durations[a]!;
      const mRow = t.distances[a]!;
      for (let b = 0; b < cols.length; b++) {
        const j = cols[b]!;
        const d = dRow[b];
        const dist = mRow[b];
        // No route: OSRM sends null; both become Infinity, never 0.
        const durationSec = d === null || d === undefined ? Infinity : d;
        const distanceM = dist === null || dist === undefined || durationSec === Infinity ? Infinity : dist;
        uDur[i * m + j] = durationSec;
        uDist[i * m + j] = distanceM;
        missing[i * m + j] = 0;
        cache?.set(uKeys[i]!, uKeys[j]!, durationSec, distanceM);
      }
    }
  }

  await Promise.all(
    blocks.map((b) =>
      fetchBlock(b).catch((e: unknown) => {
        if (!failed.signal.aborted) failed.abort(e);
        throw e;
      }),
    ),
  );
  if (missing.includes(1)) throw new TravelError('osrm_internal', 'the OSRM table plan left cells unasked (a bug)');

  const durationsSec = new Float64Array(n * n);
  const distancesM = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ui = uniqueOf[i]! * m;
    for (let j = 0; j < n; j++) {
      const k = ui + uniqueOf[j]!;
      durationsSec[i * n + j] = uDur[k]!;
      distancesM[i * n + j] = uDist[k]!;
    }
  }
  return { n, durationsSec, distancesM };
}

export interface OsrmTravelOptions extends OsrmClientOptions, Omit<OsrmTableOptions, 'labels' | 'signal' | 'cache'> {
  /** A client to share (its url, profile and limits win); else one is made from these options. */
  client?: OsrmClient;
  /** The cells cache; default the process-wide one for this url and profile; `false` for none. */
  cache?: OsrmTableCache | false;
  /** Names a location for errors when `matrix()` is not given labels (see `problemLocationLabels`). */
  labelOf?: (location: Location, index: number) => string | undefined;
}

export interface OsrmTravelModel extends TravelModel {
  readonly client: OsrmClient;
  readonly maxTableSize: number;
  readonly snapLimitM: number;
  /** Like TravelModel.matrix; `labels` (one per location) name locations in errors. */
  matrix(locations: readonly Location[], options?: { signal?: AbortSignal; labels?: readonly (string | undefined)[] }): Promise<TravelMatrix>;
}

/** A TravelModel backed by an OSRM server's table service (see `osrmTable`). */
export function osrmTravelModel(options: OsrmTravelOptions): OsrmTravelModel {
  const client = options.client ?? createOsrmClient(options);
  const { maxTableSize = 100, snapLimitM = 500, labelOf } = options;
  const cache = options.cache === false ? undefined : (options.cache ?? sharedOsrmCache(client.url, client.profile));
  return {
    name: 'osrm',
    client,
    maxTableSize,
    snapLimitM,
    matrix(locations, opts = {}) {
      const labels = locations.map((loc, i) => opts.labels?.[i] ?? labelOf?.(loc, i));
      return osrmTable(client, locations, {
        labels,
        maxTableSize,
        snapLimitM,
        ...(cache ? { cache } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    },
  };
}
