// The two pages in headless Chromium against a real server (127.0.0.1, random port, worker pool,
// SQLite file): the dispatcher's board (timeline row per technician, a polyline per route, KPIs,
// unassigned jobs, live update with the moved jobs highlighted after the stored board changes)
// and the customer's status page (the right ETA, nothing about any other job), each with no
// console or page errors and no request leaving the server. Screenshots go to test-output/.
// Skipped, with a message, only when /usr/bin/chromium is missing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProblem, solve, type Board } from '@truckroll/solver';
import { REPO } from './fixtures.test-helper.ts';
import { silentLogger } from './log.ts';
import { startServer, type RunningServer } from './main.ts';
import { createKeyRing } from './middleware/auth.ts';
import { createBoardStore } from './store/boards.ts';
import { openDb } from './store/db.ts';
import { hostileProblem, XSS_JOB_ID, XSS_JOB_NAME, XSS_TECH_NAME } from './view/pages.test-helper.ts';

// Browser globals, for the callbacks run inside the page by page.evaluate (this repository compiles
// without the DOM lib; declaring them here keeps them out of every other file).
declare const document: any, window: any, getComputedStyle: any, Node: any, HTMLElement: any;
type Element = any;

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`[pages.browser.test] SKIPPED: ${CHROMIUM} is missing (Debian: apt-get install chromium); the board and status pages were not tested in a browser.`);

const SHOTS = resolve(import.meta.dirname, '../test-output');
const KEY = 'browser-test-key-0123456789';
const TENANT = 'acme';
const dbFile = join(mkdtempSync(join(tmpdir(), 'truckroll-browser-')), 'boards.db');

interface Created {
  id: string;
  board: Board;
  tracking: { jobId: string; token: string; url: string }[];
}

interface Opened {
  page: Page;
  /** Console errors and uncaught exceptions, as text. */
  errors: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/** WCAG contrast of every element that holds text (HTML only) against its nearest opaque background; returns the failures. */
function contrastFailures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (s: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(s);
      const [r = 0, g = 0, b = 0, a = 1] = m ? m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number) : [];
      return [r, g, b, a];
    };
    const lum = ([r, g, b]: number[]) => {
      const c = [r!, g!, b!].map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    const bgOf = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c[3] > 0.5) return c;
      }
      return [255, 255, 255, 1];
    };
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('svg') || !(el instanceof HTMLElement) || el.offsetParent === null) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own) continue;
      const st = getComputedStyle(el);
      const [l1, l2] = [lum(rgb(st.color)), lum(bgOf(el))].sort((a, b) => b - a) as [number, number];
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(st.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(st.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) out.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent!.trim().slice(0, 30)}": ${ratio.toFixed(2)}`);
    }
    return out;
  });
}

/** Structural accessibility: lang, title, labelled SVGs, tables with header cells, one h1. */
function a11yProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (!document.documentElement.lang) out.push('no lang');
    if (!document.title.trim()) out.push('no title');
    if (document.querySelectorAll('h1').length !== 1) out.push('not exactly one h1');
    for (const svg of document.querySelectorAll('svg')) {
      const hidden = svg.getAttribute('aria-hidden') === 'true';
      if (!hidden && !(svg.getAttribute('role') && (svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby')))) out.push(`svg without role/label: ${svg.outerHTML.slice(0, 60)}`);
    }
    for (const t of document.querySelectorAll('table')) {
      if (!t.querySelector('thead th[scope="col"]')) out.push('table without column headers');
      if (!t.caption?.textContent?.trim()) out.push('table without caption');
    }
    for (const s of document.querySelectorAll('section')) if (!s.getAttribute('aria-labelledby')) out.push(`section without a label: ${s.id}`);
    return out;
  });
}

describe.skipIf(!HAVE_CHROMIUM)('the pages in headless Chromium', { timeout: 60_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let tiny: Created;
  let medium: Created;
  const opened: Opened[] = [];

  const post = async (body: string, query: string): Promise<Created> => {
    const res = await fetch(`${server.url}/v1/boards?${query}`, { method: 'POST', body, headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' } });
    expect(res.status).toBe(201);
    return (await res.json()) as Created;
  };

  async function open(url: string, options: Parameters<Browser['newPage']>[0] = {}): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, ...options });
    const o: Opened = { page, errors: [], requests: [] };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') o.errors.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => o.errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => o.requests.push(r.url()));
    opened.push(o);
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    return o;
  }

  /** Nothing but the server was asked for anything, and no element points anywhere else. */
  async function expectSelfContained(o: Opened): Promise<void> {
    expect(o.requests.filter((u) => !u.startsWith(`${server.url}/`))).toEqual([]);
    const refs = await o.page.evaluate(() => [...document.querySelectorAll('[src],[href],[action],[srcset],[poster]')].map((e) => e.getAttribute('src') ?? e.getAttribute('href') ?? e.getAttribute('action') ?? '*'));
    expect(refs.filter((r) => !r.startsWith('data:') && !r.startsWith('#'))).toEqual([]);
    expect(await o.page.content()).not.toMatch(/https?:\/\//);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ host: '127.0.0.1', port: 0, dbFile, threads: 2, maxQueue: 4, keys: createKeyRing([{ key: KEY, tenant: TENANT }]), logger: silentLogger });
    [browser, tiny, medium] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM, headless: true }),
      post(JSON.stringify(hostileProblem()), 'wait=30&timeLimit=0.5'),
      post(readFileSync(join(REPO, 'datasets/medium.json'), 'utf8'), 'wait=30&timeLimit=2'),
    ]);
  });

  afterAll(async () => {
    for (const o of opened) await o.page.close();
    await browser?.close();
    await server?.close();
  });

  it('the board page: a timeline row per technician, a polyline per route, KPIs, unassigned reasons, escaped strings', async () => {
    const o = await open(`${server.url}/v1/boards/${tiny.id}/view?key=${KEY}`);
    const { page } = o;
    await page.screenshot({ path: join(SHOTS, 'board-tiny.png'), fullPage: true, animations: 'disabled' });

    expect(await page.locator('svg.timeline [data-tech-row]').count()).toBe(2);
    expect(await page.locator('svg.timeline [data-tech-row="T1"] .tl-job').count()).toBe(tiny.board.routes.find((r) => r.technicianId === 'T1')!.stops.filter((s) => s.kind === 'job').length);
    const routes = tiny.board.routes.filter((r) => r.stops.some((s) => s.kind === 'job'));
    const lines = await page.locator('svg.map polyline.route').evaluateAll((els) => els.map((e) => ({ tech: e.getAttribute('data-tech'), points: e.getAttribute('points')!.trim().split(/\s+/).length })));
    expect(lines.map((l) => l.tech).sort()).toEqual(routes.map((r) => r.technicianId).sort());
    for (const r of routes) expect(lines.find((l) => l.tech === r.technicianId)!.points).toBe(r.stops.filter((s) => s.kind !== 'break').length + 2); // start, stops, end
    expect(await page.locator('svg.map .map-unassigned[data-job="J4"]').count()).toBe(1);

    // hover text: job id, customer window, planned start
    const j1 = tiny.board.routes.flatMap((r) => r.stops).find((s) => s.jobId === 'J1')!;
    const title = await page.locator('svg.timeline .tl-job[data-job="J1"] > title').textContent();
    expect(title).toContain(`J1 — ${XSS_JOB_NAME}`);
    expect(title).toContain('Customer window: 08:00–15:00');
    expect(title).toContain(`Planned start: ${j1.start.slice(11, 16)}`);
    await page.locator('svg.timeline .tl-job[data-job="J1"] rect').hover();

    // KPIs of DESIGN.md and the unassigned job with its reason
    const kpis = await page.locator('#kpis dt').allTextContents();
    expect(kpis).toEqual(expect.arrayContaining(['Utilization', 'Drive share', 'Wrench time', 'Jobs scheduled', 'Jobs unassigned', 'Overtime', 'Emergency response']));
    expect(await page.locator('#kpis').textContent()).toContain(`${(tiny.board.kpis.utilization * 100).toFixed(1)}%`);
    expect(await page.locator('#unassigned tbody tr').allTextContents()).toEqual([expect.stringMatching(/^J4.*No technician has the skills/)]);

    // every string from the problem is text, never markup
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img, b#x').count()).toBe(0);
    expect(await page.locator('svg.timeline .tl-job').evaluateAll((els) => els.map((e) => e.getAttribute('data-job')))).toContain(XSS_JOB_ID);
    expect(await page.locator('#schedule tbody').textContent()).toContain(XSS_JOB_NAME);
    expect(await page.locator('#map .legend.techs').textContent()).toContain(XSS_TECH_NAME);

    expect(await a11yProblems(page)).toEqual([]);
    expect(await contrastFailures(page)).toEqual([]);
    await expectSelfContained(o);
    expect(o.errors).toEqual([]);
  });

  it('a change to the stored board shows up on the open page, with the moved jobs highlighted', async () => {
    const o = await open(`${server.url}/v1/boards/${tiny.id}/view?key=${KEY}`);
    const { page } = o;
    // a re-plan: J3 pinned to the technician that does not have it, solved again in this process
    const techOf = (b: Board, jobId: string) => b.routes.find((r) => r.stops.some((s) => s.jobId === jobId))?.technicianId;
    const other = techOf(tiny.board, 'J3') === 'T1' ? 'T2' : 'T1';
    const pinned = hostileProblem();
    pinned.jobs = pinned.jobs!.map((j) => (j.id === 'J3' ? { ...j, pinnedTechnician: other } : j));
    const next = await solve(parseProblem(pinned), { seed: 1, timeLimitSec: 0.3, maxIterations: 200 });
    expect(techOf(next, 'J3')).toBe(other);
    // the jobs whose technician or planned start changed, computed here from the two boards
    const placements = (b: Board) => new Map(b.routes.flatMap((r) => r.stops.filter((s) => s.kind === 'job').map((s) => [s.jobId!, `${r.technicianId}@${s.start}`] as const)));
    const [before, after] = [placements(tiny.board), placements(next)];
    const moved = [...after].filter(([id, p]) => before.has(id) && before.get(id) !== p).map(([id]) => id).sort();
    const unchanged = [...after.keys()].filter((id) => !moved.includes(id));
    expect(moved).toContain('J3');

    expect(await page.locator('.moved').count()).toBe(0);
    const db = openDb(dbFile);
    try {
      expect(createBoardStore(db).replaceBoard(TENANT, tiny.id, next)).toBeDefined();
    } finally {
      db.close();
    }

    await page.locator('main[data-moved]').waitFor({ timeout: 10_000 });
    expect((JSON.parse((await page.locator('main').getAttribute('data-moved'))!) as string[]).sort()).toEqual(moved);
    expect(await page.locator(`svg.timeline [data-tech-row="${other}"] .tl-job[data-job="J3"].moved`).count()).toBe(1);
    // read every bar once (ids are attribute values here, never pasted into selectors)
    const bars = await page.locator('svg.timeline .tl-job').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-job'), placement: e.getAttribute('data-placement'), moved: e.classList.contains('moved') })));
    expect(bars.filter((b) => b.moved).map((b) => b.id).sort()).toEqual(moved);
    for (const b of bars) expect(b.placement).toBe(after.get(b.id!));
    expect(bars.filter((b) => unchanged.includes(b.id!) && b.moved)).toEqual([]);
    expect(await page.locator('svg.map circle.map-job.moved').evaluateAll((els) => els.map((e) => e.getAttribute('data-job')).sort())).toEqual(moved);
    const live = (await page.locator('#live').textContent()) ?? '';
    expect(live).toMatch(new RegExp(`^Board updated: ${moved.length} jobs? moved \\(.*\\), highlighted\\.$`));
    for (const id of moved) expect(live).toContain(id);
    await page.screenshot({ path: join(SHOTS, 'board-tiny-moved.png'), fullPage: true, animations: 'disabled' });

    // the page polled with the key in a header, never in the URL
    const polls = o.requests.filter((u) => u.includes('part=board'));
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.filter((u) => u.includes('key='))).toEqual([]);
    await expectSelfContained(o);
    expect(o.errors).toEqual([]);
  });

  it('an event posted to the API shows up on the open page (an emergency on the medium board)', async () => {
    const medium = await post(readFileSync(join(REPO, 'datasets/medium.json'), 'utf8'), 'wait=30&timeLimit=1');
    const o = await open(`${server.url}/v1/boards/${medium.id}/view?key=${KEY}`);
    const { page } = o;
    const day = medium.board.routes[0]!.departure;
    const at = (hhmm: string) => `${day.slice(0, 11)}${hhmm}:00${day.slice(19)}`;
    const near = medium.board.routes.flatMap((r) => r.stops).find((s) => s.kind === 'job')!.location;
    const res = await fetch(`${server.url}/v1/boards/${medium.id}/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ events: [{ type: 'job_added', at: at('07:30'), job: { id: 'EM-LIVE', name: 'No heat', location: near, durationMin: 60, priority: 'emergency', calledAt: at('07:30'), responseDeadline: at('10:30') } }] }),
    });
    expect(res.status).toBe(200);
    const { board: next, emergencies } = (await res.json()) as { board: Board; emergencies: { jobId: string; technicianId: string; onTime: boolean }[] };
    expect(emergencies[0]).toMatchObject({ jobId: 'EM-LIVE', onTime: true });
    // the new job appears on the open page, in the row of the technician it went to, drawn as an emergency
    await page.locator('svg.timeline .tl-job[data-job="EM-LIVE"]').waitFor({ timeout: 10_000 });
    expect(await page.locator(`svg.timeline [data-tech-row="${emergencies[0]!.technicianId}"] .tl-job[data-job="EM-LIVE"]`).count()).toBe(1);
    const placements = (b: Board) => new Map(b.routes.flatMap((r) => r.stops.filter((s) => s.kind === 'job').map((s) => [s.jobId!, `${r.technicianId}@${s.start}`] as const)));
    // every job the board knew before: on a route (technician@start) or unassigned
    const known = (b: Board) => new Map([...b.unassigned.map((u) => [u.jobId, 'unassigned'] as const), ...placements(b)]);
    const [before, after] = [known(medium.board), known(next)];
    // moved: another technician or start, bumped off a route, or newly placed (new jobs are not "moved")
    const moved = [...before].filter(([id, p]) => after.get(id) !== p).map(([id]) => id).sort();
    const shown = (JSON.parse((await page.locator('main').getAttribute('data-moved')) ?? '[]') as string[]).sort();
    expect(shown, JSON.stringify({ extra: shown.filter((x) => !moved.includes(x)).map((id) => [id, before.get(id), after.get(id)]), missing: moved.filter((x) => !shown.includes(x)) })).toEqual(moved);
    await page.screenshot({ path: join(SHOTS, 'board-medium-event.png'), fullPage: true, animations: 'disabled' });
    expect(o.errors).toEqual([]);
  });

  it('the customer page: the right ETA in words, nothing about any other job, readable on a phone', async () => {
    const link = tiny.tracking.find((t) => t.jobId === 'J1')!;
    // the board as stored now (the test above may have re-planned it)
    const current = (await (await fetch(`${server.url}/v1/boards/${tiny.id}`, { headers: { Authorization: `Bearer ${KEY}` } })).json()) as Created;
    const stop = current.board.routes.flatMap((r) => r.stops).find((s) => s.jobId === 'J1')!;
    const o = await open(`${server.url}${link.url}`, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const { page } = o;
    await page.screenshot({ path: join(SHOTS, 'track-phone.png'), fullPage: true });

    const html = await page.content();
    expect(await page.locator('h1').textContent()).toBe('Your appointment');
    expect(await page.locator('.business').textContent()).toBe(hostileProblem().business);
    // 2026-03-02 is a Monday; the local clock is the one written in the ETA
    expect(await page.locator('.eta').textContent()).toBe(`Your technician is scheduled to arrive between ${stop.eta!.start.slice(11, 16)} and ${stop.eta!.end.slice(11, 16)} on Monday, 2 March.`);
    const text = await page.locator('body').innerText();
    for (const job of hostileProblem().jobs!) {
      for (const s of [job.id, job.name!, job.location.address!]) {
        expect(text).not.toContain(s);
        expect(html).not.toContain(s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));
      }
    }
    expect(html).not.toMatch(/T1|T2|Bob Baker|onerror/);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.eta')!).fontSize))).toBeGreaterThanOrEqual(20);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true); // no sideways scrolling

    const res = await fetch(`${server.url}${link.url}`, { headers: { Accept: 'text/html' } });
    expect(Buffer.byteLength(await res.text())).toBeLessThan(20_000);
    expect(o.requests).toEqual([`${server.url}${link.url}`]); // one response, nothing else
    expect(await a11yProblems(page)).toEqual([]);
    expect(await contrastFailures(page)).toEqual([]);
    await expectSelfContained(o);
    expect(o.errors).toEqual([]);
  });

  it('the medium sample (30 technicians, 250 jobs) board page', async () => {
    const o = await open(`${server.url}/v1/boards/${medium.id}/view?key=${KEY}`);
    const { page } = o;
    expect(await page.locator('svg.timeline [data-tech-row]').count()).toBe(30);
    const withJobs = medium.board.routes.filter((r) => r.stops.some((s) => s.kind === 'job'));
    expect(await page.locator('svg.map polyline.route').count()).toBe(withJobs.length);
    expect(await page.locator('svg.timeline .tl-job').count()).toBe(medium.board.kpis.jobsScheduled);
    expect(await page.locator('svg.map circle.map-job').count()).toBe(medium.board.kpis.jobsScheduled);
    expect(await page.locator('svg.map .map-unassigned').count()).toBe(medium.board.kpis.jobsUnassigned);
    expect(await page.locator('#unassigned tbody tr').count()).toBe(medium.board.kpis.jobsUnassigned);
    await page.screenshot({ path: join(SHOTS, 'board-medium.png'), fullPage: true, animations: 'disabled' });
    expect(await a11yProblems(page)).toEqual([]);
    expect(await contrastFailures(page)).toEqual([]);
    await expectSelfContained(o);
    expect(o.errors).toEqual([]);
  });
});
