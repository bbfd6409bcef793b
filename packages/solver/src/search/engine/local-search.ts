// Descent over granular neighbourhoods (PyVRP's LocalSearch): for each job u in random order and
// each neighbour v, the first improving operator is applied. A pair is skipped when neither route
// changed since u was last tested, so after a ruin-and-recreate only the touched routes are searched.
import type { Rng } from './rng.ts';
import { GAIN_EPS, type SearchState } from './state.ts';
import type { Operator } from './operators/types.ts';

export class LocalSearch {
  /** lastTested[u]: state clock when u's neighbourhood was last scanned (0 = never) */
  private readonly lastTested: Float64Array;
  /** scratch: the jobs a pass scans */
  private readonly order: Int32Array;
  /** techClass[t]: the first tech whose empty route is interchangeable with t's */
  private readonly techClass: Int32Array;
  private readonly classSeen: Int32Array;
  private stamp = 0;
  /** moves applied since construction */
  moves = 0;

  constructor(
    private readonly st: SearchState,
    private readonly nbrs: readonly Int32Array[],
    private readonly ops: readonly Operator[],
  ) {
    const c = st.c;
    this.lastTested = new Float64Array(c.nJobs);
    this.order = new Int32Array(c.nJobs);
    this.techClass = techClasses(st);
    this.classSeen = new Int32Array(c.nTechs);
    for (const op of ops) op.init(st);
  }

  /** Forgets what was tested (the next run scans every pair). */
  reset(): void {
    this.lastTested.fill(0);
  }

  /**
   * Runs to a local optimum (or until `stop()` says so). With `since`, only jobs whose route changed
   * after clock value `since` are scanned (the routes a ruin and recreate touched, and what moves
   * touch next). Returns the number of moves applied.
   */
  run(rng: Rng, stop?: () => boolean, since = 0): number {
    const st = this.st;
    const routes = st.routes;
    const ops = this.ops;
    const vanOk = st.vanOk;
    const nJ = st.c.nJobs;
    let applied = 0;
    const order = this.order;
    for (let improved = true; improved; ) {
      improved = false;
      if (stop?.()) break;
      // each pass: the jobs of the routes changed after `since`, in random order (Fisher–Yates)
      let m = 0;
      for (let r = 0; r < routes.length; r++) {
        const R = routes[r]!;
        if (R.lastModified <= since) continue;
        for (let p = 1; p <= R.n; p++) if (R.job[p]! >= 0) order[m++] = R.job[p]!;
      }
      for (let i = m - 1; i > 0; i--) {
        const k = rng.int(i + 1);
        const x = order[i]!;
        order[i] = order[k]!;
        order[k] = x;
      }
      for (let oi = 0; oi < m; oi++) {
        if ((oi & 15) === 15 && stop?.()) break;
        const u = order[oi]!;
        if (st.routeOf[u]! < 0 || routes[st.routeOf[u]!]!.lastModified <= since) continue;
        const tested = this.lastTested[u]!;
        this.lastTested[u] = st.clock;
        const nb = this.nbrs[u]!;
        for (let q = 0; q < nb.length; q++) {
          const v = nb[q]!;
          const rv = st.routeOf[v]!;
          if (rv < 0) continue;
          const ru = st.routeOf[u]!;
          if (routes[ru]!.lastModified <= tested && routes[rv]!.lastModified <= tested) continue;
          // v's technician may not do u: no operator that moves u there applies (most pairs on field days)
          const blocked = ru !== rv && vanOk[routes[rv]!.tech * nJ + u] === 0;
          for (let k = 0; k < ops.length; k++) {
            const op = ops[k]!;
            if (blocked && op.movesU === true) continue;
            if (op.evaluate(u, v, st) < -GAIN_EPS) {
              op.apply(u, v, st);
              applied++;
              improved = true;
              break;
            }
          }
        }
        if (routes[st.routeOf[u]!]!.lastModified > tested && this.emptyRouteMoves(u)) {
          applied++;
          improved = true;
        }
      }
    }
    this.moves += applied;
    return applied;
  }

  /** Tries moving u (and what follows it) into one empty route per technician class. */
  private emptyRouteMoves(u: number): boolean {
    const st = this.st;
    const nJ = st.c.nJobs;
    this.stamp++;
    for (let r = 0; r < st.routes.length; r++) {
      const R = st.routes[r]!;
      if (R.n > 0) continue;
      const cls = this.techClass[R.tech]!;
      if (this.classSeen[cls] === this.stamp) continue;
      this.classSeen[cls] = this.stamp;
      for (const op of this.ops) {
        if (op.evaluate(u, nJ + r, st) < -GAIN_EPS) {
          op.apply(u, nJ + r, st);
          return true;
        }
      }
    }
    return false;
  }
}

/**
 * techClass[t] = the lowest tech index whose empty route is interchangeable with t's (same depots,
 * shift, capacity, costs and compatibility row; no breaks). O(nTechs² × nJobs) once.
 */
export function techClasses(st: SearchState): Int32Array {
  const c = st.c;
  const out = Int32Array.from({ length: c.nTechs }, (_, t) => t);
  if (st.exact) return out;
  const same = (a: number, b: number): boolean => {
    if (c.techStartLoc[a] !== c.techStartLoc[b] || c.techEndLoc[a] !== c.techEndLoc[b]) return false;
    if (c.shiftStart[a] !== c.shiftStart[b] || c.shiftEnd[a] !== c.shiftEnd[b] || c.latestEnd[a] !== c.latestEnd[b]) return false;
    if (c.overtimeCostPerTick[a] !== c.overtimeCostPerTick[b]) return false;
    for (let d = 0; d < c.nDims; d++) if (c.capacity[a * c.nDims + d] !== c.capacity[b * c.nDims + d]) return false;
    for (let j = 0; j < c.nJobs; j++) if (c.compat[a * c.nJobs + j] !== c.compat[b * c.nJobs + j]) return false;
    return true;
  };
  for (let t = 1; t < c.nTechs; t++) {
    for (let s = 0; s < t; s++) {
      if (out[s] === s && same(s, t)) {
        out[t] = s;
        break;
      }
    }
  }
  return out;
}
