// Granular neighbourhoods: for each job its k nearest jobs by a proximity of arc cost plus
// time-window gap (as PyVRP's compute_neighbours: wait weighted 0.2, time warp 1.0), made
// symmetric by taking the smaller direction; only jobs some technician may do together.
import { Compat, UNREACHABLE } from '../../compile/compiled.ts';
import type { SearchState } from './state.ts';

export interface NeighbourOptions {
  /** neighbours per job (default 30) */
  k?: number;
  /** weight of waiting time in the proximity (PyVRP: 0.2) */
  weightWait?: number;
  /** weight of time warp in the proximity (PyVRP: 1) */
  weightTimeWarp?: number;
  /**
   * Exponent of the shared-technician factor (default 0: none): the proximity is divided by
   * (technicians who may do both / technicians who may do the one with more)^sharedWeight, so a
   * pair that few routes can hold together ranks lower (a move of u next to v needs v's technician
   * to be allowed u).
   */
  sharedWeight?: number;
}

/**
 * neighbours[j]: up to k job indices, nearest first (ties: lower index first). O(nJobs² × (log k +
 * nTechs / 32)) once per search: a bounded heap keeps the k nearest, and a bitset per job of its
 * compatible technicians answers "may one technician do both" (when the compatibility matrix is not
 * all Ok).
 */
export function neighbours(st: SearchState, { k = 30, weightWait = 0.2, weightTimeWarp = 1, sharedWeight = 0 }: NeighbourOptions = {}): Int32Array[] {
  const c = st.c;
  const nJ = c.nJobs;
  const nT = c.nTechs;
  const n = c.nLocs;
  const perTick = st.costPerTick;
  const K = Math.max(0, Math.min(k, nJ - 1));
  // techBits[j * words + w]: bit t % 32 of word t / 32 set when technician t may do job j
  const words = (nT + 31) >>> 5;
  let techBits: Uint32Array | null = null;
  if (!st.allCompat) {
    techBits = new Uint32Array(nJ * words);
    for (let t = 0; t < nT; t++) for (let j = 0; j < nJ; j++) if (c.compat[t * nJ + j] === Compat.Ok) techBits[j * words + (t >>> 5)]! |= 1 << (t & 31);
  }
  // nTech[j]: technicians who may do job j
  const nTech = new Float64Array(nJ);
  if (techBits) for (let j = 0; j < nJ; j++) for (let w = 0; w < words; w++) nTech[j] = nTech[j]! + popcount(techBits[j * words + w]!);
  const own = new Float64Array(nJ);
  for (let j = 0; j < nJ; j++) own[j] = c.serviceTicks[j * nT]! + c.bufferTicks[j * nT]!;
  // one-directional proximity i -> j, in cost units (ticks converted at the average cost per tick)
  const prox = (i: number, j: number): number => {
    const kk = c.jobLoc[i]! * n + c.jobLoc[j]!;
    const leg = c.legTicks[kk]!;
    if (leg >= UNREACHABLE) return Infinity;
    const wait = Math.max(0, st.jobE[j]! - own[i]! - leg - st.jobL[i]!);
    const warp = Math.max(0, st.jobE[i]! + own[i]! + leg - st.jobL[j]!);
    return st.arcCostAt(kk) + perTick * (weightWait * wait + weightTimeWarp * warp);
  };
  // a max-heap of the K nearest so far, ordered by (score, index)
  const hS = new Float64Array(Math.max(1, K));
  const hJ = new Int32Array(Math.max(1, K));
  const above = (s1: number, j1: number, s2: number, j2: number): boolean => s1 > s2 || (s1 === s2 && j1 > j2);
  const out: Int32Array[] = [];
  for (let i = 0; i < nJ; i++) {
    let m = 0;
    for (let j = 0; j < nJ && K > 0; j++) {
      if (j === i) continue;
      let p = Math.min(prox(i, j), prox(j, i));
      if (!Number.isFinite(p)) continue;
      if (m === K && !above(hS[0]!, hJ[0]!, p, j)) continue;
      if (techBits) {
        let share = false;
        for (let w = 0; w < words && !share; w++) share = (techBits[i * words + w]! & techBits[j * words + w]!) !== 0;
        if (!share) continue;
      }
      if (sharedWeight > 0 && techBits) {
        // divided by the share of technicians who may do both, to the power sharedWeight
        let both = 0;
        for (let w = 0; w < words; w++) both += popcount(techBits[i * words + w]! & techBits[j * words + w]!);
        const frac = both / Math.max(nTech[i]!, nTech[j]!);
        p = p / Math.pow(frac, sharedWeight);
        if (m === K && !above(hS[0]!, hJ[0]!, p, j)) continue;
      }
      let at: number;
      if (m < K) {
        // sift up
        at = m++;
        while (at > 0) {
          const up = (at - 1) >> 1;
          if (!above(p, j, hS[up]!, hJ[up]!)) break;
          hS[at] = hS[up]!;
          hJ[at] = hJ[up]!;
          at = up;
        }
      } else {
        // replace the farthest, sift down
        at = 0;
        for (;;) {
          let ch = 2 * at + 1;
          if (ch >= m) break;
          if (ch + 1 < m && above(hS[ch + 1]!, hJ[ch + 1]!, hS[ch]!, hJ[ch]!)) ch++;
          if (!above(hS[ch]!, hJ[ch]!, p, j)) break;
          hS[at] = hS[ch]!;
          hJ[at] = hJ[ch]!;
          at = ch;
        }
      }
      hS[at] = p;
      hJ[at] = j;
    }
    // nearest first: insertion sort of the heap's K entries
    const idx = Array.from(hJ.subarray(0, m));
    const score = Array.from(hS.subarray(0, m));
    for (let a = 1; a < m; a++) {
      const sj = score[a]!;
      const jj = idx[a]!;
      let b = a - 1;
      while (b >= 0 && above(score[b]!, idx[b]!, sj, jj)) {
        score[b + 1] = score[b]!;
        idx[b + 1] = idx[b]!;
        b--;
      }
      score[b + 1] = sj;
      idx[b + 1] = jj;
    }
    out.push(Int32Array.from(idx));
  }
  return out;
}

/** Set bits of a 32-bit word. */
function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
