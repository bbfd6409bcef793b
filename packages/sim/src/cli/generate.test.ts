// Tests of `truckroll generate`: output bytes, --out, --help, and usage errors (exit 2) naming the flag.
import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProblemText } from '@truckroll/solver';
import { SIZES, generateDay, problemJsonText } from '../generate/day.ts';
import { generateCommand } from './generate.ts';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await generateCommand(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('truckroll generate', () => {
  it('writes the preset day to stdout as 2-space JSON with a trailing newline', async () => {
    const r = await run('--size', 'small', '--seed', '1');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(problemJsonText(generateDay({ ...SIZES.small, seed: 1 })));
    expect(r.stdout.startsWith('{\n  "version": 1,')).toBe(true);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  it('takes explicit counts, a city (any case), a date and the other knobs', async () => {
    const r = await run('--technicians', '3', '--jobs', '7', '--city', 'Phoenix', '--date', '2026-07-14', '--seed', '9', '--radius-km', '15.5', '--emergency-share', '0.2', '--load', '0.8');
    expect(r.code).toBe(0);
    const p = parseProblemText(r.stdout);
    expect(p.technicians).toHaveLength(3);
    expect(p.jobs).toHaveLength(7);
    expect(p.technicians[0]!.shift.start).toMatch(/^2026-07-14T0\d:\d\d:00-07:00$/);
    expect(p.meta).toMatchObject({ city: 'phoenix', seed: 9, radiusKm: 15.5, emergencyShare: 0.2, loadFactor: 0.8 });
    expect(r.stdout).toBe(problemJsonText(generateDay({ technicians: 3, jobs: 7, city: 'phoenix', date: '2026-07-14', seed: 9, radiusKm: 15.5, emergencyShare: 0.2, loadFactor: 0.8 })));
  });

  it('writes --out (creating its folder) and reports the demand/capacity ratio on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'truckroll-generate-'));
    const out = join(dir, 'nested', 'day.json');
    const r = await run('--size', 'small', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wrote .*day\.json: 8 technicians, 50 jobs, 2 supply houses; service \d+ min \/ net shift \d+ min = 0\.\d+\n$/);
    expect(await readFile(out, 'utf8')).toBe(problemJsonText(generateDay(SIZES.small)));
  });

  it('exits 1 naming --out when the file cannot be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'truckroll-generate-'));
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const r = await run('--size', 'small', '--out', join(file, 'day.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^truckroll generate: --out: cannot write/);
  });

  it('prints usage for --help and -h, even beside other flags', async () => {
    for (const argv of [['--help'], ['-h'], ['--size', 'nope', '--help']]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: truckroll generate \(--size small\|medium\|large \| --technicians N --jobs N\)/);
      expect(r.stdout).toContain('--out FILE');
    }
  });

  const usageErrors: [string[], RegExp][] = [
    [[], /--size: required/],
    [['--size', 'huge'], /--size: expected one of small, medium, large, got "huge"/],
    [['--size', 'small', '--jobs', '3'], /--size: give either --size or --technicians and --jobs, not both/],
    [['--technicians', '5'], /--jobs: required with --technicians/],
    [['--jobs', '5'], /--technicians: required with --jobs/],
    [['--technicians', 'abc', '--jobs', '5'], /--technicians: expected a whole number from 1 to 2000, got "abc"/],
    [['--technicians', '0', '--jobs', '5'], /--technicians: expected a whole number from 1 to 2000, got 0/],
    [['--size', 'small', '--seed', '1.5'], /--seed: expected a whole number/],
    [['--size', 'small', '--city', 'gotham'], /--city: unknown city "gotham"; known: denver, /],
    [['--size', 'small', '--date', '2026-02-30'], /--date: "2026-02-30" is not a calendar date/],
    [['--size', 'small', '--utc-offset', '7'], /--utc-offset: "7" is not a UTC offset/],
    [['--size', 'small', '--emergency-share', '0.9'], /--emergency-share: expected a number from 0 to 0.5, got 0.9/],
    [['--size', 'small', '--radius-km', 'far'], /--radius-km: expected a number/],
    [['--size', 'small', '--bogus'], /--bogus/],
    [['--size', 'small', 'extra'], /extra/],
    [['--size'], /--size/],
  ];
  for (const [argv, message] of usageErrors) {
    it(`exits 2 for: ${argv.join(' ') || '(no arguments)'}`, async () => {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^truckroll generate: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('Run "truckroll generate --help" for usage.');
    });
  }
});
