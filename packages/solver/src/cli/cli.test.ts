// End-to-end tests of the real `truckroll` command (a child process per case).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, truckroll } from './run.test-helper.ts';
import { fixturePoints, fixtureTable, startReplayServer, type ReplayServer } from '../travel/osrm/replay-server.test-helper.ts';

const dir = mkdtempSync(join(tmpdir(), 'truckroll-cli-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const tiny = {
  name: 'tiny',
  technicians: [{ id: 'T1', start: { lat: 39.74, lon: -104.99 }, shift: { start: '2026-01-13T08:00:00-07:00', end: '2026-01-13T17:00:00-07:00' }, skills: { hvac: 3 } }],
  jobs: [
    { id: 'J1', location: { lat: 39.75, lon: -104.98 }, durationMin: 60, skills: { hvac: 2 } },
    { id: 'J2', location: { lat: 39.7, lon: -105.0 }, durationMin: 45, skills: { plumbing: 1 } },
  ],
};

describe('truckroll CLI', { timeout: 30_000 }, () => {
  it('solves a problem, prints a readable board and checks it', async () => {
    const r = await truckroll('solve', file('tiny.json', JSON.stringify(tiny)), '--time-limit', '0.3');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 of 2 jobs scheduled/);
    expect(r.stdout).toMatch(/job J1/);
    expect(r.stdout).toMatch(/J2\s+no_skilled_technician\s+closest: T1: skill \(lacks plumbing\)/);
  });

  it('prints the Board as JSON with --json, and `check` accepts it', async () => {
    const problem = file('tiny2.json', JSON.stringify(tiny));
    const r = await truckroll('solve', problem, '--json', '--time-limit', '0.3');
    expect(r.code).toBe(0);
    const board = JSON.parse(r.stdout);
    expect(board.routes[0].stops.map((s: { jobId?: string }) => s.jobId)).toEqual(['J1']);
    const boardPath = file('board.json', r.stdout);
    const c = await truckroll('check', problem, boardPath);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/^valid: 1 jobs scheduled, 1 unassigned/);
    board.routes[0].stops[0].start = '2026-01-13T06:00:00-07:00';
    const bad = await truckroll('check', problem, file('bad-board.json', JSON.stringify(board)));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^INVALID/);
  });

  it('solves a Solomon instance from ../shared', async () => {
    const r = await truckroll('solve', join(ROOT, '../shared/datasets/solomon/C101.txt'), '--json', '--time-limit', '0.5');
    expect(r.code).toBe(0);
    const board = JSON.parse(r.stdout);
    expect(board.kpis.jobsScheduled).toBe(100);
  });

  it('reports bad input with the exact place and no stack trace (exit 1)', async () => {
    const bad = structuredClone(tiny);
    (bad.jobs[0] as { windows?: unknown }).windows = [{ start: '2026-01-13T09:00:00-07:00', end: '2026-01-13T08:00:00-07:00' }];
    const r = await truckroll('solve', file('bad.json', JSON.stringify(bad)));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/jobs\[0\]\.windows\[0\]: ends \(08:00\) before it starts \(09:00\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports an empty file, non-JSON text and a missing file clearly', async () => {
    const empty = await truckroll('solve', file('empty.json', ''));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/empty body/);
    const junk = await truckroll('solve', file('junk.json', '{ nope'));
    expect(junk.code).toBe(1);
    expect(junk.stderr).toMatch(/not JSON/);
    const missing = await truckroll('solve', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await truckroll('solve')).code).toBe(2);
    expect((await truckroll('solve', 'a.json', '--time-limit', 'soon')).code).toBe(2);
    expect((await truckroll('frobnicate')).code).toBe(2);
    const help = await truckroll('solve', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/usage: truckroll solve/);
  });

  describe('with road travel from OSRM (--osrm)', () => {
    let osrm: ReplayServer;
    beforeAll(async () => {
      osrm = await startReplayServer();
    });
    afterAll(() => osrm.close());

    it('solves on the server\'s table and the checker verifies the board against the same table', async () => {
      // recorded Liechtenstein points: p01 is the technician's home, p02…p07 are jobs
      const pts = fixturePoints('liechtenstein');
      const loc = (i: number) => ({ lat: pts[i]!.lat, lon: pts[i]!.lon });
      const problem = {
        technicians: [{ id: 'T1', start: loc(0), shift: { start: '2026-01-13T08:00:00+01:00', end: '2026-01-13T17:00:00+01:00' } }],
        jobs: [1, 2, 3, 4, 5, 6].map((i) => ({ id: `J${i}`, location: loc(i), durationMin: 30 })),
      };
      const r = await truckroll('solve', file('li.json', JSON.stringify(problem)), '--osrm', osrm.url, '--json', '--time-limit', '0.3');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const board = JSON.parse(r.stdout) as { routes: { stops: { driveMin: number; jobId: string }[] }[] };
      const first = board.routes[0]!.stops[0]!;
      const table = fixtureTable('liechtenstein');
      expect(first.driveMin * 60).toBeCloseTo(table.durations[0]![Number(first.jobId.slice(1))]!, 6);
      expect(osrm.requests.some((p) => p.startsWith('/table/v1/driving/'))).toBe(true);
    });

    it('prints turn-by-turn directions for a solved board (`truckroll directions`)', async () => {
      // recorded route-01: p02 -> p17 -> p05 (technician home p02, job at p17, day ends at p05)
      const pts = fixturePoints('liechtenstein');
      const at = (id: string) => {
        const p = pts.find((x) => x.id === id)!;
        return { lat: p.lat, lon: p.lon };
      };
      const problem = {
        technicians: [{ id: 'T-1', start: at('p02'), end: at('p05'), shift: { start: '2026-03-02T08:00:00+01:00', end: '2026-03-02T17:00:00+01:00' } }],
        jobs: [{ id: 'J-1', location: at('p17'), durationMin: 60 }],
      };
      const problemPath = file('dir.json', JSON.stringify(problem));
      const solved = await truckroll('solve', problemPath, '--osrm', osrm.url, '--json', '--time-limit', '0.2', '--out', join(dir, 'dir-board.json'));
      expect(solved.code).toBe(0);
      const r = await truckroll('directions', '--osrm', osrm.url, problemPath, join(dir, 'dir-board.json'));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^T-1: \d+\.\d km, \d+ min of driving\n {2}to job J-1 /);
      expect(r.stdout).toMatch(/You have arrived at job J-1/);
      expect(r.stdout).toMatch(/\n {4}(Turn|Head|Continue|Enter|Make|Keep|Take)/);
    });

    it('rejects a bad --osrm URL as a usage error', async () => {
      expect((await truckroll('solve', file('li2.json', JSON.stringify(tiny)), '--osrm', 'ftp://x')).code).toBe(2);
    });
  });
});
