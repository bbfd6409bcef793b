// The booked jobs of a generated day, sized to the roster: job kinds by season and trade, windows,
// priorities, emergencies, parts, value and customer preferences. Invariants: every job has a
// technician who holds its skills at the level and is neither excluded nor overridden by a pin;
// each trade books its capacity share of the jobs (even jobs per technician across trades), and
// Σ durationMin tracks loadFactor × the trades' net shift minutes as far as the job count allows
// (see `pickTypeForMean`).
import type { ProblemInput } from '@truckroll/solver';
import { PART_BY_SKU, TRADES, type Trade } from './catalogue.ts';
import { JOB_TYPES, seasonWeight, type JobType, type WindowStyle } from './job-types.ts';
import { pointInRing, pointNear, toLatLon, type LatLon, type PlanePoint } from './geo.ts';
import { LAST_NAMES, type GeneratedTechnician } from './roster.ts';
import type { GeneratedSupplyHouse } from './supply.ts';
import type { Rng } from './rng.ts';

export type JobInput = NonNullable<ProblemInput['jobs']>[number];

/** Minutes after local midnight. */
type ClockMin = number;
type WindowMin = readonly [ClockMin, ClockMin];

const H8 = 480;
const H12 = 720;
const H16 = 960;
const H17 = 1020;
/** Two-hour windows some customers insist on. */
const TIGHT: readonly WindowMin[] = [[480, 600], [600, 720], [780, 900], [900, 1020]];

/**
 * Arrival windows as the shop books them: 8–12, "12–4" (12:00–16:00), all day (8–17), a few
 * tight 2-hour windows, a few customers with two windows (before and after work); installs want
 * the first call of the day.
 */
function windowsFor(rng: Rng, style: WindowStyle): WindowMin[] {
  if (style === 'install') return [rng.weighted<WindowMin>([[[H8, 540], 0.45], [[H8, 600], 0.35], [[H8, H12], 0.2]])];
  const [allDay, am, pm, tight] = style === 'flexible' ? [0.3, 0.35, 0.25, 0.07] : [0.12, 0.45, 0.3, 0.1];
  const kind = rng.weighted([['allDay', allDay], ['am', am], ['pm', pm], ['tight', tight], ['two', 0.03]] as const);
  switch (kind) {
    case 'allDay':
      return [[H8, H17]];
    case 'am':
      return [[H8, H12]];
    case 'pm':
      return [[H12, H16]];
    case 'tight':
      return [rng.pick(TIGHT)];
    case 'two':
      return [[H8, 600], [900, H17]];
  }
}

/**
 * Tilt bound, per minute of mean duration: at most e^(±0.15·Δ) on a kind's weight. Strong enough
 * that ten jobs a technician (large) can be booked at ~0.63 of net shift minutes, almost all
 * 20–45 minute visits; a kind 60+ minutes longer than the shortest keeps ≥ e^(−9) of its weight.
 */
const MAX_TILT_PER_MIN = 0.15;
/** Kinds longer than the shortest by more than this weigh as if they were this much longer. */
const MAX_TILT_SPAN_MIN = 60;
/** Share of the day's capacity sold ahead as installs (replacements, panels, chargers). */
const INSTALL_SHARE = 0.05;

const meanMin = (t: JobType) => (t.durationMin[0] + t.durationMin[1]) / 2;

/**
 * Picks a service kind with weights tilted exponentially by duration, w·e^(−λ·Δ) (Δ = its mean
 * less the shortest kind's, capped at 60 min), with λ found by bisection so the tilted mean
 * duration meets `targetMeanMin`. |λ| ≤ 0.15/min keeps every kind possible: a day with ten jobs a
 * technician is mostly short visits (maintenance-agreement visits, filter changes, GFCI swaps),
 * but not only. O(kinds × 40).
 */
function pickTypeForMean(rng: Rng, types: readonly JobType[], weights: readonly number[], targetMeanMin: number): { type: JobType; lambda: number } {
  const means = types.map(meanMin);
  const ref = Math.min(...means);
  const tilted = (lambda: number) => weights.map((w, i) => w * Math.exp(-lambda * Math.min(means[i]! - ref, MAX_TILT_SPAN_MIN)));
  const meanAt = (lambda: number) => {
    const w = tilted(lambda);
    let sw = 0;
    let swm = 0;
    w.forEach((x, i) => {
      sw += x;
      swm += x * means[i]!;
    });
    return swm / sw;
  };
  let lambda: number;
  if (targetMeanMin >= meanAt(-MAX_TILT_PER_MIN)) lambda = -MAX_TILT_PER_MIN;
  else if (targetMeanMin <= meanAt(MAX_TILT_PER_MIN)) lambda = MAX_TILT_PER_MIN;
  else {
    let lo = -MAX_TILT_PER_MIN;
    let hi = MAX_TILT_PER_MIN;
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (meanAt(mid) > targetMeanMin) lo = mid;
      else hi = mid;
    }
    lambda = (lo + hi) / 2;
  }
  return { type: types[rng.weightedIndex(tilted(lambda))]!, lambda };
}

/** A duration in 5-minute steps over the type's range, tilted like the kind (λ = 0: uniform). */
function drawDurationMin(rng: Rng, type: JobType, lambda: number): number {
  const steps: number[] = [];
  for (let d = Math.ceil(type.durationMin[0] / 5) * 5; d <= type.durationMin[1]; d += 5) steps.push(d);
  return steps[rng.weightedIndex(steps.map((d) => Math.exp(-lambda * (d - steps[0]!))))]!;
}

/** Whether a technician holds every skill of the job at its level. */
export function qualifies(techSkills: Readonly<Record<string, number>>, jobSkills: Readonly<Record<string, number>>): boolean {
  for (const [skill, level] of Object.entries(jobSkills)) if ((techSkills[skill] ?? 0) < level) return false;
  return true;
}

/** Seniors are faster: 90% of the time one level above the job's minimum, 80% two or more above. */
function durationByLevel(type: JobType, durationMin: number): JobInput['durationByLevelMin'] {
  if (!type.fasterSeniors) return undefined;
  const minLevel = Math.min(...Object.values(type.skills));
  const out: Record<string, number> = {};
  let last = durationMin;
  for (let level = minLevel + 1; level <= 5; level++) {
    const d = Math.round((durationMin * (level === minLevel + 1 ? 0.9 : 0.8)) / 5) * 5;
    if (d < last) out[String(level)] = last = d;
  }
  return Object.keys(out).length > 0 ? (out as JobInput['durationByLevelMin']) : undefined;
}

export interface JobsContext {
  count: number;
  technicians: readonly GeneratedTechnician[];
  houses: readonly GeneratedSupplyHouse[];
  centre: LatLon;
  radiusKm: number;
  /** Heating and cooling demand of the day's month, 0..1. */
  heat: number;
  cool: number;
  /** Target Σ durationMin / Σ net shift minutes. */
  loadFactor: number;
  emergencyShare: number;
  at: (minutes: ClockMin) => string;
  /** Leave out the installs sold ahead (a same-day call is never a replacement); default false. */
  noInstalls?: boolean;
}

export interface GeneratedJobs {
  jobs: JobInput[];
  /** Parts reserved at a supply house for a job restricted to it (house id -> SKU -> quantity). */
  specialOrders: Map<string, Record<string, number>>;
}

/** Drops keys whose value is undefined, so the JSON and the object read the same. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function generateJobs(rng: Rng, ctx: JobsContext): GeneratedJobs {
  const techs = ctx.technicians;
  const feasible = JOB_TYPES.filter((t) => techs.some((g) => qualifies(g.tech.skills ?? {}, t.skills)));

  // Per trade: its capacity (net shift minutes of its technicians) and what it may still book.
  const budgetMin = new Map<Trade, number>();
  const capacityMin = new Map<Trade, number>();
  for (const t of TRADES) capacityMin.set(t, 0);
  for (const g of techs) capacityMin.set(g.trade, capacityMin.get(g.trade)! + g.netShiftMin);
  for (const t of TRADES) budgetMin.set(t, ctx.loadFactor * capacityMin.get(t)!);
  const typesOf = new Map<Trade, { types: JobType[]; weights: number[] }>();
  for (const t of TRADES) {
    const types = feasible.filter((x) => x.trade === t && x.windows !== 'install' && seasonWeight(x.weight, ctx.heat, ctx.cool) > 0);
    if (capacityMin.get(t)! > 0 && types.length > 0) typesOf.set(t, { types, weights: types.map((x) => seasonWeight(x.weight, ctx.heat, ctx.cool)) });
  }
  const emergencyTypes = feasible.filter((x) => x.emergency && typesOf.has(x.trade) && seasonWeight(x.emergency, ctx.heat, ctx.cool) > 0);
  const emergencyWeights = emergencyTypes.map((x) => seasonWeight(x.emergency!, ctx.heat, ctx.cool));

  const installTypes = feasible.filter((x) => x.windows === 'install' && typesOf.has(x.trade) && seasonWeight(x.weight, ctx.heat, ctx.cool) > 0);
  const installWeights = installTypes.map((x) => seasonWeight(x.weight, ctx.heat, ctx.cool));

  // Neighbourhoods: a few dense clusters of customers; the rest spread over the area.
  const nClusters = Math.min(10, Math.max(3, Math.round(2 + Math.sqrt(ctx.count) / 4)));
  const clusters = Array.from({ length: nClusters }, () => ({
    at: pointInRing(rng, ctx.radiusKm, 0.15, 0.8),
    sigmaKm: rng.float(0.8, 2),
    weight: rng.float(0.5, 1.5),
  }));
  const customerLocation = (): PlanePoint => {
    if (!rng.chance(0.6)) return pointInRing(rng, ctx.radiusKm);
    const c = clusters[rng.weightedIndex(clusters.map((x) => x.weight))]!;
    return pointNear(rng, c.at, c.sigmaKm, ctx.radiusKm);
  };

  const width = Math.max(4, String(ctx.count).length);
  const jobs: JobInput[] = [];
  const specialOrders = new Map<string, Record<string, number>>();
  if (typesOf.size === 0) return { jobs, specialOrders };

  // Kinds and durations first: installs sold ahead (a share of the capacity), then the
  // emergencies (a share of the jobs), then service calls sized to what is left of the budget.
  const kinds: { type: JobType; durationMin: number; emergency: boolean }[] = [];
  const book = (type: JobType, durationMin: number, emergency: boolean) => {
    kinds.push({ type, durationMin, emergency });
    budgetMin.set(type.trade, budgetMin.get(type.trade)! - durationMin);
  };
  const nEmergency = emergencyTypes.length > 0 ? Math.min(ctx.count, Math.round(ctx.emergencyShare * ctx.count)) : 0;
  let nInstall = 0;
  if (installTypes.length > 0 && ctx.noInstalls !== true) {
    const meanInstallMin = installTypes.reduce((s, t, k) => s + installWeights[k]! * meanMin(t), 0) / installWeights.reduce((a, b) => a + b, 0);
    let capacity = 0;
    for (const c of capacityMin.values()) capacity += c;
    nInstall = Math.min(ctx.count - nEmergency, Math.round((INSTALL_SHARE * ctx.loadFactor * capacity) / meanInstallMin));
  }
  for (let k = 0; k < nInstall; k++) {
    const type = installTypes[rng.weightedIndex(installWeights)]!;
    book(type, drawDurationMin(rng, type, 0), false);
  }
  for (let k = 0; k < nEmergency; k++) {
    const type = emergencyTypes[rng.weightedIndex(emergencyWeights)]!;
    book(type, drawDurationMin(rng, type, 0), true);
  }
  // Service calls per trade: each trade ends with its capacity share of all the jobs (so jobs
  // per technician come out even across trades: every stop costs a drive and a buffer), less the
  // installs and emergencies it already holds; largest remainder, so the quotas sum to nService.
  const trades = [...typesOf.keys()];
  const nService = ctx.count - nInstall - nEmergency;
  let tradeCapacity = 0;
  for (const t of trades) tradeCapacity += capacityMin.get(t)!;
  const want = trades.map((t) => Math.max(0, (ctx.count * capacityMin.get(t)!) / tradeCapacity - kinds.filter((k) => k.type.trade === t).length));
  const wantSum = want.reduce((a, b) => a + b, 0);
  const exact = want.map((w) => (wantSum > 0 ? (nService * w) / wantSum : nService / trades.length));
  const quota = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0, short = nService - quota.reduce((a, b) => a + b, 0); k < short; k++) quota[byRemainder[k]!.i]! += 1;
  trades.forEach((trade, i) => {
    // The kind is tilted so the trade's remaining budget, spread over its remaining calls, is met on average.
    const { types, weights } = typesOf.get(trade)!;
    for (let k = 0; k < quota[i]!; k++) {
      const { type, lambda } = pickTypeForMean(rng, types, weights, Math.max(0, budgetMin.get(trade)!) / (quota[i]! - k));
      book(type, drawDurationMin(rng, type, lambda), false);
    }
  });

  const shuffled = rng.shuffle(kinds);
  for (let i = 0; i < shuffled.length; i++) {
    const { type, durationMin, emergency } = shuffled[i]!;
    const id = `J${String(i + 1).padStart(width, '0')}`;
    const surname = rng.pick(LAST_NAMES);
    const location = toLatLon(ctx.centre, customerLocation());
    const parts = type.parts?.(rng) ?? {};
    let windows: WindowMin[];
    let priority: JobInput['priority'];
    let calledAt: string | undefined;
    let responseDeadline: string | undefined;
    let earliestStartMin: ClockMin | undefined;
    let supplyHouses: string[] | undefined;
    let valueUsd = rng.step(type.valueUsd[0], type.valueUsd[1], 5);

    if (emergency) {
      priority = 'emergency';
      // Most emergencies came in overnight or at dawn; some during the morning. A call later than
      // the start of the day cannot be answered before it is made, so it also sets earliestStart.
      const calledMin = rng.chance(0.7) ? rng.step(360, 465, 5) : rng.step(480, 660, 5);
      if (calledMin >= H8) earliestStartMin = calledMin;
      calledAt = ctx.at(calledMin);
      responseDeadline = ctx.at(calledMin + rng.pick([120, 180, 240]));
      // About half say "any time today"; the rest have no window, only the response deadline.
      windows = rng.chance(0.45) ? [[Math.max(H8, Math.ceil(calledMin / 30) * 30), H17]] : [];
      // Emergency service fee.
      valueUsd += 100;
    } else {
      const r = rng.next();
      priority = r < type.urgentShare ? 'urgent' : r < type.urgentShare + type.lowShare ? 'low' : 'normal';
      windows = windowsFor(rng, type.windows);
      // A part arrives later in the day: mostly counter items (a motor, a heater on order), now and
      // then a back-ordered van part shipped to the customer.
      const skus = Object.keys(parts);
      const counterPart = skus.some((sku) => PART_BY_SKU.get(sku)?.where === 'counter');
      if (skus.length > 0 && durationMin <= 180 && rng.chance(counterPart ? 0.2 : 0.02)) {
        earliestStartMin = rng.weighted([[600, 0.3], [660, 0.2], [780, 0.5]]);
        windows =
          earliestStartMin >= 780
            ? [rng.weighted<WindowMin>([[[H12, H16], 0.6], [[H8, H17], 0.4]])]
            : [rng.weighted<WindowMin>([[[H8, H12], 0.4], [[H12, H16], 0.3], [[H8, H17], 0.3]])];
        const holders = ctx.houses.filter((h) => h.trades.includes(type.trade));
        if (counterPart && holders.length > 0 && rng.chance(0.5)) {
          // Special order: it waits at one counter, so the pickup must be there.
          const house = rng.pick(holders).house.id;
          supplyHouses = [house];
          const reserved = specialOrders.get(house) ?? {};
          for (const [sku, qty] of Object.entries(parts)) reserved[sku] = (reserved[sku] ?? 0) + qty;
          specialOrders.set(house, reserved);
        }
      }
    }

    // Customer preferences, among the technicians who can do the job.
    const able = techs.filter((g) => qualifies(g.tech.skills ?? {}, type.skills)).map((g) => g.tech.id);
    let preferred: string[] | undefined;
    let excluded: string[] | undefined;
    let pinned: string | undefined;
    if (!emergency && rng.chance(0.06)) preferred = rng.shuffle(able).slice(0, able.length >= 2 && rng.chance(0.2) ? 2 : 1);
    // A customer who does not want a technician back; only where someone else can go.
    if (rng.chance(0.03) && able.length >= 2) {
      const candidates = able.filter((t) => !preferred?.includes(t));
      if (candidates.length > 0) excluded = [rng.pick(candidates)];
    }
    // Rarely, the job is pinned (a follow-up promised by that technician): the preferred one if any.
    if (!emergency && rng.chance(0.01)) pinned = preferred?.[0] ?? rng.pick(able.filter((t) => !excluded?.includes(t)));

    jobs.push(
      compact<JobInput>({
        id,
        name: `${emergency ? type.emergency!.label : type.label} (${surname})`,
        type: type.type,
        location,
        durationMin,
        durationByLevelMin: durationByLevel(type, durationMin),
        windows: windows.length > 0 ? windows.map(([s, e]) => ({ start: ctx.at(s), end: ctx.at(e) })) : undefined,
        priority,
        calledAt,
        responseDeadline,
        skills: { ...type.skills } as Record<string, number>,
        parts: Object.keys(parts).length > 0 ? parts : undefined,
        value: valueUsd,
        preferredTechnicians: preferred,
        excludedTechnicians: excluded,
        pinnedTechnician: pinned,
        supplyHouses,
        earliestStart: earliestStartMin === undefined ? undefined : ctx.at(earliestStartMin),
      }),
    );
  }
  return { jobs, specialOrders };
}
