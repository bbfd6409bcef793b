// API keys: parsing `key:tenant` lists (env or file), hashed lookup, and open mode.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { inlinePool } from '../fixtures.test-helper.ts';
import { createKeyRing, keyRingFromEnv, parseKeySpec } from './auth.ts';

describe('API keys', () => {
  it('parses key:tenant lists and names the bad entry', () => {
    expect(parseKeySpec('aaaaaaaaaaaaaaaa1:alpha, bbbbbbbbbbbbbbbb2:beta')).toEqual([
      { key: 'aaaaaaaaaaaaaaaa1', tenant: 'alpha' },
      { key: 'bbbbbbbbbbbbbbbb2', tenant: 'beta' },
    ]);
    expect(() => parseKeySpec('aaaaaaaaaaaaaaaa1:alpha,nocolon')).toThrow('API key entry 2 is not "key:tenant"');
    expect(() => parseKeySpec('short:alpha')).toThrow(/shorter than 16/);
  });

  it('maps a key to its tenant and nothing else to anything', () => {
    const ring = createKeyRing(parseKeySpec('aaaaaaaaaaaaaaaa1:alpha,bbbbbbbbbbbbbbbb2:beta'));
    expect(ring.tenantOf('aaaaaaaaaaaaaaaa1')).toBe('alpha');
    expect(ring.tenantOf('bbbbbbbbbbbbbbbb2')).toBe('beta');
    expect(ring.tenantOf('aaaaaaaaaaaaaaaa')).toBeUndefined();
    expect(ring.size).toBe(2);
  });

  it('reads TRUCKROLL_API_KEYS, or TRUCKROLL_API_KEYS_FILE (one per line, # comments)', () => {
    expect(keyRingFromEnv({})).toBeUndefined();
    expect(keyRingFromEnv({ TRUCKROLL_API_KEYS: 'aaaaaaaaaaaaaaaa1:alpha' })?.tenantOf('aaaaaaaaaaaaaaaa1')).toBe('alpha');
    const file = join(mkdtempSync(join(tmpdir(), 'truckroll-keys-')), 'keys');
    writeFileSync(file, '# ops keys\naaaaaaaaaaaaaaaa1:alpha\n\nbbbbbbbbbbbbbbbb2:beta\n');
    const ring = keyRingFromEnv({ TRUCKROLL_API_KEYS_FILE: file, TRUCKROLL_API_KEYS: 'ignored-when-file-is-set:x' });
    expect(ring?.tenantOf('bbbbbbbbbbbbbbbb2')).toBe('beta');
    expect(ring?.size).toBe(2);
  });

  it('without keys, /v1 is open as tenant "default"', async () => {
    const app = createApp({ pool: inlinePool() });
    const res = await app.request('/v1/solve', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(422); // reached validation: no auth in open mode
  });

  it('health, readiness, metrics and docs need no key', async () => {
    const app = createApp({ pool: inlinePool(), keys: createKeyRing(parseKeySpec('aaaaaaaaaaaaaaaa1:alpha')) });
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs']) expect((await app.request(path)).status, path).toBe(200);
    expect((await app.request('/v1/solve', { method: 'POST' })).status).toBe(401);
  });
});
