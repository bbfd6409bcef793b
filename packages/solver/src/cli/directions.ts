// `truckroll directions --osrm URL <problem> <board.json>`: turn-by-turn directions for each
// technician's day from an OSRM server, in plain language (or JSON with GeoJSON per route).
import { z } from 'zod';
import { parseBoard, parseJsonText } from '../model/parse.ts';
import { directionsForBoard, osrmTravelModel } from '../travel/index.ts';
import { parseCommandLine } from './args.ts';
import { EXIT_OK, readProblemFile, readText, reportError } from './io.ts';

export const DIRECTIONS_HELP = `usage: truckroll directions --osrm URL <problem.json> <board.json> [options]

Driving directions for every technician's day on the board (start -> stops -> end),
from an OSRM server's route service, as plain-language instructions per leg.

options:
  --osrm URL       the OSRM server (e.g. http://127.0.0.1:5000)
  --profile NAME   OSRM profile (default driving)
  --language L     language of the instructions (default en)
  --json           print [{ technicianId, directions: { legs, geometry (GeoJSON), … } }]
  -h, --help       this help
`;

const Flags = z.object({
  osrm: z.url({ protocol: /^https?$/, error: '--osrm must be an http(s) URL, e.g. http://127.0.0.1:5000' }),
  profile: z.string().min(1).default('driving'),
  language: z.string().min(2, { error: '--language must be a language code such as en' }).default('en'),
  json: z.boolean().default(false),
});

export async function directionsCommand(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  try {
    const cl = parseCommandLine(argv, {
      options: { osrm: { type: 'string' }, profile: { type: 'string' }, language: { type: 'string' }, json: { type: 'boolean' } },
      flags: Flags,
      positionals: [2, 2],
      what: 'a problem file and a board file',
    });
    if (cl.help) {
      out(DIRECTIONS_HELP);
      return EXIT_OK;
    }
    const [problemPath, boardPath] = cl.positionals as [string, string];
    const problem = await readProblemFile(problemPath);
    const board = parseBoard(parseJsonText(await readText(boardPath), `board in ${boardPath}`));
    const f = cl.flags;
    const days = await directionsForBoard(osrmTravelModel({ url: f.osrm, profile: f.profile }), problem, board, { language: f.language });
    if (f.json) {
      out(`${JSON.stringify(days, null, 2)}\n`);
      return EXIT_OK;
    }
    const km = (m: number) => `${(m / 1000).toFixed(1)} km`;
    const min = (s: number) => `${Math.round(s / 60)} min`;
    for (const { technicianId, directions } of days) {
      out(`${technicianId}: ${km(directions.distanceM)}, ${min(directions.durationSec)} of driving\n`);
      for (const leg of directions.legs) {
        out(`  to ${leg.to} (${km(leg.distanceM)}, ${min(leg.durationSec)}${leg.summary ? `, via ${leg.summary}` : ''})\n`);
        for (const step of leg.steps) out(`    ${step.instruction}${step.distanceM > 0 ? ` (${step.distanceM < 1000 ? `${Math.round(step.distanceM)} m` : km(step.distanceM)})` : ''}\n`);
      }
    }
    return EXIT_OK;
  } catch (e) {
    return reportError(e);
  }
}
