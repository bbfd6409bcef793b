// The staffing bound: a small linear program (javascript-lp-solver) for "how many technicians does
// this demand need". Per trade, n technicians with the roster's level pyramid give u × paid minutes
// of service + drive before and after noon; each job needs its duration plus a drive allowance,
// in the morning, the afternoon, or either (its windows decide); jobs above a level need that many
// technicians at that level or above. Minimizing Σ n gives a lower bound on the roster: no
// dispatcher can do the work at utilization u with fewer (given the drive allowance per job).
import solver, { type LpModel } from 'javascript-lp-solver';
import type { Job } from '@truckroll/solver';
import { parseIso } from '@truckroll/solver';
import { TRADES, type Trade } from '../generate/catalogue.ts';
import { LEVEL_SHARES } from '../generate/roster.ts';

export interface StaffingInput {
  /** The work asked for (booked and called in, called-off jobs left out). */
  jobs: readonly Job[];
  /** Local midnight of the day, epoch ms (to tell morning from afternoon). */
  midnightMs: number;
  /** Paid minutes per technician before noon and after it (lunch taken out), e.g. 270 and 240. */
  morningMin: number;
  afternoonMin: number;
  /** Planned utilization: service + drive per paid minute (0.85). */
  utilization: number;
  /** Drive per job, minutes (measured: what a good board drives per job on this demand). */
  drivePerJobMin: number;
  /** Wrap-up after each job, minutes (must fit in the paid time too). */
  wrapUpMin: number;
}

export interface StaffingBound {
  /** Σ technicians over the trades (fractional: the LP relaxation). */
  technicians: number;
  byTrade: Record<Trade, number>;
  /** The demand the bound was computed for, minutes (service + drive allowance) by trade. */
  workloadMin: Record<Trade, number>;
  feasible: boolean;
}

/** The trade a job draws on: its highest required level (ties: the first trade listed in TRADES). */
export function tradeOf(job: Job): Trade | null {
  let best: Trade | null = null;
  for (const t of TRADES) if ((job.skills[t] ?? 0) > 0 && (best === null || job.skills[t]! > job.skills[best]!)) best = t;
  return best;
}

/** Share of a trade's technicians at `level` or above in the generator's pyramid. */
export function shareAtLeast(level: number): number {
  const total = LEVEL_SHARES.reduce((a, b) => a + b, 0);
  return LEVEL_SHARES.slice(Math.max(0, level - 1)).reduce((a, b) => a + b, 0) / total;
}

type Block = 'am' | 'pm' | 'any';

function blockOf(job: Job, noonMs: number): Block {
  if (!job.windows.length) return 'any';
  if (job.windows.every((w) => parseIso(w.end) <= noonMs)) return 'am';
  if (job.windows.every((w) => parseIso(w.start) >= noonMs)) return 'pm';
  return 'any';
}

/**
 * Solves the staffing LP. Variables per trade k: n_k (technicians), a_k and p_k (flexible work
 * put before / after noon). Constraints per trade: morning work + a_k ≤ u·AM·n_k; afternoon work
 * + p_k ≤ u·PM·n_k; a_k + p_k = flexible work; the same with u = 1 for work + wrap-up; and per
 * level L ≥ 2: work needing ≥ L ≤ u·(AM + PM)·share(≥ L)·n_k. Objective: min Σ n_k. O(jobs) to build.
 */
export function staffingBound(input: StaffingInput): StaffingBound {
  const noonMs = input.midnightMs + 12 * 3_600_000;
  const u = input.utilization;
  const work = new Map<string, number>();
  const addWork = (key: string, min: number) => work.set(key, (work.get(key) ?? 0) + min);
  const workloadMin = Object.fromEntries(TRADES.map((t) => [t, 0])) as Record<Trade, number>;
  const jobsOf = Object.fromEntries(TRADES.map((t) => [t, 0])) as Record<Trade, number>;
  for (const job of input.jobs) {
    const trade = tradeOf(job);
    if (!trade) continue;
    const w = job.durationMin + input.drivePerJobMin;
    workloadMin[trade] += w;
    jobsOf[trade]++;
    addWork(`${blockOf(job, noonMs)}_${trade}`, w);
    const level = job.skills[trade]!;
    for (let l = 2; l <= level; l++) addWork(`lvl${l}_${trade}`, w);
  }
  const constraints: Record<string, { min?: number; equal?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  for (const k of TRADES) {
    const am = work.get(`am_${k}`) ?? 0;
    const pm = work.get(`pm_${k}`) ?? 0;
    const any = work.get(`any_${k}`) ?? 0;
    const wrapShare = (n: number) => (jobsOf[k] > 0 ? (input.wrapUpMin * n) / workloadMin[k] : 0);
    // u·AM·n − a ≥ am;  AM·n − (1 + wrap)·a ≥ am·(1 + wrap)  (likewise after noon)
    constraints[`am_${k}`] = { min: am };
    constraints[`pm_${k}`] = { min: pm };
    constraints[`amFull_${k}`] = { min: am * (1 + wrapShare(jobsOf[k])) };
    constraints[`pmFull_${k}`] = { min: pm * (1 + wrapShare(jobsOf[k])) };
    constraints[`flex_${k}`] = { equal: any };
    const n: Record<string, number> = {
      staff: 1,
      [`am_${k}`]: u * input.morningMin,
      [`pm_${k}`]: u * input.afternoonMin,
      [`amFull_${k}`]: input.morningMin,
      [`pmFull_${k}`]: input.afternoonMin,
    };
    for (let l = 2; l <= 5; l++) {
      const need = work.get(`lvl${l}_${k}`) ?? 0;
      if (need <= 0) continue;
      constraints[`lvl${l}_${k}`] = { min: need };
      n[`lvl${l}_${k}`] = u * (input.morningMin + input.afternoonMin) * shareAtLeast(l);
    }
    variables[`n_${k}`] = n;
    const wrap = 1 + wrapShare(jobsOf[k]);
    variables[`a_${k}`] = { [`am_${k}`]: -1, [`amFull_${k}`]: -wrap, [`flex_${k}`]: 1 };
    variables[`p_${k}`] = { [`pm_${k}`]: -1, [`pmFull_${k}`]: -wrap, [`flex_${k}`]: 1 };
  }
  const model: LpModel = { optimize: 'staff', opType: 'min', constraints, variables };
  const r = solver.Solve(model);
  const byTrade = Object.fromEntries(TRADES.map((k) => [k, typeof r[`n_${k}`] === 'number' ? (r[`n_${k}`] as number) : 0])) as Record<Trade, number>;
  return { technicians: TRADES.reduce((s, k) => s + byTrade[k], 0), byTrade, workloadMin, feasible: r.feasible };
}
