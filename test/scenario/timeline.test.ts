/**
 * The calendar for levers and the scenario's own timeline (issues 10 and 11): a change may give a
 * `date` instead of a `month`; a scenario may carry `timeline`, validated with it, merged with the
 * user's levers (the scenario's first within a month), replayed exactly in Node, the CLI and the
 * worker session; `extends` replaces a parent's timeline.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../sim/cli/main';
import { checkLeverTimeline, scheduleOf } from '../../sim/levers';
import { loadScenarioFile } from '../../sim/node/files';
import { Run, runScenario } from '../../sim/run';
import { loadScenarioDocument } from '../../sim/load-scenario';
import type { ApiResult } from '../../sim/worker/contract';
import { createSimulationApi } from '../../sim/worker/session';
import { nodeLoader } from '../api/helpers';
import { loadShipped } from '../helpers';

const SCALE = 0.02;
const base = loadShipped('north-east-baseline.json', { 'population.scale': SCALE });
const BUDGET = 'policy.earlyHelp.budgetPerYear';
const messages = (r: { ok: boolean; issues?: { message: string }[] }) => (r.ok ? [] : (r.issues ?? []).map((i) => i.message));
const dir = mkdtempSync(join(tmpdir(), 'care-futures-timeline-'));

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A small scenario file that extends the baseline and carries `timeline`. */
function scenarioDoc(timeline: unknown[], extra: Record<string, unknown> = {}) {
  return { extends: 'north-east-baseline.json', name: 'With a timeline', population: { scale: SCALE }, timeline, ...extra };
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 0 });
  return { code, stdout, stderr };
}

describe('dates in lever timelines', () => {
  it('reads a date on the scenario calendar: month 1 is startDate, so 2021-06 is month 3 from April 2021', () => {
    const dated = checkLeverTimeline(base, [{ date: '2021-06', path: BUDGET, value: 9e7 }]);
    expect(dated).toEqual({ ok: true, value: [{ month: 3, path: BUDGET, value: 9e7 }] });
    const a = runScenario(base, { seed: 2, months: 6, levers: [{ date: '2021-06', path: BUDGET, value: 9e7 }] });
    const b = runScenario(base, { seed: 2, months: 6, levers: [{ month: 3, path: BUDGET, value: 9e7 }] });
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.value).toEqual(b.value);
      expect(a.value[3].date).toBe('2021-06');
    }
  });

  it('follows the scenario start date', () => {
    const early = loadShipped('north-east-baseline.json', { 'population.scale': SCALE });
    const moved = { ...early, startDate: '2009-04' };
    expect(checkLeverTimeline(moved, [{ date: '2013-04', path: BUDGET, value: 1 }])).toEqual({ ok: true, value: [{ month: 49, path: BUDGET, value: 1 }] });
  });

  it('names the JSON path and what was expected: malformed dates, dates before the start, both or neither of month and date', () => {
    const r = checkLeverTimeline(base, [
      { date: '2013-04', path: BUDGET, value: 1 },
      { date: '2021-4', path: BUDGET, value: 1 },
      { month: 2, date: '2021-05', path: BUDGET, value: 1 },
      { path: BUDGET, value: 1 },
    ]);
    expect(messages(r)).toEqual([
      '[1].date: expected a month as "YYYY-MM" (e.g. "2013-04"), the first month simulated with the new value, found "2021-4"',
      '[2]: expected a "month" or a "date", not both, found month 2 and date "2021-05"',
      '[3]: expected a "month" (a month number) or a "date" ("YYYY-MM"), found neither',
      '[0].date: expected a month from the scenario\'s startDate ("2021-04") on, found "2013-04", 96 months before it',
    ]);
  });
});

describe('a scenario with its own timeline', () => {
  it('is validated with the scenario: each entry against it, errors named timeline[k]', () => {
    const r = loadScenarioDocument(
      scenarioDoc([
        { date: '2021-06', path: BUDGET, value: 'lots' },
        { month: 2, path: 'poverty.initialShare', value: 0.5 },
        { date: '2020-01', path: BUDGET, value: 1 },
        { month: 3, date: '2021-06', path: BUDGET, value: 1 },
        { month: 4, path: 'policy.nope', value: 1 },
      ]),
      'mine.json',
      nodeLoader,
    );
    const found = messages(r);
    expect(found).toContain('timeline[2].date: expected a month from the scenario\'s startDate ("2021-04") on, found "2020-01", 15 months before it');
    expect(found).toContain('timeline[3]: expected a "month" or a "date", not both, found month 3 and date "2021-06"');
    expect(found).toHaveLength(2); // the calendar first: the paths and values are checked once every entry has a month
    const values = messages(loadScenarioDocument(scenarioDoc([
      { date: '2021-06', path: BUDGET, value: 'lots' },
      { month: 2, path: 'poverty.initialShare', value: 0.5 },
      { month: 4, path: 'policy.nope', value: 1 },
    ]), 'mine.json', nodeLoader));
    expect(values).toEqual([
      'timeline[1].path: expected a path that can change during a run, found "poverty.initialShare", which shapes month 0 only; the long-run share is entry / (entry + exit) (use poverty.entryPerYear, poverty.exitPerYear or policy.childPovertyReduction)',
      'timeline[0].value (2021-06, month 3): policy.earlyHelp.budgetPerYear: expected a number >= 0 and <= 10,000,000,000 (pounds per year), found "lots"',
      'timeline[2].path (month 4): policy.nope: expected the path of an existing scenario field, found no such field',
    ]);
  });

  it("applies the scenario's changes first within a month, then the user's; the run's levers are the user's only", () => {
    const scenario = { ...base, timeline: [{ date: '2021-06', path: BUDGET, value: 1e7 }, { month: 5, path: 'policy.profitCap.enabled', value: true }] };
    const schedule = scheduleOf(scenario, [{ month: 3, path: BUDGET, value: 2e7 }]);
    expect(schedule.ok && schedule.value.map((c) => [c.entry, c.month, c.value])).toEqual([
      ['timeline[0]', 3, 1e7],
      ['levers[0]', 3, 2e7],
      ['timeline[1]', 5, true],
    ]);
    const run = Run.start(scenario, 1, [{ month: 3, path: BUDGET, value: 2e7 }]);
    if (!run.ok) throw new Error(messages(run).join('\n'));
    for (let m = 1; m <= 5; m++) run.value.step();
    expect(run.value.current.policy.earlyHelp.budgetPerYear).toBe(2e7);
    expect(run.value.current.policy.profitCap.enabled).toBe(true);
    expect(run.value.levers()).toEqual([{ month: 3, path: BUDGET, value: 2e7 }]);
    // A live change in the scenario's month lands after the scenario's change, as on replay.
    const live = Run.start(scenario, 1);
    if (!live.ok) throw new Error('starts');
    live.value.step();
    live.value.step();
    expect(live.value.setLever(BUDGET, 3e7).ok).toBe(true);
    live.value.step();
    expect(live.value.current.policy.earlyHelp.budgetPerYear).toBe(3e7);
  });

  it('gives identical records in Node, the CLI and the worker session, with the user levers too', async () => {
    const doc = scenarioDoc([
      { date: '2021-06', path: BUDGET, value: 8e7 },
      { month: 5, path: 'policy.childPovertyReduction', value: 0.3 },
    ]);
    const levers = [{ date: '2021-07', path: 'policy.earlyHelp.statutoryDuty', value: true }];
    const file = join(dir, 'with-timeline.json');
    writeFileSync(file, JSON.stringify({ ...doc, extends: 'north-east-baseline.json' }));
    // The CLI reads `extends` from the same folder: copy the baseline beside it.
    writeFileSync(join(dir, 'north-east-baseline.json'), readFileSync(join('scenarios', 'north-east-baseline.json')));
    const leverFile = join(dir, 'levers.json');
    writeFileSync(leverFile, JSON.stringify(levers));
    const scenario = loadScenarioFile(file);
    if (!scenario.ok) throw new Error(messages(scenario).join('\n'));
    const node = runScenario(scenario.value, { seed: 5, months: 8, levers });
    if (!node.ok) throw new Error('runs');
    const cliRun = await cli([file, '--seed', '5', '--months', '8', '--levers', leverFile, '--quiet']);
    expect(cliRun.stderr).toBe('');
    expect(JSON.parse(cliRun.stdout).runs[0].months).toEqual(JSON.parse(JSON.stringify(node.value)));
    const api = createSimulationApi(nodeLoader);
    value(api.load({ fileName: 'with-timeline.json', document: doc, seed: 5, levers }));
    value(api.step(8));
    expect(value(api.records())).toEqual(node.value);
    expect(value(api.leverTimeline())).toEqual([{ month: 4, path: 'policy.earlyHelp.statutoryDuty', value: true }]);
    // Without the scenario's timeline the run differs: it was applied.
    const plain = runScenario({ ...scenario.value, timeline: [] }, { seed: 5, months: 8, levers });
    expect(plain.ok && plain.value[8]).not.toEqual(node.value[8]);
  });

  it("with extends, a child's timeline replaces its parent's; a child without one keeps the parent's", () => {
    const parent = join(dir, 'parent.json');
    writeFileSync(parent, JSON.stringify(scenarioDoc([{ month: 2, path: BUDGET, value: 1 }, { month: 3, path: BUDGET, value: 2 }])));
    const child = join(dir, 'child.json');
    writeFileSync(child, JSON.stringify({ extends: 'parent.json', name: 'Child', timeline: [{ month: 4, path: BUDGET, value: 3 }] }));
    const keeps = join(dir, 'keeps.json');
    writeFileSync(keeps, JSON.stringify({ extends: 'parent.json', name: 'Keeps' }));
    const c = loadScenarioFile(child);
    const k = loadScenarioFile(keeps);
    expect(c.ok && c.value.timeline).toEqual([{ month: 4, path: BUDGET, value: 3 }]);
    expect(k.ok && k.value.timeline).toHaveLength(2);
  });

  it('a refused change in a lever file or a scenario timeline stops the CLI before any output, --out not created', async () => {
    const leverFile = join(dir, 'refused-levers.json');
    writeFileSync(leverFile, JSON.stringify([{ date: '2021-05', path: 'riskFactors.domesticAbuse.prevalence', value: 0.2 }]));
    const out1 = join(dir, 'out1.json');
    const r1 = await cli([join('scenarios', 'north-east-baseline.json'), '--scale', '0.01', '--months', '3', '--levers', leverFile, '--out', out1]);
    expect(r1.code).toBe(1);
    expect(r1.stdout).toBe('');
    expect(r1.stderr).toContain('[0].path: expected a path that can change during a run, found "riskFactors.domesticAbuse.prevalence", which is drawn once for each family at month 0');
    expect(r1.stderr).toContain('(use riskFactors.domesticAbuse.hazardRatio or need.baseHazardPerYear)');
    expect(existsSync(out1)).toBe(false);
    const file = join(dir, 'refused-timeline.json');
    writeFileSync(file, JSON.stringify(scenarioDoc([{ month: 6, path: 'placements.la_residential.places', value: 200 }])));
    const out2 = join(dir, 'out2.json');
    const r2 = await cli([file, '--months', '3', '--out', out2]);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toBe('');
    expect(r2.stderr).toContain('timeline[0].path: expected a path that can change during a run, found "placements.la_residential.places"');
    expect(r2.stderr).toContain('(use policy.councilHomes.targetPlaces; new places open after policy.councilHomes.monthsToOpen)');
    expect(existsSync(out2)).toBe(false);
  });
});
