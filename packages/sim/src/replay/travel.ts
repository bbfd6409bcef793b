// Drive times in the simulated world: the problem's travel model (travelModelFor: the same one the
// planner uses) times a seeded lognormal factor per ordered pair of places (mean 1, spread
// noise.travelSd), so every policy meets the same traffic on the same road. Places the model was
// not built for (a technician turned back mid-leg) are priced on demand. Positions mid-leg are
// interpolated linearly in lat/lon.
import { travelModelFor, type Location, type Problem, type TravelModel } from '@truckroll/solver';

const keyOf = (l: Location) => `${l.lat},${l.lon}`;

/** FNV-1a of a string into 32 bits. */
function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** A standard normal deviate from two 32-bit hashes (Box–Muller). */
function normalOf(a: number, b: number): number {
  const u = 1 - a / 4294967296;
  const v = b / 4294967296;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export class WorldTravel {
  private readonly model: TravelModel;
  private readonly index = new Map<string, number>();
  private n = 0;
  private durations: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private readonly extra = new Map<string, number>();

  constructor(
    problem: Problem,
    private readonly seed: number,
    private readonly sd: number,
  ) {
    this.model = travelModelFor(problem);
  }

  /** Builds the matrix over the day's known places (technicians, jobs, supply houses). */
  async prepare(places: readonly Location[]): Promise<void> {
    const unique: Location[] = [];
    for (const p of places) {
      const k = keyOf(p);
      if (this.index.has(k)) continue;
      this.index.set(k, unique.length);
      unique.push(p);
    }
    const m = await this.model.matrix(unique);
    this.n = m.n;
    this.durations = m.durationsSec;
  }

  /** Planned (model) seconds from a to b; Infinity when the model has no route. */
  async plannedSec(a: Location, b: Location): Promise<number> {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (ka === kb) return 0;
    const i = this.index.get(ka);
    const j = this.index.get(kb);
    if (i !== undefined && j !== undefined) return this.durations[i * this.n + j]!;
    const k = `${ka}|${kb}`;
    const cached = this.extra.get(k);
    if (cached !== undefined) return cached;
    const m = await this.model.matrix([a, b]);
    const sec = m.durationsSec[1]!;
    this.extra.set(k, sec);
    return sec;
  }

  /** Actual seconds from a to b: planned × the pair's factor (lognormal, mean 1). */
  async actualSec(a: Location, b: Location): Promise<number> {
    const planned = await this.plannedSec(a, b);
    if (planned === 0 || !Number.isFinite(planned) || this.sd === 0) return planned;
    const pair = `${keyOf(a)}|${keyOf(b)}`;
    const z = normalOf(hash32(pair, this.seed), hash32(`${pair}#2`, this.seed ^ 0x9e3779b9));
    return planned * Math.exp(this.sd * z - (this.sd * this.sd) / 2);
  }
}

/** Where a technician is `fraction` (0–1) of the way from a to b (rounded to ~1 m). */
export function along(a: Location, b: Location, fraction: number): Location {
  const f = Math.min(1, Math.max(0, fraction));
  const r = (x: number) => Math.round(x * 1e5) / 1e5;
  return { lat: r(a.lat + (b.lat - a.lat) * f), lon: r(a.lon + (b.lon - a.lon) * f) };
}

export const sameplace = (a: Location, b: Location) => keyOf(a) === keyOf(b);
