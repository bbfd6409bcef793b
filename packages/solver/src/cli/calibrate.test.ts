// `truckroll calibrate` in-process against the OSRM replay server: the fitted settings come out as
// JSON ready for settings.travel; bad flags are usage errors (2); a server that is down is a failure (1).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProblem } from '../model/parse.ts';
import { fixturePoints, startReplayServer, type ReplayServer } from '../travel/osrm/replay-server.test-helper.ts';
import { calibrateCommand, CALIBRATE_HELP } from './calibrate.ts';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

const dir = mkdtempSync(join(tmpdir(), 'truckroll-calibrate-'));
/** A day in Liechtenstein: one technician based at p01, a job at each of p02…p40. */
const [home, ...rest] = fixturePoints('liechtenstein');
const problemPath = join(dir, 'liechtenstein.json');
writeFileSync(
  problemPath,
  JSON.stringify({
    technicians: [{ id: 'T-1', start: { lat: home!.lat, lon: home!.lon }, shift: { start: '2026-03-02T08:00:00+01:00', end: '2026-03-02T17:00:00+01:00' } }],
    jobs: rest.map((p, i) => ({ id: `J-${i + 2}`, location: { lat: p.lat, lon: p.lon }, durationMin: 30 })),
  }),
);

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await calibrateCommand(
    argv,
    (s) => (stdout += s),
    (s) => (stderr += s),
  );
  return { code, stdout, stderr };
}

describe('truckroll calibrate', () => {
  it('prints the errors before and after, and settings.travel as JSON to paste', async () => {
    const r = await run('--osrm', server.url, problemPath);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^calibrated on 1,560 pairs of 40 places against OSRM http:\/\/127\.0\.0\.1:\d+ \(profile driving\)/);
    expect(r.stdout).toMatch(/before\s+1\.3 × great-circle at 40 km\/h \+ 60 s\s+20\.6%\s+40\.1%/);
    expect(r.stdout).toMatch(/after\s+1\.308 × great-circle at 46\.8 km\/h \+ 60 s\s+12\.7%\s+36\.2%/);
    const travel = JSON.parse(r.stdout.slice(r.stdout.indexOf('settings.travel:\n') + 'settings.travel:\n'.length));
    expect(travel).toEqual({ model: 'greatCircle', circuity: 1.308, speedKmh: 46.8, legOverheadSec: 60 });
    // It pastes: the problem with it parses, and keeps it.
    const p = parseProblem({ technicians: [{ id: 'T', start: { lat: 47, lon: 9.5 }, shift: { start: '2026-03-02T08:00:00+01:00', end: '2026-03-02T17:00:00+01:00' } }], settings: { travel } });
    expect(p.settings.travel).toEqual(travel);
  });

  it('prints one JSON object with --json', async () => {
    const r = await run(problemPath, '--osrm', server.url, '--json', '--sample', '200', '--max-table-size', '10');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.locations).toBe(14);
    expect(out.pairs).toBe(182);
    expect(out.travel.model).toBe('greatCircle');
    expect(out.before.travel).toEqual({ model: 'greatCircle', circuity: 1.3, speedKmh: 40, legOverheadSec: 60 });
    expect(out.after.medianRelError).toBeGreaterThan(0);
  });

  it('prints help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(CALIBRATE_HELP);
  });

  it.each([
    [[problemPath], /--osrm URL is required/],
    [['--osrm', 'ftp://osrm.example', problemPath], /--osrm must be an http\(s\) URL/],
    [['--osrm', 'http://localhost:5000', '--sample', 'many', problemPath], /--sample must be a whole number/],
    [['--osrm', 'http://localhost:5000'], /expected one problem file, got 0/],
    [['--osrm', 'http://localhost:5000', '--fast', problemPath], /Unknown option '--fast'/],
  ])('calls %j a usage error', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('fails clearly when OSRM is down', async () => {
    const down = await startReplayServer();
    await down.close();
    const r = await run('--osrm', down.url, '--timeout-ms', '2000', problemPath);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^(warning: .*\n)*error: cannot reach OSRM at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) after 4 attempts; is the server running\?\n$/);
  });
});
