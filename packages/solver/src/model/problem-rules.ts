// Rules that relate fields of a Problem: unique ids, references, the order of times, the matrix.
// Each rule names the exact place (path) and the reason, e.g.
// `jobs[3].windows[0]: ends (08:00) before it starts (09:00)`.
import type { Problem, TimeWindow } from './problem.ts';
import { clockOf, parseIso } from './time.ts';
import { formatPath } from './errors.ts';
import { CLOSED_STATUSES } from './live.ts';

export interface RuleIssue {
  path: (string | number)[];
  message: string;
  code: 'duplicate_id' | 'unknown_reference' | 'bad_order' | 'bad_matrix' | 'empty' | 'contradiction';
}

/** "08:00" when both times fall on the same local date, else the full strings. */
function showPair(a: string, b: string): [string, string] {
  return a.slice(0, 10) === b.slice(0, 10) ? [clockOf(a), clockOf(b)] : [a, b];
}

function checkWindow(w: TimeWindow, path: (string | number)[], out: RuleIssue[], what = 'ends', allowEmpty = true): void {
  const s = parseIso(w.start);
  const e = parseIso(w.end);
  if (e < s || (!allowEmpty && e === s)) {
    const [es, ss] = showPair(w.end, w.start);
    out.push({ path, code: 'bad_order', message: e < s ? `${what} (${es}) before it starts (${ss})` : `${what} when it starts (${ss}): it is empty` });
  }
}

function checkUnique<T>(items: readonly T[], key: (t: T) => string | undefined, field: string, path: (string | number)[], out: RuleIssue[]): Map<string, number> {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const id = key(item);
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) out.push({ path: [...path, i, field], code: 'duplicate_id', message: `duplicate ${field} "${id}" (first at ${formatPath([...path, first])})` });
    else seen.set(id, i);
  });
  return seen;
}

/** Every cross-field rule of a Problem whose fields are individually valid. */
export function problemRuleIssues(p: Problem): RuleIssue[] {
  const out: RuleIssue[] = [];
  if (p.technicians.length === 0) out.push({ path: ['technicians'], code: 'empty', message: 'no technicians: a board needs at least one' });

  const techIds = checkUnique(p.technicians, (t) => t.id, 'id', ['technicians'], out);
  checkUnique(p.jobs, (j) => j.id, 'id', ['jobs'], out);
  const houseIds = checkUnique(p.supplyHouses, (s) => s.id, 'id', ['supplyHouses'], out);
  const skus = checkUnique(p.parts, (x) => x.sku, 'sku', ['parts'], out);

  const knownSku = (sku: string, path: (string | number)[]) => {
    if (!skus.has(sku)) out.push({ path, code: 'unknown_reference', message: `unknown part "${sku}" (not in the parts catalogue, parts[])` });
  };
  const knownTech = (id: string, path: (string | number)[]) => {
    if (!techIds.has(id)) out.push({ path, code: 'unknown_reference', message: `unknown technician "${id}"` });
  };

  const jobById = new Map(p.jobs.map((j) => [j.id, j]));
  const lockedBy = new Map<string, (string | number)[]>();
  p.technicians.forEach((t, i) => {
    checkWindow(t.shift, ['technicians', i, 'shift'], out, 'ends', false);
    const shiftStart = parseIso(t.shift.start);
    const shiftEnd = parseIso(t.shift.end) + t.shift.maxOvertimeMin * 60_000;
    t.breaks.forEach((b, k) => {
      const path = ['technicians', i, 'breaks', k];
      checkWindow(b.window, [...path, 'window'], out);
      const ws = parseIso(b.window.start);
      const we = parseIso(b.window.end);
      if (we >= ws && b.durationMin * 60_000 > we - ws) {
        out.push({ path: [...path, 'durationMin'], code: 'contradiction', message: `${b.durationMin} min does not fit in its window (${clockOf(b.window.start)}–${clockOf(b.window.end)})` });
      }
      if (we >= ws && (we <= shiftStart || ws >= shiftEnd)) {
        out.push({ path: [...path, 'window'], code: 'contradiction', message: `window (${clockOf(b.window.start)}–${clockOf(b.window.end)}) lies outside the shift (${clockOf(t.shift.start)}–${clockOf(t.shift.end)})` });
      }
    });
    checkUnique(t.breaks, (b) => b.id, 'id', ['technicians', i, 'breaks'], out);
    (t.locked ?? []).forEach((id, k) => {
      const path = ['technicians', i, 'locked', k];
      const job = jobById.get(id);
      if (!job) out.push({ path, code: 'unknown_reference', message: `unknown job "${id}"` });
      else if (CLOSED_STATUSES.has(job.status)) out.push({ path, code: 'contradiction', message: `job "${id}" is ${job.status}; only open jobs can be locked to a route` });
      else if (job.pinnedTechnician !== undefined && job.pinnedTechnician !== t.id) out.push({ path, code: 'contradiction', message: `job "${id}" is pinned to "${job.pinnedTechnician}"` });
      const first = lockedBy.get(id);
      if (first !== undefined) out.push({ path, code: 'contradiction', message: `job "${id}" is already locked to ${formatPath(first)}` });
      else lockedBy.set(id, path);
    });
    for (const sku of Object.keys(t.vanStock)) knownSku(sku, ['technicians', i, 'vanStock', sku]);
  });

  p.jobs.forEach((j, i) => {
    j.windows.forEach((w, k) => checkWindow(w, ['jobs', i, 'windows', k], out));
    if (j.calledAt && j.responseDeadline && parseIso(j.responseDeadline) < parseIso(j.calledAt)) {
      const [d, c] = showPair(j.responseDeadline, j.calledAt);
      out.push({ path: ['jobs', i, 'responseDeadline'], code: 'bad_order', message: `(${d}) is before the call (${c})` });
    }
    for (const sku of Object.keys(j.parts)) knownSku(sku, ['jobs', i, 'parts', sku]);
    j.preferredTechnicians.forEach((id, k) => knownTech(id, ['jobs', i, 'preferredTechnicians', k]));
    j.excludedTechnicians.forEach((id, k) => knownTech(id, ['jobs', i, 'excludedTechnicians', k]));
    if (j.pinnedTechnician !== undefined) {
      knownTech(j.pinnedTechnician, ['jobs', i, 'pinnedTechnician']);
      if (j.excludedTechnicians.includes(j.pinnedTechnician)) {
        out.push({ path: ['jobs', i, 'pinnedTechnician'], code: 'contradiction', message: `"${j.pinnedTechnician}" is both pinned and excluded` });
      }
    }
    if (j.actual) knownTech(j.actual.technicianId, ['jobs', i, 'actual', 'technicianId']);
    if (j.status === 'on_site' && !j.actual?.start) {
      out.push({ path: ['jobs', i, 'actual'], code: 'contradiction', message: 'an on_site job needs actual.technicianId and actual.start (who is there, since when)' });
    }
    (j.supplyHouses ?? []).forEach((id, k) => {
      if (!houseIds.has(id)) out.push({ path: ['jobs', i, 'supplyHouses', k], code: 'unknown_reference', message: `unknown supply house "${id}"` });
    });
  });

  p.supplyHouses.forEach((s, i) => {
    checkWindow(s.hours, ['supplyHouses', i, 'hours'], out, 'closes', false);
    for (const sku of Object.keys(s.stock)) knownSku(sku, ['supplyHouses', i, 'stock', sku]);
  });

  matrixIssues(p, out);
  return out;
}

function matrixIssues(p: Problem, out: RuleIssue[]): void {
  const m = p.matrix;
  if (p.settings.travel.model !== 'matrix') {
    if (m) out.push({ path: ['matrix'], code: 'contradiction', message: `a matrix is given but settings.travel.model is "${p.settings.travel.model}"; set it to "matrix" to use it` });
    return;
  }
  if (!m) {
    out.push({ path: ['matrix'], code: 'bad_matrix', message: 'settings.travel.model is "matrix" but no matrix is given' });
    return;
  }
  const n = m.durationsSec.length;
  const square = (rows: (number | null)[][], name: string) => {
    if (rows.length !== n) out.push({ path: ['matrix', name], code: 'bad_matrix', message: `has ${rows.length} rows; durationsSec has ${n}` });
    rows.forEach((r, i) => {
      if (r.length !== n) out.push({ path: ['matrix', name, i], code: 'bad_matrix', message: `row has ${r.length} entries; the matrix is ${n} × ${n}` });
    });
  };
  square(m.durationsSec, 'durationsSec');
  square(m.distancesM, 'distancesM');
  const needIndex = (loc: { matrixIndex?: number | undefined }, path: (string | number)[]) => {
    if (loc.matrixIndex === undefined) out.push({ path: [...path, 'matrixIndex'], code: 'bad_matrix', message: 'required when settings.travel.model is "matrix"' });
    else if (loc.matrixIndex >= n) out.push({ path: [...path, 'matrixIndex'], code: 'bad_matrix', message: `${loc.matrixIndex} is out of range: the matrix has ${n} locations` });
  };
  p.technicians.forEach((t, i) => {
    needIndex(t.start, ['technicians', i, 'start']);
    if (t.end) needIndex(t.end, ['technicians', i, 'end']);
    if (t.resume) needIndex(t.resume.location, ['technicians', i, 'resume', 'location']);
  });
  p.jobs.forEach((j, i) => needIndex(j.location, ['jobs', i, 'location']));
  p.supplyHouses.forEach((s, i) => needIndex(s.location, ['supplyHouses', i, 'location']));
}
