// Supply houses of a generated day: 2–4 counters in the area, open about 7:00–17:00, each carrying
// the parts of its trades. Invariant (after `stockForDemand`): for every SKU the jobs need, the
// houses together hold at least the day's total demand, and one house alone covers any single job.
import type { ProblemInput } from '@truckroll/solver';
import { PARTS, type Trade } from './catalogue.ts';
import { compassName, pointInRing, toLatLon, type LatLon } from './geo.ts';
import type { Rng } from './rng.ts';

export type SupplyHouseInput = NonNullable<ProblemInput['supplyHouses']>[number];

/** What kinds of counter a metro has, in the order a growing shop starts using them. */
const HOUSE_KINDS: readonly { name: string; trades: readonly Trade[] }[] = [
  { name: 'Plumbing & Heating Supply', trades: ['plumbing', 'hvac'] },
  { name: 'Electric Supply', trades: ['electrical'] },
  { name: 'HVAC Distributors', trades: ['hvac'] },
  { name: 'Plumbing Supply', trades: ['plumbing'] },
];

export interface GeneratedSupplyHouse {
  house: SupplyHouseInput & { stock: Record<string, number> };
  trades: readonly Trade[];
}

/** Two counters for a small shop, three from 20 technicians, four from 60. */
export function supplyHouseCount(technicians: number): number {
  return technicians < 20 ? 2 : technicians < 60 ? 3 : 4;
}

export function generateSupplyHouses(rng: Rng, count: number, centre: LatLon, radiusKm: number, at: (minutes: number) => string): GeneratedSupplyHouse[] {
  return HOUSE_KINDS.slice(0, count).map((kind, i) => {
    const where = pointInRing(rng, radiusKm, 0.15, 0.65);
    const stock: Record<string, number> = {};
    for (const part of PARTS) {
      if (!kind.trades.includes(part.trade)) continue;
      // Shelf stock: plenty of the small parts, a few of each big item.
      stock[part.sku] = part.big ? rng.int(2, 6) : part.where === 'counter' ? rng.int(3, 10) : rng.int(10, 40);
    }
    const house: GeneratedSupplyHouse['house'] = {
      id: `SH${i + 1}`,
      name: `${compassName(where)} Metro ${kind.name}`,
      location: toLatLon(centre, where),
      hours: { start: at(rng.pick([390, 420])), end: at(rng.pick([990, 1020, 1050])) },
      stock,
      pickupMin: rng.step(10, 20, 5),
    };
    return { house, trades: kind.trades };
  });
}

/**
 * Tops up stock so the day's jobs can always be supplied from the counters alone (vans aside):
 * per SKU, the total over houses ≥ the total the jobs need, and the best-stocked house ≥ the most
 * any one job needs.
 */
export function stockForDemand(
  rng: Rng,
  houses: readonly GeneratedSupplyHouse[],
  demandBySku: ReadonlyMap<string, { total: number; maxPerJob: number }>,
  tradeOfSku: (sku: string) => Trade,
): void {
  for (const [sku, { total, maxPerJob }] of demandBySku) {
    const holders = houses.filter((h) => h.trades.includes(tradeOfSku(sku)));
    const pool = holders.length > 0 ? holders : houses;
    if (pool.length === 0) continue;
    const have = pool.reduce((s, h) => s + (h.house.stock[sku] ?? 0), 0);
    if (have < total) {
      const h = rng.pick(pool);
      h.house.stock[sku] = (h.house.stock[sku] ?? 0) + (total - have);
    }
    const best = pool.reduce((a, b) => ((b.house.stock[sku] ?? 0) > (a.house.stock[sku] ?? 0) ? b : a));
    if ((best.house.stock[sku] ?? 0) < maxPerJob) best.house.stock[sku] = maxPerJob;
  }
}
