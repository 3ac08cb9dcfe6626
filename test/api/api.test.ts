/**
 * Issue 4: the worker API object, driven directly in Node (no worker, no comlink): load, step,
 * levers, reset, errors that keep the last good state, the timeline, and playing on a manual clock.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulationApi } from '../../sim/worker/session';
import { type SimStatus } from '../../sim/worker/contract';
import type { ApiResult, LeverChange } from '../../sim/worker/contract';
import type { MonthRecord } from '../../sim/records';
import { runScenario } from '../../sim/run';
import { Simulation } from '../../sim/simulation';
import { ManualScheduler, nodeLoader, recorder, settle, smallBaseline, smallScenario } from './helpers';

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function engineRecords(months: number, seed: number, levers: LeverChange[] = []): MonthRecord[] {
  const run = runScenario(smallScenario(), { seed, months, levers });
  if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
  return run.value;
}

const BUDGET = 'policy.earlyHelp.budgetPerYear';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('loading and stepping', () => {
  it('shows month 0 to the listener as soon as a scenario loads', () => {
    const api = createSimulationApi(nodeLoader);
    const seen = recorder();
    value(api.subscribe(seen.listener));
    const status = value(api.load(smallBaseline({ seed: 3 })));
    expect(status).toMatchObject({ loaded: true, month: 0, seed: 3, scale: 0.03, scenarioName: 'North East baseline', playing: false });
    expect(seen.snapshots).toHaveLength(1);
    const [first] = seen.snapshots;
    expect(first.record.month).toBe(0);
    expect(first.coalesced).toBe(0);
    expect(first.record.flows).toEqual({});
    expect(first.scale).toBe(0.03);
    expect(first.view.state).toHaveLength(status.sampleSize);
    expect(status.sampleSize).toBe(2000);
  });

  it('steps through the same month records as the headless run', () => {
    const api = createSimulationApi(nodeLoader);
    value(api.load(smallBaseline({ seed: 4 })));
    expect(value(api.step(6)).month).toBe(6);
    value(api.step());
    expect(JSON.stringify(value(api.records()))).toBe(JSON.stringify(engineRecords(7, 4)));
    expect(value(api.records(5)).map((r) => r.month)).toEqual([5, 6, 7]);
  });

  it('answers calls made before any load with a state error', () => {
    const api = createSimulationApi(nodeLoader);
    for (const result of [api.step(), api.play(), api.setLever(BUDGET, 1), api.reset(2), api.scenario()]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('state');
    }
    expect(value(api.status()).loaded).toBe(false);
  });

  it('refuses a bad step count, speed or seed with a validation error naming the argument', () => {
    const api = createSimulationApi(nodeLoader);
    value(api.load(smallBaseline()));
    const cases: [ApiResult<SimStatus>, string][] = [
      [api.step(0), 'months'],
      [api.step(1.5), 'months'],
      [api.setSpeed(-1), 'monthsPerSecond'],
      [api.setSpeed(Number.NaN), 'monthsPerSecond'],
      [api.reset(0.5), 'seed'],
    ];
    for (const [result, path] of cases) {
      expect(result.ok).toBe(false);
      if (!result.ok && result.error.kind === 'validation') expect(result.error.issues[0].path).toBe(path);
      else throw new Error(`expected a validation error for ${path}`);
    }
    expect(value(api.status()).month).toBe(0);
  });
});

describe('errors keep the last good state', () => {
  it('refuses an invalid scenario with path-naming issues and keeps the run that was loaded', () => {
    const api = createSimulationApi(nodeLoader);
    value(api.load(smallBaseline({ seed: 2 })));
    value(api.step(3));
    const bad = api.load({ fileName: 'typo.json', document: { extends: 'north-east-baseline.json', population: { scale: 'lots' } } });
    expect(bad.ok).toBe(false);
    if (bad.ok || bad.error.kind !== 'validation') throw new Error('expected a validation error');
    expect(bad.error.issues.map((i) => i.path)).toContain('population.scale');
    expect(bad.error.message).toContain('population.scale: expected a number');
    expect(bad.error.message).toContain('"lots"');
    const status = value(api.status());
    expect(status).toMatchObject({ month: 3, fileName: 'small-baseline.json', scale: 0.03, run: 1 });
    value(api.step(2));
    expect(JSON.stringify(value(api.records()))).toBe(JSON.stringify(engineRecords(5, 2)));
  });

  it('refuses text that is not JSON, a missing parent file and a bad lever timeline', () => {
    const api = createSimulationApi(nodeLoader);
    const notJson = api.load({ fileName: 'broken.json', text: '{ "name": ' });
    const noParent = api.load({ fileName: 'orphan.json', document: { extends: 'no-such-file.json' } });
    const badTimeline = api.load(smallBaseline({ levers: [{ month: 0, path: BUDGET, value: 1 }] }));
    const badValue = api.load(smallBaseline({ levers: [{ month: 4, path: BUDGET, value: -5 }] }));
    for (const r of [notJson, noParent, badTimeline, badValue]) expect(r.ok).toBe(false);
    const messages = [notJson, noParent, badTimeline, badValue].map((r) => (r.ok ? '' : r.error.message));
    expect(messages[0]).toContain('valid JSON in broken.json');
    expect(messages[1]).toContain('no-such-file.json');
    expect(messages[2]).toContain('[0].month');
    expect(messages[3]).toContain('levers[0].value (month 4)');
    expect(value(api.status()).loaded).toBe(false);
  });

  it('refuses an invalid lever value and leaves the scenario and the timeline as they were', () => {
    const api = createSimulationApi(nodeLoader);
    value(api.load(smallBaseline()));
    const before = value(api.scenario());
    const bad = api.setLever(BUDGET, 'lots');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.kind).toBe('validation');
    expect(bad.error.message).toContain(`${BUDGET}: expected a number >= 0`);
    expect(value(api.scenario())).toEqual(before);
    expect(value(api.leverTimeline())).toEqual([]);
  });

  it('refuses unknown lever paths and paths that only shape month 0', () => {
    const api = createSimulationApi(nodeLoader);
    value(api.load(smallBaseline()));
    const typo = api.setLever('policy.earlyHelp.budgetPerYer', 1);
    const scale = api.setLever('population.scale', 1);
    expect(typo.ok || typo.error.message).toContain('policy.earlyHelp.budgetPerYer');
    expect(scale.ok || scale.error.message).toContain('a path that can change during a run');
    expect(value(api.leverTimeline())).toEqual([]);
  });

  it('reports an engine exception as an internal error and refuses to go on until a reset', () => {
    const api = createSimulationApi(nodeLoader);
    const seen = recorder();
    value(api.subscribe(seen.listener));
    value(api.load(smallBaseline()));
    value(api.step(2));
    vi.spyOn(Simulation.prototype, 'step').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    const failed = api.step();
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error).toMatchObject({ kind: 'internal' });
    expect(failed.error.message).toContain('boom');
    expect(seen.events.some((e) => e.type === 'error' && e.error.message.includes('boom'))).toBe(true);
    expect(value(api.status()).failure).toContain('boom');
    const refused = api.step();
    expect(refused.ok || refused.error.kind).toBe('state');
    expect(value(api.reset()).failure).toBeNull();
    expect(value(api.step(2)).month).toBe(2);
  });
});

describe('levers', () => {
  it('records a lever with the month it takes effect and runs like the headless run with that timeline', () => {
    const api = createSimulationApi(nodeLoader);
    value(api.load(smallBaseline({ seed: 6 })));
    value(api.step(3));
    expect(value(api.setLever(BUDGET, 5_000_000))).toEqual({ month: 4, path: BUDGET, value: 5_000_000 });
    value(api.step(4));
    value(api.setLever('policy.earlyHelp.statutoryDuty', true));
    value(api.step(3));
    const timeline = value(api.leverTimeline());
    expect(timeline).toEqual([
      { month: 4, path: BUDGET, value: 5_000_000 },
      { month: 8, path: 'policy.earlyHelp.statutoryDuty', value: true },
    ]);
    expect(value(api.scenario()).policy.earlyHelp.budgetPerYear).toBe(5_000_000);
    expect(JSON.stringify(value(api.records()))).toBe(JSON.stringify(engineRecords(10, 6, timeline)));
    expect(JSON.stringify(value(api.records()))).not.toBe(JSON.stringify(engineRecords(10, 6)));
  });

  it('keeps one entry when the same lever changes twice before the next month', () => {
    const api = createSimulationApi(nodeLoader);
    value(api.load(smallBaseline()));
    value(api.step(2));
    value(api.setLever(BUDGET, 1_000_000));
    value(api.setLever('policy.earlyHelp.statutoryDuty', true));
    value(api.setLever(BUDGET, 2_000_000));
    expect(value(api.leverTimeline())).toEqual([
      { month: 3, path: 'policy.earlyHelp.statutoryDuty', value: true },
      { month: 3, path: BUDGET, value: 2_000_000 },
    ]);
    value(api.step(3));
    expect(JSON.stringify(value(api.records()))).toBe(JSON.stringify(engineRecords(5, 1, value(api.leverTimeline()))));
  });

  it('replays a timeline given at load as the months arrive', () => {
    const levers: LeverChange[] = [
      { month: 5, path: BUDGET, value: 9_000_000 },
      { month: 2, path: 'policy.earlyHelp.statutoryDuty', value: true },
    ];
    const api = createSimulationApi(nodeLoader);
    value(api.load(smallBaseline({ seed: 8, levers })));
    value(api.step(3));
    expect(value(api.scenario()).policy.earlyHelp.statutoryDuty).toBe(true);
    expect(value(api.scenario()).policy.earlyHelp.budgetPerYear).not.toBe(9_000_000);
    value(api.step(4));
    expect(value(api.scenario()).policy.earlyHelp.budgetPerYear).toBe(9_000_000);
    expect(value(api.leverTimeline()).map((l) => l.month)).toEqual([2, 5]);
    expect(JSON.stringify(value(api.records()))).toBe(JSON.stringify(engineRecords(7, 8, levers)));
  });
});

describe('reset', () => {
  it('restarts the scenario at month 0 with the new seed and clears the timeline', () => {
    const api = createSimulationApi(nodeLoader);
    const seen = recorder();
    value(api.subscribe(seen.listener));
    value(api.load(smallBaseline({ seed: 1 })));
    value(api.step(2));
    value(api.setLever(BUDGET, 3_000_000));
    value(api.step(2));
    const status = value(api.reset(9));
    expect(status).toMatchObject({ month: 0, seed: 9, run: 2, levers: 0 });
    expect(value(api.leverTimeline())).toEqual([]);
    expect(value(api.scenario())).toEqual(smallScenario());
    expect(seen.snapshots.at(-1)?.record.month).toBe(0);
    value(api.step(4));
    expect(JSON.stringify(value(api.records()))).toBe(JSON.stringify(engineRecords(4, 9)));
  });

  it('replays the timeline in the new run when asked to keep the levers', () => {
    const api = createSimulationApi(nodeLoader);
    value(api.load(smallBaseline({ seed: 5 })));
    value(api.step(3));
    value(api.setLever(BUDGET, 7_000_000));
    value(api.step(3));
    const first = JSON.stringify(value(api.records()));
    value(api.reset(undefined, { keepLevers: true }));
    expect(value(api.scenario()).policy.earlyHelp.budgetPerYear).not.toBe(7_000_000);
    value(api.step(6));
    expect(JSON.stringify(value(api.records()))).toBe(first);
    expect(value(api.leverTimeline())).toEqual([{ month: 4, path: BUDGET, value: 7_000_000 }]);
  });
});

describe('playing', () => {
  it('simulates months at the set speed on the clock and stops when paused', () => {
    const clock = new ManualScheduler();
    const api = createSimulationApi(nodeLoader, { scheduler: clock });
    value(api.load(smallBaseline()));
    value(api.setSpeed(10));
    value(api.play());
    clock.advance(0);
    expect(value(api.status()).month).toBe(1);
    clock.advance(1000);
    expect(value(api.status())).toMatchObject({ month: 11, playing: true });
    value(api.pause());
    clock.advance(5000);
    expect(value(api.status())).toMatchObject({ month: 11, playing: false });
    expect(clock.pendingTimers).toBe(0);
  });

  it('follows a change of speed while playing', () => {
    const clock = new ManualScheduler();
    const api = createSimulationApi(nodeLoader, { scheduler: clock });
    value(api.load(smallBaseline()));
    value(api.setSpeed(2));
    value(api.play());
    clock.advance(1000);
    expect(value(api.status()).month).toBe(3);
    value(api.setSpeed(20));
    clock.advance(1000);
    expect(value(api.status()).month).toBe(23);
    value(api.pause());
  });

  it('pauses by itself at the requested month and tells the listener', async () => {
    const clock = new ManualScheduler();
    const api = createSimulationApi(nodeLoader, { scheduler: clock });
    const seen = recorder();
    value(api.subscribe(seen.listener));
    value(api.load(smallBaseline()));
    value(api.setSpeed(Number.POSITIVE_INFINITY));
    value(api.play({ untilMonth: 12 }));
    clock.advance(10);
    await settle();
    expect(value(api.status())).toMatchObject({ month: 12, playing: false, untilMonth: null });
    expect(seen.statuses().at(-1)).toMatchObject({ month: 12, playing: false });
    expect(seen.snapshots.at(-1)?.record.month).toBe(12);
  });

  it('applies a lever set while playing from the next month', () => {
    const clock = new ManualScheduler();
    const api = createSimulationApi(nodeLoader, { scheduler: clock });
    value(api.load(smallBaseline({ seed: 11 })));
    value(api.setSpeed(10));
    value(api.play());
    clock.advance(450);
    const change = value(api.setLever(BUDGET, 8_000_000));
    expect(change.month).toBe(value(api.status()).month + 1);
    clock.advance(500);
    value(api.pause());
    const months = value(api.status()).month;
    expect(JSON.stringify(value(api.records()))).toBe(JSON.stringify(engineRecords(months, 11, [change])));
  });
});
