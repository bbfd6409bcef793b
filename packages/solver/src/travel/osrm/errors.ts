// OSRM's error answers as TravelErrors that say which location or setting is at fault, in words a
// dispatcher can act on. Stable codes: osrm_no_segment, osrm_no_route, osrm_no_table, osrm_too_big,
// osrm_invalid_coordinate, osrm_invalid_query, osrm_invalid_options, osrm_bad_url, osrm_error.
import type { Location } from '../../model/problem.ts';
import { TravelError } from '../../model/errors.ts';

/** What was asked, to explain an error answer. `path` starts at the server root (`/table/v1/…`). */
export interface OsrmRequestContext {
  url: string;
  service: string;
  profile: string;
  path: string;
  labels: readonly string[];
  locations: readonly Location[];
  maxTableSize?: number;
}

/** `job J-12 (lat 47.243002, lon 9.528045)`, or `location 3 (…)` without a label. */
export function describeLocation(labels: readonly string[], locations: readonly Location[], i: number): string {
  const loc = locations[i];
  const label = labels[i] || `location ${i}`;
  return loc ? `${label} (lat ${loc.lat}, lon ${loc.lon})` : label;
}

/** A list of up to `max` described locations: `job J-1 (…), job J-2 (…) and 3 more`. */
export function describeLocations(labels: readonly string[], locations: readonly Location[], indices: readonly number[], max = 3): string {
  const shown = indices.slice(0, max).map((i) => describeLocation(labels, locations, i));
  const rest = indices.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** Which coordinate of `path` holds character `position` (a `;` counts with the coordinate after it). */
export function coordinateAtPosition(path: string, service: string, profile: string, position: number): number | undefined {
  const prefix = `/${service}/v1/${profile}/`;
  if (!path.startsWith(prefix)) return undefined;
  const coords = path.slice(prefix.length).split('?')[0]!.split(';');
  let start = prefix.length;
  for (let k = 0; k < coords.length; k++) {
    const end = start + coords[k]!.length;
    if (position < end || (position === end && k === coords.length - 1)) return position >= start - 1 ? k : undefined;
    start = end + 1;
  }
  return undefined;
}

/**
 * Maps an OSRM error answer (`{ code, message }`, any HTTP status below 500) to a TravelError.
 * OSRM's own words are kept in the message, after ours.
 */
export function travelErrorFromOsrm(status: number, body: { code?: unknown; message?: unknown }, ctx: OsrmRequestContext): TravelError {
  const code = typeof body.code === 'string' ? body.code : undefined;
  const osrmMessage = typeof body.message === 'string' && body.message ? body.message : undefined;
  const said = `OSRM said ${code ?? `HTTP ${status}`}${osrmMessage ? `: "${osrmMessage}"` : ' with no message'}`;
  const { labels, locations } = ctx;
  const all = locations.map((_, i) => i);
  const n = locations.length;
  const what = `the ${ctx.service} request for ${n} location${n === 1 ? '' : 's'}`;
  switch (code) {
    case 'NoSegment': {
      // "Could not find a matching segment for coordinate 2"
      const k = Number(/coordinate (\d+)/.exec(osrmMessage ?? '')?.[1]);
      const who = Number.isInteger(k) && k >= 0 && k < n ? describeLocation(labels, locations, k) : `one of ${describeLocations(labels, locations, all)}`;
      return new TravelError('osrm_no_segment', `OSRM found no road near ${who}; check the location, or whether the OSRM map covers it (${said})`);
    }
    case 'NoRoute':
      return new TravelError('osrm_no_route', `OSRM found no road route through ${describeLocations(labels, locations, all, 6)}; one of them is cut off from the others (${said})`);
    case 'NoTable':
      return new TravelError('osrm_no_table', `OSRM could not build a travel table for ${describeLocations(labels, locations, all)} (${said})`);
    case 'TooBig':
      if (ctx.service !== 'table') {
        return new TravelError('osrm_too_big', `OSRM at ${ctx.url} refused ${what} as too many (its --max-viaroute-size; 500 by default): split the route (${said})`);
      }
      return new TravelError(
        'osrm_too_big',
        `OSRM at ${ctx.url} refused ${what} as too big; the server's --max-table-size is below settings.travel.maxTableSize` +
          `${ctx.maxTableSize !== undefined ? ` (${ctx.maxTableSize})` : ''}: lower maxTableSize to the server's limit (${said})`,
      );
    case 'InvalidValue': {
      const bad = all.filter((i) => {
        const l = locations[i]!;
        return !(Math.abs(l.lat) <= 90 && Math.abs(l.lon) <= 180);
      });
      const who = bad.length > 0 ? describeLocations(labels, locations, bad) : `one of ${describeLocations(labels, locations, all)}`;
      return new TravelError('osrm_invalid_coordinate', `OSRM rejected the coordinate of ${who} (${said})`);
    }
    case 'InvalidQuery': {
      const pos = Number(/position (\d+)/.exec(osrmMessage ?? '')?.[1]);
      const k = Number.isInteger(pos) ? coordinateAtPosition(ctx.path, ctx.service, ctx.profile, pos) : undefined;
      const where = k !== undefined && k < n ? `near the coordinate of ${describeLocation(labels, locations, k)}` : `in ${ctx.path.length > 120 ? `${ctx.path.slice(0, 117)}...` : ctx.path}`;
      return new TravelError('osrm_invalid_query', `OSRM could not read ${what} ${where} (${said})`);
    }
    case 'InvalidOptions':
      return new TravelError('osrm_invalid_options', `OSRM rejected the options of ${what} (${describeLocations(labels, locations, all)}) (${said})`);
    case 'InvalidUrl':
    case 'InvalidService':
    case 'InvalidVersion':
    case 'NotImplemented':
      return new TravelError(
        'osrm_bad_url',
        `OSRM at ${ctx.url} did not accept ${ctx.path.split('/').slice(0, 4).join('/')}/…: check settings.travel.url (the server root, e.g. http://localhost:5000) and profile "${ctx.profile}" (${said})`,
      );
    default:
      return new TravelError('osrm_error', `OSRM at ${ctx.url} answered ${what} with HTTP ${status} (${said})`);
  }
}
