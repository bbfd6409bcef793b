// `truckroll schema [--out DIR]`: writes the JSON Schemas of Problem and Board for other systems.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { boardJsonSchema, problemJsonSchema } from '../model/json-schema.ts';
import { EXIT_OK, reportError, UsageError } from './io.ts';

export const SCHEMA_HELP = `usage: truckroll schema [--out DIR]

Writes problem.schema.json and board.schema.json (JSON Schema 2020-12) to DIR,
or prints both as one JSON object to stdout.
`;

export async function schemaCommand(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, strict: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (parsed.values.help) {
      out(SCHEMA_HELP);
      return EXIT_OK;
    }
    const problem = `${JSON.stringify(problemJsonSchema(), null, 2)}\n`;
    const board = `${JSON.stringify(boardJsonSchema(), null, 2)}\n`;
    if (parsed.values.out) {
      await mkdir(parsed.values.out, { recursive: true });
      await writeFile(join(parsed.values.out, 'problem.schema.json'), problem);
      await writeFile(join(parsed.values.out, 'board.schema.json'), board);
      out(`wrote ${join(parsed.values.out, 'problem.schema.json')} and board.schema.json\n`);
    } else out(`{"problem": ${problem}, "board": ${board}}\n`);
    return EXIT_OK;
  } catch (e) {
    return reportError(e);
  }
}
