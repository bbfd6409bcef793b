// `truckroll sim`: plays a scenario's seeds under the policies and reports the KPIs side by side
// (a text table, --json, --report HTML); `sim sweep` runs what-if grids; `sim day` writes one
// seed's generated day (morning problem and timeline). Exit codes: 0 ok, 1 failure (bad scenario,
// a board the checker rejects, a file that cannot be written), 2 usage error naming the flag.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { engineTargets, type SimResult } from '../replay/aggregate.ts';
import { simulate } from '../replay/simulate.ts';
import { SWEEP_PARAM_NAMES, SWEEP_PARAMS, sweep, type SweepAxis, type SweepParam } from '../replay/sweep.ts';
import { SimulationError } from '../replay/world.ts';
import { simReportHtml, sweepReportHtml } from '../report/html.ts';
import { buildSimDay } from '../scenario/day.ts';
import { readScenarioFile, ScenarioError, withOverrides } from '../scenario/parse.ts';
import { POLICY_NAMES, type PolicyName, type Scenario } from '../scenario/schema.ts';
import { POLICY_DESCRIPTIONS } from '../policies/index.ts';

export const SIM_USAGE = `Usage:
  truckroll sim <scenario.json> [options]                 play the scenario's seeds, KPIs side by side
  truckroll sim sweep <scenario.json> --vary P=V1,V2 [--vary P=…] [options]
                                                          what-if grid over one or two parameters
  truckroll sim day <scenario.json> [--seed N] [--out FILE]
                                                          write one seed's generated day (JSON)

Every board of every policy is checked by the independent checker after every hand-over of
events; a violation stops the run (exit 1). The same scenario and seeds give the same numbers.

Options:
  --policy LIST        policies, comma-separated: ${POLICY_NAMES.join(', ')} (default: the scenario's)
  --seeds N            seeds to play (default: the scenario's "seeds")
  --seed N             first seed (default: the scenario's "seed")
  --technicians N      technicians on shift; the demand stays sized for the scenario's roster
  --delivery MODE      every-event | on-decision (default: the scenario's planning.delivery)
  --workers N          worker threads, one seed per task (default: the machine's cores, at most 4)
  --json               print the result as one JSON document on stdout
  --out FILE           write that JSON document to FILE
  --report FILE        write the HTML report (self-contained, opens offline)
  --timings            add wall-clock timings to the JSON (they vary run to run)
  --progress           progress bar on stderr (default when stderr is a terminal); --no-progress: none
  --dump FILE          when a board fails the checker, write the policy's problem and board before
                       and after, and the events handed over, to FILE
  --vary P=V1,V2,…     (sweep) a parameter and its values; P is one of:
${SWEEP_PARAM_NAMES.map((p) => `                         ${p.padEnd(17)} ${SWEEP_PARAMS[p].what}`).join('\n')}
  -h, --help           print this help

Policies:
${POLICY_NAMES.map((p) => `  ${p.padEnd(7)} ${POLICY_DESCRIPTIONS[p]}`).join('\n')}

Example: truckroll sim datasets/scenarios/normal-30.json --policy engine,greedy,static --seeds 10 --report out.html
`;

/** Where the command writes; tests pass their own. */
export interface CommandIo {
  stdout: (text: string) => Promise<void> | void;
  stderr: (text: string) => Promise<void> | void;
  /** Whether stderr is a terminal (progress bar by default). */
  stderrIsTty?: boolean;
}

const write = (stream: NodeJS.WriteStream) => (text: string) =>
  new Promise<void>((resolve, reject) => stream.write(text, (err) => (err ? reject(err) : resolve())));
const processIo = (): CommandIo => ({ stdout: write(process.stdout), stderr: write(process.stderr), stderrIsTty: process.stderr.isTTY === true });

class UsageError extends Error {}

const whole = (flag: string, v: string | undefined, min: number, max: number): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${flag}: expected a whole number from ${min} to ${max}, got "${v}"`);
  return Number(v);
};

interface Parsed {
  mode: 'run' | 'sweep' | 'day';
  file: string;
  policies?: PolicyName[];
  seeds?: number;
  seed?: number;
  technicians?: number;
  delivery?: Scenario['planning']['delivery'];
  workers?: number;
  json: boolean;
  out?: string;
  report?: string;
  timings: boolean;
  progress?: boolean;
  dump?: string;
  vary: SweepAxis[];
}

export function parseSimArgs(argv: string[]): { help: true } | ({ help: false } & Parsed) {
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      allowNegative: true,
      options: {
        policy: { type: 'string' },
        seeds: { type: 'string' },
        seed: { type: 'string' },
        technicians: { type: 'string' },
        delivery: { type: 'string' },
        workers: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        report: { type: 'string' },
        timings: { type: 'boolean' },
        progress: { type: 'boolean' },
        dump: { type: 'string' },
        vary: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help === true) return { help: true };
  let mode: Parsed['mode'] = 'run';
  if (positionals[0] === 'sweep' || positionals[0] === 'day') mode = positionals.shift() as Parsed['mode'];
  if (positionals.length === 0) throw new UsageError('<scenario.json>: required (e.g. datasets/scenarios/normal-30.json)');
  if (positionals.length > 1) throw new UsageError(`<scenario.json>: one scenario file, got ${positionals.length} (${positionals.join(', ')})`);
  const str = (k: string) => values[k] as string | undefined;
  let policies: PolicyName[] | undefined;
  if (str('policy') !== undefined) {
    policies = [];
    for (const p of str('policy')!.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (!(POLICY_NAMES as readonly string[]).includes(p)) throw new UsageError(`--policy: unknown policy "${p}"; known: ${POLICY_NAMES.join(', ')}`);
      if (!policies.includes(p as PolicyName)) policies.push(p as PolicyName);
    }
    if (!policies.length) throw new UsageError('--policy: name at least one policy');
  }
  const delivery = str('delivery');
  if (delivery !== undefined && delivery !== 'every-event' && delivery !== 'on-decision') throw new UsageError(`--delivery: expected every-event or on-decision, got "${delivery}"`);
  const vary: SweepAxis[] = [];
  for (const v of (values.vary as string[] | undefined) ?? []) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(v);
    if (!m) throw new UsageError(`--vary: expected PARAM=V1,V2,…, got "${v}"`);
    const param = m[1] as SweepParam;
    if (!SWEEP_PARAM_NAMES.includes(param)) throw new UsageError(`--vary: unknown parameter "${m[1]}"; known: ${SWEEP_PARAM_NAMES.join(', ')}`);
    const nums = m[2]!.split(',').map((x) => x.trim());
    if (nums.some((x) => !/^-?\d+(\.\d+)?$/.test(x))) throw new UsageError(`--vary ${param}: values must be numbers, got "${m[2]}"`);
    if (vary.some((a) => a.param === param)) throw new UsageError(`--vary: ${param} given twice`);
    vary.push({ param, values: nums.map(Number) });
  }
  if (mode === 'sweep' && (vary.length < 1 || vary.length > 2)) throw new UsageError('--vary: a sweep varies one or two parameters, e.g. --vary technicians=24,27,30,33');
  if (mode !== 'sweep' && vary.length) throw new UsageError('--vary: only with "truckroll sim sweep"');
  const parsed: Parsed = {
    mode,
    file: positionals[0]!,
    json: values.json === true,
    timings: values.timings === true,
    vary,
  };
  if (policies) parsed.policies = policies;
  const workers = whole('workers', str('workers'), 1, 64);
  if (workers !== undefined) parsed.workers = workers;
  const seeds = whole('seeds', str('seeds'), 1, 1000);
  if (seeds !== undefined) parsed.seeds = seeds;
  const seed = whole('seed', str('seed'), 0, 2 ** 31 - 1);
  if (seed !== undefined) parsed.seed = seed;
  const technicians = whole('technicians', str('technicians'), 1, 500);
  if (technicians !== undefined) parsed.technicians = technicians;
  if (delivery !== undefined) parsed.delivery = delivery;
  if (str('out') !== undefined) parsed.out = str('out')!;
  if (str('report') !== undefined) parsed.report = str('report')!;
  if (str('dump') !== undefined) parsed.dump = str('dump')!;
  if (typeof values.progress === 'boolean') parsed.progress = values.progress;
  return { help: false, ...parsed };
}

/** A one-line progress bar (carriage return when on a terminal, else one line per step). */
function progressBar(io: CommandIo, enabled: boolean) {
  const t0 = Date.now();
  let last = '';
  return {
    update(done: number, total: number, label: string) {
      if (!enabled) return;
      const width = 28;
      const filled = Math.round((done / Math.max(1, total)) * width);
      const sec = Math.round((Date.now() - t0) / 1000);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label} ${Math.floor(sec / 60)}m${String(sec % 60).padStart(2, '0')}s`;
      if (line === last) return;
      last = line;
      void io.stderr(io.stderrIsTty ? `\r${line}` : `${line}\n`);
    },
    end() {
      if (enabled && io.stderrIsTty && last) void io.stderr('\n');
    },
  };
}

async function writeOut(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);
const n0 = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(0));

/** The text summary: KPIs side by side, the engine's targets, the staffing bound. */
export function summaryText(r: SimResult): string {
  const names = Object.keys(r.policies) as PolicyName[];
  const rows: [string, (n: PolicyName) => string][] = [
    ['utilization', (n) => pct(r.policies[n]!.kpis.utilization)],
    ['drive share', (n) => pct(r.policies[n]!.kpis.driveShare)],
    ['wrench time', (n) => pct(r.policies[n]!.kpis.wrenchTime)],
    ['schedule adherence', (n) => pct(r.policies[n]!.kpis.adherence)],
    ['first-time fix', (n) => pct(r.policies[n]!.kpis.firstTimeFix)],
    ['parts failures / day', (n) => (r.policies[n]!.kpis.partsFailures ?? 0).toFixed(1)],
    ['emergency response p50 (min)', (n) => n0(r.policies[n]!.kpis.emergencyResponseP50Min)],
    ['emergency response p90 (min)', (n) => n0(r.policies[n]!.kpis.emergencyResponseP90Min)],
    ['emergencies unserved / day', (n) => (r.policies[n]!.kpis.emergenciesUnserved ?? 0).toFixed(1)],
    ['jobs done / day', (n) => (r.policies[n]!.kpis.jobsDone ?? 0).toFixed(1)],
    ['jobs left open / day', (n) => (r.policies[n]!.kpis.jobsOpen ?? 0).toFixed(1)],
    ['revenue / day (USD)', (n) => n0(r.policies[n]!.kpis.revenue)],
    ['overtime / day (min)', (n) => n0(r.policies[n]!.kpis.overtimeMin)],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  let out = `${r.scenario.name}: ${r.scenario.technicians} technicians, seeds ${r.seeds[0]}–${r.seeds[r.seeds.length - 1]} (${r.seeds.length}), events ${r.scenario.delivery}\n`;
  out += `${''.padEnd(w0)}  ${names.map((n) => n.padStart(9)).join(' ')}\n`;
  for (const [label, f] of rows) out += `${label.padEnd(w0)}  ${names.map((n) => f(n).padStart(9)).join(' ')}\n`;
  const checked = names.reduce((a, n) => a + r.policies[n]!.boardsChecked, 0);
  out += `${checked} boards checked, no violation.\n`;
  for (const t of engineTargets(r)) {
    const measured = t.kpi.includes('every seed') ? `${t.measured}/${r.seeds.length} seeds` : t.kpi === 'partsFailures' ? String(t.measured) : pct(t.measured);
    out += `engine target ${t.kpi} ${t.target}: ${measured} ${t.met ? 'met' : 'NOT MET'}\n`;
  }
  if (r.staffing) out += `staffing LP: this demand needs ≥ ${r.staffing.mean.toFixed(1)} technicians on average (max ${r.staffing.max.toFixed(1)}) at ${pct(r.staffing.targetUtilization)} utilization, ${r.staffing.drivePerJobMin.toFixed(1)} min drive per job\n`;
  return out;
}

export async function simCommand(argv: string[], io: CommandIo = processIo()): Promise<number> {
  let parsed: ReturnType<typeof parseSimArgs>;
  try {
    parsed = parseSimArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    await io.stderr(`truckroll sim: ${e.message}\nRun "truckroll sim --help" for usage.\n`);
    return 2;
  }
  if (parsed.help) {
    await io.stdout(SIM_USAGE);
    return 0;
  }
  const p = parsed;
  let scenario: Scenario;
  try {
    scenario = await readScenarioFile(p.file);
    if (p.delivery !== undefined) scenario = withOverrides(scenario, (s) => void ((s.planning ??= {}).delivery = p.delivery));
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    await io.stderr(`error: ${e.message}\n`);
    return 1;
  }
  const bar = progressBar(io, p.progress ?? io.stderrIsTty === true);
  try {
    if (p.mode === 'day') {
      const day = buildSimDay(scenario, p.seed ?? scenario.seed, p.technicians !== undefined ? { technicians: p.technicians } : {});
      const text = `${JSON.stringify({ seed: day.seed, counts: day.counts, boardAt: new Date(day.boardAtMs).toISOString(), problem: day.problem, timeline: day.timeline, partsArrive: Object.fromEntries(day.partsArriveMs), truth: Object.fromEntries(day.truth) }, null, 2)}\n`;
      if (p.out) await writeOut(p.out, text);
      else await io.stdout(text);
      return 0;
    }
    if (p.mode === 'sweep') {
      const t0 = Date.now();
      const r = await sweep(scenario, {
        axes: p.vary,
        ...(p.seeds !== undefined ? { seeds: p.seeds } : {}),
        ...(p.seed !== undefined ? { firstSeed: p.seed } : {}),
        ...(p.policies ? { policies: p.policies } : {}),
        ...(p.workers !== undefined ? { workers: p.workers } : {}),
        onProgress: (x) => bar.update(x.done, x.total, `point ${x.point}/${x.points}`),
      });
      bar.end();
      const text = `${JSON.stringify(r, null, 2)}\n`;
      if (p.out) await writeOut(p.out, text);
      if (p.report) await writeOut(p.report, sweepReportHtml(r));
      if (p.json) await io.stdout(text);
      else {
        let out = `${r.scenario}: ${r.points.length} points × ${r.seeds.length} seeds\n`;
        for (const pt of r.points) {
          out += `${Object.entries(pt.values).map(([k, v]) => `${k}=${v}`).join(' ')}: `;
          out += Object.entries(pt.policies)
            .map(([n, x]) => `${n} util ${pct(x!.kpis.utilization)} drive ${pct(x!.kpis.driveShare)} adherence ${pct(x!.kpis.adherence)} done ${(x!.kpis.jobsDone ?? 0).toFixed(1)}/${x!.jobsRequested.toFixed(1)}`)
            .join('; ');
          out += '\n';
        }
        if (r.staffing) out += `staffing LP: ≥ ${r.staffing.mean.toFixed(1)} technicians (max ${r.staffing.max.toFixed(1)}) at ${pct(r.staffing.targetUtilization)}\n`;
        await io.stdout(out);
      }
      await io.stderr(`swept ${r.points.length} points × ${r.seeds.length} seeds in ${((Date.now() - t0) / 1000).toFixed(1)} s${p.report ? `; report: ${p.report}` : ''}\n`);
      return 0;
    }
    const t0 = Date.now();
    const { result, timing } = await simulate(scenario, {
      ...(p.seeds !== undefined ? { seeds: p.seeds } : {}),
      ...(p.seed !== undefined ? { firstSeed: p.seed } : {}),
      ...(p.policies ? { policies: p.policies } : {}),
      ...(p.technicians !== undefined ? { technicians: p.technicians } : {}),
      ...(p.workers !== undefined ? { workers: p.workers } : {}),
      onProgress: (x) => bar.update(x.done, x.total, `seed ${x.seed} ${x.policy}`),
    });
    bar.end();
    const seconds = (Date.now() - t0) / 1000;
    const doc = p.timings ? { ...result, timing } : result;
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (p.out) await writeOut(p.out, text);
    const names = Object.keys(result.policies) as PolicyName[];
    const perPolicy = names.map((n) => {
      const ms = timing.reduce((a, t) => a + (t.timing.policyMs[n] ?? 0) + (t.timing.checkMs[n] ?? 0), 0);
      return `${n} ${(ms / 1000).toFixed(1)} s (${(ms / Math.max(1, result.policies[n]!.boardsChecked)).toFixed(0)} ms per board, check included)`;
    });
    const morningSec = timing.reduce((a, t) => a + t.timing.morningSolveMs, 0) / 1000;
    const limited = result.days.filter((d) => d.morning.timeLimited).map((d) => d.seed);
    const note = `Played in ${seconds.toFixed(1)} s: ${perPolicy.join('; ')}; morning solves ${morningSec.toFixed(1)} s.`;
    const warn = limited.length ? `warning: the morning solve's time limit stopped it before its iteration budget on seed(s) ${limited.join(', ')}: those results may not repeat exactly (raise planning.morningTimeLimitSec)` : '';
    if (p.report) await writeOut(p.report, simReportHtml(result, warn ? [note, warn] : [note]));
    await io.stdout(p.json ? text : summaryText(result));
    const boards = names.reduce((a, n) => a + result.policies[n]!.boardsChecked, 0);
    await io.stderr(`played ${result.seeds.length} seed(s) × ${names.length} policies in ${seconds.toFixed(1)} s; ${boards} boards checked, no violation${p.report ? `; report: ${p.report}` : ''}\n  ${note}\n${warn ? `${warn}\n` : ''}`);
    return 0;
  } catch (e) {
    bar.end();
    if (e instanceof SimulationError) {
      await io.stderr(`error: ${e.message}\n`);
      if (p.dump && e.state) {
        await writeOut(p.dump, `${JSON.stringify(e.state, null, 2)}\n`);
        await io.stderr(`wrote the policy's problem and board before and after the failing hand-over, and its events, to ${p.dump}\n`);
      } else if (!p.dump) await io.stderr('(run again with --dump FILE to keep the problem and board before and after, and the events)\n');
      return 1;
    }
    if (e instanceof ScenarioError) {
      await io.stderr(`error: ${e.message}\n`);
      return 1;
    }
    if (e instanceof Error && /^(EACCES|ENOTDIR|ENOENT|EISDIR|EROFS)/.test((e as NodeJS.ErrnoException).code ?? '')) {
      await io.stderr(`error: cannot write: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

