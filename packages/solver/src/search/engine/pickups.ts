// The supply-house rule the RouteScheduler does not see: it counts parts in the van, not where they
// were loaded, while a job that lists its supply houses may take none of its parts from a pickup at
// another house earlier in the route (the checker's `supply_house` rule, with compile's reading: an
// empty list allows any house).
import type { Compiled } from '../../compile/compiled.ts';
import { StopType, type PlanStop } from '../schedule.ts';

/**
 * Does no job with listed supply houses follow a pickup at an unlisted house that loads one of its
 * parts? O(route length) without pickups; O(jobs × parts × pickups × loads) with them.
 */
export function pickupSourcesOk(c: Compiled, plan: readonly PlanStop[]): boolean {
  let seenPickup = false;
  for (let i = 0; i < plan.length; i++) {
    const s = plan[i]!;
    if (s.type !== StopType.Job) {
      if (s.loads && s.loads.length > 0) seenPickup = true;
      continue;
    }
    if (!seenPickup) continue;
    const j = s.idx;
    const h0 = c.jobHouseStart[j]!;
    const h1 = c.jobHouseStart[j + 1]!;
    if (h0 === h1) continue;
    for (let p = c.jobPartStart[j]!; p < c.jobPartStart[j + 1]!; p++) {
      const sku = c.partSku[p]!;
      for (let k = 0; k < i; k++) {
        const q = plan[k]!;
        if (q.type !== StopType.Pickup || !q.loads || !loads(q.loads, sku)) continue;
        let allowed = false;
        for (let a = h0; a < h1 && !allowed; a++) allowed = c.jobHouse[a] === q.idx;
        if (!allowed) return false;
      }
    }
  }
  return true;
}

/** Does a pickup's [sku, qty, …] list load some of `sku`? */
function loads(list: Int32Array, sku: number): boolean {
  for (let m = 0; m < list.length; m += 2) if (list[m] === sku && list[m + 1]! > 0) return true;
  return false;
}
