// `truckroll replan <problem> <board.json> <events.json>`: re-plans a day's board for what happened
// and prints who moved (the customers to tell), the emergencies, then the board; `--json` prints
// { board, problem, changes, emergencies, disruption }. The board is checked against the updated
// problem (a violation exits 1).
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { checkBoard } from '../checker/index.ts';
import { parseEvents } from '../live/events.ts';
import { replan } from '../live/replan.ts';
import type { JobChange } from '../live/changes.ts';
import { DateTime } from '../model/problem.ts';
import { parseBoard, parseJsonText } from '../model/parse.ts';
import { clockOf } from '../model/time.ts';
import { formatBoard } from '../report/text.ts';
import { parseCommandLine } from './args.ts';
import { EXIT_FAILURE, EXIT_OK, readProblemFile, readText, reportError } from './io.ts';

export const REPLAN_HELP = `usage: truckroll replan <problem.json> <board.json> <events.json> [options]

Re-plans the board for the events (a JSON array, or { "events": [...] }): job_cancelled,
job_added, job_en_route, job_started, job_finished, job_running_long,
technician_unavailable, technician_position, parts_arrived, window_changed. Prints the
jobs whose technician or ETA window changed, the emergencies, then the new board.

options:
  --json                 print { board, problem, changes, emergencies, disruption } as JSON
  --out FILE             also write the new board JSON to FILE
  --out-problem FILE     also write the updated problem (re-plan the next events from it)
  --locked-horizon MIN   also keep each technician's next stops that start within MIN minutes
  --now TIME             the moment of the re-plan (default: the latest event's time)
  --fill-idle            also fill idle time with open work: a technician with 30+ idle minutes
                         takes a job another can give up, who takes an open job only they can do
                         (made only when the open job pays for the moves)
  -h, --help             this help
`;

const Flags = z.object({
  json: z.boolean().default(false),
  out: z.string().min(1).optional(),
  'out-problem': z.string().min(1).optional(),
  'locked-horizon': z.coerce.number({ error: '--locked-horizon must be minutes' }).min(0, { error: '--locked-horizon must not be negative' }).optional(),
  now: DateTime.optional(),
  'fill-idle': z.boolean().default(false),
});

const place = (p: JobChange['before']) => (p?.technicianId ? `${p.technicianId} ${p.eta ? `${clockOf(p.eta.start)}–${clockOf(p.eta.end)}` : clockOf(p.start!)}` : 'unassigned');

export async function replanCommand(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  try {
    const cl = parseCommandLine(argv, {
      options: { json: { type: 'boolean' }, out: { type: 'string' }, 'out-problem': { type: 'string' }, 'locked-horizon': { type: 'string' }, now: { type: 'string' }, 'fill-idle': { type: 'boolean' } },
      flags: Flags,
      positionals: [3, 3],
      what: 'a problem, a board and an events file',
    });
    if (cl.help) {
      out(REPLAN_HELP);
      return EXIT_OK;
    }
    const [problemPath, boardPath, eventsPath] = cl.positionals as [string, string, string];
    const problem = await readProblemFile(problemPath);
    const board = parseBoard(parseJsonText(await readText(boardPath), `board in ${boardPath}`));
    const raw = parseJsonText(await readText(eventsPath), `events in ${eventsPath}`) as unknown;
    const events = parseEvents(Array.isArray(raw) ? raw : (raw as { events?: unknown } | null)?.events);
    const f = cl.flags;
    const r = await replan(problem, board, events, { ...(f['locked-horizon'] === undefined ? {} : { lockedHorizonMin: f['locked-horizon'] }), ...(f.now ? { now: f.now } : {}), ...(f['fill-idle'] ? { fillIdle: true } : {}) });
    const check = checkBoard(r.problem, r.board);
    if (f.out) await writeFile(f.out, `${JSON.stringify(r.board, null, 2)}\n`);
    if (f['out-problem']) await writeFile(f['out-problem'], `${JSON.stringify(r.problem, null, 2)}\n`);
    if (f.json) out(`${JSON.stringify({ board: r.board, problem: r.problem, changes: r.changes, emergencies: r.emergencies, disruption: r.disruption }, null, 2)}\n`);
    else {
      const lines = [`${events.length} event(s) applied in ${r.board.solver.elapsedMs} ms; ${r.disruption.jobsMoved} planned job(s) moved, ${r.disruption.techniciansTouched} technician(s) touched`];
      for (const c of r.changes) lines.push(`  ${c.jobId.padEnd(10)} ${c.kind.padEnd(11)} ${place(c.before)} -> ${c.kind === 'cancelled' ? 'cancelled' : place(c.after)}${c.notify ? '   (tell the customer)' : ''}`);
      for (const e of r.emergencies) {
        lines.push(
          `  emergency ${e.jobId}: ${e.technicianId ? `${e.technicianId} arrives ${clockOf(e.arrival!)}` : 'nobody can take it'}${e.deadline ? `, deadline ${clockOf(e.deadline)} ${e.onTime ? '(on time)' : '(LATE)'}` : ''}${e.bumped.length ? `; bumped ${e.bumped.join(', ')}` : ''}${e.bestArrival ? `; best possible ${clockOf(e.bestArrival)}${e.wouldBump?.length ? ` bumping ${e.wouldBump.join(', ')}` : ''}` : ''}`,
        );
      }
      out(`${lines.join('\n')}\n\n${formatBoard(r.board, r.problem)}`);
    }
    if (!check.ok) {
      process.stderr.write(`INVALID board: ${check.violations.length} violation(s)\n${check.violations.map((v) => `  [${v.code}] ${v.message}`).join('\n')}\n`);
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  } catch (e) {
    return reportError(e);
  }
}
