// `truckroll solve <problem.json | solomon.txt>`: solve and print the board (text, or JSON with --json).
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatBoard } from '../report/text.ts';
import { solve } from '../solve.ts';
import { checkBoard } from '../checker/index.ts';
import { OsrmTravel } from '../model/problem.ts';
import { legLookupFor, travelModelFor } from '../travel/index.ts';
import { EXIT_FAILURE, EXIT_OK, readProblemFile, reportError } from './io.ts';
import { parseCommandLine } from './args.ts';

export const SOLVE_HELP = `usage: truckroll solve <problem.json | solomon.txt> [options]

Solves a day and prints the board: per technician the stops, times and drive,
then the KPIs and the unassigned jobs with their reasons.

options:
  --json            print the Board as JSON instead of text
  --out FILE        also write the Board JSON to FILE
  --time-limit S    seconds to search (default: the problem's settings.timeLimitSec)
  --seed N          random seed (default: the problem's settings.seed)
  --solver NAME     engine (default: greedy start, then local search and
                    ruin-and-recreate for the time limit) or greedy (the baseline)
  --threads N       parallel searches on N worker threads, 1..64 (default 1: no
                    worker); thread k uses seed + k and the best board wins
  --quiet           no progress on stderr
  --osrm URL        road travel from an OSRM server (e.g. http://127.0.0.1:5000)
                    instead of the problem's travel settings
  --no-check        skip the independent checker (it runs by default; violations exit 1)
  -h, --help        this help
`;

const Flags = z.object({
  json: z.boolean().default(false),
  out: z.string().min(1).optional(),
  'time-limit': z.coerce.number({ error: '--time-limit must be a number of seconds' }).positive({ error: '--time-limit must be positive' }).optional(),
  seed: z.coerce.number({ error: '--seed must be an integer' }).int({ error: '--seed must be an integer' }).optional(),
  check: z.boolean().default(true),
  solver: z.enum(['engine', 'greedy'], { error: '--solver must be engine or greedy' }).default('engine'),
  quiet: z.boolean().default(false),
  threads: z.coerce
    .number({ error: '--threads must be an integer from 1 to 64' })
    .int({ error: '--threads must be an integer from 1 to 64' })
    .min(1, { error: '--threads must be an integer from 1 to 64' })
    .max(64, { error: '--threads must be an integer from 1 to 64' })
    .default(1),
  osrm: z.url({ protocol: /^https?$/, error: '--osrm must be an http(s) URL, e.g. http://127.0.0.1:5000' }).optional(),
});

export async function solveCommand(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  try {
    const cl = parseCommandLine(argv, {
      options: {
          json: { type: 'boolean' },
          out: { type: 'string' },
          'time-limit': { type: 'string' },
          seed: { type: 'string' },
          check: { type: 'boolean' },
          osrm: { type: 'string' },
          solver: { type: 'string' },
          quiet: { type: 'boolean' },
          threads: { type: 'string' },
      },
      flags: Flags,
      positionals: [1, 1],
      what: 'one problem file',
    });
    if (cl.help) {
      out(SOLVE_HELP);
      return EXIT_OK;
    }
    const problem = await readProblemFile(cl.positionals[0]!);
    const f = cl.flags;
    if (f.osrm) problem.settings.travel = OsrmTravel.parse({ model: 'osrm', url: f.osrm });
    const travel = travelModelFor(problem);
    const progress = !f.quiet && process.stderr.isTTY;
    const board = await solve(problem, {
      travel,
      solver: f.solver,
      threads: f.threads,
      ...(progress ? { onImprove: (e: { cost: number; iteration: number; elapsedMs: number }) => process.stderr.write(`\r  ${(e.elapsedMs / 1000).toFixed(1)} s  iteration ${e.iteration}  cost ${e.cost.toFixed(2)}   `) } : {}),
      ...(f.seed !== undefined ? { seed: f.seed } : {}),
      ...(f['time-limit'] !== undefined ? { timeLimitSec: f['time-limit'] } : {}),
    });
    if (progress) process.stderr.write('\n');
    const json = `${JSON.stringify(board, null, 2)}\n`;
    if (f.out) await writeFile(f.out, json);
    out(f.json ? json : formatBoard(board, problem));
    if (f.check) {
      // road travel cannot be recomputed by the checker: it gets the same (cached) table the solve used
      const legs = problem.settings.travel.model === 'osrm' ? await legLookupFor(travel, problem) : undefined;
      const result = checkBoard(problem, board, legs ? { legs } : {});
      if (!result.ok) {
        process.stderr.write(`checker: ${result.violations.length} violation(s):\n${result.violations.map((v) => `  [${v.code}] ${v.message}`).join('\n')}\n`);
        return EXIT_FAILURE;
      }
    }
    return EXIT_OK;
  } catch (e) {
    return reportError(e);
  }
}
