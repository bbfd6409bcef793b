// Escaping by construction: every page is built with the `html` tag, which escapes each
// interpolated value unless it is already `Html` (built by this tag, or `raw` for constants).
// Strings from the problem (names, ids, addresses) therefore can never become markup.

/** Markup that is safe to emit as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value with `& < > " '` escaped. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);

/** What the `html` tag accepts: text (escaped), numbers, markup, nothing, or lists of those. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'string') return escapeHtml(v);
  return v.map(render).join('');
}

/** Tagged template: literal parts verbatim, every value escaped (see `HtmlValue`). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted constant markup (stylesheets, scripts, fixed snippets). Never pass input through it. */
export const raw = (s: string): Html => new Html(s);

/** Shortens `s` to at most `max` characters with an ellipsis (before escaping). */
export const truncate = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`);
