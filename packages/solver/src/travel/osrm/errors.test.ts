// Every recorded OSRM error answer (both regions) becomes a TravelError that names the location or
// setting at fault: mapped from the recorded body directly, and end to end through the replay server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TravelError } from '../../model/errors.ts';
import type { Location } from '../../model/problem.ts';
import { createOsrmClient, type OsrmService } from './client.ts';
import { coordinateAtPosition, travelErrorFromOsrm } from './errors.ts';
import { fixture, fixtureNames, fixturePoints, pathLocations, REGIONS, startReplayServer, type Region, type ReplayServer } from './replay-server.test-helper.ts';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** What each recorded error must become: the code, and words naming what is at fault. */
const EXPECTED: Record<string, { code: string; names: RegExp }> = {
  'andorra/error-bad-coordinate': { code: 'osrm_invalid_coordinate', names: /technician T-1 start \(lat 100, lon 200\)/ },
  'andorra/error-route-no-segment': { code: 'osrm_no_segment', names: /^OSRM found no road near job J-1 \(lat 0, lon 0\); check the location, or whether the OSRM map covers it/ },
  'andorra/error-table-no-segment': { code: 'osrm_no_segment', names: /^OSRM found no road near job J-1 \(lat 0, lon 0\)/ },
  'andorra/error-table-too-big': { code: 'osrm_too_big', names: /refused the table request for 101 locations as too big; .*lower maxTableSize to the server's limit/ },
  'liechtenstein/error-bad-coordinate': { code: 'osrm_invalid_coordinate', names: /technician T-1 start \(lat 100, lon 200\)/ },
  'liechtenstein/error-invalid-query': { code: 'osrm_invalid_query', names: /could not read the route request for 2 locations near the coordinate of job J-1/ },
  'liechtenstein/error-invalid-service': { code: 'osrm_bad_url', names: /check settings\.travel\.url \(the server root, e\.g\. http:\/\/localhost:5000\) and profile "driving" \(OSRM said InvalidService: "Service routes not found!"\)/ },
  'liechtenstein/error-route-no-segment': { code: 'osrm_no_segment', names: /^OSRM found no road near job J-1 \(lat 0, lon 0\)/ },
  'liechtenstein/error-route-one-coordinate': { code: 'osrm_invalid_options', names: /route request for 1 location \(technician T-1 start \(lat 47\.243002, lon 9\.528045\)\).*"Number of coordinates needs to be at least two\."/ },
  'liechtenstein/error-table-bad-source': { code: 'osrm_invalid_options', names: /technician T-1 start \(lat 47\.243002, lon 9\.528045\), job J-1 \(lat 47\.238623, lon 9\.558796\)\) \(OSRM said InvalidOptions with no message\)/ },
  'liechtenstein/error-table-no-segment': { code: 'osrm_no_segment', names: /^OSRM found no road near job J-2 \(lat 0, lon 0\)/ },
  'liechtenstein/error-table-too-big': { code: 'osrm_too_big', names: /refused the table request for 101 locations as too big/ },
};

const labelsFor = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 'technician T-1 start' : `job J-${i}`));
const errorFiles = REGIONS.flatMap((region) => fixtureNames(region, 'error-').map((name) => `${region}/${name}`));

it('knows every recorded error file', () => {
  expect(errorFiles.sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(errorFiles)('%s', (file) => {
  const [region, name] = file.split('/') as [Region, string];
  const rec = fixture(region, name);
  const path = rec.request.path;
  const service = path.split('/')[1]!;
  const locations = pathLocations(path);
  const labels = labelsFor(locations.length);
  const want = EXPECTED[file]!;

  it('maps the recorded answer', () => {
    expect(rec.status).toBe(400);
    const e = travelErrorFromOsrm(rec.status, rec.body, { url: 'http://osrm.test', service, profile: 'driving', path, labels, locations, maxTableSize: 100 });
    expect(e).toBeInstanceOf(TravelError);
    expect(e.kind).toBe('routing');
    expect(e.code).toBe(want.code);
    expect(e.message).toMatch(want.names);
  });

  it('gives the same error end to end, through the replay server', async () => {
    server.set({ respondWith: file });
    // A client cannot send `abc` or the service `routes`: it sends a good coordinate instead, and
    // reaches `/routes/…` through a base URL with a stray path, as a misconfigured one would.
    const points = fixturePoints(region);
    const sent: Location[] = locations.map((l) => (Number.isNaN(l.lon) ? points[1]! : l));
    const url = service === 'routes' ? `${server.url}/routes` : server.url;
    const query = new URL(path, 'http://x').search.slice(1);
    const client = createOsrmClient({ url, retries: 2, retryBaseMs: 1, onWarning: () => {} });
    const e = await client.request({ service: (service === 'routes' ? 'route' : service) as OsrmService, locations: sent, labels, query, maxTableSize: 100 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TravelError);
    expect((e as TravelError).code).toBe(want.code);
    expect((e as TravelError).message).toMatch(want.names);
    // Bad coordinates are caught before asking; nothing else is retried (all are 4xx).
    expect(server.requests).toHaveLength(name === 'error-bad-coordinate' ? 0 : 1);
  });
});

describe('coordinateAtPosition', () => {
  const path = '/route/v1/driving/9.528045,47.243002;abc?steps=true';
  it("finds the coordinate OSRM's 'close to position' points at", () => {
    // OSRM counts from the leading '/': 18 for the prefix + 18 for the first coordinate = the ';' at 36.
    expect(coordinateAtPosition(path, 'route', 'driving', 36)).toBe(1);
    expect(coordinateAtPosition(path, 'route', 'driving', 37)).toBe(1);
    expect(coordinateAtPosition(path, 'route', 'driving', 20)).toBe(0);
    expect(coordinateAtPosition(path, 'route', 'driving', 5)).toBeUndefined();
    expect(coordinateAtPosition(path, 'table', 'driving', 36)).toBeUndefined();
  });
});

describe('other OSRM codes', () => {
  const locations = [
    { lat: 47.1, lon: 9.5 },
    { lat: 47.2, lon: 9.6 },
  ];
  const ctx = { url: 'http://osrm.test', service: 'route', profile: 'driving', path: '/route/v1/driving/9.5,47.1;9.6,47.2', labels: ['technician T-1 start', 'job J-9'], locations };
  it('NoRoute names the places of the request', () => {
    const e = travelErrorFromOsrm(400, { code: 'NoRoute', message: 'Impossible route between points' }, ctx);
    expect(e.code).toBe('osrm_no_route');
    expect(e.message).toBe('OSRM found no road route through technician T-1 start (lat 47.1, lon 9.5), job J-9 (lat 47.2, lon 9.6); one of them is cut off from the others (OSRM said NoRoute: "Impossible route between points")');
  });
  it('TooBig on a route speaks of the route limit, not the table size', () => {
    const e = travelErrorFromOsrm(400, { code: 'TooBig', message: 'Number of entries 501 is higher than current maximum (500)' }, ctx);
    expect(e.code).toBe('osrm_too_big');
    expect(e.message).toMatch(/^OSRM at http:\/\/osrm.test refused the route request for 2 locations as too many \(its --max-viaroute-size; 500 by default\): split the route/);
  });
  it('an unknown code keeps OSRM\'s words', () => {
    const e = travelErrorFromOsrm(418, { code: 'Teapot' }, ctx);
    expect(e.code).toBe('osrm_error');
    expect(e.message).toBe('OSRM at http://osrm.test answered the route request for 2 locations with HTTP 418 (OSRM said Teapot with no message)');
  });
});
