// The explicit travel model: a matrix supplied with the problem, addressed by each location's
// `matrixIndex`. `null` entries (no route) become Infinity.
import { TravelError } from '../model/errors.ts';
import type { Location, TravelMatrix as WireMatrix } from '../model/problem.ts';
import type { TravelMatrix, TravelModel } from './types.ts';

export function explicitMatrix(wire: WireMatrix, locations: readonly Location[]): TravelMatrix {
  const n = locations.length;
  const size = wire.durationsSec.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = locations[i]!.matrixIndex;
    if (k === undefined || k >= size) throw new TravelError('bad_matrix_index', `location ${i} has matrixIndex ${String(k)}; the matrix has ${size} locations`);
    idx[i] = k;
  }
  const durationsSec = new Float64Array(n * n);
  const distancesM = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const dRow = wire.durationsSec[idx[i]!]!;
    const mRow = wire.distancesM[idx[i]!]!;
    for (let j = 0; j < n; j++) {
      const d = dRow[idx[j]!];
      const m = mRow[idx[j]!];
      durationsSec[i * n + j] = d === null || d === undefined ? Infinity : d;
      distancesM[i * n + j] = m === null || m === undefined ? Infinity : m;
    }
  }
  return { n, durationsSec, distancesM };
}

export function explicitMatrixModel(wire: WireMatrix): TravelModel {
  return { name: 'matrix', matrix: (locations) => Promise.resolve(explicitMatrix(wire, locations)) };
}
