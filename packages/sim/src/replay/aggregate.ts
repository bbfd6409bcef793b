// Seeds -> one result per policy: the mean of every KPI over the seeds (fractions stay 0–1), the
// spread (sd, min, max), the per-seed values beside them, per-hour figures pooled over the seeds,
// and the engine-against-greedy comparison seed by seed. Pure: same seeds in, same JSON out.
import type { StaffingSummary } from '../lp/demand.ts';
import { scenarioJson } from '../scenario/parse.ts';
import type { PolicyName, Scenario, ScenarioInput } from '../scenario/schema.ts';
import type { DayKpis, HourEventKind, HourKpis, TechKpis } from './kpis.ts';
import type { SeedResult } from './run.ts';

/** The KPIs reported per policy (means over seeds; null-valued seeds are left out of a mean). */
export const KPI_KEYS = [
  'utilization',
  'driveShare',
  'wrenchTime',
  'adherence',
  'etaAdherence',
  'firstTimeFix',
  'partsFailures',
  'emergencyResponseP50Min',
  'emergencyResponseP90Min',
  'emergenciesServed',
  'emergenciesUnserved',
  'emergenciesLate',
  'jobsDone',
  'jobsOpen',
  'noAccess',
  'followUps',
  'revenue',
  'overtimeMin',
  'paidMin',
  'serviceMin',
  'driveMin',
  'bufferMin',
  'idleMin',
] as const satisfies readonly (keyof DayKpis)[];
export type KpiKey = (typeof KPI_KEYS)[number];

export interface Spread {
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
}

export interface HourSummary {
  hour: number;
  /** Σ over seeds and technicians, minutes. */
  paidMin: number;
  utilization: number | null;
  driveShare: number | null;
  /** Mean per seed. */
  events: Record<HourEventKind, number>;
}

export interface PolicySummary {
  /** Means over seeds. */
  kpis: Record<KpiKey, number | null>;
  spread: Record<KpiKey, Spread>;
  /** Per seed, in the order of `seeds`. */
  perSeed: Record<KpiKey, (number | null)[]>;
  /** Per seed: every technician's figures. */
  technicians: { seed: number; technicians: TechKpis[] }[];
  hours: HourSummary[];
  boardsChecked: number;
  eventsDelivered: number;
}

export interface SimResult {
  scenario: { name: string; description?: string; technicians: number; delivery: Scenario['planning']['delivery']; parameters: ScenarioInput };
  seeds: number[];
  days: { seed: number; technicians: number; counts: SeedResult['counts']; demandRatio: number; morning: SeedResult['morning'] }[];
  policies: Partial<Record<PolicyName, PolicySummary>>;
  /** The staffing LP on this demand (drive per job measured from the engine, else the first policy). */
  staffing?: StaffingSummary;
  /** Engine against greedy, seed by seed (present when both played). */
  engineVsGreedy?: { utilization: boolean[]; driveShare: boolean[]; everySeed: { utilization: boolean; driveShare: boolean } };
}

function spreadOf(xs: readonly (number | null)[]): Spread {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  if (!v.length) return { mean: null, sd: null, min: null, max: null };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, sd, min: Math.min(...v), max: Math.max(...v) };
}

function hoursOf(perSeed: readonly HourKpis[][]): HourSummary[] {
  const out: HourSummary[] = [];
  for (let h = 0; h < 24; h++) {
    let paid = 0;
    let busy = 0;
    let drive = 0;
    const events = {} as Record<HourEventKind, number>;
    for (const hours of perSeed) {
      const x = hours[h]!;
      paid += x.paidMin;
      busy += x.serviceMin + x.driveMin;
      drive += x.driveMin;
      for (const [k, n] of Object.entries(x.events) as [HourEventKind, number][]) events[k] = (events[k] ?? 0) + n / perSeed.length;
    }
    out.push({ hour: h, paidMin: paid, utilization: paid > 0 ? busy / paid : null, driveShare: paid > 0 ? drive / paid : null, events });
  }
  return out;
}

export function aggregate(s: Scenario, results: readonly SeedResult[], policies: readonly PolicyName[]): SimResult {
  const sorted = [...results].sort((a, b) => a.seed - b.seed);
  const out: SimResult = {
    scenario: { name: s.name, ...(s.description ? { description: s.description } : {}), technicians: sorted[0]?.technicians ?? s.technicians, delivery: s.planning.delivery, parameters: scenarioJson(s) },
    seeds: sorted.map((r) => r.seed),
    days: sorted.map((r) => ({ seed: r.seed, technicians: r.technicians, counts: r.counts, demandRatio: r.demandRatio, morning: r.morning })),
    policies: {},
  };
  for (const name of policies) {
    const days = sorted.map((r) => r.policies[name]!);
    const perSeed = Object.fromEntries(KPI_KEYS.map((k) => [k, days.map((d) => d.kpis[k])])) as Record<KpiKey, (number | null)[]>;
    const spread = Object.fromEntries(KPI_KEYS.map((k) => [k, spreadOf(perSeed[k])])) as Record<KpiKey, Spread>;
    out.policies[name] = {
      kpis: Object.fromEntries(KPI_KEYS.map((k) => [k, spread[k].mean])) as Record<KpiKey, number | null>,
      spread,
      perSeed,
      technicians: sorted.map((r, i) => ({ seed: r.seed, technicians: days[i]!.technicians })),
      hours: hoursOf(days.map((d) => d.hours)),
      boardsChecked: days.reduce((a, d) => a + d.boardsChecked, 0),
      eventsDelivered: days.reduce((a, d) => a + d.eventsDelivered, 0),
    };
  }
  const e = out.policies.engine;
  const g = out.policies.greedy;
  if (e && g) {
    const utilization = e.perSeed.utilization.map((x, i) => (x ?? 0) > (g.perSeed.utilization[i] ?? 0));
    const driveShare = e.perSeed.driveShare.map((x, i) => (x ?? 1) < (g.perSeed.driveShare[i] ?? 1));
    out.engineVsGreedy = { utilization, driveShare, everySeed: { utilization: utilization.every(Boolean), driveShare: driveShare.every(Boolean) } };
  }
  return out;
}

/** The engine targets of issue #6, measured: each with the figure and whether it is met. */
export function engineTargets(r: SimResult): { kpi: string; target: string; measured: number | null; met: boolean }[] {
  const e = r.policies.engine;
  if (!e) return [];
  const k = e.kpis;
  return [
    { kpi: 'utilization', target: '>= 0.85', measured: k.utilization, met: (k.utilization ?? 0) >= 0.85 },
    { kpi: 'driveShare', target: '< 0.20', measured: k.driveShare, met: k.driveShare !== null && k.driveShare < 0.2 },
    { kpi: 'adherence', target: '>= 0.89', measured: k.adherence, met: (k.adherence ?? 0) >= 0.89 },
    { kpi: 'partsFailures', target: '= 0 (no first visit fails for missing parts)', measured: k.partsFailures, met: k.partsFailures === 0 },
    ...(r.engineVsGreedy
      ? [
          { kpi: 'utilization > greedy on every seed', target: 'every seed', measured: r.engineVsGreedy.utilization.filter(Boolean).length, met: r.engineVsGreedy.everySeed.utilization },
          { kpi: 'driveShare < greedy on every seed', target: 'every seed', measured: r.engineVsGreedy.driveShare.filter(Boolean).length, met: r.engineVsGreedy.everySeed.driveShare },
        ]
      : []),
  ];
}
