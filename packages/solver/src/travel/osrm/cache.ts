// An in-memory LRU of travel-table cells, so a location pair is asked of OSRM once. Keys are the
// wire coordinates of both ends (`lon,lat` at 6 decimals, about 0.1 m); one cache per server and
// profile, so the profile is part of the key by construction. Unreachable pairs are cached as Infinity.

export interface OsrmCell {
  durationSec: number;
  distanceM: number;
}

export class OsrmTableCache {
  /** Most cells kept; the least recently used go first. */
  readonly capacity: number;
  private readonly cells = new Map<string, OsrmCell>();

  /** `capacity` in cells (default 250,000: every pair of 500 locations; about 50 MB). */
  constructor(capacity = 250_000) {
    this.capacity = Math.max(1, Math.floor(capacity));
  }

  get size(): number {
    return this.cells.size;
  }

  /** The cell from `from` to `to` (wire coordinates), marking it recently used. O(1). */
  get(from: string, to: string): OsrmCell | undefined {
    const key = `${from};${to}`;
    const cell = this.cells.get(key);
    if (cell) {
      this.cells.delete(key);
      this.cells.set(key, cell);
    }
    return cell;
  }

  /** Whether the cell is cached, without marking it used. */
  has(from: string, to: string): boolean {
    return this.cells.has(`${from};${to}`);
  }

  set(from: string, to: string, durationSec: number, distanceM: number): void {
    const key = `${from};${to}`;
    this.cells.delete(key);
    this.cells.set(key, { durationSec, distanceM });
    if (this.cells.size > this.capacity) {
      // A Map iterates in insertion order, and every use re-inserts: the first key is the least recent.
      const oldest = this.cells.keys().next().value;
      if (oldest !== undefined) this.cells.delete(oldest);
    }
  }

  clear(): void {
    this.cells.clear();
  }
}

const shared = new Map<string, OsrmTableCache>();

/** The process-wide cache for one server and profile (every OSRM model made without its own cache uses it). */
export function sharedOsrmCache(url: string, profile: string): OsrmTableCache {
  const key = `${url.replace(/\/+$/, '')}|${profile}`;
  let cache = shared.get(key);
  if (!cache) {
    cache = new OsrmTableCache();
    shared.set(key, cache);
  }
  return cache;
}
