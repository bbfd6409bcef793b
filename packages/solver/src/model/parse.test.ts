import { describe, expect, it } from 'vitest';
import { formatIssue, InputError } from './errors.ts';
import { parseProblem, parseProblemText } from './parse.ts';
import type { ProblemInput } from './problem.ts';

/** A small valid problem: one technician, two jobs, one supply house, one part. */
function base(): ProblemInput & Required<Pick<ProblemInput, 'jobs'>> {
  return {
    technicians: [
      {
        id: 'T1',
        start: { lat: 39.74, lon: -104.99 },
        shift: { start: '2026-01-13T08:00:00-07:00', end: '2026-01-13T17:00:00-07:00' },
        skills: { hvac: 3 },
        vanStock: { 'CAP-45': 2 },
      },
    ],
    jobs: [
      { id: 'J1', location: { lat: 39.75, lon: -104.98 }, durationMin: 60, windows: [{ start: '2026-01-13T08:00:00-07:00', end: '2026-01-13T12:00:00-07:00' }], skills: { hvac: 2 }, parts: { 'CAP-45': 1 } },
      { id: 'J2', location: { lat: 39.7, lon: -105.0 }, durationMin: 90 },
    ],
    supplyHouses: [{ id: 'S1', location: { lat: 39.76, lon: -104.97 }, hours: { start: '2026-01-13T07:00:00-07:00', end: '2026-01-13T17:00:00-07:00' }, stock: { 'CAP-45': 10 } }],
    parts: [{ sku: 'CAP-45', name: '45/5 µF run capacitor' }],
  };
}

/** The issues of parsing `p`, as `path: message` lines. */
function issuesOf(p: unknown): string[] {
  try {
    parseProblem(p);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).issues.map(formatIssue);
  }
  throw new Error('expected the problem to be rejected');
}

describe('parseProblem', () => {
  it('accepts a valid problem and fills defaults', () => {
    const p = parseProblem(base());
    expect(p.jobs[1]!.priority).toBe('normal');
    expect(p.jobs[1]!.windows).toEqual([]);
    expect(p.technicians[0]!.shift.maxOvertimeMin).toBe(0);
    expect(p.settings.travel).toEqual({ model: 'greatCircle', circuity: 1.3, speedKmh: 40, legOverheadSec: 60 });
    expect(p.settings.weights.unassigned.emergency).toBeGreaterThan(p.settings.weights.unassigned.low);
  });

  it('rejects duplicate ids, naming both places', () => {
    const p = base();
    p.jobs[1]!.id = 'J1';
    expect(issuesOf(p)).toEqual(['jobs[1].id: duplicate id "J1" (first at jobs[0])']);
  });

  it('rejects references to unknown technicians', () => {
    const p = base();
    p.jobs[0]!.preferredTechnicians = ['T9'];
    p.jobs[1]!.pinnedTechnician = 'T8';
    expect(issuesOf(p)).toEqual(['jobs[0].preferredTechnicians[0]: unknown technician "T9"', 'jobs[1].pinnedTechnician: unknown technician "T8"']);
  });

  it('rejects references to unknown parts', () => {
    const p = base();
    p.jobs[1]!.parts = { 'WH-50G': 1 };
    expect(issuesOf(p)).toEqual(['jobs[1].parts["WH-50G"]: unknown part "WH-50G" (not in the parts catalogue, parts[])']);
  });

  it('rejects references to unknown supply houses', () => {
    const p = base();
    p.jobs[0]!.supplyHouses = ['S2'];
    expect(issuesOf(p)).toEqual(['jobs[0].supplyHouses[0]: unknown supply house "S2"']);
  });

  it('rejects a window that ends before it starts', () => {
    const p = base();
    p.jobs[0]!.windows = [{ start: '2026-01-13T09:00:00-07:00', end: '2026-01-13T08:00:00-07:00' }];
    expect(issuesOf(p)).toEqual(['jobs[0].windows[0]: ends (08:00) before it starts (09:00)']);
  });

  it('rejects times without an offset', () => {
    const p = base();
    p.technicians[0]!.shift.start = '2026-01-13T08:00:00';
    expect(issuesOf(p)).toEqual([
      'technicians[0].shift.start: time "2026-01-13T08:00:00" has no offset; write it with one, e.g. "2026-01-13T08:00:00Z" or "2026-01-13T08:00:00-05:00"',
    ]);
  });

  it('rejects latitudes and longitudes out of range', () => {
    const p = base();
    p.jobs[0]!.location = { lat: 91, lon: -104.98 };
    p.jobs[1]!.location = { lat: 39.7, lon: 200 };
    expect(issuesOf(p)).toEqual(['jobs[0].location.lat: latitude 91 is out of range [-90, 90]', 'jobs[1].location.lon: longitude 200 is out of range [-180, 180]']);
  });

  it('rejects negative durations', () => {
    const p = base();
    p.jobs[1]!.durationMin = -15;
    expect(issuesOf(p)).toEqual(['jobs[1].durationMin: must not be negative (got -15 minutes)']);
  });

  it('rejects skill levels outside 1–5', () => {
    const p = base();
    p.technicians[0]!.skills = { hvac: 6 };
    p.jobs[0]!.skills = { hvac: 0 };
    expect(issuesOf(p)).toEqual(['technicians[0].skills.hvac: skill level 6 is outside 1–5', 'jobs[0].skills.hvac: skill level 0 is outside 1–5']);
  });

  it('rejects a shift that ends before it starts', () => {
    const p = base();
    p.technicians[0]!.shift = { start: '2026-01-13T17:00:00-07:00', end: '2026-01-13T08:00:00-07:00' };
    expect(issuesOf(p)).toEqual(['technicians[0].shift: ends (08:00) before it starts (17:00)']);
  });

  it('rejects a problem with zero technicians', () => {
    const p = base();
    p.technicians = [];
    expect(issuesOf(p)).toEqual(['technicians: no technicians: a board needs at least one']);
  });

  it('rejects an empty body and a non-JSON body', () => {
    expect(() => parseProblemText('')).toThrow(/empty body: expected a JSON problem/);
    expect(() => parseProblemText('   \n')).toThrow(InputError);
    try {
      parseProblemText('{"technicians": [');
      throw new Error('not rejected');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]!.code).toBe('not_json');
      expect((e as InputError).message).toMatch(/^invalid problem:\n {2}not JSON: /);
    }
    expect(issuesOf([1, 2])).toEqual(['expected a JSON object with "technicians" and "jobs", got an array']);
  });

  it('rejects unknown fields (typos) instead of ignoring them', () => {
    const p = base() as Record<string, unknown>;
    (p.jobs as Record<string, unknown>[])[0]!.widows = [];
    expect(issuesOf(p)).toEqual(['jobs[0]: unknown field "widows"']);
  });

  it('names a missing required field', () => {
    const p = base();
    delete (p.jobs[0] as { location?: unknown }).location;
    expect(issuesOf(p)[0]).toMatch(/^jobs\[0\]\.location: required/);
  });

  it('checks the explicit matrix against the locations', () => {
    const p = base();
    p.settings = { travel: { model: 'matrix' } };
    p.matrix = { durationsSec: [[0, 1], [1, 0]], distancesM: [[0, 1], [1]] };
    const issues = issuesOf(p);
    expect(issues).toContain('matrix.distancesM[1]: row has 1 entries; the matrix is 2 × 2');
    expect(issues).toContain('technicians[0].start.matrixIndex: required when settings.travel.model is "matrix"');
  });

  it('reports several issues at once, each with a JSON pointer', () => {
    const p = base();
    p.jobs[0]!.durationMin = -1;
    p.jobs[1]!.location.lat = -100;
    try {
      parseProblem(p);
      throw new Error('not rejected');
    } catch (e) {
      const issues = (e as InputError).issues;
      expect(issues.map((i) => i.pointer)).toEqual(['/jobs/0/durationMin', '/jobs/1/location/lat']);
      expect((e as InputError).message).not.toMatch(/\n\s+at /);
    }
  });
});
