// The 56 Solomon instances on disk: every one reads and validates, C101 matches the published
// file by hand, bks.json agrees with the instances, and the folder lookup explains failures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it, expect, vi } from 'vitest';
import { TruckrollError } from '../model/errors.ts';
import { parseProblem } from '../model/parse.ts';
import { DEFAULT_SOLOMON_DIR, SOLOMON_DIR_ENV, listSolomon, loadBks, loadSolomon, solomonDir } from './load.ts';

describe('Solomon instances on disk', () => {
  const names = listSolomon();

  it('lists the 56 instances, sorted', () => {
    expect(names).toHaveLength(56);
    expect(names.slice(0, 2)).toEqual(['C101', 'C102']);
    expect(names.at(-1)).toBe('RC208');
    expect([...names].sort()).toEqual(names);
  });

  it('reads every instance into a problem that parseProblem accepts', () => {
    const bks = loadBks();
    for (const name of names) {
      const p = parseProblem(loadSolomon(name));
      const b = bks.get(name)!;
      expect(p.name, name).toBe(name);
      expect(p.jobs, name).toHaveLength(b.jobs);
      expect(p.technicians, name).toHaveLength(b.fleet);
      expect(p.technicians[0]!.capacity, name).toEqual({ load: b.capacity });
      expect(p.matrix!.durationsSec, name).toHaveLength(b.jobs + 1);
    }
  });

  it('reads C101 as published', () => {
    const p = parseProblem(loadSolomon('c101'));
    expect(p.name).toBe('C101');
    expect(p.technicians).toHaveLength(25);
    expect(p.technicians.every((t) => t.capacity?.load === 200)).toBe(true);
    expect(p.jobs.map((j) => j.id)).toEqual(Array.from({ length: 100 }, (_, i) => String(i + 1)));
    // Customer 1: 45 68 10 912 967 90 -> window 912–967 s, service 90 s.
    const j1 = p.jobs[0]!;
    expect(j1.windows).toEqual([{ start: '2000-01-01T00:15:12Z', end: '2000-01-01T00:16:07Z' }]);
    expect(j1.durationMin).toBe(1.5);
    expect(j1.demand).toEqual({ load: 10 });
    // Depot (40, 50) to customer 1 (45, 68): dx = 5, dy = 18.
    expect(p.matrix!.durationsSec[0]![1]).toBe(Math.sqrt(25 + 324));
    expect(p.matrix!.distancesM[1]![0]).toBe(Math.sqrt(25 + 324));
    // Depot window 0–1236.
    expect(p.technicians[0]!.shift).toEqual({ start: '2000-01-01T00:00:00Z', end: '2000-01-01T00:20:36Z', maxOvertimeMin: 0 });
  });

  it('names what it has when an instance is missing', () => {
    expect(() => loadSolomon('X999')).toThrow(/no Solomon instance "X999" in .* \(it has 56 instances: C101, C102, C103, …\)/);
  });
});

describe('bks.json', () => {
  it('has 56 entries, one per instance, with both objectives', () => {
    const bks = loadBks();
    expect(bks.size).toBe(56);
    expect([...bks.keys()]).toEqual(listSolomon());
    expect(bks.get('C101')).toEqual({
      hierarchical: { vehicles: 10, distance: 828.94 },
      distanceOnly: { vehicles: 10, distance: 828.94 },
      fleet: 25,
      capacity: 200,
      jobs: 100,
    });
    // The objectives differ where fewer vehicles cost distance, e.g. R101.
    expect(bks.get('R101')!.hierarchical.vehicles).toBeLessThan(bks.get('R101')!.distanceOnly.vehicles);
    for (const b of bks.values()) expect(b.distanceOnly.distance).toBeLessThanOrEqual(b.hierarchical.distance);
  });

  it('rejects a malformed file, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'truckroll-bks-'));
    try {
      writeFileSync(join(dir, 'bks.json'), JSON.stringify({ instances: { C101: { hierarchical: { vehicles: 10 } } } }));
      expect(() => loadBks(dir)).toThrow(/instances\.C101\.hierarchical\.distance/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('solomonDir', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('defaults to ../shared/datasets/solomon from the repository root', () => {
    vi.stubEnv(SOLOMON_DIR_ENV, '');
    expect(solomonDir()).toBe(DEFAULT_SOLOMON_DIR);
    expect(DEFAULT_SOLOMON_DIR).toMatch(/[/\\]shared[/\\]datasets[/\\]solomon$/);
  });

  it(`follows ${SOLOMON_DIR_ENV}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'truckroll-solomon-'));
    try {
      writeFileSync(join(dir, 'T1.txt'), 'T1\nVEHICLE\nNUMBER CAPACITY\n1 10\nCUSTOMER\n0 0 0 0 0 10 0\n');
      vi.stubEnv(SOLOMON_DIR_ENV, dir);
      expect(solomonDir()).toBe(dir);
      expect(listSolomon()).toEqual(['T1']);
      expect(parseProblem(loadSolomon('T1')).jobs).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('names the variable and the default when the folder is missing', () => {
    vi.stubEnv(SOLOMON_DIR_ENV, '/nonexistent/solomon');
    let error: unknown;
    try {
      solomonDir();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TruckrollError);
    expect((error as TruckrollError).code).toBe('solomon_dir_not_found');
    expect((error as Error).message).toContain(`${SOLOMON_DIR_ENV}="/nonexistent/solomon"`);
    expect((error as Error).message).toContain(DEFAULT_SOLOMON_DIR);
  });
});
