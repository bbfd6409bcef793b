// Driving directions for a finished board: OSRM's `route` service with steps over each technician's
// day (start -> stops -> end), each step phrased by osrm-text-instructions, per leg with distance and
// duration, plus the route as a GeoJSON LineString ([lon, lat] pairs, GeoJSON's order).
import { z } from 'zod';
import { TravelError, TruckrollError } from '../../model/errors.ts';
import type { Board } from '../../model/board.ts';
import type { Location, Problem } from '../../model/problem.ts';
import type { OsrmClient } from './client.ts';
import { describeLocation } from './errors.ts';
import { compileInstruction, instructionLanguages } from './instructions.ts';
import { osrmTable, snappedFarError } from './table.ts';

/** A GeoJSON LineString (RFC 7946): coordinates are [lon, lat]. */
export interface GeoJsonLineString {
  type: 'LineString';
  coordinates: Array<[number, number]>;
}

export interface DirectionsStep {
  /** e.g. "Turn right onto CG-2", "You have arrived at job J-12" */
  instruction: string;
  distanceM: number;
  durationSec: number;
  /** OSRM maneuver type (`depart`, `turn`, `roundabout`, `arrive`, …) and modifier (`left`, …). */
  type: string;
  modifier?: string;
  /** The road of the step ('' when unnamed). */
  road: string;
  /** Where the maneuver happens. */
  location: Location;
}

export interface DirectionsLeg {
  /** Labels of the leg's two ends. */
  from: string;
  to: string;
  distanceM: number;
  durationSec: number;
  /** OSRM's summary: the main roads of the leg. */
  summary: string;
  steps: DirectionsStep[];
}

export interface RouteDirections {
  distanceM: number;
  durationSec: number;
  /** One per consecutive pair of locations. */
  legs: DirectionsLeg[];
  /** Where OSRM placed each location on the road network, and how far it moved it, metres. */
  waypoints: Array<{ label: string; location: Location; snapDistanceM: number }>;
  geometry: GeoJsonLineString;
}

export interface DirectionsOptions {
  /** Per leg k (location k -> k+1): what it arrives at, e.g. `job J-12`; used in "You have arrived at …". */
  legLabels?: readonly (string | undefined)[];
  /** Per location, for errors; default `route start`, then the leg labels. */
  labels?: readonly (string | undefined)[];
  /** Language of the instructions (default `en`; any osrm-text-instructions language). */
  language?: string;
  /** A location OSRM moves farther than this to reach a road is an error, metres (default: the model's, else 500). */
  snapLimitM?: number;
  signal?: AbortSignal;
}

/** An OSRM client, or an OSRM travel model (its client and snap limit are used). */
export type OsrmSource = OsrmClient | { client: OsrmClient; snapLimitM?: number };

const Coordinate = z.tuple([z.number(), z.number()]);
const Step = z.looseObject({
  distance: z.number(),
  duration: z.number(),
  name: z.string().optional(),
  ref: z.string().optional(),
  maneuver: z.looseObject({ type: z.string(), modifier: z.string().optional(), location: Coordinate }),
});
const Waypoints = z.array(z.object({ distance: z.number().nullable().optional(), location: Coordinate, name: z.string().optional() }));
const RouteBody = z.object({
  routes: z
    .array(
      z.object({
        distance: z.number(),
        duration: z.number(),
        geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(Coordinate) }),
        legs: z.array(z.object({ distance: z.number(), duration: z.number(), summary: z.string().optional(), steps: z.array(Step) })),
      }),
    )
    .min(1),
  waypoints: Waypoints,
});

const ROUTE_QUERY = 'steps=true&overview=full&geometries=geojson&annotations=false';

/**
 * Directions through `locations` in order (at least two), by OSRM's route service. One request;
 * OSRM accepts up to its --max-viaroute-size (default 500) locations. Rejects with a TravelError
 * naming the location at fault (no road nearby, snapped too far, cut off from the others).
 */
export async function directionsForRoute(osrm: OsrmSource, locations: readonly Location[], options: DirectionsOptions = {}): Promise<RouteDirections> {
  const client = 'client' in osrm ? osrm.client : osrm;
  const snapLimitM = options.snapLimitM ?? ('client' in osrm ? osrm.snapLimitM : undefined) ?? 500;
  const language = options.language ?? 'en';
  if (!instructionLanguages().includes(language)) {
    throw new TruckrollError('input', 'unsupported_language', `directions cannot be given in "${language}"; choose one of ${instructionLanguages().join(', ')}`);
  }
  const n = locations.length;
  const legLabels = options.legLabels ?? [];
  const labels = locations.map((_, i) => options.labels?.[i] ?? (i === 0 ? 'route start' : (legLabels[i - 1] ?? `stop ${i}`)));
  if (n < 2) throw new TravelError('osrm_invalid_options', `a route needs at least two locations; got ${n}${n === 1 ? ` (${describeLocation(labels, locations, 0)})` : ''}`);

  let raw;
  try {
    raw = await client.request({ service: 'route', locations, labels, query: ROUTE_QUERY, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (e) {
    if (e instanceof TravelError && e.code === 'osrm_no_route') throw await pinpointNoRoute(client, locations, labels, snapLimitM, options.signal, e);
    throw e;
  }
  // Snapping first: a location moved to another country is the error to report, whatever else is odd.
  const snapped = Waypoints.safeParse(raw.waypoints);
  if (snapped.success) {
    const far = snapped.data.flatMap((waypoint, index) => ((waypoint.distance ?? 0) > snapLimitM ? [{ index, waypoint }] : []));
    if (far.length > 0) throw snappedFarError(labels, locations, far, snapLimitM);
  }
  const parsed = RouteBody.safeParse(raw);
  if (!parsed.success || parsed.data.waypoints.length !== n || parsed.data.routes[0]!.legs.length !== n - 1) {
    throw new TravelError('osrm_bad_response', `OSRM at ${client.url} answered a route over ${n} locations with a body of another shape (expected ${n - 1} legs with GeoJSON geometry)`);
  }
  const { routes, waypoints } = parsed.data;

  const route = routes[0]!;
  const legCount = route.legs.length;
  const legs = route.legs.map((leg, k): DirectionsLeg => ({
    from: labels[k]!,
    to: labels[k + 1]!,
    distanceM: leg.distance,
    durationSec: leg.duration,
    summary: leg.summary ?? '',
    steps: leg.steps.map((step): DirectionsStep => {
      const { type, modifier, location } = step.maneuver;
      return {
        instruction: compileInstruction(step, { language, legIndex: k, legCount, waypointName: legLabels[k], onWarning: client.onWarning }),
        distanceM: step.distance,
        durationSec: step.duration,
        type,
        ...(modifier !== undefined ? { modifier } : {}),
        road: step.name ?? '',
        location: { lat: location[1], lon: location[0] },
      };
    }),
  }));
  return {
    distanceM: route.distance,
    durationSec: route.duration,
    legs,
    waypoints: waypoints.map((w, i) => ({ label: labels[i]!, location: { lat: w.location[1], lon: w.location[0] }, snapDistanceM: w.distance ?? 0 })),
    geometry: { type: 'LineString', coordinates: route.geometry.coordinates },
  };
}

/** On NoRoute, asks the table which leg has no route, to name its two ends. */
async function pinpointNoRoute(client: OsrmClient, locations: readonly Location[], labels: readonly string[], snapLimitM: number, signal: AbortSignal | undefined, original: TravelError): Promise<TravelError> {
  try {
    const m = await osrmTable(client, locations, { labels, snapLimitM, ...(signal ? { signal } : {}) });
    for (let k = 0; k + 1 < m.n; k++) {
      if (m.durationsSec[k * m.n + k + 1] === Infinity) {
        return new TravelError(
          'osrm_no_route',
          `OSRM found no road route from ${describeLocation(labels, locations, k)} to ${describeLocation(labels, locations, k + 1)}; one of them is cut off from the other`,
          { cause: original },
        );
      }
    }
  } catch {
    // The table could not tell; the route's own error stands.
  }
  return original;
}

export interface TechnicianDirections {
  technicianId: string;
  directions: RouteDirections;
}

/**
 * Directions for every technician on `board` with at least one job or pickup: start -> stops ->
 * end (breaks stay where the technician is). Routes are asked together, within the client's
 * in-flight bound; the answer keeps the board's order.
 */
export async function directionsForBoard(osrm: OsrmSource, problem: Problem, board: Board, options: Omit<DirectionsOptions, 'legLabels' | 'labels'> = {}): Promise<TechnicianDirections[]> {
  const techs = new Map(problem.technicians.map((t) => [t.id, t]));
  const work = board.routes.flatMap((route) => {
    const tech = techs.get(route.technicianId);
    const stops = route.stops.filter((s) => s.kind !== 'break');
    if (!tech || stops.length === 0) return [];
    const stopLabel = (s: (typeof stops)[number]) => {
      const what = s.kind === 'job' ? `job ${s.jobId ?? '?'}` : `supply house ${s.supplyHouseId ?? '?'}`;
      return s.location.address ? `${what} (${s.location.address})` : what;
    };
    const locations = [tech.start, ...stops.map((s) => s.location), route.end.location];
    const legLabels = [...stops.map(stopLabel), `technician ${tech.id} end`];
    const labels = [`technician ${tech.id} start`, ...legLabels];
    return [{ technicianId: tech.id, locations, legLabels, labels }];
  });
  // The first failure cancels the routes still being asked.
  const failed = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
  return Promise.all(
    work.map(async (w) => {
      try {
        return { technicianId: w.technicianId, directions: await directionsForRoute(osrm, w.locations, { ...options, signal, legLabels: w.legLabels, labels: w.labels }) };
      } catch (e) {
        if (!failed.signal.aborted) failed.abort(e);
        throw e;
      }
    }),
  );
}
