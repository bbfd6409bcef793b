// The cells cache: least recently used out first, Infinity kept as an answer, one cache per server and profile.
import { describe, expect, it } from 'vitest';
import { OsrmTableCache, sharedOsrmCache } from './cache.ts';

describe('OsrmTableCache', () => {
  it('drops the least recently used cell when full', () => {
    const c = new OsrmTableCache(2);
    c.set('a', 'b', 10, 100);
    c.set('b', 'a', 11, 110);
    expect(c.get('a', 'b')).toEqual({ durationSec: 10, distanceM: 100 }); // a>b is now the most recent
    c.set('a', 'c', 12, 120);
    expect(c.size).toBe(2);
    expect(c.has('b', 'a')).toBe(false);
    expect(c.has('a', 'b')).toBe(true);
    expect(c.has('a', 'c')).toBe(true);
  });

  it('keeps "no route" as Infinity (an answer, not a miss)', () => {
    const c = new OsrmTableCache();
    c.set('a', 'b', Infinity, Infinity);
    expect(c.get('a', 'b')).toEqual({ durationSec: Infinity, distanceM: Infinity });
    expect(c.get('b', 'a')).toBeUndefined();
  });

  it('shares one cache per server root and profile', () => {
    expect(sharedOsrmCache('http://osrm.test/', 'driving')).toBe(sharedOsrmCache('http://osrm.test', 'driving'));
    expect(sharedOsrmCache('http://osrm.test', 'driving')).not.toBe(sharedOsrmCache('http://osrm.test', 'bicycle'));
  });
});
