// The shipped samples (datasets/*.json) are valid and are exactly what the generator writes today
// for their seed, so the regeneration commands in the README stay true.
import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { parseProblemText } from '@truckroll/solver';
import { SIZES, SIZE_NAMES, generateDay, problemJsonText } from './day.ts';
import { dayIssues } from './invariants.ts';

const datasetsDir = new URL('../../../../datasets/', import.meta.url);

describe('shipped samples', () => {
  for (const size of SIZE_NAMES) {
    it(`datasets/${size}.json parses and equals generateDay(${size}, seed 1)`, async () => {
      const text = await readFile(new URL(`${size}.json`, datasetsDir), 'utf8');
      const p = parseProblemText(text);
      expect(p.technicians).toHaveLength(SIZES[size].technicians);
      expect(p.jobs).toHaveLength(SIZES[size].jobs);
      const meta = p.meta as { centre: { lat: number; lon: number }; radiusKm: number };
      expect(dayIssues(p, meta.centre, meta.radiusKm)).toEqual([]);
      // Regenerate: npx tsx -e "import('./packages/sim/src/cli/generate.ts').then(m=>m.generateCommand(['--size','<size>','--seed','1','--out','datasets/<size>.json']))"
      expect(text === problemJsonText(generateDay({ ...SIZES[size], seed: 1 })), `datasets/${size}.json is stale: regenerate it`).toBe(true);
    });
  }
});
