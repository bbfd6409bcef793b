// Reading a scenario file: JSON text -> a checked Scenario, or a ScenarioError listing every
// problem as "path: reason" (e.g. `disruptions.cancellationRate: must be within [0, 1] (got 1.5)`),
// never a stack trace. Cross-field rules (ranges given as [min, max], clock order) live here.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { Scenario, type ScenarioInput } from './schema.ts';

export interface ScenarioIssue {
  /** Where, as a dotted path with [index] for arrays ("calls.responseMin[1]"); "(scenario)" for the whole file. */
  path: string;
  message: string;
}

/** Bad scenario input: every issue found, each naming its place. */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];
  readonly source: string | undefined;
  constructor(issues: ScenarioIssue[], source?: string) {
    super(`invalid scenario${source ? ` in ${source}` : ''}:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ScenarioError';
    this.issues = issues;
    this.source = source;
  }
}

/** "a.b[2].c" from a zod path. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? String(k) : `.${String(k)}`;
  return out === '' ? '(scenario)' : out;
}

function issuesOf(error: z.ZodError): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const i of error.issues) {
    if (i.code === 'unrecognized_keys') {
      for (const key of i.keys) out.push({ path: pathText([...i.path, key]), message: 'unknown field (check its spelling; see packages/sim/src/scenario/schema.ts)' });
    } else if (i.code === 'invalid_type' && /received undefined/.test(i.message)) {
      out.push({ path: pathText(i.path), message: `required (expected ${i.expected})` });
    } else out.push({ path: pathText(i.path), message: i.message });
  }
  return out;
}

function crossFieldIssues(s: Scenario): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const [lo, hi] = s.disruptions.partsLateMin;
  if (lo > hi) out.push({ path: 'disruptions.partsLateMin', message: `[min, max] is reversed: ${lo} > ${hi}` });
  if (s.calls.lastServiceCall < 7 * 60 || s.calls.lastServiceCall > 17 * 60) out.push({ path: 'calls.lastServiceCall', message: 'must lie within 07:00–17:00' });
  if (s.calls.lastEmergencyCall < s.calls.lastServiceCall) out.push({ path: 'calls.lastEmergencyCall', message: 'must not be before calls.lastServiceCall' });
  if (s.day.windowsOpen < 6 * 60 || s.day.windowsOpen > 8 * 60) out.push({ path: 'day.windowsOpen', message: 'must lie within 06:00–08:00 (the generator books from 08:00)' });
  if (s.booked.jobs === 0 && s.calls.servicePerTechnician === 0 && s.calls.emergencyPerTechnician === 0) {
    out.push({ path: 'booked.jobs', message: 'the day has no work at all: book some jobs or expect some calls' });
  }
  return out;
}

/** Checks a parsed JSON value; throws ScenarioError naming every problem. */
export function parseScenario(input: unknown, source?: string): Scenario {
  const r = Scenario.safeParse(input);
  if (!r.success) throw new ScenarioError(issuesOf(r.error), source);
  const cross = crossFieldIssues(r.data);
  if (cross.length) throw new ScenarioError(cross, source);
  return r.data;
}

/** JSON text -> Scenario; a JSON syntax error is reported as one issue at "(scenario)". */
export function parseScenarioText(text: string, source?: string): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError([{ path: '(scenario)', message: `not valid JSON: ${(e as Error).message}` }], source);
  }
  return parseScenario(value, source);
}

/** Reads and checks a scenario file. A missing file is a ScenarioError too. */
export async function readScenarioFile(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ScenarioError([{ path: '(scenario)', message: `cannot read the file: ${(e as Error).message}` }], file);
  }
  return parseScenarioText(text, file);
}

/** A scenario with one or more fields replaced (sweeps): re-parsed, so an override out of range fails the same way. */
export function withOverrides(s: Scenario, patch: (input: ScenarioInput) => void): Scenario {
  const input = structuredClone(s) as unknown as ScenarioInput;
  patch(input);
  return parseScenario(scenarioInputOf(input));
}

/** A parsed scenario in its file form (clock times as "HH:MM"): parses back to the same scenario. */
export function scenarioJson(s: Scenario): ScenarioInput {
  return scenarioInputOf(structuredClone(s) as unknown as ScenarioInput);
}

/** Turns parsed clock minutes back into "HH:MM" so a parsed scenario parses again. */
function scenarioInputOf(s: ScenarioInput): ScenarioInput {
  const clock = (o: Record<string, unknown> | undefined, keys: string[]) => {
    for (const k of keys) {
      const v = o?.[k];
      if (typeof v === 'number') o![k] = `${String(Math.floor(v / 60)).padStart(2, '0')}:${String(v % 60).padStart(2, '0')}`;
    }
  };
  clock(s.calls as Record<string, unknown> | undefined, ['lastServiceCall', 'lastEmergencyCall']);
  clock(s.day as Record<string, unknown> | undefined, ['windowsOpen']);
  return s;
}
