// Granular neighbourhoods: for each job its k nearest jobs by a proximity of arc cost plus
// time-window gap (as PyVRP's compute_neighbours: wait weighted 0.2, time warp 1.0), made
// symmetric by taking the smaller direction; only jobs some technician may do together.
import { Compat, UNREACHABLE, type Compiled } from '../../compile/compiled.ts';
import type { SearchState } from './state.ts';

export interface NeighbourOptions {
  /** neighbours per job (default 30) */
  k?: number;
  /** weight of waiting time in the proximity (PyVRP: 0.2) */
  weightWait?: number;
  /** weight of time warp in the proximity (PyVRP: 1) */
  weightTimeWarp?: number;
}

/** Do jobs a and b share a compatible technician? O(nTechs). */
function shareTech(c: Compiled, a: number, b: number): boolean {
  for (let t = 0; t < c.nTechs; t++) if (c.compat[t * c.nJobs + a] === Compat.Ok && c.compat[t * c.nJobs + b] === Compat.Ok) return true;
  return false;
}

/**
 * neighbours[j]: up to k job indices, nearest first. O(nJobs² × log) once per search (plus
 * O(nJobs² × nTechs) when the compatibility matrix is not all Ok).
 */
export function neighbours(st: SearchState, { k = 30, weightWait = 0.2, weightTimeWarp = 1 }: NeighbourOptions = {}): Int32Array[] {
  const c = st.c;
  const nJ = c.nJobs;
  const n = c.nLocs;
  const perTick = st.costPerTick;
  // one-directional proximity i -> j, in cost units (ticks converted at the average cost per tick)
  const prox = (i: number, j: number): number => {
    const kk = c.jobLoc[i]! * n + c.jobLoc[j]!;
    const leg = c.legTicks[kk]!;
    if (leg >= UNREACHABLE) return Infinity;
    const si = c.serviceTicks[i * c.nTechs]! + c.bufferTicks[i * c.nTechs]!;
    const wait = Math.max(0, st.jobE[j]! - si - leg - st.jobL[i]!);
    const warp = Math.max(0, st.jobE[i]! + si + leg - st.jobL[j]!);
    return st.arcCostAt(kk) + perTick * (weightWait * wait + weightTimeWarp * warp);
  };
  const out: Int32Array[] = [];
  const idx: number[] = [];
  const score = new Float64Array(nJ);
  for (let i = 0; i < nJ; i++) {
    idx.length = 0;
    for (let j = 0; j < nJ; j++) {
      if (j === i) continue;
      const p = Math.min(prox(i, j), prox(j, i));
      if (!Number.isFinite(p)) continue;
      if (!st.allCompat && !shareTech(c, i, j)) continue;
      score[j] = p;
      idx.push(j);
    }
    idx.sort((a, b) => score[a]! - score[b]! || a - b);
    out.push(Int32Array.from(idx.slice(0, k)));
  }
  return out;
}
