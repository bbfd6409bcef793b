// The technicians of a generated day: trades, a level pyramid, shifts, lunch, van stock, cost.
// Invariants: every trade with anyone on it has a lead at level 4 or 5; shifts start 7:00–8:00 and
// end 16:00–17:00 with a 30-minute lunch somewhere in 11:30–13:30; every van SKU is in the catalogue.
import type { ProblemInput } from '@truckroll/solver';
import { TRADES, VAN_KITS, type Trade } from './catalogue.ts';
import { pointInRing, toLatLon, type LatLon, type PlanePoint } from './geo.ts';
import type { Rng } from './rng.ts';

export type TechnicianInput = ProblemInput['technicians'][number];

/** Share of the roster by primary trade (a multi-trade residential shop). */
const TRADE_SHARES: Record<Trade, number> = { hvac: 0.45, plumbing: 0.35, electrical: 0.2 };
/** Share of a trade's technicians at levels 1..5: apprentices to leads, a pyramid. */
export const LEVEL_SHARES = [0.2, 0.3, 0.25, 0.15, 0.1];
const TITLES = ['Apprentice', 'Technician', 'Technician II', 'Senior technician', 'Lead technician'];

const FIRST_NAMES = [
  'Mike', 'Chris', 'Dave', 'Jose', 'Carlos', 'Matt', 'Ryan', 'Tony', 'Luis', 'Kevin', 'Brian', 'Jason', 'Eric', 'Marcus',
  'Andre', 'Tyler', 'Cody', 'Derek', 'Sam', 'Nate', 'Juan', 'Miguel', 'Travis', 'Jake', 'Brandon', 'Kyle', 'Darnell',
  'Hector', 'Rosa', 'Maria', 'Jess', 'Alex', 'Dana', 'Erin', 'Kim', 'Pat', 'Omar', 'Vince', 'Hank', 'Duane',
];
export const LAST_NAMES = [
  'Smith', 'Johnson', 'Garcia', 'Martinez', 'Brown', 'Davis', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Moore', 'Jackson',
  'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Perez',
  'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Reyes', 'Morris', 'Murphy', 'Cook',
];

/**
 * Splits `total` into whole parts proportional to `shares` (largest remainder, ties to the
 * earlier index), so that a roster of 8 gets the same pyramid every time, not a random one.
 */
export function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left--;
  }
  return out;
}

/** Headcount per trade; with three or more technicians every trade has someone. */
function tradeCounts(count: number): Record<Trade, number> {
  const counts = apportion(count, TRADES.map((t) => TRADE_SHARES[t]));
  if (count >= TRADES.length) {
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === 0) {
        const donor = counts.indexOf(Math.max(...counts));
        counts[donor]! -= 1;
        counts[i] = 1;
      }
    }
  }
  return { hvac: counts[0]!, plumbing: counts[1]!, electrical: counts[2]! };
}

/** Levels of a trade's technicians: the pyramid, with the top raised to at least 4 (the trade's lead). */
function tradeLevels(rng: Rng, count: number): number[] {
  const perLevel = apportion(count, LEVEL_SHARES);
  const levels: number[] = [];
  perLevel.forEach((n, k) => {
    for (let i = 0; i < n; i++) levels.push(k + 1);
  });
  if (levels.length > 0 && levels[levels.length - 1]! < 4) levels[levels.length - 1] = rng.chance(0.5) ? 4 : 5;
  return levels;
}

/** A second trade some technicians hold at a low level (HVAC techs wire their own circuits, …). */
function secondarySkill(rng: Rng, trade: Trade, level: number): Partial<Record<Trade, number>> {
  const low = Math.min(2, Math.max(1, level - 2));
  switch (trade) {
    case 'hvac':
      return rng.chance(0.25) ? { electrical: low } : {};
    case 'plumbing':
      // Leads often hold an electrical ticket for tankless heaters and well pumps.
      if (rng.chance(level >= 4 ? 0.5 : 0.12)) return { electrical: low };
      return rng.chance(0.1) ? { hvac: 1 } : {};
    case 'electrical':
      return rng.chance(0.12) ? { hvac: 1 } : {};
  }
}

function vanStock(rng: Rng, trade: Trade, secondary: readonly Trade[], level: number): Record<string, number> {
  const stock: Record<string, number> = {};
  // Apprentices' vans are stocked a little thinner.
  const fill = level === 1 ? 0.8 : 1;
  for (const line of VAN_KITS[trade]) if (rng.chance(line.p * fill)) stock[line.sku] = rng.int(line.qty[0], line.qty[1]);
  for (const t of secondary) {
    for (const line of VAN_KITS[t]) if (rng.chance(line.p * 0.3)) stock[line.sku] = rng.int(line.qty[0], Math.max(line.qty[0], Math.ceil(line.qty[1] / 2)));
  }
  return stock;
}

export interface RosterContext {
  centre: LatLon;
  radiusKm: number;
  /** Where the vans park overnight, on the local plane. */
  shop: PlanePoint;
  /** ISO date-time of minutes after local midnight on the day. */
  at: (minutes: number) => string;
}

export interface GeneratedTechnician {
  tech: TechnicianInput;
  trade: Trade;
  level: number;
  /** Shift length less the lunch break, minutes (the capacity figure used to size the day). */
  netShiftMin: number;
}

/** The day's technicians, in id order (T01, T02, …); trades and levels are shuffled across ids. */
export function generateTechnicians(rng: Rng, count: number, ctx: RosterContext): GeneratedTechnician[] {
  const counts = tradeCounts(count);
  const slots: { trade: Trade; level: number }[] = [];
  for (const trade of TRADES) for (const level of tradeLevels(rng, counts[trade])) slots.push({ trade, level });
  const width = Math.max(2, String(count).length);
  const shopLocation = toLatLon(ctx.centre, ctx.shop);

  return rng.shuffle(slots).map(({ trade, level }, i) => {
    const skills: Record<string, number> = { [trade]: level, ...secondarySkill(rng, trade, level) };
    const secondary = Object.keys(skills).filter((t) => t !== trade) as Trade[];

    // 7:00–16:00, 7:30–16:30 or 8:00–17:00; one in ten works a long 7:00–17:00 day.
    const long = rng.chance(0.1);
    const startMin = long ? 420 : rng.weighted([[420, 0.4], [450, 0.35], [480, 0.25]]);
    const endMin = long ? 1020 : startMin + 540;
    const lunchMin = 30;

    // Apprentices mostly pick up a van at the shop; the others take theirs home.
    const atShop = rng.chance(level === 1 ? 0.6 : 0.2);
    const start = atShop ? shopLocation : toLatLon(ctx.centre, pointInRing(rng, ctx.radiusKm, 0.1, 1));

    const tech: TechnicianInput = {
      id: `T${String(i + 1).padStart(width, '0')}`,
      name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
      start,
      shift: { start: ctx.at(startMin), end: ctx.at(endMin), maxOvertimeMin: rng.pick([60, 90, 120]) },
      breaks: [{ id: 'lunch', durationMin: lunchMin, window: { start: ctx.at(690), end: ctx.at(810) } }],
      skills,
      vanStock: vanStock(rng, trade, secondary, level),
      // Loaded labour cost, USD/hour: about 31 for an apprentice up to 59 for a lead.
      costPerHour: 24 + 7 * level + rng.step(-2, 2, 0.5),
      meta: { trade, title: TITLES[level - 1]!, startsAt: atShop ? 'shop' : 'home' },
    };
    return { tech, trade, level, netShiftMin: endMin - startMin - lunchMin };
  });
}
