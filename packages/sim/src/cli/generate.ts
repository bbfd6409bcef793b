// `truckroll generate`: writes a seeded contractor day (generateDay) as JSON to a file or stdout.
// Exit codes: 0 written (or --help), 1 the file could not be written, 2 a usage error, whose
// message names the flag. Output is 2-space JSON with a trailing newline (problemJsonText).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CITY_NAMES, type CityName } from '../generate/cities.ts';
import { GenerateOptions, IsoDate, SIZE_NAMES, SIZES, UtcOffset, generateDay, problemJsonText, type SizeName } from '../generate/day.ts';

export const GENERATE_USAGE = `Usage: truckroll generate (--size small|medium|large | --technicians N --jobs N) [options]

Writes a seeded, realistic day of an HVAC / plumbing / electrical shop as problem JSON.
The same options always give the same bytes.

  --size NAME              small (8 technicians, 50 jobs), medium (30, 250) or large (100, 1000)
  --technicians N          technicians on shift (1–2000), with --jobs instead of --size
  --jobs N                 jobs booked (0–50000), with --technicians instead of --size
  --seed N                 seed of every random choice (default 1)
  --city NAME              ${CITY_NAMES.join(', ')} (default denver)
  --date YYYY-MM-DD        the working day (default 2026-01-13)
  --utc-offset ±HH:MM      offset written on every time (default: the city's on that date)
  --radius-km KM           service-area radius (default grows mildly with size, 12 km for 8 technicians)
  --emergency-share X      share of jobs that are emergencies, 0–0.5 (default 0.04)
  --load X                 target Σ job minutes / Σ net shift minutes (default 0.6)
  --out FILE               write here instead of stdout
  -h, --help               print this help

Example: truckroll generate --size small --seed 1 --out datasets/small.json
`;

/** Where the command writes; tests pass their own. Writes resolve once the text is handed off. */
export interface CommandIo {
  stdout: (text: string) => Promise<void> | void;
  stderr: (text: string) => Promise<void> | void;
}

const write = (stream: NodeJS.WriteStream) => (text: string) =>
  new Promise<void>((resolve, reject) => stream.write(text, (err) => (err ? reject(err) : resolve())));
const processIo: CommandIo = { stdout: write(process.stdout), stderr: write(process.stderr) };

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: (i) => `expected a whole number from ${min} to ${max}, got "${String(i.input)}"` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: (i) => `expected a whole number from ${min} to ${max}, got ${String(i.input)}` });

const decimal = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, { error: (i) => `expected a number from ${min} to ${max}, got "${String(i.input)}"` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: (i) => `expected a number from ${min} to ${max}, got ${String(i.input)}` });

/** The flags as parseArgs returns them (strings), checked and converted one by one. */
const Flags = z.object({
  size: z.enum(SIZE_NAMES as [SizeName, ...SizeName[]], { error: (i) => `expected one of ${SIZE_NAMES.join(', ')}, got "${String(i.input)}"` }).optional(),
  technicians: wholeNumber(1, 2000).optional(),
  jobs: wholeNumber(0, 50_000).optional(),
  seed: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  city: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(CITY_NAMES as [CityName, ...CityName[]], { error: (i) => `unknown city "${String(i.input)}"; known: ${CITY_NAMES.join(', ')}` }))
    .optional(),
  date: IsoDate.optional(),
  'utc-offset': UtcOffset.optional(),
  'radius-km': decimal(2, 200).optional(),
  'emergency-share': decimal(0, 0.5).optional(),
  load: decimal(0.1, 3).optional(),
  out: z.string().min(1, { error: 'expected a file path' }).optional(),
  help: z.boolean().optional(),
});

class UsageError extends Error {}

/** Reads argv into generateDay options (and the output path), or throws UsageError naming the flag. */
export function parseGenerateArgs(argv: string[]): { help: true } | { help: false; options: GenerateOptions; out?: string } {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        size: { type: 'string' },
        technicians: { type: 'string' },
        jobs: { type: 'string' },
        seed: { type: 'string' },
        city: { type: 'string' },
        date: { type: 'string' },
        'utc-offset': { type: 'string' },
        'radius-km': { type: 'string' },
        'emergency-share': { type: 'string' },
        load: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help === true) return { help: true };
  const r = Flags.safeParse(values);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'));
  const f = r.data;

  let size: { technicians: number; jobs: number };
  if (f.size !== undefined) {
    if (f.technicians !== undefined || f.jobs !== undefined) throw new UsageError(`--size: give either --size or --technicians and --jobs, not both`);
    size = SIZES[f.size];
  } else if (f.technicians !== undefined && f.jobs !== undefined) size = { technicians: f.technicians, jobs: f.jobs };
  else if (f.technicians !== undefined) throw new UsageError('--jobs: required with --technicians');
  else if (f.jobs !== undefined) throw new UsageError('--technicians: required with --jobs');
  else throw new UsageError('--size: required (small, medium or large), or give --technicians N and --jobs N');

  const options: GenerateOptions = { ...size };
  if (f.seed !== undefined) options.seed = f.seed;
  if (f.city !== undefined) options.city = f.city;
  if (f.date !== undefined) options.date = f.date;
  if (f['utc-offset'] !== undefined) options.utcOffset = f['utc-offset'];
  if (f['radius-km'] !== undefined) options.radiusKm = f['radius-km'];
  if (f['emergency-share'] !== undefined) options.emergencyShare = f['emergency-share'];
  if (f.load !== undefined) options.loadFactor = f.load;
  return f.out === undefined ? { help: false, options } : { help: false, options, out: f.out };
}

/** Runs `truckroll generate` with the arguments after the command name; resolves to the exit code. */
export async function generateCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  let parsed: ReturnType<typeof parseGenerateArgs>;
  try {
    parsed = parseGenerateArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    await io.stderr(`truckroll generate: ${e.message}\nRun "truckroll generate --help" for usage.\n`);
    return 2;
  }
  if (parsed.help) {
    await io.stdout(GENERATE_USAGE);
    return 0;
  }

  const problem = generateDay(parsed.options);
  const text = problemJsonText(problem);
  if (parsed.out === undefined) {
    await io.stdout(text);
    return 0;
  }
  try {
    await mkdir(dirname(parsed.out), { recursive: true });
    await writeFile(parsed.out, text);
  } catch (e) {
    await io.stderr(`truckroll generate: --out: cannot write "${parsed.out}": ${(e as Error).message}\n`);
    return 1;
  }
  const meta = problem.meta as { serviceDemandMin: number; shiftCapacityMin: number; demandCapacityRatio: number };
  await io.stderr(
    `wrote ${parsed.out}: ${problem.technicians.length} technicians, ${problem.jobs?.length ?? 0} jobs, ` +
      `${problem.supplyHouses?.length ?? 0} supply houses; service ${meta.serviceDemandMin} min / net shift ${meta.shiftCapacityMin} min = ${meta.demandCapacityRatio}\n`,
  );
  return 0;
}
