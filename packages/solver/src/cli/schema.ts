// `truckroll schema [--out DIR]`: writes the JSON Schemas of Problem and Board for other systems.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { boardJsonSchema, problemJsonSchema } from '../model/json-schema.ts';
import { EXIT_OK, reportError } from './io.ts';
import { parseCommandLine } from './args.ts';

export const SCHEMA_HELP = `usage: truckroll schema [--out DIR]

Writes problem.schema.json and board.schema.json (JSON Schema 2020-12) to DIR,
or prints both as one JSON object to stdout.
`;

export async function schemaCommand(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  try {
    const cl = parseCommandLine(argv, { options: { out: { type: 'string' } }, flags: z.object({ out: z.string().min(1, { error: '--out needs a folder' }).optional() }) });
    if (cl.help) {
      out(SCHEMA_HELP);
      return EXIT_OK;
    }
    const dir = cl.flags.out;
    const problem = `${JSON.stringify(problemJsonSchema(), null, 2)}\n`;
    const board = `${JSON.stringify(boardJsonSchema(), null, 2)}\n`;
    if (dir) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'problem.schema.json'), problem);
      await writeFile(join(dir, 'board.schema.json'), board);
      out(`wrote ${join(dir, 'problem.schema.json')} and board.schema.json\n`);
    } else out(`{"problem": ${problem}, "board": ${board}}\n`);
    return EXIT_OK;
  } catch (e) {
    return reportError(e);
  }
}
