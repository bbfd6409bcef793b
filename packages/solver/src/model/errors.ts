// The small typed family of errors Truckroll throws. Infeasibility is data (unassigned reasons),
// never an exception; exceptions are for bad input, the travel model, and internal faults.

export type ErrorKind = 'input' | 'routing' | 'internal';

/** One problem with the input: where (dotted path and RFC 6901 pointer) and why. */
export interface InputIssue {
  /** e.g. `jobs[3].windows[0]` (empty for the whole body) */
  path: string;
  /** e.g. `/jobs/3/windows/0` */
  pointer: string;
  message: string;
  /** stable code, e.g. `invalid_value`, `duplicate_id`, `unknown_reference`, `not_json` */
  code: string;
}

export class TruckrollError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  constructor(kind: ErrorKind, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.kind = kind;
    this.code = code;
  }
}

/** Bad input. `message` lists every issue, one per line, each as `path: reason`. */
export class InputError extends TruckrollError {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[], what = 'problem') {
    super('input', 'invalid_input', `invalid ${what}:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.issues = issues;
  }
}

/** The travel model could not give a time or distance (server down, no route, bad matrix). */
export class TravelError extends TruckrollError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super('routing', code, message, options);
  }
}

export function formatIssue(issue: InputIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** ['jobs', 3, 'windows', 0] -> `jobs[3].windows[0]`; odd keys are quoted: `parts["CAP 45"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (IDENT.test(key)) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** ['jobs', 3, 'a/b'] -> `/jobs/3/a~1b` (RFC 6901). */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((seg) => `/${String(seg).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export function issueAt(path: readonly PropertyKey[], message: string, code: string): InputIssue {
  return { path: formatPath(path), pointer: toPointer(path), message, code };
}
