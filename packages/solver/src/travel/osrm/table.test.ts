// The OSRM travel model against the replay server: the recorded 40×40 tables come back exactly,
// whole or stitched from blocks, with the cache, the in-flight bound, null cells and snapping checked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TravelError } from '../../model/errors.ts';
import { OsrmTableCache } from './cache.ts';
import { createOsrmClient } from './client.ts';
import { osrmTable, osrmTravelModel, planBlocks } from './table.ts';
import { fixture, fixturePoints, fixtureTable, REGIONS, startReplayServer, type Region, type ReplayServer } from './replay-server.test-helper.ts';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.set({});
  server.reset();
});

/** A model with its own cache, so tests do not share cells. */
function model(extra: Parameters<typeof osrmTravelModel>[0] | object = {}) {
  return osrmTravelModel({ url: server.url, cache: new OsrmTableCache(), retryBaseMs: 1, onWarning: () => {}, ...extra });
}

/** The recorded table as row-major arrays, null -> Infinity. */
function recorded(region: Region, order?: number[]) {
  const t = fixtureTable(region);
  const idx = order ?? t.durations.map((_, i) => i);
  const n = idx.length;
  const durationsSec = new Float64Array(n * n);
  const distancesM = new Float64Array(n * n);
  idx.forEach((a, i) =>
    idx.forEach((b, j) => {
      durationsSec[i * n + j] = t.durations[a]![b] ?? Infinity;
      distancesM[i * n + j] = t.distances[a]![b] ?? Infinity;
    }),
  );
  return { n, durationsSec, distancesM };
}

describe.each(REGIONS)('OSRM table, %s', (region) => {
  const points = fixturePoints(region);

  it('asks the whole 40×40 table in one request, on the recorded path, and gives back the recording', async () => {
    const m = await model().matrix(points);
    expect(server.requests).toEqual([fixture(region, 'table-40').request.path]);
    expect(m).toEqual(recorded(region));
  });

  it('stitches 15×15 blocks into the same matrix, each block under a server that enforces 15', async () => {
    server.set({ maxTableSize: 15 });
    const m = await model({ maxTableSize: 15 }).matrix(points);
    // 40 locations in runs of 14, 13, 13: 3 × 3 blocks; the 6 off-diagonal ones name sources and destinations.
    expect(server.requests).toHaveLength(9);
    expect(server.requests.filter((p) => p.includes('&sources=') && p.includes('&destinations='))).toHaveLength(6);
    expect(m).toEqual(recorded(region));
  });

  it('keeps the caller order and repeats for locations given twice', async () => {
    const order = [39, 3, 3, 17, 0, 25, 17];
    const m = await model().matrix(order.map((i) => points[i]!));
    expect(m).toEqual(recorded(region, order));
    // Five distinct places: one 5×5 request.
    expect(server.requests).toHaveLength(1);
  });

  it('catches a location OSRM snaps thousands of km away, naming it', async () => {
    const path = fixture(region, 'snap-far-table').request.path;
    const far = { lat: 0, lon: 0 };
    const locations = region === 'andorra' ? [points[0]!, far] : [points[0]!, points[1]!, far];
    const labels = region === 'andorra' ? ['technician T-1 start', 'job J-far'] : ['technician T-1 start', 'job J-2', 'job J-far'];
    const err = await model()
      .matrix(locations, { labels })
      .catch((e: unknown) => e);
    expect(server.requests).toEqual([path]);
    expect(err).toBeInstanceOf(TravelError);
    expect((err as TravelError).code).toBe('osrm_snapped_far');
    expect((err as TravelError).kind).toBe('routing');
    expect((err as TravelError).message).toMatch(/^job J-far \(lat 0, lon 0\) is [\d,]+ km from the nearest road OSRM knows/);
    expect((err as TravelError).message).toMatch(/settings\.travel\.snapLimitM \(500 m\)/);
  });
});

describe('OSRM table blocks', () => {
  const points = fixturePoints('liechtenstein');

  it('matches the recorded sources/destinations block (table-40-block.json)', async () => {
    const block = fixture('liechtenstein', 'table-40-block').body as { durations: number[][]; distances: number[][] };
    const m = await model().matrix(points);
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 6; b++) {
        expect(m.durationsSec[a * 40 + 10 + b]).toBe(block.durations[a]![b]);
        expect(m.distancesM[a * 40 + 10 + b]).toBe(block.distances[a]![b]);
      }
    }
  });

  it('says TooBig clearly when the server allows less than maxTableSize', async () => {
    server.set({ maxTableSize: 15 });
    const err = await model()
      .matrix(points)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TravelError);
    expect((err as TravelError).code).toBe('osrm_too_big');
    expect((err as TravelError).message).toMatch(/lower maxTableSize to the server's limit/);
    expect((err as TravelError).message).toMatch(/settings\.travel\.maxTableSize \(100\)/);
    // A 4xx is not retried.
    expect(server.requests).toHaveLength(1);
  });

  it('keeps at most maxInFlight requests open, and does use them', async () => {
    server.set({ holdMs: 20 });
    const m = await model({ maxTableSize: 8, maxInFlight: 3 }).matrix(points);
    expect(server.requests).toHaveLength(25);
    expect(server.peakInFlight).toBeLessThanOrEqual(3);
    expect(server.peakInFlight).toBeGreaterThan(1);
    expect(m).toEqual(recorded('liechtenstein'));
  });

  it('turns null cells into Infinity (unreachable), never 0', async () => {
    // Point 39 (p40) on an island: nothing reaches it and it reaches nothing, except itself.
    server.set({ nullCell: (from, to) => from !== to && (from === 39 || to === 39) });
    const m = await model({ maxTableSize: 15 }).matrix(points);
    const want = recorded('liechtenstein');
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 40; j++) {
        const k = i * 40 + j;
        if (i !== j && (i === 39 || j === 39)) {
          expect(m.durationsSec[k]).toBe(Infinity);
          expect(m.distancesM[k]).toBe(Infinity);
        } else {
          expect(m.durationsSec[k]).toBe(want.durationsSec[k]);
        }
      }
    }
  });
});

describe('OSRM table cache', () => {
  const points = fixturePoints('liechtenstein');

  it('asks nothing the second time', async () => {
    const cache = new OsrmTableCache();
    const first = await model({ cache }).matrix(points);
    expect(server.requests).toHaveLength(1);
    // A new model on the same cache (as the next solve would make) asks nothing.
    const again = await model({ cache }).matrix([...points].reverse());
    expect(server.requests).toHaveLength(1);
    expect(again).toEqual(recorded('liechtenstein', points.map((_, i) => 39 - i)));
    expect(first).toEqual(recorded('liechtenstein'));
  });

  it('asks only the rows and columns of new locations', async () => {
    const cache = new OsrmTableCache();
    await model({ cache }).matrix(points.slice(0, 37));
    server.reset();
    const m = await model({ cache }).matrix(points);
    // Three new places: 3 × 40 out, then 37 × 3 back.
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]).toMatch(/sources=0;1;2&destinations=/);
    expect(m).toEqual(recorded('liechtenstein'));
  });

  it('is keyed per server and profile by the shared default', async () => {
    const shared = osrmTravelModel({ url: server.url, profile: 'driving', onWarning: () => {} });
    await shared.matrix(points.slice(0, 4));
    await osrmTravelModel({ url: `${server.url}/`, onWarning: () => {} }).matrix(points.slice(0, 4));
    expect(server.requests).toHaveLength(1);
    // Another profile is another cache. (osrm-routed serves the one profile it was built with,
    // whatever the path says, and so does the replay server.)
    await osrmTravelModel({ url: server.url, profile: 'bicycle', onWarning: () => {} }).matrix(points.slice(0, 4));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]).toMatch(/^\/table\/v1\/bicycle\//);
  });
});

describe('osrmTable without a cache', () => {
  it('asks again each time and gives one place a 0 matrix without asking', async () => {
    const client = createOsrmClient({ url: server.url, onWarning: () => {} });
    const points = fixturePoints('andorra');
    await osrmTable(client, points.slice(0, 3));
    await osrmTable(client, points.slice(0, 3));
    expect(server.requests).toHaveLength(2);
    const one = await osrmTable(client, [points[0]!, points[0]!]);
    expect(Array.from(one.durationsSec)).toEqual([0, 0, 0, 0]);
    expect(server.requests).toHaveLength(2);
    expect((await osrmTable(client, [])).n).toBe(0);
  });
});

describe('planBlocks', () => {
  /** Every missing cell lies in exactly one or more blocks; each block is within the size. */
  function check(m: number, missing: Uint8Array, max: number) {
    const blocks = planBlocks(m, missing, max);
    const covered = new Uint8Array(m * m);
    for (const { rows, cols } of blocks) {
      expect(rows.length).toBeLessThanOrEqual(max);
      expect(cols.length).toBeLessThanOrEqual(max);
      for (const i of rows) for (const j of cols) covered[i * m + j] = 1;
    }
    for (let k = 0; k < m * m; k++) if (missing[k]) expect(covered[k]).toBe(1);
    return blocks;
  }

  it('tiles a cold table into ceil(m / max)² blocks', () => {
    expect(check(40, new Uint8Array(1600).fill(1), 15)).toHaveLength(9);
    expect(check(40, new Uint8Array(1600).fill(1), 100)).toEqual([{ rows: Array.from({ length: 40 }, (_, i) => i), cols: Array.from({ length: 40 }, (_, i) => i) }]);
  });

  it('asks nothing when nothing is missing', () => {
    expect(planBlocks(5, new Uint8Array(25), 2)).toEqual([]);
  });

  it('covers scattered missing cells (as LRU eviction leaves them)', () => {
    const m = 23;
    const missing = new Uint8Array(m * m);
    let x = 7;
    for (let k = 0; k < m * m; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      if (x % 11 === 0) missing[k] = 1;
    }
    check(m, missing, 4);
    check(m, missing, 50);
  });
});
