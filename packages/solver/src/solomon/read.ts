// Reads Solomon's VRPTW text format into a wire problem (pure: no file system).
// Fixed mapping others rely on: 1 time unit = 1 s from 2000-01-01T00:00:00Z, an explicit matrix of
// exact Euclidean distances (time = distance), node k at matrixIndex k, customer k -> job id "k".
import { InputError, issueAt, type InputIssue } from '../model/errors.ts';
import type { ProblemInput } from '../model/problem.ts';
import { formatIso } from '../model/time.ts';

/** Wall-clock time of Solomon time 0, ISO 8601. */
export const SOLOMON_BASE_ISO = '2000-01-01T00:00:00Z';
/** Epoch milliseconds of Solomon time 0. */
export const SOLOMON_BASE_MS = Date.parse(SOLOMON_BASE_ISO);
/** Resolution of the compiled instance for Solomon problems, seconds (1/1000 time unit). */
export const SOLOMON_TIME_RESOLUTION_SEC = 0.001;
/** Cost of leaving a Solomon customer unserved (any priority): far above any route's distance. */
export const SOLOMON_UNASSIGNED_COST = 1e6;

/** ISO date-time of a Solomon time (seconds from the base time). */
export function solomonTimeIso(timeUnits: number): string {
  return formatIso(SOLOMON_BASE_MS + timeUnits * 1000, 0);
}

/** One row of the CUSTOMER table, as written (customer 0 is the depot). */
export interface SolomonRow {
  /** 1-based line number in the text */
  line: number;
  cust: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

/** The text's content before mapping to the wire model. */
export interface SolomonInstance {
  name: string;
  fleet: number;
  capacity: number;
  /** rows[k] is customer k; rows[0] is the depot */
  rows: SolomonRow[];
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Row problems reported before giving up (a wrong file can have thousands). */
const MAX_ISSUES = 50;
const COLUMNS = ['cust no', 'x', 'y', 'demand', 'ready time', 'due date', 'service time'] as const;

interface Line {
  /** 1-based */
  no: number;
  text: string;
}

class Lines {
  private readonly lines: Line[];
  private pos = 0;
  constructor(text: string) {
    this.lines = text.split(/\r\n|\r|\n/).map((t, i) => ({ no: i + 1, text: t.trim() }));
  }
  /** The next non-blank line (without consuming it), or undefined at the end. */
  peek(): Line | undefined {
    while (this.pos < this.lines.length && this.lines[this.pos]!.text === '') this.pos++;
    return this.lines[this.pos];
  }
  next(): Line | undefined {
    const l = this.peek();
    if (l) this.pos++;
    return l;
  }
  /** Line number just past the last line (for "unexpected end" messages). */
  get endNo(): number {
    return this.lines.length;
  }
}

function fail(issues: InputIssue[], name: string | undefined): never {
  throw new InputError(issues, name ? `Solomon instance "${name}"` : 'Solomon instance');
}

function issue(lineNo: number, message: string, code: string): InputIssue {
  return issueAt([], `line ${lineNo}: ${message}`, code);
}

function show(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function isNumeric(text: string): boolean {
  return text.split(/\s+/).every((t) => NUMBER.test(t));
}

/**
 * Parses the Solomon text into its rows. Throws InputError listing every problem found, each
 * message starting with `line N:`. O(lines).
 */
export function parseSolomonText(text: string, name?: string): SolomonInstance {
  const lines = new Lines(text);
  const expectKeyword = (keyword: string, after: string): void => {
    const l = lines.next();
    if (!l) fail([issue(lines.endNo, `unexpected end of text: expected "${keyword}" after ${after}`, 'missing_section')], name);
    if (l.text.toUpperCase() !== keyword) fail([issue(l.no, `expected "${keyword}" after ${after}, got ${show(l.text)}`, 'missing_section')], name);
  };

  const nameLine = lines.next();
  if (!nameLine) fail([issue(1, 'empty text: expected a Solomon instance (a name line, then VEHICLE and CUSTOMER sections)', 'empty')], name);
  if (nameLine.text.toUpperCase() === 'VEHICLE') fail([issue(nameLine.no, 'expected the instance name before "VEHICLE"', 'missing_section')], name);
  const instanceName = name ?? nameLine.text;

  expectKeyword('VEHICLE', 'the name line');
  let l = lines.next();
  if (l && !isNumeric(l.text)) {
    if (!/NUMBER/i.test(l.text) || !/CAPACITY/i.test(l.text)) fail([issue(l.no, `expected the header "NUMBER CAPACITY", got ${show(l.text)}`, 'missing_section')], instanceName);
    l = lines.next();
  }
  if (!l) fail([issue(lines.endNo, 'unexpected end of text: expected the vehicle number and capacity', 'missing_section')], instanceName);
  const fleetTokens = l.text.split(/\s+/);
  if (fleetTokens.length !== 2 || !isNumeric(l.text)) {
    fail([issue(l.no, `expected two numbers (vehicle number, capacity), got ${show(l.text)}`, 'bad_row')], instanceName);
  }
  const fleet = Number(fleetTokens[0]);
  const capacity = Number(fleetTokens[1]);
  const head: InputIssue[] = [];
  if (!Number.isInteger(fleet) || fleet < 1) head.push(issue(l.no, `vehicle number must be a whole number of at least 1 (got ${fleetTokens[0]})`, 'bad_value'));
  if (!Number.isFinite(capacity) || capacity < 0) head.push(issue(l.no, `capacity must not be negative (got ${fleetTokens[1]})`, 'bad_value'));
  if (head.length) fail(head, instanceName);

  expectKeyword('CUSTOMER', 'the vehicle section');
  const header = lines.peek();
  if (header && !isNumeric(header.text)) {
    if (!/^CUST/i.test(header.text)) fail([issue(header.no, `expected the customer table header "CUST NO. XCOORD. ...", got ${show(header.text)}`, 'missing_section')], instanceName);
    lines.next();
  }

  const rows: SolomonRow[] = [];
  const issues: InputIssue[] = [];
  // `k` counts table lines, bad ones included, so one bad line does not misnumber the rest.
  for (let row = lines.next(), k = 0; row; row = lines.next(), k++) {
    if (issues.length >= MAX_ISSUES) {
      issues.push(issue(row.no, `stopped reading here after ${MAX_ISSUES} problems`, 'too_many_issues'));
      break;
    }
    const tokens = row.text.split(/\s+/);
    if (tokens.length !== COLUMNS.length) {
      issues.push(issue(row.no, `expected ${COLUMNS.length} numbers (${COLUMNS.join(', ')}), got ${tokens.length}: ${show(row.text)}`, 'bad_row'));
      continue;
    }
    const bad = tokens.findIndex((t) => !NUMBER.test(t));
    if (bad >= 0) {
      issues.push(issue(row.no, `${COLUMNS[bad]} ${show(tokens[bad]!)} is not a number`, 'bad_value'));
      continue;
    }
    const [cust, x, y, demand, ready, due, service] = tokens.map(Number) as [number, number, number, number, number, number, number];
    if (cust !== k) issues.push(issue(row.no, `expected customer ${k}, got ${tokens[0]} (customers must be numbered 0, 1, 2, … in order; 0 is the depot)`, 'bad_order'));
    if (Math.abs(x) > 180_000 || Math.abs(y) > 90_000) issues.push(issue(row.no, `coordinates (${x}, ${y}) are out of range (|x| ≤ 180000, |y| ≤ 90000)`, 'bad_value'));
    if (demand < 0) issues.push(issue(row.no, `demand must not be negative (got ${demand})`, 'bad_value'));
    if (service < 0) issues.push(issue(row.no, `service time must not be negative (got ${service})`, 'bad_value'));
    if (ready < 0) issues.push(issue(row.no, `ready time must not be negative (got ${ready})`, 'bad_value'));
    if (due < ready) issues.push(issue(row.no, `due date ${due} is before ready time ${ready}`, 'bad_order'));
    else if (k === 0 && due === ready) issues.push(issue(row.no, `the depot's due date must be after its ready time (both ${ready}): it is the vehicles' whole day`, 'bad_order'));
    rows.push({ line: row.no, cust: k, x, y, demand, ready, due, service });
  }
  if (rows.length === 0 && issues.length === 0) issues.push(issue(lines.endNo, 'the customer table is empty: expected at least the depot (customer 0)', 'empty'));
  if (issues.length) fail(issues, instanceName);
  return { name: instanceName, fleet, capacity, rows };
}

/**
 * Exact double-precision Euclidean distances between all nodes, row-major nested arrays.
 * `Math.sqrt(dx * dx + dy * dy)` exactly (not `Math.hypot`, which may differ in the last bit). O(n²).
 */
export function solomonDistances(rows: readonly SolomonRow[]): number[][] {
  const n = rows.length;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = rows[i]!;
    const row = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      const dx = a.x - rows[j]!.x;
      const dy = a.y - rows[j]!.y;
      row[j] = Math.sqrt(dx * dx + dy * dy);
    }
    out.push(row);
  }
  return out;
}

/**
 * Reads a Solomon VRPTW instance (e.g. C101.txt) into a wire problem that `parseProblem` accepts.
 * `name` overrides the instance's name line (and labels errors). Throws InputError (messages with
 * line numbers) for malformed text. O(n²) for the matrix.
 */
export function readSolomon(text: string, name?: string): ProblemInput {
  const inst = parseSolomonText(text, name);
  const depot = inst.rows[0]!;
  const at = (r: SolomonRow) => ({ lat: r.y / 1000, lon: r.x / 1000, matrixIndex: r.cust });

  const technicians: ProblemInput['technicians'] = [];
  for (let v = 1; v <= inst.fleet; v++) {
    technicians.push({
      id: `v${v}`,
      start: at(depot),
      end: at(depot),
      shift: { start: solomonTimeIso(depot.ready), end: solomonTimeIso(depot.due), maxOvertimeMin: 0 },
      breaks: [],
      skills: {},
      vanStock: {},
      capacity: { load: inst.capacity },
      costPerHour: 0,
      overtimeCostPerHour: 0,
    });
  }

  const jobs: NonNullable<ProblemInput['jobs']> = inst.rows.slice(1).map((r) => ({
    id: String(r.cust),
    location: at(r),
    durationMin: r.service / 60,
    windows: [{ start: solomonTimeIso(r.ready), end: solomonTimeIso(r.due) }],
    demand: { load: r.demand },
    priority: 'normal' as const,
    value: 0,
  }));

  const unassigned = SOLOMON_UNASSIGNED_COST;
  return {
    version: 1,
    name: inst.name,
    technicians,
    jobs,
    settings: {
      travel: { model: 'matrix' },
      buffer: { afterJobMin: 0, afterJobPct: 0, drivePaddingPct: 0 },
      weights: {
        driveHour: 0,
        // 1 distance unit = 1 "metre" on the wire, so 1000 per km makes the cost the Solomon distance.
        distanceKm: 1000,
        unassigned: { emergency: unassigned, urgent: unassigned, normal: unassigned, low: unassigned },
        unassignedValueFactor: 0,
        emergencyLateMin: 0,
        overqualificationLevel: 0,
        preferredMiss: 0,
        waitHour: 0,
      },
      etaWindowMin: 0,
      timeResolutionSec: SOLOMON_TIME_RESOLUTION_SEC,
    },
    matrix: { durationsSec: solomonDistances(inst.rows), distancesM: solomonDistances(inst.rows) },
    meta: { source: 'solomon', instance: inst.name, fleet: inst.fleet, capacity: inst.capacity },
  };
}
