// What-if sweeps: one or two scenario parameters varied over a grid, every grid point played over
// the same seeds, reported as means and spread per policy. Varying `technicians` changes the
// roster only (the demand stays sized for the scenario's roster), and the staffing LP gives the
// bound the sweep is compared against.
import { scenarioStaffing, type StaffingSummary } from '../lp/demand.ts';
import { withOverrides } from '../scenario/parse.ts';
import type { PolicyName, Scenario, ScenarioInput } from '../scenario/schema.ts';
import type { KpiKey, PolicySummary, Spread } from './aggregate.ts';
import { simulate } from './simulate.ts';

/** The parameters a sweep may vary, with where each lives in the scenario. */
export const SWEEP_PARAMS = {
  technicians: { what: 'technicians on shift (the demand stays sized for the scenario roster)', set: (s: ScenarioInput, v: number) => void (s.technicians = v) },
  buffer: { what: 'planned buffer after each job, minutes (planning.bufferMin)', set: (s: ScenarioInput, v: number) => void ((s.planning ??= {}).bufferMin = v) },
  cancellationRate: { what: 'share of booked jobs called off (disruptions.cancellationRate)', set: (s: ScenarioInput, v: number) => void ((s.disruptions ??= {}).cancellationRate = v) },
  emergencyRate: { what: 'emergency calls per technician (calls.emergencyPerTechnician)', set: (s: ScenarioInput, v: number) => void ((s.calls ??= {}).emergencyPerTechnician = v) },
  serviceCallRate: { what: 'same-day service calls per technician (calls.servicePerTechnician)', set: (s: ScenarioInput, v: number) => void ((s.calls ??= {}).servicePerTechnician = v) },
  travelNoise: { what: 'spread of drive times (noise.travelSd)', set: (s: ScenarioInput, v: number) => void ((s.noise ??= {}).travelSd = v) },
  durationNoise: { what: 'spread of job durations (noise.durationSdScale)', set: (s: ScenarioInput, v: number) => void ((s.noise ??= {}).durationSdScale = v) },
} as const;
export type SweepParam = keyof typeof SWEEP_PARAMS;
export const SWEEP_PARAM_NAMES = Object.keys(SWEEP_PARAMS) as SweepParam[];

export interface SweepAxis {
  param: SweepParam;
  values: number[];
}

export interface SweepPoint {
  values: Partial<Record<SweepParam, number>>;
  policies: Partial<Record<PolicyName, { kpis: Record<KpiKey, number | null>; spread: Record<KpiKey, Spread>; jobsRequested: number }>>;
}

export interface SweepResult {
  scenario: string;
  seeds: number[];
  axes: SweepAxis[];
  points: SweepPoint[];
  /** With `technicians` on an axis: the LP bound on the roster this demand needs at the target utilization. */
  /** Drive per job measured from the first policy at the grid point closest to the scenario roster. */
  staffing?: StaffingSummary;
}

export interface SweepOptions {
  axes: SweepAxis[];
  seeds?: number;
  firstSeed?: number;
  policies?: readonly PolicyName[];
  workers?: number;
  onProgress?: (p: { point: number; points: number; done: number; total: number }) => void;
}

export async function sweep(s: Scenario, options: SweepOptions): Promise<SweepResult> {
  if (options.axes.length < 1 || options.axes.length > 2) throw new RangeError('a sweep varies one or two parameters');
  const policies = options.policies ?? s.policies;
  const grid: Partial<Record<SweepParam, number>>[] = [{}];
  for (const axis of options.axes) {
    const next: Partial<Record<SweepParam, number>>[] = [];
    for (const g of grid) for (const v of axis.values) next.push({ ...g, [axis.param]: v });
    grid.splice(0, grid.length, ...next);
  }
  const nSeeds = options.seeds ?? s.seeds;
  const points: SweepPoint[] = [];
  let seedsPlayed: number[] = [];
  for (const [i, values] of grid.entries()) {
    const scenario = withOverrides(s, (input) => {
      // the demand stays the scenario's when the roster varies
      if (values.technicians !== undefined) input.demandTechnicians ??= s.demandTechnicians ?? s.technicians;
      for (const [param, v] of Object.entries(values) as [SweepParam, number][]) SWEEP_PARAMS[param].set(input, v);
    });
    const { result } = await simulate(scenario, {
      seeds: nSeeds,
      staffing: false,
      ...(options.firstSeed !== undefined ? { firstSeed: options.firstSeed } : {}),
      policies,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      onProgress: (p) => options.onProgress?.({ point: i + 1, points: grid.length, done: p.done, total: p.total }),
    });
    seedsPlayed = result.seeds;
    const requested = result.days.reduce((a, d) => a + d.counts.booked - d.counts.cancellations + d.counts.serviceCalls + d.counts.emergencyCalls, 0) / Math.max(1, result.days.length);
    const point: SweepPoint = { values, policies: {} };
    for (const name of policies) {
      const p = result.policies[name] as PolicySummary;
      point.policies[name] = { kpis: p.kpis, spread: p.spread, jobsRequested: requested };
    }
    points.push(point);
  }
  const out: SweepResult = { scenario: s.name, seeds: seedsPlayed, axes: options.axes, points };

  if (options.axes.some((a) => a.param === 'technicians')) {
    const base = s.demandTechnicians ?? s.technicians;
    const nearest = points.reduce((best, p) => (Math.abs((p.values.technicians ?? base) - base) < Math.abs((best.values.technicians ?? base) - base) ? p : best));
    const k = nearest.policies[policies[0]!]!.kpis;
    out.staffing = scenarioStaffing(s, seedsPlayed, (k.driveMin ?? 0) / Math.max(1, k.jobsDone ?? 1));
  }
  return out;
}
