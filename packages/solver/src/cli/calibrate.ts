// `truckroll calibrate --osrm URL <problem.json>`: fits the great-circle travel settings (circuity,
// speedKmh, legOverheadSec) to an OSRM server's drive times over the problem's places, and prints
// them as JSON to paste into settings.travel, with the relative error before and after.
import { z } from 'zod';
import type { Location } from '../model/problem.ts';
import { calibrate, type Calibration } from '../travel/osrm/calibrate.ts';
import { problemLocationLabels } from '../travel/osrm/labels.ts';
import { osrmTravelModel } from '../travel/osrm/table.ts';
import { EXIT_OK, readProblemFile, reportError } from './io.ts';
import { parseCommandLine } from './args.ts';

export const CALIBRATE_HELP = `usage: truckroll calibrate --osrm URL <problem.json> [options]

Asks an OSRM server for the drive times between the problem's places (technicians'
starts and ends, jobs, supply houses), fits the built-in great-circle estimate to
them (duration = great-circle distance × circuity / speed + overhead per leg) and
prints the fitted settings as JSON, ready to paste into settings.travel, with the
median and 90th-percentile relative error of the current settings and of the fit.

options:
  --osrm URL            the OSRM server root (required), e.g. http://localhost:5000
  --profile NAME        OSRM profile (default driving)
  --sample N            fit on at most N ordered pairs of places, drawn at random (default 2000)
  --seed N              seed of that draw (default 1)
  --max-table-size N    the server's --max-table-size (default 100)
  --timeout-ms N        limit per OSRM request, milliseconds (default 30000)
  --json                print one JSON object: { travel, locations, pairs, before, after }
  -h, --help            this help
`;

const whole = (flag: string, min: number) =>
  z.coerce
    .number({ error: `${flag} must be a whole number` })
    .int({ error: `${flag} must be a whole number` })
    .min(min, { error: `${flag} must be at least ${min}` });

const Flags = z.object({
  osrm: z.url({
    protocol: /^https?$/,
    error: (issue) => (issue.input === undefined ? '--osrm URL is required (the OSRM server root, e.g. http://localhost:5000)' : '--osrm must be an http(s) URL, e.g. http://localhost:5000'),
  }),
  profile: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, { error: '--profile may hold only letters, digits, "_", "-" and "."' })
    .default('driving'),
  sample: whole('--sample', 2).default(2000),
  seed: whole('--seed', -(2 ** 31)).default(1),
  'max-table-size': whole('--max-table-size', 1).default(100),
  'timeout-ms': whole('--timeout-ms', 1).default(30_000),
  json: z.boolean().default(false),
});

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const describe = (s: { circuity: number; speedKmh: number; legOverheadSec: number }) => `${s.circuity} × great-circle at ${s.speedKmh} km/h + ${s.legOverheadSec} s`;

function formatText(c: Calibration, url: string, profile: string): string {
  const rows = [
    ['before', describe(c.baseline.settings), pct(c.baseline.errors.median), pct(c.baseline.errors.p90)],
    ['after', describe(c.settings), pct(c.fitted.median), pct(c.fitted.p90)],
  ];
  const w = [0, 1].map((k) => Math.max(...rows.map((r) => r[k]!.length)));
  const line = (r: string[]) => `  ${r[0]!.padEnd(w[0]!)}  ${r[1]!.padEnd(w[1]!)}  ${r[2]!.padStart(6)}  ${r[3]!.padStart(6)}`;
  const better = c.fitted.median <= c.baseline.errors.median && c.fitted.p90 <= c.baseline.errors.p90;
  return [
    `calibrated on ${c.fitted.pairs.toLocaleString('en-US')} pairs of ${c.locations} places against OSRM ${url} (profile ${profile})`,
    ...(c.unreachablePairs > 0 ? [`${c.unreachablePairs} pairs have no route in OSRM and were left out`] : []),
    '',
    `  ${'relative error of drive times'.padEnd(w[0]! + 2 + w[1]!)}  ${'median'.padStart(6)}  ${'p90'.padStart(6)}`,
    line(rows[0]!),
    line(rows[1]!),
    ...(better ? [] : ['', 'note: the fit does not beat the current settings on both figures: drive times here follow great-circle distance loosely (winding roads); keep the current settings, or solve with OSRM']),
    '',
    'settings.travel:',
    JSON.stringify(c.settings, null, 2),
    '',
  ].join('\n');
}

export async function calibrateCommand(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  try {
    const cl = parseCommandLine(argv, {
      options: {
          osrm: { type: 'string' },
          profile: { type: 'string' },
          sample: { type: 'string' },
          seed: { type: 'string' },
          'max-table-size': { type: 'string' },
          'timeout-ms': { type: 'string' },
          json: { type: 'boolean' },
      },
      flags: Flags,
      positionals: [1, 1],
      what: 'one problem file',
    });
    if (cl.help) {
      out(CALIBRATE_HELP);
      return EXIT_OK;
    }
    const f = cl.flags;
    const problem = await readProblemFile(cl.positionals[0]!);
    const locations: Location[] = [
      ...problem.technicians.flatMap((t) => (t.end ? [t.start, t.end] : [t.start])),
      ...problem.jobs.map((j) => j.location),
      ...problem.supplyHouses.map((h) => h.location),
    ];
    const labelOf = problemLocationLabels(problem);
    const model = osrmTravelModel({
      url: f.osrm,
      profile: f.profile,
      maxTableSize: f['max-table-size'],
      timeoutMs: f['timeout-ms'],
      cache: false,
      labelOf,
      onWarning: (m) => err(`warning: ${m}\n`),
    });
    const t = problem.settings.travel;
    const baseline = t.model === 'greatCircle' ? { circuity: t.circuity, speedKmh: t.speedKmh, legOverheadSec: t.legOverheadSec } : undefined;
    const c = await calibrate(locations, model, { sample: f.sample, seed: f.seed, ...(baseline ? { baseline } : {}) });
    if (f.json) {
      const result = {
        travel: c.settings,
        locations: c.locations,
        pairs: c.fitted.pairs,
        unreachablePairs: c.unreachablePairs,
        before: { travel: { model: 'greatCircle', ...c.baseline.settings }, medianRelError: c.baseline.errors.median, p90RelError: c.baseline.errors.p90 },
        after: { medianRelError: c.fitted.median, p90RelError: c.fitted.p90 },
      };
      out(`${JSON.stringify(result, null, 2)}\n`);
    } else out(formatText(c, f.osrm, f.profile));
    return EXIT_OK;
  } catch (e) {
    return reportError(e, err);
  }
}
