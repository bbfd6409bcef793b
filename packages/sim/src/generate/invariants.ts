// Realism invariants of a generated day, as data: `dayIssues` lists every broken one ("jobs[3]: …"),
// so tests (and the simulator, before it plays a day) can assert an empty list. It re-reads the
// parsed problem only; it shares no code with the generator's choices, so it can catch their bugs.
import { clockOf, haversineM, parseIso, type Problem } from '@truckroll/solver';
import { PART_BY_SKU } from './catalogue.ts';

const minutesOf = (iso: string) => {
  const [h, m] = clockOf(iso).split(':').map(Number) as [number, number];
  return h * 60 + m;
};

function checkUnique(ids: readonly string[], what: string, out: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) out.push(`${what}: duplicate id "${id}"`);
    seen.add(id);
  }
}

/**
 * Every way `p` falls short of a realistic generated day around `centre` (radius `radiusKm`):
 * ids, distances, shifts and lunch, skills, windows, emergencies, parts supply, durations, the
 * level pyramid. O(technicians × jobs).
 */
export function dayIssues(p: Problem, centre: { lat: number; lon: number }, radiusKm: number): string[] {
  const out: string[] = [];
  checkUnique(p.technicians.map((t) => t.id), 'technicians', out);
  checkUnique(p.jobs.map((j) => j.id), 'jobs', out);
  checkUnique(p.supplyHouses.map((s) => s.id), 'supplyHouses', out);

  // Rounding to 5 decimals and the flat-plane placement may add a few metres.
  const maxM = radiusKm * 1000 * 1.002 + 5;
  const within = (loc: { lat: number; lon: number }, where: string) => {
    const dM = haversineM(centre.lat, centre.lon, loc.lat, loc.lon);
    if (dM > maxM) out.push(`${where}: ${(dM / 1000).toFixed(2)} km from the centre, beyond ${radiusKm} km`);
  };

  const levelCounts = [0, 0, 0, 0, 0];
  const topLevelByTrade = new Map<string, number>();
  p.technicians.forEach((t, i) => {
    const at = `technicians[${i}]`;
    within(t.start, `${at}.start`);
    if (t.end) within(t.end, `${at}.end`);
    const start = minutesOf(t.shift.start);
    const end = minutesOf(t.shift.end);
    if (start < 420 || start > 480) out.push(`${at}: shift starts at ${clockOf(t.shift.start)}, outside 07:00–08:00`);
    if (end < 960 || end > 1020) out.push(`${at}: shift ends at ${clockOf(t.shift.end)}, outside 16:00–17:00`);
    if (t.shift.maxOvertimeMin < 60 || t.shift.maxOvertimeMin > 120) out.push(`${at}: overtime ${t.shift.maxOvertimeMin} min, outside 60–120`);
    const lunch = t.breaks[0];
    if (t.breaks.length !== 1 || !lunch || lunch.durationMin !== 30 || minutesOf(lunch.window.start) < 690 || minutesOf(lunch.window.end) > 810) {
      out.push(`${at}: expected one 30-minute lunch inside 11:30–13:30`);
    }
    const trade = (t.meta?.trade as string | undefined) ?? '';
    const level = t.skills[trade];
    if (level === undefined) out.push(`${at}: no level in its own trade "${trade}"`);
    else {
      levelCounts[level - 1]! += 1;
      topLevelByTrade.set(trade, Math.max(topLevelByTrade.get(trade) ?? 0, level));
    }
    if (t.costPerHour < 25 || t.costPerHour > 65) out.push(`${at}: costPerHour ${t.costPerHour} outside 25–65`);
    for (const sku of Object.keys(t.vanStock)) {
      if (PART_BY_SKU.get(sku)?.where === 'counter') out.push(`${at}.vanStock: "${sku}" is a counter item, not van stock`);
    }
  });
  for (const [trade, top] of topLevelByTrade) if (top < 4) out.push(`technicians: no ${trade} lead at level 4 or 5 (top is ${top})`);
  if (p.technicians.length >= 8 && levelCounts[0]! + levelCounts[1]! < levelCounts[3]! + levelCounts[4]!) {
    out.push(`technicians: levels ${levelCounts.join('/')} are not a pyramid (fewer at 1–2 than at 4–5)`);
  }

  const demand = new Map<string, number>();
  p.jobs.forEach((j, i) => {
    const at = `jobs[${i}]`;
    within(j.location, `${at}.location`);
    const able = p.technicians.filter((t) => Object.entries(j.skills).every(([s, l]) => (t.skills[s] ?? 0) >= l));
    if (!able.some((t) => !j.excludedTechnicians.includes(t.id))) out.push(`${at}: no technician holds ${JSON.stringify(j.skills)} (excluded aside)`);
    if (j.pinnedTechnician !== undefined && !able.some((t) => t.id === j.pinnedTechnician)) out.push(`${at}: pinned to ${j.pinnedTechnician}, who lacks the skills`);
    for (const id of j.preferredTechnicians) if (!able.some((t) => t.id === id)) out.push(`${at}: prefers ${id}, who lacks the skills`);

    if (j.durationMin < 20 || j.durationMin > 420 || j.durationMin % 5 !== 0) out.push(`${at}: durationMin ${j.durationMin} is not a multiple of 5 in 20–420`);
    let last = j.durationMin;
    for (const [level, d] of Object.entries(j.durationByLevelMin ?? {}).sort(([a], [b]) => Number(a) - Number(b))) {
      if (d === undefined || d >= last) out.push(`${at}.durationByLevelMin: level ${level} is not faster than the level below`);
      else last = d;
    }

    for (const w of j.windows) {
      const s = minutesOf(w.start);
      const e = minutesOf(w.end);
      if (w.start.slice(0, 10) !== w.end.slice(0, 10) || s < 480 || e > 1020 || e - s < 60) out.push(`${at}: window ${clockOf(w.start)}–${clockOf(w.end)} is not a booking inside 08:00–17:00`);
    }
    if (j.earliestStart !== undefined && j.windows.length > 0 && !j.windows.some((w) => parseIso(w.end) > parseIso(j.earliestStart!))) {
      out.push(`${at}: every window closes before earliestStart ${clockOf(j.earliestStart)}`);
    }

    if (j.priority === 'emergency') {
      if (!j.calledAt || !j.responseDeadline) out.push(`${at}: emergency without calledAt and responseDeadline`);
      else {
        const gapMin = (parseIso(j.responseDeadline) - parseIso(j.calledAt)) / 60_000;
        if (gapMin < 120 || gapMin > 240) out.push(`${at}: response deadline ${gapMin} min after the call, outside 2–4 h`);
        if (j.earliestStart !== undefined && parseIso(j.earliestStart) < parseIso(j.calledAt)) out.push(`${at}: may start before the call`);
      }
    } else if (j.calledAt || j.responseDeadline) out.push(`${at}: calledAt / responseDeadline on a ${j.priority} job`);

    for (const [sku, qty] of Object.entries(j.parts)) demand.set(sku, (demand.get(sku) ?? 0) + qty);
    for (const id of j.supplyHouses ?? []) {
      const house = p.supplyHouses.find((s) => s.id === id);
      for (const [sku, qty] of Object.entries(j.parts)) {
        if ((house?.stock[sku] ?? 0) < qty) out.push(`${at}: special order of ${qty} × ${sku} is not stocked at ${id}`);
      }
    }
  });

  for (const [sku, qty] of demand) {
    const stocked = p.supplyHouses.reduce((s, h) => s + (h.stock[sku] ?? 0), 0);
    if (stocked < qty) out.push(`supplyHouses: ${stocked} × ${sku} in stock, the jobs need ${qty}`);
  }
  p.supplyHouses.forEach((s, i) => {
    within(s.location, `supplyHouses[${i}].location`);
    const open = minutesOf(s.hours.start);
    const close = minutesOf(s.hours.end);
    if (open < 360 || open > 450 || close < 960 || close > 1080) out.push(`supplyHouses[${i}]: hours ${clockOf(s.hours.start)}–${clockOf(s.hours.end)} are not about 07:00–17:00`);
  });
  return out;
}
