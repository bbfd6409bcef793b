// `truckroll sim` as a user runs it: a real child process through bin/truckroll.mjs, a scenario
// file on disk; JSON, report, progress, usage errors (exit 2) and bad scenarios (exit 1).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioJson } from '../scenario/parse.ts';
import { tinyScenario } from '../test/tiny.test-helpers.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'truckroll.mjs');

function truckroll(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let scenarioFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'truckroll-sim-'));
  scenarioFile = join(dir, 'tiny.json');
  await writeFile(scenarioFile, JSON.stringify(scenarioJson(tinyScenario({ technicians: 4, booked: { jobs: 14, load: 0.7 } })), null, 2));
});

describe('truckroll sim', () => {
  it('plays the seeds and prints one JSON document with the KPIs per policy and per seed; writes the report', async () => {
    const report = join(dir, 'out', 'report.html');
    const r = await truckroll('sim', scenarioFile, '--policy', 'engine,greedy', '--seeds', '2', '--json', '--report', report, '--progress');
    expect(r.stderr).toMatch(/\[#+\.*\] 1\/4 seed \d engine \dm\d\ds\n/);
    expect(r.stderr).toMatch(/\[#{28}\] 4\/4 seed \d \w+ /);
    expect(r.stderr).toMatch(/played 2 seed\(s\) × 2 policies in [\d.]+ s; \d+ boards checked, no violation; report: /);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.seeds).toEqual([1, 2]);
    for (const name of ['engine', 'greedy']) {
      const p = doc.policies[name];
      for (const k of ['utilization', 'driveShare', 'adherence', 'firstTimeFix', 'emergencyResponseP50Min', 'emergencyResponseP90Min', 'jobsDone', 'overtimeMin']) {
        expect(p.kpis).toHaveProperty(k);
        expect(p.perSeed[k]).toHaveLength(2);
      }
      for (const k of ['utilization', 'driveShare', 'adherence', 'firstTimeFix']) expect(p.kpis[k] >= 0 && p.kpis[k] <= 1).toBe(true);
    }
    expect(doc.policies.static).toBeUndefined();
    expect(doc.timing).toBeUndefined();
    const html = await readFile(report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(8);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  }, 120_000);

  it('prints a text summary without --json; sweeps and writes a generated day', async () => {
    const text = await truckroll('sim', scenarioFile, '--policy', 'static', '--seeds', '1');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^tiny: 4 technicians, seeds 1–1 \(1\), events every-event\n/);
    expect(text.stdout).toMatch(/\nutilization +\d+\.\d%\n/);
    const sw = await truckroll('sim', 'sweep', scenarioFile, '--vary', 'technicians=3,5', '--policy', 'greedy', '--seeds', '1', '--json', '--report', join(dir, 'sweep.html'));
    expect(sw.code).toBe(0);
    const doc = JSON.parse(sw.stdout);
    expect(doc.points.map((p: { values: unknown }) => p.values)).toEqual([{ technicians: 3 }, { technicians: 5 }]);
    expect(doc.staffing.mean).toBeGreaterThan(0);
    expect(await readFile(join(dir, 'sweep.html'), 'utf8')).toMatch(/LP bound/);
    const day = await truckroll('sim', 'day', scenarioFile, '--seed', '3');
    expect(day.code).toBe(0);
    expect(JSON.parse(day.stdout)).toMatchObject({ seed: 3, problem: { technicians: expect.any(Array) }, timeline: expect.any(Array) });
  }, 120_000);

  it('exits 2 on usage errors, naming the flag, and 1 on a bad scenario, naming the field', async () => {
    const bad = await truckroll('sim', scenarioFile, '--policy', 'smart');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^truckroll sim: --policy: unknown policy "smart"; known: engine, greedy, static, offers\n/);
    expect((await truckroll('sim', scenarioFile, '--seeds', '0')).stderr).toMatch(/--seeds: expected a whole number from 1 to 1000, got "0"/);
    expect((await truckroll('sim')).code).toBe(2);
    expect((await truckroll('sim', 'sweep', scenarioFile)).stderr).toMatch(/--vary: a sweep varies one or two parameters/);
    const help = await truckroll('sim', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:\n {2}truckroll sim <scenario\.json>/);

    const broken = join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify({ name: 'b', technicians: 4, booked: { jobs: 10 }, disruptions: { cancellationRate: 1.5, noShow: 1 } }));
    const r = await truckroll('sim', broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: invalid scenario in ${broken}:\n  disruptions.cancellationRate: must be within [0, 1] (got 1.5)\n  disruptions.noShow: unknown field (check its spelling; see packages/sim/src/scenario/schema.ts)\n`,
    );
  }, 120_000);
});
