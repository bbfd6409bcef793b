// readSolomon on tiny hand-checkable texts: the fixed mapping, and malformed text rejected with
// line numbers in every message.
import { describe, it, expect } from 'vitest';
import { InputError } from '../model/errors.ts';
import { parseProblem } from '../model/parse.ts';
import { parseSolomonText, readSolomon, solomonTimeIso } from './read.ts';

// Depot at (0, 0) open 0–100; customer 1 at (3, 4), customer 2 at (3, 0).
// Distances: 0→1 = 5 (3-4-5 triangle), 0→2 = 3, 1→2 = 4.
const TINY = [
  'TINY1',
  '',
  'VEHICLE',
  'NUMBER     CAPACITY',
  '  2         50',
  '',
  'CUSTOMER',
  'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME',
  ' ',
  '    0       0          0          0          0        100          0',
  '    1       3          4         10         20         30         90',
  '    2       3          0         45          0         61         30',
].join('\r\n');

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

/** Replaces line `lineNo` (1-based) of TINY. */
function withLine(lineNo: number, text: string): string {
  const lines = TINY.split('\r\n');
  lines[lineNo - 1] = text;
  return lines.join('\n');
}

describe('readSolomon: mapping', () => {
  const p = readSolomon(TINY);
  const parsed = parseProblem(p);

  it('passes parseProblem and keeps the name line', () => {
    expect(parsed.name).toBe('TINY1');
    expect(readSolomon(TINY, 'other').name).toBe('other');
  });

  it('makes one technician per vehicle, day = depot window, capacity = CAPACITY', () => {
    expect(parsed.technicians.map((t) => t.id)).toEqual(['v1', 'v2']);
    const t = parsed.technicians[1]!;
    expect(t.start).toEqual({ lat: 0, lon: 0, matrixIndex: 0 });
    expect(t.end).toEqual({ lat: 0, lon: 0, matrixIndex: 0 });
    // 100 units = 100 s after the base time.
    expect(t.shift).toEqual({ start: '2000-01-01T00:00:00Z', end: '2000-01-01T00:01:40Z', maxOvertimeMin: 0 });
    expect(t.breaks).toEqual([]);
    expect(t.capacity).toEqual({ load: 50 });
    expect(t.costPerHour).toBe(0);
  });

  it('makes customer k job "k": service/60 minutes, one start window, load demand', () => {
    expect(parsed.jobs.map((j) => j.id)).toEqual(['1', '2']);
    const [j1, j2] = parsed.jobs as [(typeof parsed.jobs)[0], (typeof parsed.jobs)[0]];
    // (x, y) = (3, 4) is drawn at lat = y/1000, lon = x/1000.
    expect(j1.location).toEqual({ lat: 0.004, lon: 0.003, matrixIndex: 1 });
    expect(j1.durationMin).toBe(1.5);
    expect(j1.windows).toEqual([{ start: '2000-01-01T00:00:20Z', end: '2000-01-01T00:00:30Z' }]);
    expect(j1.demand).toEqual({ load: 10 });
    expect(j1.priority).toBe('normal');
    expect(j1.value).toBe(0);
    expect(j2.durationMin).toBe(0.5);
    expect(j2.windows).toEqual([{ start: '2000-01-01T00:00:00Z', end: '2000-01-01T00:01:01Z' }]);
  });

  it('gives an exact Euclidean matrix for time and distance alike', () => {
    const expected = [
      [0, 5, 3],
      [5, 0, 4],
      [3, 4, 0],
    ];
    expect(parsed.matrix!.durationsSec).toEqual(expected);
    expect(parsed.matrix!.distancesM).toEqual(expected);
    // Separate arrays: mutating one must not change the other.
    expect(p.matrix!.durationsSec[0]).not.toBe(p.matrix!.distancesM[0]);
  });

  it('sets the Solomon objective: cost = distance, unassigned 1e6, no buffers, ms resolution', () => {
    const s = parsed.settings;
    expect(s.travel).toEqual({ model: 'matrix' });
    expect(s.timeResolutionSec).toBe(0.001);
    expect(s.etaWindowMin).toBe(0);
    expect(s.buffer).toEqual({ afterJobMin: 0, afterJobPct: 0, drivePaddingPct: 0 });
    expect(s.weights).toEqual({
      driveHour: 0,
      distanceKm: 1000,
      unassigned: { emergency: 1e6, urgent: 1e6, normal: 1e6, low: 1e6 },
      unassignedValueFactor: 0,
      emergencyLateMin: 0,
      overqualificationLevel: 0,
      preferredMiss: 0,
      waitHour: 0,
      disruptionReassign: 150,
      disruptionEtaMove: 100,
    });
  });

  it('reads LF, CRLF and CR line ends alike', () => {
    expect(readSolomon(TINY.replaceAll('\r\n', '\n'))).toEqual(p);
    expect(readSolomon(TINY.replaceAll('\r\n', '\r'))).toEqual(p);
  });

  it('accepts a table without its header line and with decimals', () => {
    const text = withLine(8, '').replace('    2       3          0         45', '    2       3.5        0         45');
    const rows = parseSolomonText(text).rows;
    expect(rows[2]!.x).toBe(3.5);
    expect(rows[2]!.line).toBe(12);
  });

  it('formats Solomon times from 2000-01-01T00:00:00Z', () => {
    expect(solomonTimeIso(912)).toBe('2000-01-01T00:15:12Z');
    expect(solomonTimeIso(0)).toBe('2000-01-01T00:00:00Z');
    expect(solomonTimeIso(86_400 + 1.5)).toBe('2000-01-02T00:00:01.500Z');
  });
});

describe('readSolomon: malformed text', () => {
  it('rejects empty text', () => {
    expect(errorOf(() => readSolomon('  \n\n')).message).toMatch(/line 1: empty text/);
  });

  it('names the missing VEHICLE section and its line', () => {
    const e = errorOf(() => readSolomon(withLine(3, 'VEHICLES')));
    expect(e.message).toContain('line 3: expected "VEHICLE" after the name line, got "VEHICLES"');
    expect(e.issues[0]!.code).toBe('missing_section');
  });

  it('names a bad vehicle line', () => {
    expect(errorOf(() => readSolomon(withLine(5, '  2  50  7'))).message).toContain('line 5: expected two numbers (vehicle number, capacity)');
    expect(errorOf(() => readSolomon(withLine(5, '  0  50'))).message).toContain('line 5: vehicle number must be a whole number of at least 1 (got 0)');
    expect(errorOf(() => readSolomon(withLine(5, '  2.5  -1'))).issues.map((i) => i.message)).toEqual([
      'line 5: vehicle number must be a whole number of at least 1 (got 2.5)',
      'line 5: capacity must not be negative (got -1)',
    ]);
  });

  it('names the missing CUSTOMER section', () => {
    expect(errorOf(() => readSolomon(withLine(7, 'CUSTOMERS'))).message).toContain('line 7: expected "CUSTOMER" after the vehicle section');
    expect(errorOf(() => readSolomon(TINY.split('\r\n').slice(0, 5).join('\n'))).message).toMatch(/line 5: unexpected end of text: expected "CUSTOMER"/);
  });

  it('names rows with the wrong number of fields or a non-number, and keeps going', () => {
    const text = withLine(11, '    1       3          4         10         20         30').replace('    2       3          0         45', '    2       3          0         4x5');
    const e = errorOf(() => readSolomon(text));
    expect(e.issues.map((i) => i.message)).toEqual([
      'line 11: expected 7 numbers (cust no, x, y, demand, ready time, due date, service time), got 6: "1       3          4         10         20         30"',
      'line 12: demand "4x5" is not a number',
    ]);
  });

  it('does not misnumber the rows after one bad line', () => {
    const e = errorOf(() => readSolomon(withLine(11, '    1       3          4         10         20')));
    expect(e.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^line 11: expected 7 numbers/)]);
  });

  it('stops after 50 problems', () => {
    const junk = Array.from({ length: 200 }, (_, k) => `${k + 3} x`).join('\n');
    const e = errorOf(() => readSolomon(`${TINY.replaceAll('\r\n', '\n')}\n${junk}`));
    expect(e.issues).toHaveLength(51);
    // TINY has 12 lines; junk starts on line 13, so problem 51 is on line 63.
    expect(e.issues.at(-1)).toMatchObject({ message: 'line 63: stopped reading here after 50 problems', code: 'too_many_issues' });
  });

  it('names customers out of order', () => {
    const e = errorOf(() => readSolomon(withLine(11, '    5       3          4         10         20         30         90')));
    expect(e.message).toContain('line 11: expected customer 1, got 5');
    expect(e.issues[0]!.code).toBe('bad_order');
  });

  it('names windows that end before they open, and negative values', () => {
    const e = errorOf(() => readSolomon(withLine(11, '    1       3          4        -10         40         30        -90')));
    expect(e.issues.map((i) => i.message)).toEqual([
      'line 11: demand must not be negative (got -10)',
      'line 11: service time must not be negative (got -90)',
      'line 11: due date 30 is before ready time 40',
    ]);
  });

  it('rejects an empty depot window (the vehicles would have no day)', () => {
    expect(errorOf(() => readSolomon(withLine(10, '    0       0          0          0          0          0          0'))).message).toContain(
      "line 10: the depot's due date must be after its ready time",
    );
  });

  it('rejects an empty customer table', () => {
    expect(errorOf(() => readSolomon(TINY.split('\r\n').slice(0, 8).join('\n'))).message).toMatch(/line 8: the customer table is empty/);
  });

  it('labels the error with the instance name', () => {
    expect(errorOf(() => readSolomon(withLine(3, 'X'), 'R101')).message).toMatch(/^invalid Solomon instance "R101":\n {2}line 3:/);
  });
});
