// The OSRM client against the replay server: retries with backoff after 503s and dropped
// connections, no retry on 4xx, timeouts, a server that is down, the caller's abort, odd bodies.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TravelError } from '../../model/errors.ts';
import { createOsrmClient, osrmPath, wireCoordinate, type OsrmClientOptions } from './client.ts';
import { fixture, fixturePoints, startReplayServer, type ReplayServer } from './replay-server.test-helper.ts';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.set({});
  server.reset();
});

const points = fixturePoints('liechtenstein').slice(0, 3);
const labels = ['technician T-1 start', 'job J-1', 'job J-2'];
const warnings: string[] = [];

function client(options: Partial<OsrmClientOptions> = {}) {
  warnings.length = 0;
  return createOsrmClient({ url: server.url, retryBaseMs: 1, onWarning: (m) => warnings.push(m), ...options });
}

function table(c = client(), signal?: AbortSignal) {
  return c.request({ service: 'table', locations: points, labels, query: 'annotations=duration,distance', ...(signal ? { signal } : {}) });
}

async function failure(p: Promise<unknown>): Promise<TravelError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TravelError);
  return e as TravelError;
}

describe('wire format', () => {
  it('writes lon,lat with at most 6 decimals, as the recordings do', () => {
    expect(wireCoordinate({ lat: 42.540574, lon: 1.4582 })).toBe('1.4582,42.540574');
    expect(wireCoordinate({ lat: 47.2430021234, lon: 9.52804549 })).toBe('9.528045,47.243002');
    expect(wireCoordinate({ lat: -0.0000001, lon: 0 })).toBe('0,0');
    const andorra = fixturePoints('andorra');
    expect(osrmPath('table', 'driving', andorra, 'annotations=duration,distance')).toBe(fixture('andorra', 'table-40').request.path);
  });
});

describe('OSRM client retries', () => {
  it('retries after 503s, then succeeds', async () => {
    server.set({ fail503: 2 });
    const body = await table(client({ retries: 3 }));
    expect(body.code).toBe('Ok');
    expect(server.requests).toHaveLength(3);
    expect(warnings).toEqual([expect.stringMatching(/HTTP 503; retrying$/), expect.stringMatching(/HTTP 503; retrying$/)]);
  });

  it('retries after dropped connections, then succeeds', async () => {
    server.set({ drop: 2 });
    expect((await table(client({ retries: 2 }))).code).toBe('Ok');
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after `retries` with a clear error', async () => {
    server.set({ fail503: 10 });
    const e = await failure(table(client({ retries: 2 })));
    expect(e.code).toBe('osrm_unavailable');
    expect(e.message).toMatch(/answered the table request for 3 locations with HTTP 503 after 3 attempts/);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 4xx', async () => {
    server.set({ respondWith: 'liechtenstein/error-table-bad-source' });
    const e = await failure(table(client({ retries: 3 })));
    expect(e.code).toBe('osrm_invalid_options');
    expect(server.requests).toHaveLength(1);
  });

  it('times out a request that never gets an answer, and retries it', async () => {
    server.set({ hang: 1 });
    expect((await table(client({ timeoutMs: 100, retries: 1 }))).code).toBe('Ok');
    expect(server.requests).toHaveLength(2);
    expect(warnings[0]).toMatch(/no answer within 100 ms; retrying/);
  });

  it('says so when every attempt times out', async () => {
    server.set({ hang: 2 });
    const e = await failure(table(client({ timeoutMs: 50, retries: 1 })));
    expect(e.code).toBe('osrm_timeout');
    expect(e.message).toMatch(/did not answer the table request for 3 locations within 50 ms \(2 attempts\)/);
  });

  it('says the server cannot be reached when it is down', async () => {
    const down = await startReplayServer();
    const url = down.url;
    await down.close();
    const e = await failure(table(createOsrmClient({ url, retries: 1, retryBaseMs: 1, onWarning: () => {} })));
    expect(e.code).toBe('osrm_unreachable');
    expect(e.message).toMatch(new RegExp(`cannot reach OSRM at ${url} \\(ECONNREFUSED\\) after 2 attempts; is the server running\\?`));
  });

  it("stops at once on the caller's abort, with the caller's reason", async () => {
    server.set({ hang: 5 });
    const controller = new AbortController();
    const p = table(client({ retries: 5 }), controller.signal);
    setTimeout(() => controller.abort(new Error('dispatcher cancelled')), 30);
    await expect(p).rejects.toThrow('dispatcher cancelled');
    expect(server.requests).toHaveLength(1);
  });

  it('calls a non-JSON answer what it is (a proxy page, a wrong URL)', async () => {
    server.set({ raw: { status: 404, text: '<html>Not Found</html>' } });
    const e = await failure(table(client()));
    expect(e.code).toBe('osrm_bad_response');
    expect(e.message).toMatch(/HTTP 404 and a body that is not JSON \("<html>Not Found<\/html>"\); is settings.travel.url the root of an OSRM server\?/);
    expect(server.requests).toHaveLength(1);
  });

  it('names a location with an impossible coordinate without asking the server', async () => {
    const e = await failure(client().request({ service: 'route', locations: [points[0]!, { lat: 100, lon: 200 }], labels, query: '' }));
    expect(e.code).toBe('osrm_invalid_coordinate');
    expect(e.message).toBe('job J-1 (lat 100, lon 200) is not a valid coordinate (latitude must be within ±90, longitude within ±180)');
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() => createOsrmClient({ url: 'ftp://example.com' })).toThrow(TravelError);
    expect(() => createOsrmClient({ url: 'localhost:5000' })).toThrow(/must be http or https|not a URL/);
  });
});
