// osrm-text-instructions is loaded only when directions are asked for: importing the solver (as a
// worker does) leaves it unloaded. Then the compiler on single steps, and what it cannot phrase.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileInstruction } from './instructions.ts';

const run = promisify(execFile);

/** Imports `module` in a fresh Node (through tsx), optionally calls `call`, and says whether the package got loaded. */
async function loadsOti(module: string, call = ''): Promise<boolean> {
  const script = `
    import { createRequire } from 'node:module';
    const m = await import(${JSON.stringify(module)});
    ${call}
    const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('osrm-text-instructions'));
    process.stdout.write(String(loaded));
  `;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('.', import.meta.url)) });
  return stdout === 'true';
}

describe('loading osrm-text-instructions', () => {
  it('is not loaded by importing the solver, its travel models or the directions module', async () => {
    expect(await loadsOti(fileURLToPath(new URL('../../index.ts', import.meta.url)))).toBe(false);
    expect(await loadsOti(fileURLToPath(new URL('./index.ts', import.meta.url)))).toBe(false);
  });

  it('is loaded on the first instruction', async () => {
    const call = `m.compileInstruction({ maneuver: { type: 'depart' } }, { language: 'en', legIndex: 0, legCount: 1, onWarning: () => {} });`;
    expect(await loadsOti(fileURLToPath(new URL('./instructions.ts', import.meta.url)), call)).toBe(true);
  });
});

describe('compileInstruction', () => {
  const opts = (warnings: string[] = []) => ({ language: 'en', legIndex: 0, legCount: 2, onWarning: (m: string) => warnings.push(m) });

  it('phrases steps as osrm-text-instructions does', () => {
    expect(compileInstruction({ name: 'CG-2', maneuver: { type: 'turn', modifier: 'right' } }, opts())).toBe('Turn right onto CG-2');
    expect(compileInstruction({ name: '', maneuver: { type: 'arrive', modifier: 'left' } }, opts())).toBe('You have arrived at your 1st destination, on the left');
    expect(compileInstruction({ name: '', maneuver: { type: 'arrive' } }, { ...opts(), waypointName: 'job J-12' })).toBe('You have arrived at job J-12');
  });

  it('never throws: a step it cannot phrase gets a plain sentence and a warning', () => {
    const warnings: string[] = [];
    expect(compileInstruction({ name: 'Landstrasse', maneuver: { type: 'merge' } }, opts(warnings))).toBe('Continue on Landstrasse');
    expect(compileInstruction({ maneuver: { type: '' } }, opts(warnings))).toBe('Continue');
    expect(warnings).toHaveLength(2);
  });
});
