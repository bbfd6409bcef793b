// The document shell shared by the pages: lang, charset, viewport, title, one inline stylesheet
// and at most one inline script, and the response headers that go with them. The Content
// Security Policy allows exactly those two blocks (by SHA-256) and same-origin fetches: nothing
// is ever loaded from another origin, and injected markup could not run a script.
import { createHash } from 'node:crypto';
import { html, raw, type Html } from './html.ts';

export interface PageParts {
  title: string;
  css: string;
  js?: string;
  /** Extra <head> markup (constant meta tags). */
  head?: Html;
  body: Html;
  bodyClass?: string;
}

const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** The whole HTML document. */
export function page({ title, css, js, head, body, bodyClass }: PageParts): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow"><link rel="icon" href="data:,">${head}<title>${title}</title><style>${raw(css)}</style></head><body${bodyClass ? html` class="${bodyClass}"` : null}>${body}${js ? html`<script>${raw(js)}</script>` : null}</body></html>`.value;
}

/** Headers for a page built from `css` and `js`: CSP with their hashes, no caching, no referrer. */
export function pageHeaders({ css, js }: { css: string; js?: string }): Record<string, string> {
  const csp = [
    `default-src 'none'`,
    `style-src ${sha256(css)}`,
    js ? `script-src ${sha256(js)}` : `script-src 'none'`,
    js ? `connect-src 'self'` : undefined,
    `img-src data:`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
  ].filter(Boolean);
  return {
    'Content-Type': 'text/html; charset=UTF-8',
    'Content-Security-Policy': csp.join('; '),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
}
