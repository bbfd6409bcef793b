// The HTML reports open in headless Chromium with the network off and show their charts (inline
// SVG, no script, nothing fetched). Skipped, saying so, when Chromium is not installed.
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../replay/simulate.ts';
import { sweep } from '../replay/sweep.ts';
import { tinyScenario } from '../test/tiny.test-helpers.ts';
import { simReportHtml, sweepReportHtml } from './html.ts';
import { barChart, esc, lineChart } from './svg.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const skipNote = hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`;

describe('svg charts', () => {
  it('escape every text and leave gaps for missing values', () => {
    const svg = barChart({ title: 'a <b> & "c"', categories: ['x<y'], series: [{ name: 'n&m', color: '#000', values: [null] }] });
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).toContain('x&lt;y');
    expect(svg).not.toContain('<title>n&amp;m, x&lt;y'); // no bar for the missing value
    expect(svg).toContain('n&amp;m</text>'); // the legend
    expect(esc('<&>')).toBe('&lt;&amp;&gt;');
    const line = lineChart({ title: 't', x: [1, 2, 3], series: [{ name: 's', color: '#111', values: [0.2, null, 0.4] }], xMarkers: [{ x: 2.5, label: 'LP' }] });
    // the null splits the line: two moves, no segment drawn across the gap
    expect(line.match(/<path d="[^"]*"/g)).toEqual([expect.stringMatching(/^<path d="M[\d.]+ [\d.]+M[\d.]+ [\d.]+"$/)]);
    expect(line).toContain('>LP<');
  });
});

describe(`reports in headless Chromium${skipNote}`, () => {
  let dir: string;
  let runFile: string;
  let sweepFile: string;
  beforeAll(async () => {
    if (!hasChromium) return;
    dir = await mkdtemp(join(tmpdir(), 'truckroll-report-'));
    const s = tinyScenario();
    const { result } = await simulate(s, { seeds: 2 });
    runFile = join(dir, 'run.html');
    await writeFile(runFile, simReportHtml(result, ['test run']));
    const sw = await sweep(s, { axes: [{ param: 'technicians', values: [3, 5] }], seeds: 1, policies: ['engine', 'greedy'] });
    sweepFile = join(dir, 'sweep.html');
    await writeFile(sweepFile, sweepReportHtml(sw));
  }, 120_000);

  it.skipIf(!hasChromium)('open offline, fetch nothing and draw every chart', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      for (const [file, minCharts] of [
        [runFile, 10],
        [sweepFile, 6],
      ] as const) {
        const context = await browser.newContext({ offline: true, viewport: { width: 1360, height: 900 } });
        const requests: string[] = [];
        await context.route('**/*', (route) => {
          requests.push(route.request().url());
          return route.request().url().startsWith('file:') ? route.continue() : route.abort();
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
        await page.goto(pathToFileURL(file).href);
        const charts = await page.$$eval('svg.chart', (els) => els.map((e) => ({ w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height, marks: e.querySelectorAll('rect, path, circle').length })));
        expect(charts.length).toBeGreaterThanOrEqual(minCharts);
        for (const c of charts) {
          expect(c.w).toBeGreaterThan(200);
          expect(c.h).toBeGreaterThan(100);
          expect(c.marks).toBeGreaterThan(2);
        }
        const png = await page.screenshot({ fullPage: true, path: file.replace(/\.html$/, '.png') });
        expect(png.length).toBeGreaterThan(20_000);
        expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
