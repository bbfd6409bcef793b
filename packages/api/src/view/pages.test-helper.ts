// Test fixtures for the pages: the tiny problem with hostile strings in every field a page shows
// (job names, technician names, addresses, the business) and distinct addresses per job, plus a
// check that a page loads nothing from anywhere.
import type { ProblemInput } from '@truckroll/solver';
import { tinyProblem } from '../fixtures.test-helper.ts';

export const XSS_JOB_NAME = '<script>window.__pwned = 1</script> Furnace';
export const XSS_TECH_NAME = '"><img src=x onerror="window.__pwned=2">Ann';
export const XSS_BUSINESS = 'Buckeye <Heating> & "Air"';
/** A job id that would close an attribute and open a tag if it were not escaped. */
export const XSS_JOB_ID = `J5"><b id='x'>&amp;`;

/** Tiny problem (2 technicians, J1–J4 and XSS_JOB_ID, J4 unassignable) with ids, names and addresses that try to break out. */
export function hostileProblem(): ProblemInput {
  const p = tinyProblem();
  const j5 = { ...p.jobs![0]!, id: XSS_JOB_ID, location: { lat: 39.96, lon: -83.03 }, durationMin: 30 };
  return {
    ...p,
    business: XSS_BUSINESS,
    technicians: p.technicians.map((t, i) => ({ ...t, name: i === 0 ? XSS_TECH_NAME : 'Bob Baker' })),
    jobs: [...p.jobs!, j5].map((j, i) => ({
      ...j,
      name: j.id === 'J1' ? XSS_JOB_NAME : `Tune-up for customer ${j.id}-name`,
      location: { ...j.location, address: `${100 + i} <i>Main</i> St, Unit ${j.id}-addr` },
    })),
  };
}

const URL_ATTRS = new Set(['src', 'href', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'data', 'background', 'ping']);

/** Every URL-valued attribute of every tag in `markup` (attributes are read whole, so text inside a quoted value never counts). */
export function referencedUrls(markup: string): string[] {
  const out: string[] = [];
  for (const tag of markup.matchAll(/<[a-zA-Z][^\s/>]*((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    for (const a of tag[1]!.matchAll(/([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      if (URL_ATTRS.has(a[1]!.toLowerCase())) out.push((a[2] ?? '').replace(/^["']|["']$/g, ''));
    }
  }
  return out;
}

/** Whether the markup loads nothing but data: URLs and in-page fragments, and names no other origin. */
export function selfContained(markup: string): { ok: boolean; offending: string[] } {
  const offending = referencedUrls(markup).filter((u) => !(u.startsWith('data:') || u.startsWith('#')));
  const absolute = /https?:\/\/|\burl\(\s*['"]?(?!#)|@import/i.exec(markup);
  if (absolute) offending.push(`"${absolute[0]}" in the markup`);
  return { ok: offending.length === 0, offending };
}
