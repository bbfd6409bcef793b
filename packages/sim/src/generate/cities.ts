// Real metro centres the generator can place a day in, with their UTC offsets and climate.
// Invariant: coordinates are the cities' usual downtown reference points (WGS84 degrees); the
// offset of a date follows US daylight-saving rules (second Sunday of March to first Sunday of November).

export type Climate = 'cold' | 'mild' | 'hot';

export interface City {
  /** Display name, e.g. "Denver, CO". */
  name: string;
  lat: number;
  lon: number;
  /** Standard (winter) offset from UTC, minutes east (Denver: -420). */
  standardOffsetMin: number;
  /** Whether the city moves its clocks in summer (Phoenix does not). */
  observesDst: boolean;
  /** Decides the season's mix of heating and cooling calls. */
  climate: Climate;
  /** A fictional shop name for `problem.business`. */
  business: string;
}

export const CITIES = {
  denver: { name: 'Denver, CO', lat: 39.7392, lon: -104.9903, standardOffsetMin: -420, observesDst: true, climate: 'cold', business: 'Front Range Home Services' },
  phoenix: { name: 'Phoenix, AZ', lat: 33.4484, lon: -112.074, standardOffsetMin: -420, observesDst: false, climate: 'hot', business: 'Desert Sun Heating, Cooling & Plumbing' },
  dallas: { name: 'Dallas, TX', lat: 32.7767, lon: -96.797, standardOffsetMin: -360, observesDst: true, climate: 'mild', business: 'Trinity Comfort Services' },
  houston: { name: 'Houston, TX', lat: 29.7604, lon: -95.3698, standardOffsetMin: -360, observesDst: true, climate: 'hot', business: 'Bayou City Air & Plumbing' },
  atlanta: { name: 'Atlanta, GA', lat: 33.749, lon: -84.388, standardOffsetMin: -300, observesDst: true, climate: 'mild', business: 'Peachtree Home Services' },
  chicago: { name: 'Chicago, IL', lat: 41.8781, lon: -87.6298, standardOffsetMin: -360, observesDst: true, climate: 'cold', business: 'Lakefront Heating, Plumbing & Electric' },
  minneapolis: { name: 'Minneapolis, MN', lat: 44.9778, lon: -93.265, standardOffsetMin: -360, observesDst: true, climate: 'cold', business: 'North Star Home Comfort' },
} as const satisfies Record<string, City>;

export type CityName = keyof typeof CITIES;
export const CITY_NAMES = Object.keys(CITIES) as CityName[];

/**
 * Heating and cooling demand by month (index 0 = January), each 0..1: how strongly the season
 * tilts the call mix toward furnaces and frozen pipes, or toward air conditioners.
 */
export const SEASON: Record<Climate, { heat: readonly number[]; cool: readonly number[] }> = {
  cold: { heat: [1, 1, 0.8, 0.5, 0.2, 0, 0, 0, 0.1, 0.4, 0.8, 1], cool: [0, 0, 0, 0.1, 0.4, 0.8, 1, 1, 0.6, 0.1, 0, 0] },
  mild: { heat: [0.8, 0.7, 0.4, 0.1, 0, 0, 0, 0, 0, 0.1, 0.4, 0.7], cool: [0, 0.1, 0.2, 0.4, 0.7, 1, 1, 1, 0.8, 0.4, 0.1, 0] },
  hot: { heat: [0.4, 0.3, 0.1, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.3], cool: [0.2, 0.3, 0.5, 0.8, 1, 1, 1, 1, 1, 0.7, 0.4, 0.2] },
};

/** Day of week of a calendar date, 0 = Sunday (proleptic Gregorian, no time zone involved). */
function weekday(year: number, month1: number, day: number): number {
  return new Date(Date.UTC(year, month1 - 1, day)).getUTCDay();
}

/** Day of the month of the n-th Sunday (n ≥ 1) of a month. */
function nthSunday(year: number, month1: number, n: number): number {
  const first = weekday(year, month1, 1);
  return 1 + ((7 - first) % 7) + 7 * (n - 1);
}

/** Whether US daylight saving time is in effect on `date` (YYYY-MM-DD) for most of the working day. */
export function usDstOn(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (m < 3 || m > 11) return false;
  if (m > 3 && m < 11) return true;
  if (m === 3) return d >= nthSunday(y, 3, 2);
  return d < nthSunday(y, 11, 1);
}

/** The city's UTC offset on `date`, minutes east. */
export function cityOffsetMin(city: City, date: string): number {
  return city.standardOffsetMin + (city.observesDst && usDstOn(date) ? 60 : 0);
}

/** Minutes east of UTC as an ISO offset: -420 -> "-07:00", 0 -> "Z". */
export function formatOffset(offsetMin: number): string {
  if (offsetMin === 0) return 'Z';
  const abs = Math.abs(offsetMin);
  return `${offsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
