// Accept negotiation: JSON unless the client prefers HTML.
import { describe, expect, it } from 'vitest';
import { negotiate, prefersHtml } from './negotiate.ts';

describe('prefersHtml', () => {
  it('keeps JSON for no Accept, */*, application/json and ties', () => {
    for (const a of [undefined, '', '*/*', 'application/json', 'application/json, text/html', 'text/html;q=0.5, application/json', 'text/*;q=0.4, */*;q=0.5', 'image/png']) {
      expect(prefersHtml(a), String(a)).toBe(false);
    }
  });

  it('gives a browser HTML', () => {
    const chrome = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
    const firefox = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    for (const a of [chrome, firefox, 'text/html', 'text/*', 'application/json;q=0.2, text/html;q=0.3']) expect(prefersHtml(a), a).toBe(true);
  });

  it('the most specific range decides, and q=0 refuses', () => {
    expect(negotiate('text/html;q=0, */*', ['text/html', 'application/json'])).toBe('application/json');
    expect(negotiate('text/html;q=0', ['text/html'])).toBeUndefined();
  });
});
