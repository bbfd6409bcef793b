// JSON Schema (draft 2020-12) of the wire Problem and Board, for other systems. Generated from
// the zod schemas; cross-field rules (ids, references, time order) are described, not encoded.
import { z } from 'zod';
import { Board } from './board.ts';
import { ProblemBase } from './problem.ts';

export function problemJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ProblemBase, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://truckroll.dev/schema/problem.schema.json',
    title: 'Truckroll Problem',
    description:
      'A day to plan: technicians, jobs, supply houses, parts, settings. Beyond this schema: ids are unique, ' +
      'references name known technicians, parts and supply houses, every window and shift ends after it starts, ' +
      'and with settings.travel.model = "matrix" every location has a matrixIndex into matrix.',
  };
}

export function boardJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Board, { io: 'output', unrepresentable: 'any' }),
    $id: 'https://truckroll.dev/schema/board.schema.json',
    title: 'Truckroll Board',
    description: 'A dispatch board: routes with timed stops per technician, unassigned jobs with reasons, KPIs and cost.',
  };
}
