// Entry points that turn untrusted input (objects or JSON text) into a validated Problem or Board,
// or an InputError listing every issue as `path: reason`. Never a stack trace for bad input.
import type { z } from 'zod';
import { InputError, issueAt, type InputIssue } from './errors.ts';
import { ProblemBase, type Problem } from './problem.ts';
import { problemRuleIssues } from './problem-rules.ts';
import { Board } from './board.ts';

/** Zod issues as InputIssues (`path: reason` with pointers). */
export function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): InputIssue[] {
  return error.issues.map((i) => {
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    else if (i.code === 'invalid_type' && message.includes('received undefined')) message = `required (${message.replace(/^Invalid input: /, '')})`;
    return issueAt([...prefix, ...i.path], message, i.code);
  });
}

/** Parses JSON text, turning an empty body or a syntax error into an InputError. */
export function parseJsonText(text: string, what = 'problem'): unknown {
  if (text.trim() === '') throw new InputError([issueAt([], `empty body: expected a JSON ${what}`, 'empty_body')], what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError([issueAt([], `not JSON: ${(e as Error).message}`, 'not_json')], what);
  }
}

/** Validates a problem object (defaults filled in) or throws InputError with every issue found. */
export function parseProblem(input: unknown): Problem {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InputError([issueAt([], `expected a JSON object with "technicians" and "jobs", got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`, 'invalid_type')]);
  }
  const r = ProblemBase.safeParse(input);
  if (!r.success) throw new InputError(zodIssues(r.error));
  const rules = problemRuleIssues(r.data);
  if (rules.length) throw new InputError(rules.map((i) => issueAt(i.path, i.message, i.code)));
  return r.data;
}

/** `parseProblem` on JSON text. */
export function parseProblemText(text: string): Problem {
  return parseProblem(parseJsonText(text, 'problem'));
}

/** Validates a board's shape (the checker then judges its content against a problem). */
export function parseBoard(input: unknown): z.infer<typeof Board> {
  const r = Board.safeParse(input);
  if (!r.success) throw new InputError(zodIssues(r.error), 'board');
  return r.data;
}
