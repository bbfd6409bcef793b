// Who may import whom (STYLE.md "Our shape"): the checker imports only the model, the solver
// imports none of our other packages, and api/sim reach the solver only through its public entry.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

describe('package boundaries', () => {
  it('the checker imports only the model (and itself)', () => {
    const dir = join(ROOT, 'packages/solver/src/checker');
    for (const file of sources(dir)) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) {
          expect(['zod', 'vitest', 'fast-check'].includes(spec) || spec.startsWith('node:'), `${relative(ROOT, file)} imports ${spec}`).toBe(true);
          continue;
        }
        const target = relative(join(ROOT, 'packages/solver/src'), resolve(join(file, '..'), spec));
        expect(target.startsWith('checker/') || target.startsWith('model/'), `${relative(ROOT, file)} imports ${spec}`).toBe(true);
      }
    }
  });

  it('the solver imports none of our other packages', () => {
    for (const file of sources(join(ROOT, 'packages/solver/src'))) {
      for (const spec of importsOf(file)) expect(spec.startsWith('@truckroll/'), `${relative(ROOT, file)} imports ${spec}`).toBe(false);
    }
  });

  it('api and sim use only the solver public entry, and sim never imports the api', () => {
    for (const pkg of ['api', 'sim']) {
      for (const file of sources(join(ROOT, 'packages', pkg, 'src'))) {
        for (const spec of importsOf(file)) {
          const where = `${relative(ROOT, file)} imports ${spec}`;
          expect(spec.includes('/solver/src') || /^@truckroll\/solver\/.+/.test(spec), where).toBe(false);
          if (pkg === 'sim') expect(spec.startsWith('@truckroll/api'), where).toBe(false);
        }
      }
    }
  });
});
