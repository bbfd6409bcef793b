// The committed JSON Schemas (packages/solver/schema/) are what the zod schemas generate today,
// and they describe real problems and boards.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardJsonSchema, problemJsonSchema } from './json-schema.ts';

const DIR = resolve(import.meta.dirname, '../../schema');
const committed = (name: string) => JSON.parse(readFileSync(join(DIR, name), 'utf8'));

describe('JSON Schema export', () => {
  it('matches the committed files (regenerate with `pnpm schema`)', () => {
    expect(committed('problem.schema.json')).toEqual(problemJsonSchema());
    expect(committed('board.schema.json')).toEqual(boardJsonSchema());
  });

  it('describes the fields other systems rely on', () => {
    const p = problemJsonSchema() as { properties: Record<string, { items?: { properties?: Record<string, unknown>; required?: string[] } }>; required: string[] };
    expect(p.required).toContain('technicians');
    const job = p.properties.jobs!.items!;
    expect(job.required).toEqual(expect.arrayContaining(['id', 'location', 'durationMin']));
    expect(Object.keys(job.properties!)).toEqual(expect.arrayContaining(['windows', 'priority', 'skills', 'parts', 'earliestStart', 'pinnedTechnician']));
    const lat = (job.properties!.location as { properties: Record<string, { minimum: number; maximum: number }> }).properties.lat!;
    expect([lat.minimum, lat.maximum]).toEqual([-90, 90]);
    const b = boardJsonSchema() as { required: string[] };
    expect(b.required).toEqual(expect.arrayContaining(['routes', 'unassigned', 'kpis', 'cost']));
  });
});
