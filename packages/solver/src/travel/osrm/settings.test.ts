// settings.travel = { model: 'osrm', … }: the wire schema's defaults and errors, and
// travelModelFor(problem) compiling a real problem through the replay server, naming jobs in errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compile } from '../../compile/compile.ts';
import { InputError, TravelError } from '../../model/errors.ts';
import { parseProblem } from '../../model/parse.ts';
import type { ProblemInput } from '../../model/problem.ts';
import { travelModelFor } from '../index.ts';
import { sharedOsrmCache } from './cache.ts';
import { problemLocationLabels } from './labels.ts';
import { fixturePoints, fixtureTable, startReplayServer, type ReplayServer } from './replay-server.test-helper.ts';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const points = fixturePoints('liechtenstein');
const at = (k: number) => ({ lat: points[k]!.lat, lon: points[k]!.lon });
const shift = { start: '2026-03-02T08:00:00+01:00', end: '2026-03-02T17:00:00+01:00' };

function problem(travel: Record<string, unknown>, jobs: ProblemInput['jobs'] = [{ id: 'J-1', location: at(1), durationMin: 30 }]): ProblemInput {
  return { technicians: [{ id: 'T-1', start: at(0), shift }], jobs, settings: { travel: travel as never } };
}

describe('OsrmTravel settings', () => {
  it('fills the defaults', () => {
    const p = parseProblem(problem({ model: 'osrm', url: 'http://localhost:5000' }));
    expect(p.settings.travel).toEqual({ model: 'osrm', url: 'http://localhost:5000', profile: 'driving', maxTableSize: 100, snapLimitM: 500, timeoutMs: 30_000, retries: 3 });
  });

  it('names the field that is wrong', () => {
    const issues = (input: ProblemInput) => {
      try {
        parseProblem(input);
      } catch (e) {
        return (e as InputError).issues.map((i) => `${i.path}: ${i.message}`);
      }
      return [];
    };
    expect(issues(problem({ model: 'osrm', url: 'localhost:5000' }))).toEqual(['settings.travel.url: expected the http(s) URL of an OSRM server, e.g. http://localhost:5000']);
    expect(issues(problem({ model: 'osrm', url: 'ftp://osrm.example' }))).toEqual(['settings.travel.url: expected the http(s) URL of an OSRM server, e.g. http://localhost:5000']);
    expect(issues(problem({ model: 'osrm', url: 'http://x', maxTableSize: 0, retries: 1.5, profile: 'car/../x' }))).toEqual([
      'settings.travel.profile: profile may hold only letters, digits, "_", "-" and "."',
      'settings.travel.maxTableSize: maxTableSize must be a whole number within [1, 100000]',
      'settings.travel.retries: retries must be a whole number within [0, 10]',
    ]);
    expect(issues(problem({ model: 'osrm', url: 'http://x', speedKmh: 40 }))).toEqual(['settings.travel: unknown field "speedKmh"']);
  });
});

describe('travelModelFor with OSRM', () => {
  it('compiles a problem with OSRM drive times', async () => {
    const jobs = points.slice(1, 12).map((_, k) => ({ id: `J-${k + 1}`, location: at(k + 1), durationMin: 30 }));
    const p = parseProblem(problem({ model: 'osrm', url: server.url, maxTableSize: 5 }, jobs));
    expect(travelModelFor(p).name).toBe('osrm');
    const c = await compile(p);
    // Locations: the start, the end (the same place), then the jobs: 12 places in 5×5 blocks.
    expect(c.nLocs).toBe(13);
    expect(server.requests).toHaveLength(9);
    const table = fixtureTable('liechtenstein');
    const loc = (place: number) => (place === 0 ? c.techStartLoc[0]! : c.jobLoc[place - 1]!);
    for (let a = 0; a < 12; a++) {
      for (let b = 0; b < 12; b++) {
        expect(c.driveSec[loc(a) * c.nLocs + loc(b)]).toBe(table.durations[a]![b]);
        expect(c.distM[loc(a) * c.nLocs + loc(b)]).toBe(table.distances[a]![b]);
      }
    }
  });

  it('names the job OSRM snaps far away', async () => {
    // Start p01, a job at p02, a job at lat 0, lon 0: the recorded snap-far table. (The shared
    // cache already knows p01 and p02 from the test above: forget them, so the request is the recorded one.)
    sharedOsrmCache(server.url, 'driving').clear();
    const p = parseProblem(
      problem({ model: 'osrm', url: server.url }, [
        { id: 'J-2', location: at(1), durationMin: 30 },
        { id: 'J-far', location: { lat: 0, lon: 0 }, durationMin: 30 },
      ]),
    );
    const e = await compile(p).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TravelError);
    expect((e as TravelError).code).toBe('osrm_snapped_far');
    expect((e as TravelError).message).toMatch(/^job J-far \(lat 0, lon 0\) is 5,300 km from the nearest road OSRM knows \(it snapped it to Rheindamm at lat 47\.0521, lon 9\.476638\)/);
  });
});

describe('problemLocationLabels', () => {
  it('names starts, ends, jobs and supply houses, and places shared by several', () => {
    const p = parseProblem({
      technicians: [
        { id: 'T-1', start: at(0), end: at(2), shift },
        { id: 'T-2', start: at(0), shift },
      ],
      jobs: [{ id: 'J-1', location: at(1), durationMin: 30 }],
      supplyHouses: [{ id: 'S-1', location: at(3), hours: shift }],
    });
    const label = problemLocationLabels(p);
    expect(label(at(0))).toBe('technician T-1 start / technician T-2 start');
    expect(label(at(2))).toBe('technician T-1 end');
    expect(label(at(1))).toBe('job J-1');
    expect(label(at(3))).toBe('supply house S-1');
    expect(label({ lat: 0, lon: 0 })).toBeUndefined();
  });
});
