// Directions over every recorded route of both regions: each step in plain English, legs that add
// up to the route, a GeoJSON LineString; then labels, snapping, unknown maneuvers and whole boards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TravelError, TruckrollError } from '../../model/errors.ts';
import { parseProblem } from '../../model/parse.ts';
import { solve } from '../../solve.ts';
import { createOsrmClient, type OsrmClient } from './client.ts';
import { directionsForBoard, directionsForRoute } from './directions.ts';
import { osrmTravelModel } from './table.ts';
import { OsrmTableCache } from './cache.ts';
import { fixture, fixtureNames, fixturePoints, pathLocations, REGIONS, startReplayServer, type Region, type ReplayServer } from './replay-server.test-helper.ts';

let server: ReplayServer;
let client: OsrmClient;
const warnings: string[] = [];
beforeAll(async () => {
  server = await startReplayServer();
  client = createOsrmClient({ url: server.url, retryBaseMs: 1, onWarning: (m) => warnings.push(m) });
});
afterAll(() => server.close());
beforeEach(() => {
  server.set({});
  server.reset();
  warnings.length = 0;
});

const routes = REGIONS.flatMap((region) => fixtureNames(region, 'route-').map((name) => ({ region, name })));

interface RecordedRoute {
  routes: Array<{ distance: number; duration: number; legs: Array<{ steps: unknown[] }> }>;
}

describe.each(routes)('directions for $region/$name', ({ region, name }) => {
  const rec = fixture(region, name);
  const locations = pathLocations(rec.request.path);
  const recorded = (rec.body as unknown as RecordedRoute).routes[0]!;

  it('phrases every step in English, ends each leg with an arrival, and adds up', async () => {
    const d = await directionsForRoute(client, locations);
    expect(server.requests).toEqual([rec.request.path]);
    expect(d.legs).toHaveLength(locations.length - 1);
    expect(d.legs.map((l) => l.steps.length)).toEqual(recorded.legs.map((l) => l.steps.length));
    for (const [k, leg] of d.legs.entries()) {
      for (const step of leg.steps) {
        expect(step.instruction).toMatch(/^[A-Z]/);
        expect(step.instruction).not.toMatch(/undefined|\{|\}|  /);
      }
      expect(leg.steps[0]!.instruction).toMatch(/^Head (north|south|east|west|northeast|northwest|southeast|southwest)/);
      const last = leg.steps.at(-1)!;
      expect(last.type).toBe('arrive');
      expect(last.instruction).toMatch(k === d.legs.length - 1 ? /^You have arrived at your destination/ : new RegExp(`^You have arrived at your ${k + 1}(st|nd|rd|th) destination`));
      expect(last.distanceM).toBe(0);
    }
    // OSRM rounds durations to 0.1 s and distances to 0.1 m per leg.
    const legsDistanceM = d.legs.reduce((s, l) => s + l.distanceM, 0);
    const legsDurationSec = d.legs.reduce((s, l) => s + l.durationSec, 0);
    expect(Math.abs(legsDistanceM - d.distanceM)).toBeLessThanOrEqual(0.1 * d.legs.length + 1e-9);
    expect(Math.abs(legsDurationSec - d.durationSec)).toBeLessThanOrEqual(0.1 * d.legs.length + 1e-9);
    expect([d.distanceM, d.durationSec]).toEqual([recorded.distance, recorded.duration]);
    for (const leg of d.legs) {
      const stepsM = leg.steps.reduce((s, st) => s + st.distanceM, 0);
      expect(Math.abs(stepsM - leg.distanceM)).toBeLessThanOrEqual(0.1 * leg.steps.length + 1e-9);
    }
    expect(d.geometry.type).toBe('LineString');
    expect(d.geometry.coordinates.length).toBeGreaterThan(2);
    // GeoJSON order: [lon, lat]; it starts where the first step starts.
    const [lon0, lat0] = d.geometry.coordinates[0]!;
    expect([lon0, lat0]).toEqual([d.legs[0]!.steps[0]!.location.lon, d.legs[0]!.steps[0]!.location.lat]);
    expect(warnings).toEqual([]);
  });

  it('names each arrival after its stop when given labels', async () => {
    const legLabels = locations.slice(1).map((_, k) => (k === locations.length - 2 ? 'technician T-1 end' : `job J-${k + 1}`));
    const d = await directionsForRoute(client, locations, { legLabels });
    d.legs.forEach((leg, k) => {
      expect(leg.steps.at(-1)!.instruction).toMatch(new RegExp(`^You have arrived at ${legLabels[k]}`));
      expect(leg.to).toBe(legLabels[k]);
      expect(leg.from).toBe(k === 0 ? 'route start' : legLabels[k - 1]);
    });
  });
});

describe('directions, phrasing', () => {
  it('says what the recordings say', async () => {
    const texts = new Set<string>();
    for (const { region, name } of routes) {
      const d = await directionsForRoute(client, pathLocations(fixture(region, name).request.path));
      for (const leg of d.legs) for (const step of leg.steps) texts.add(step.instruction);
    }
    expect(texts).toContain('Turn right onto CG-2');
    expect(texts).toContain('Enter the roundabout and take the 2nd exit onto CG-2');
    expect(texts).toContain('Turn right onto Schimmelgasse');
    expect(texts).toContain('Turn left onto Poststrasse (16)');
    expect(texts).toContain('Enter the roundabout and take the 2nd exit onto Benderer Strasse');
  });

  it('counts the steps the fixture READMEs count', async () => {
    const steps = async (region: Region, names: string[]) => {
      let count = 0;
      for (const name of names) {
        const d = await directionsForRoute(client, pathLocations(fixture(region, name).request.path));
        count += d.legs.reduce((s, l) => s + l.steps.length, 0);
      }
      return count;
    };
    expect(await steps('andorra', fixtureNames('andorra', 'route-'))).toBe(675);
    // Liechtenstein's 494 include snap-far-route (one leg of 32 steps), which we refuse.
    expect(await steps('liechtenstein', fixtureNames('liechtenstein', 'route-'))).toBe(462);
  });

  it('speaks other languages, and refuses one it does not know', async () => {
    const path = fixture('liechtenstein', 'route-04').request.path;
    const de = await directionsForRoute(client, pathLocations(path), { language: 'de' });
    expect(de.legs[0]!.steps.at(-1)!.instruction).toBe('Sie haben Ihr erste Ziel erreicht');
    const e = await directionsForRoute(client, pathLocations(path), { language: 'xx' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TruckrollError);
    expect((e as TruckrollError).code).toBe('unsupported_language');
  });

  it('treats an unknown maneuver type as a turn, warning through onWarning instead of console.log', async () => {
    const rec = fixture('liechtenstein', 'route-04');
    server.set({
      transform: (_path, body) => {
        const step = (body as { routes: Array<{ legs: Array<{ steps: Array<{ maneuver: { type: string } }> }> }> }).routes[0]!.legs[0]!.steps[1]!;
        step.maneuver.type = 'teleport';
        return body;
      },
    });
    const logged: unknown[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => logged.push(args);
    let d;
    try {
      d = await directionsForRoute(client, pathLocations(rec.request.path));
    } finally {
      console.log = log;
    }
    expect(logged).toEqual([]);
    expect(warnings).toEqual(['osrm-text-instructions: Encountered unknown instruction type: teleport']);
    expect(d.legs[0]!.steps[1]!.instruction).toMatch(/^(Turn|Make|Go|Continue)/);
    expect(d.legs[0]!.steps[1]!.type).toBe('teleport');
  });

  it('phrases a step the compiler refuses (no modifier) plainly, with a warning', async () => {
    server.set({
      transform: (_path, body) => {
        const step = (body as { routes: Array<{ legs: Array<{ steps: Array<{ name: string; maneuver: { modifier?: string } }> }> }> }).routes[0]!.legs[0]!.steps[1]!;
        delete step.maneuver.modifier;
        step.name = 'Landstrasse';
        return body;
      },
    });
    const d = await directionsForRoute(client, pathLocations(fixture('liechtenstein', 'route-04').request.path));
    expect(d.legs[0]!.steps[1]!.instruction).toBe('Continue on Landstrasse');
    expect(warnings[0]).toMatch(/could not phrase a ".+" step \(Missing step maneuver modifier\); using a plain sentence/);
  });
});

describe('directions, errors', () => {
  it.each(REGIONS)('catches a stop OSRM snaps far away (%s), naming it', async (region) => {
    const home = fixturePoints(region)[0]!;
    const e = await directionsForRoute(client, [home, { lat: 0, lon: 0 }], { legLabels: ['job J-7'] }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TravelError);
    expect((e as TravelError).code).toBe('osrm_snapped_far');
    expect((e as TravelError).message).toMatch(/^job J-7 \(lat 0, lon 0\) is [\d,]+ km from the nearest road OSRM knows \(it snapped it to .*\)/);
    expect(server.requests).toHaveLength(1);
  });

  it('names the location OSRM finds no road near', async () => {
    server.set({ respondWith: 'liechtenstein/error-route-no-segment' });
    const e = await directionsForRoute(client, [fixturePoints('liechtenstein')[0]!, { lat: 0, lon: 0 }], { legLabels: ['job J-7'] }).catch((err: unknown) => err);
    expect((e as TravelError).code).toBe('osrm_no_segment');
    expect((e as TravelError).message).toMatch(/^OSRM found no road near job J-7 \(lat 0, lon 0\)/);
  });

  it('on NoRoute, finds the leg with no road by asking the table', async () => {
    const points = fixturePoints('liechtenstein');
    server.set({
      transform: (path, body) => (path.startsWith('/route/') ? { code: 'NoRoute', message: 'Impossible route between points' } : body),
      nullCell: (from, to) => from !== to && (from === 16 || to === 16),
    });
    const stops = [points[1]!, points[16]!, points[4]!];
    const e = await directionsForRoute(client, stops, { legLabels: ['job J-17', 'technician T-1 end'], labels: ['technician T-1 start', 'job J-17', 'technician T-1 end'] }).catch(
      (err: unknown) => err,
    );
    expect((e as TravelError).code).toBe('osrm_no_route');
    expect((e as TravelError).message).toBe(
      `OSRM found no road route from technician T-1 start (lat ${points[1]!.lat}, lon ${points[1]!.lon}) to job J-17 (lat ${points[16]!.lat}, lon ${points[16]!.lon}); one of them is cut off from the other`,
    );
  });

  it('needs two locations', async () => {
    const e = await directionsForRoute(client, [fixturePoints('andorra')[0]!], { labels: ['technician T-1 start'] }).catch((err: unknown) => err);
    expect((e as TravelError).code).toBe('osrm_invalid_options');
    expect(server.requests).toHaveLength(0);
  });
});

describe('directionsForBoard', () => {
  it("gives each technician's day, start -> jobs -> end, arriving at named stops", async () => {
    // route-01 of Liechtenstein is p02 -> p17 -> p05: a technician from p02 to one job at p17, ending at p05.
    const points = fixturePoints('liechtenstein');
    const at = (id: string) => {
      const p = points.find((q) => q.id === id)!;
      return { lat: p.lat, lon: p.lon };
    };
    const problem = parseProblem({
      technicians: [{ id: 'T-1', start: at('p02'), end: at('p05'), shift: { start: '2026-03-02T08:00:00+01:00', end: '2026-03-02T17:00:00+01:00' } }],
      jobs: [{ id: 'J-1', location: { ...at('p17'), address: 'Birkenweg 3, Triesenberg' }, durationMin: 60 }],
    });
    const board = await solve(problem, { timeLimitSec: 0.3 });
    expect(board.routes[0]!.stops.map((s) => s.jobId)).toEqual(['J-1']);
    const model = osrmTravelModel({ url: server.url, cache: new OsrmTableCache(), onWarning: () => {} });
    const [day, ...others] = await directionsForBoard(model, problem, board);
    expect(others).toEqual([]);
    expect(server.requests).toEqual([fixture('liechtenstein', 'route-01').request.path]);
    expect(day!.technicianId).toBe('T-1');
    const legs = day!.directions.legs;
    expect(legs.map((l) => [l.from, l.to])).toEqual([
      ['technician T-1 start', 'job J-1 (Birkenweg 3, Triesenberg)'],
      ['job J-1 (Birkenweg 3, Triesenberg)', 'technician T-1 end'],
    ]);
    expect(legs[0]!.steps.at(-1)!.instruction).toMatch(/^You have arrived at job J-1 \(Birkenweg 3, Triesenberg\)/);
    expect(legs[1]!.steps.at(-1)!.instruction).toMatch(/^You have arrived at technician T-1 end/);
    expect(day!.directions.durationSec).toBe(2195.1);
    expect(day!.directions.distanceM).toBe(25941);
  });
});
