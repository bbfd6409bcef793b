// Small scenarios for the simulator's tests: a handful of technicians and jobs, a short morning
// solve, so a day under every policy plays in about a second.
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario, ScenarioInput } from '../scenario/schema.ts';

export function tinyScenario(patch: Partial<ScenarioInput> = {}): Scenario {
  const base: ScenarioInput = {
    name: 'tiny',
    seed: 1,
    seeds: 2,
    day: { city: 'denver', date: '2026-01-13', radiusKm: 8, windowsOpen: '07:30' },
    technicians: 5,
    booked: { jobs: 22, load: 0.75 },
    calls: { servicePerTechnician: 1.2, emergencyPerTechnician: 0.6 },
    disruptions: { cancellationRate: 0.15, noAccessRate: 0.08, sickRate: 0.15, partsLateRate: 0.6 },
    planning: { morningIterations: 60, morningTimeLimitSec: 30 },
  };
  return parseScenario({ ...base, ...patch });
}
