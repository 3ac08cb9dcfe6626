/**
 * A lever travels one way (sim/run.ts): each change is validated once, the scenario is converted to
 * engine parameters once per change or month, and the engine gets them once per month. Counted by
 * wrapping the validator and the conversion: the counts are the design, not an implementation detail.
 */
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ validate: 0, toParams: 0, setParams: 0 }));

vi.mock('../../sim/scenario/validate', async (original) => {
  const m = await original<typeof import('../../sim/scenario/validate')>();
  return { ...m, validateScenario: (data: unknown) => (calls.validate++, m.validateScenario(data)) };
});
vi.mock('../../sim/params', async (original) => {
  const m = await original<typeof import('../../sim/params')>();
  return { ...m, toParams: (s: Parameters<typeof m.toParams>[0]) => (calls.toParams++, m.toParams(s)) };
});

const { Run } = await import('../../sim/run');
const { Simulation } = await import('../../sim/simulation');
const { loadShipped } = await import('../helpers');

const BUDGET = 'policy.earlyHelp.budgetPerYear';
const base = loadShipped('north-east-baseline.json', { 'population.scale': 0.005 });

function counting<T>(act: () => T): { result: T; validate: number; toParams: number; setParams: number } {
  const setParams = vi.spyOn(Simulation.prototype, 'setParams');
  calls.validate = calls.toParams = 0;
  const result = act();
  const counts = { result, validate: calls.validate, toParams: calls.toParams, setParams: setParams.mock.calls.length };
  setParams.mockRestore();
  return counts;
}

describe('the path of a lever change', () => {
  it('a scheduled change is validated when the run starts and never again; the month it applies converts once and hands over once', () => {
    const levers = [
      { month: 2, path: BUDGET, value: 2e7 },
      { month: 2, path: 'poverty.entryPerYear', value: base.poverty.entryPerYear * 2 },
      { month: 4, path: BUDGET, value: 3e7 },
    ];
    const start = counting(() => Run.start(base, 1, levers));
    expect(start.validate).toBe(3);
    expect(start.toParams).toBe(1); // the run's first month
    const run = start.result.ok ? start.result.value : undefined;
    if (!run) throw new Error('the run did not start');
    const steps = counting(() => {
      for (let m = 1; m <= 5; m++) run.step();
    });
    expect(steps).toMatchObject({ validate: 0, toParams: 2, setParams: 2 }); // months 2 and 4
  });

  it('a live change is validated once, converted once, and applied once at the next step', () => {
    const started = Run.start(base, 1);
    if (!started.ok) throw new Error('the run did not start');
    const run = started.value;
    run.step();
    const set = counting(() => run.setLever(BUDGET, 2.5e7));
    expect(set.result.ok).toBe(true);
    expect(set).toMatchObject({ validate: 1, toParams: 1, setParams: 0 });
    const step = counting(() => run.step());
    expect(step).toMatchObject({ validate: 0, toParams: 0, setParams: 1 });
    expect(run.sim.params.earlyHelpBudget).toBeCloseTo((2.5e7 * 0.005) / 12, 6);
  });

  it('a live change re-checks only the changes still scheduled after it', () => {
    const started = Run.start(base, 1, [{ month: 6, path: BUDGET, value: 3e7 }]);
    if (!started.ok) throw new Error('the run did not start');
    const run = started.value;
    const set = counting(() => run.setLever('poverty.entryPerYear', base.poverty.entryPerYear * 2));
    expect(set).toMatchObject({ validate: 2, toParams: 1 });
  });
});
