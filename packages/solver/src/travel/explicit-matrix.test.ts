// The explicit travel model: the sub-matrix over the asked locations by matrixIndex, null → Infinity,
// and a TravelError for an index the matrix lacks.
import { describe, it, expect } from 'vitest';
import { TravelError } from '../model/errors.ts';
import type { Location, TravelMatrix as WireMatrix } from '../model/problem.ts';
import { explicitMatrix, explicitMatrixModel } from './explicit-matrix.ts';

// Three places; entry [i][j] = 10·i + j + 1 for durations and 1000× that for distances, so every
// cell says where it came from. 2 → 0 has no route.
const WIRE: WireMatrix = {
  durationsSec: [
    [0, 2, 3],
    [11, 0, 13],
    [null, 22, 0],
  ],
  distancesM: [
    [0, 2000, 3000],
    [11000, 0, 13000],
    [null, 22000, 0],
  ],
};

const at = (matrixIndex?: number): Location => ({ lat: 0, lon: 0, ...(matrixIndex === undefined ? {} : { matrixIndex }) });

describe('explicitMatrix', () => {
  it('returns the whole matrix when locations are 0..n-1 in order', () => {
    const m = explicitMatrix(WIRE, [at(0), at(1), at(2)]);
    expect(m.n).toBe(3);
    expect(Array.from(m.durationsSec)).toEqual([0, 2, 3, 11, 0, 13, Infinity, 22, 0]);
    expect(Array.from(m.distancesM)).toEqual([0, 2000, 3000, 11000, 0, 13000, Infinity, 22000, 0]);
  });

  it('picks the sub-matrix by matrixIndex, in the order asked, repeats allowed', () => {
    // Locations [2, 0, 2]: row 0 = wire row 2 at columns 2, 0, 2 = [0, null, 0]; row 1 = wire row 0 = [3, 0, 3].
    const m = explicitMatrix(WIRE, [at(2), at(0), at(2)]);
    expect(m.n).toBe(3);
    expect(Array.from(m.durationsSec)).toEqual([0, Infinity, 0, 3, 0, 3, 0, Infinity, 0]);
    expect(Array.from(m.distancesM)).toEqual([0, Infinity, 0, 3000, 0, 3000, 0, Infinity, 0]);
    const sub = explicitMatrix(WIRE, [at(1), at(2)]);
    expect(Array.from(sub.durationsSec)).toEqual([0, 13, 22, 0]);
  });

  it('turns null (no route) into Infinity in both arrays', () => {
    const m = explicitMatrix(WIRE, [at(2), at(0)]);
    expect(m.durationsSec[1]).toBe(Infinity);
    expect(m.distancesM[1]).toBe(Infinity);
    expect(m.durationsSec[2]).toBe(3);
  });

  it('keeps asymmetric entries as given', () => {
    const m = explicitMatrix(WIRE, [at(0), at(1)]);
    expect(m.durationsSec[1]).toBe(2);
    expect(m.durationsSec[2]).toBe(11);
  });

  it('throws a TravelError for a missing or out-of-range matrixIndex', () => {
    for (const loc of [at(), at(3)]) {
      let error: unknown;
      try {
        explicitMatrix(WIRE, [at(0), loc]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TravelError);
      expect((error as TravelError).code).toBe('bad_matrix_index');
      expect((error as TravelError).kind).toBe('routing');
      expect((error as Error).message).toMatch(/^location 1 has matrixIndex (undefined|3); the matrix has 3 locations$/);
    }
  });

  it('handles no locations', () => {
    expect(explicitMatrix(WIRE, [])).toEqual({ n: 0, durationsSec: new Float64Array(0), distancesM: new Float64Array(0) });
  });
});

describe('explicitMatrixModel', () => {
  it('resolves to explicitMatrix over the asked locations', async () => {
    const model = explicitMatrixModel(WIRE);
    expect(model.name).toBe('matrix');
    expect(await model.matrix([at(1), at(0)])).toEqual(explicitMatrix(WIRE, [at(1), at(0)]));
  });

  it('rejects (does not throw synchronously) on a bad index', async () => {
    await expect(
      (async () => {
        await explicitMatrixModel(WIRE).matrix([at(7)]);
      })(),
    ).rejects.toBeInstanceOf(TravelError);
  });
});
