// Scenario files: every reference scenario parses; bad input is reported as "path: reason", one
// line per problem, never a stack trace; overrides are re-checked the same way.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText, readScenarioFile, ScenarioError, scenarioJson, withOverrides } from './parse.ts';

const SCENARIOS = fileURLToPath(new URL('../../../../datasets/scenarios/', import.meta.url));
const ok = { name: 'x', technicians: 8, booked: { jobs: 40 } };

function issues(input: unknown): string[] {
  try {
    parseScenario(input, 'x.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario files', () => {
  it('the reference scenarios (normal, heat wave, cancellations; 8 and 30 technicians) all parse', async () => {
    const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(['cancellations-30.json', 'cancellations-8.json', 'heatwave-30.json', 'heatwave-8.json', 'normal-30.json', 'normal-8.json']);
    for (const f of files) {
      const s = await readScenarioFile(`${SCENARIOS}${f}`);
      expect(s.name).toBe(f.replace('.json', ''));
      expect(s.technicians).toBe(f.endsWith('-30.json') ? 30 : 8);
    }
  });

  it('fills defaults: 10 seeds from 1, all three policies, every-event delivery, clock times as minutes', () => {
    const s = parseScenario(ok);
    expect(s).toMatchObject({ seed: 1, seeds: 10, policies: ['engine', 'greedy', 'static'], planning: { delivery: 'every-event', bufferMin: 10, fillIdle: true }, calls: { lastServiceCall: 14 * 60 } });
    expect(s.day).toMatchObject({ city: 'denver', date: '2026-01-13', windowsOpen: 8 * 60 });
    // and a parsed scenario written back parses to itself
    expect(parseScenario(scenarioJson(s))).toEqual(s);
  });

  it('names the exact place and the reason of every problem', () => {
    expect(
      issues({
        technicians: 'many',
        booked: { jobs: 40, job: 3 },
        disruptions: { cancellationRate: 1.5 },
        calls: { lastServiceCall: '25:00', responseMin: [] },
        day: { city: 'Gotham' },
        policies: ['engine', 'smart'],
      }),
    ).toEqual([
      'name: required (a name for the reports)',
      'day.city: unknown city "gotham"; known: denver, phoenix, dallas, houston, atlanta, chicago, minneapolis',
      'technicians: expected technicians as a number, got "many"',
      'booked.job: unknown field (check its spelling; see packages/sim/src/scenario/schema.ts)',
      'calls.lastServiceCall: "25:00" is not a clock time "HH:MM" (00:00–23:59)',
      'calls.responseMin: give at least one response time',
      'disruptions.cancellationRate: must be within [0, 1] (got 1.5)',
      'policies[1]: unknown policy "smart"; known: engine, greedy, static, offers',
    ]);
    expect(issues({ name: 'x', technicians: 8 })).toEqual(['booked: required (expected object)']);
    expect(issues({ ...ok, technicians: 8.5 })).toEqual(['technicians: must be a whole number within [1, 500] (got 8.5)']);
    expect(issues({ ...ok, planning: { fillIdle: 'yes' } })).toEqual(['planning.fillIdle: expected true or false']);
  });

  it('checks rules that relate fields', () => {
    expect(issues({ ...ok, disruptions: { partsLateMin: [100, 30] } })).toEqual(['disruptions.partsLateMin: [min, max] is reversed: 100 > 30']);
    expect(issues({ ...ok, calls: { lastServiceCall: '15:00', lastEmergencyCall: '12:00' } })).toEqual(['calls.lastEmergencyCall: must not be before calls.lastServiceCall']);
    expect(issues({ ...ok, day: { windowsOpen: '09:00' } })).toEqual(['day.windowsOpen: must lie within 06:00–08:00 (the generator books from 08:00)']);
    expect(issues({ ...ok, booked: { jobs: 0 }, calls: { servicePerTechnician: 0, emergencyPerTechnician: 0 } })).toEqual(['booked.jobs: the day has no work at all: book some jobs or expect some calls']);
  });

  it('reports broken JSON and a missing file as one issue, with the file name', async () => {
    expect(() => parseScenarioText('{"name": ', 'broken.json')).toThrow(/^invalid scenario in broken\.json:\n {2}\(scenario\): not valid JSON: /);
    await expect(readScenarioFile('/nonexistent/scenario.json')).rejects.toThrow(/\(scenario\): cannot read the file/);
  });

  it('overrides are checked like the file', () => {
    const s = parseScenario(ok);
    expect(withOverrides(s, (x) => void (x.technicians = 12)).technicians).toBe(12);
    expect(() => withOverrides(s, (x) => void ((x.disruptions ??= {}).cancellationRate = 2))).toThrow(/disruptions\.cancellationRate: must be within \[0, 1\] \(got 2\)/);
  });
});
