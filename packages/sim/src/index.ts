// @truckroll/sim public API: the seeded day generator, scenarios, the day simulator (policies,
// replay, KPIs), what-if sweeps, the staffing LP and the HTML reports.
export { generateDay, generateDayWithCalls, problemJsonText, defaultRadiusKm, SIZES, SIZE_NAMES, GENERATOR_VERSION, GenerateOptions } from './generate/day.ts';
export type { SizeName, DayExtras, DayWithCalls } from './generate/day.ts';
export { CITIES, CITY_NAMES } from './generate/cities.ts';
export type { City, CityName } from './generate/cities.ts';
export { Rng } from './generate/rng.ts';
export { dayIssues } from './generate/invariants.ts';
export { generateCommand } from './cli/generate.ts';

export { Scenario, POLICY_NAMES } from './scenario/schema.ts';
export type { ScenarioInput, PolicyName } from './scenario/schema.ts';
export { parseScenario, parseScenarioText, readScenarioFile, withOverrides, scenarioJson, ScenarioError, type ScenarioIssue } from './scenario/parse.ts';
export { buildSimDay, type SimDay, type TimelineEvent, type DayOptions } from './scenario/day.ts';
export { makePolicy, POLICY_DESCRIPTIONS, type Policy, type PolicyView, type MorningBoards, type PolicyOptions } from './policies/index.ts';
export { playDay, SimulationError, type PlayOptions, type PlayResult } from './replay/world.ts';
export { runSeed, morningBoards, type SeedResult, type PolicyDayResult } from './replay/run.ts';
export { simulate, type SimulateOptions, type SimulateOutput } from './replay/simulate.ts';
export { aggregate, engineTargets, KPI_KEYS, type SimResult, type PolicySummary, type KpiKey } from './replay/aggregate.ts';
export { dayKpis, type DayKpis, type TechKpis, type HourKpis, type DayLog } from './replay/kpis.ts';
export { sweep, SWEEP_PARAMS, SWEEP_PARAM_NAMES, type SweepResult, type SweepAxis, type SweepParam } from './replay/sweep.ts';
export { staffingBound, type StaffingBound, type StaffingInput } from './lp/staffing.ts';
export { scenarioStaffing, type StaffingSummary } from './lp/demand.ts';
export { simReportHtml, sweepReportHtml } from './report/html.ts';
export { simCommand } from './cli/sim.ts';
