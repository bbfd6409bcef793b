// `truckroll check <problem> <board.json>`: the independent checker; exits 1 on any violation.
import { z } from 'zod';
import { checkBoard } from '../checker/index.ts';
import { parseBoard, parseJsonText } from '../model/parse.ts';
import { EXIT_FAILURE, EXIT_OK, readProblemFile, readText, reportError } from './io.ts';
import { parseCommandLine } from './args.ts';

export const CHECK_HELP = `usage: truckroll check <problem.json | solomon.txt> <board.json> [--json]

Verifies every hard constraint of the board against the problem and recomputes
every KPI from scratch. Exits 0 when the board is valid, 1 on any violation.

options:
  --json       print { ok, violations, kpis, cost } as JSON
  -h, --help   this help
`;

export async function checkCommand(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  try {
    const cl = parseCommandLine(argv, {
      options: { json: { type: 'boolean' } },
      flags: z.object({ json: z.boolean().default(false) }),
      positionals: [2, 2],
      what: 'a problem file and a board file',
    });
    if (cl.help) {
      out(CHECK_HELP);
      return EXIT_OK;
    }
    const [problemPath, boardPath] = cl.positionals as [string, string];
    const problem = await readProblemFile(problemPath);
    const board = parseBoard(parseJsonText(await readText(boardPath), `board in ${boardPath}`));
    const result = checkBoard(problem, board);
    if (cl.flags.json) out(`${JSON.stringify({ ok: result.ok, violations: result.violations, kpis: result.kpis, cost: result.cost }, null, 2)}\n`);
    else {
      const k = result.kpis;
      out(
        result.ok
          ? `valid: ${k.jobsScheduled} jobs scheduled, ${k.jobsUnassigned} unassigned; utilization ${(k.utilization * 100).toFixed(1)}%, drive share ${(k.driveShare * 100).toFixed(1)}%, distance ${k.distanceKm.toFixed(3)} km\n`
          : `INVALID: ${result.violations.length} violation(s)\n${result.violations.map((v) => `  [${v.code}] ${v.message}`).join('\n')}\n`,
      );
    }
    return result.ok ? EXIT_OK : EXIT_FAILURE;
  } catch (e) {
    return reportError(e);
  }
}
