// The customer's page by content negotiation: JSON stays the default; a browser gets one small,
// self-contained page with the business, the status and the ETA in words, and nothing else.
import { describe, expect, it } from 'vitest';
import type { Board } from '@truckroll/solver';
import { createApp } from '../app.ts';
import { createBoardRunner } from '../board-runner.ts';
import { inlinePool } from '../fixtures.test-helper.ts';
import { createBoardStore } from '../store/boards.ts';
import { openDb } from '../store/db.ts';
import { createTrackingStore } from '../store/tracking.ts';
import { escapeHtml } from './html.ts';
import { hostileProblem, selfContained, XSS_BUSINESS } from './pages.test-helper.ts';
import { trackSentence } from './track-page.ts';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function setup() {
  const pool = inlinePool();
  const db = openDb(':memory:');
  const store = createBoardStore(db);
  const tracking = createTrackingStore(db, { secret: Buffer.alloc(32, 3) });
  const app = createApp({ pool, store, runner: createBoardRunner({ store, pool }), tracking });
  const created = await app.request('/v1/boards?wait=10', { method: 'POST', body: JSON.stringify(hostileProblem()), headers: { 'Content-Type': 'application/json' } });
  const res = (await created.json()) as { id: string; board: Board; tracking: { jobId: string; url: string }[] };
  const get = (path: string, accept?: string) => app.request(path, { headers: accept === undefined ? {} : { Accept: accept } });
  return { res, get };
}

describe('GET /v1/track/{token} as a page', () => {
  it('answers JSON unless the client prefers HTML', async () => {
    const { res, get } = await setup();
    const url = res.tracking[0]!.url;
    for (const accept of [undefined, '*/*', 'application/json', 'application/json, text/html']) {
      const r = await get(url, accept);
      expect(r.headers.get('content-type'), String(accept)).toBe('application/json');
      expect(r.headers.get('vary')).toBe('Accept');
    }
    for (const accept of [BROWSER, 'text/html']) expect((await get(url, accept)).headers.get('content-type')).toBe('text/html; charset=UTF-8');
  });

  it('shows the business, the status and the ETA in words; no other job, and nothing of its own but that', async () => {
    const { res, get } = await setup();
    const problem = hostileProblem();
    for (const link of res.tracking) {
      const r = await get(link.url, BROWSER);
      expect(r.status).toBe(200);
      const body = await r.text();
      expect(Buffer.byteLength(body)).toBeLessThan(20_000);
      expect(selfContained(body)).toEqual({ ok: true, offending: [] });
      expect(r.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[\w+/=]+'; script-src 'none'/);
      expect(body).not.toMatch(/<script/i);
      expect(body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(body).toContain(`<p class="business">${escapeHtml(XSS_BUSINESS)}</p>`);
      const stop = res.board.routes.flatMap((route) => route.stops).find((s) => s.jobId === link.jobId)!;
      // independent of the formatter: the local clock is written in the ISO strings; 2026-03-02 is a Monday
      const hm = (iso: string) => iso.slice(11, 16);
      expect(body).toContain(`Your technician is scheduled to arrive between ${hm(stop.eta!.start)} and ${hm(stop.eta!.end)} on Monday, 2 March.`);
      for (const job of problem.jobs!) {
        expect(body).not.toContain(job.id);
        expect(body).not.toContain(escapeHtml(job.location.address!));
        expect(body).not.toContain(escapeHtml(job.name!));
      }
      for (const t of problem.technicians) expect(body).not.toContain(t.id);
      expect(body).not.toContain(res.id);
    }
  });

  it('an unknown link is a small HTML 404 for a browser and problem+json otherwise', async () => {
    const { get } = await setup();
    const html = await get(`/v1/track/${'A'.repeat(43)}`, BROWSER);
    expect(html.status).toBe(404);
    expect(html.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await html.text()).toContain('<h1>Appointment not found</h1>');
    const json = await get(`/v1/track/${'A'.repeat(43)}`);
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toBe('application/problem+json');
  });

  it('words each status', () => {
    const eta = { start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00' };
    const say = (status: Parameters<typeof trackSentence>[0]['status'], withEta = true) => trackSentence({ business: null, status, eta: withEta ? eta : null, etaText: '' });
    expect(say('Scheduled')).toBe('Your technician is scheduled to arrive between 10:00 and 11:00 on Tuesday, 3 March.');
    expect(say('Scheduled', false)).toBe('We will confirm your appointment time soon.');
    expect(say('On the way')).toBe('Your technician is on the way and should arrive between 10:00 and 11:00 on Tuesday, 3 March.');
    expect(say('On site')).toBe('Your technician is with you now.');
    expect(say('Waiting on parts', false)).toBe('We are waiting on parts and will confirm a new time when they arrive.');
    expect(say('Done', false)).toBe('Your job is done. Thank you!');
  });
});
