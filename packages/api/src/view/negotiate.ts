// Content negotiation on Accept (RFC 9110 §12.5.1): each offered type takes the quality of the
// most specific range that matches it; the highest quality wins and ties go to the first offer.
// So JSON stays the default (no Accept, */*, application/json), and a browser gets HTML.

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): Range[] {
  const out: Range[] = [];
  for (const part of accept.split(',')) {
    const [media, ...params] = part.trim().split(';');
    const [type, subtype] = (media ?? '').trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k?.trim().toLowerCase() === 'q') q = Math.min(1, Math.max(0, Number(v) || 0));
    }
    out.push({ type, subtype, q });
  }
  return out;
}

/** The offer the client prefers, or undefined when it accepts none (q=0 everywhere). */
export function negotiate<T extends string>(accept: string | undefined, offers: readonly [T, ...T[]]): T | undefined {
  if (!accept?.trim()) return offers[0];
  const ranges = parseAccept(accept);
  let best: { offer: T; q: number } | undefined;
  for (const offer of offers) {
    const [type, subtype] = offer.toLowerCase().split('/');
    let match: { specificity: number; q: number } | undefined;
    for (const r of ranges) {
      const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
      if (specificity >= 0 && (!match || specificity > match.specificity)) match = { specificity, q: r.q };
    }
    if (match && match.q > 0 && (!best || match.q > best.q)) best = { offer, q: match.q };
  }
  return best?.offer;
}

/** True when the client prefers text/html over JSON. */
export const prefersHtml = (accept: string | undefined): boolean => negotiate(accept, ['application/json', 'text/html']) === 'text/html';
