import { describe, expect, it } from 'vitest';
import { EMPTY, FAMILY_SLOTS, needBookedOf, needDueOf, sizeOf, stateOf } from '../../sim/engine/population';
import { Run, runScenario } from '../../sim/run';
import { expectInvariants, loadShipped, shippedScenarioFiles } from '../helpers';

describe('accounting invariants', () => {
  for (const file of shippedScenarioFiles()) {
    it(`keeps every child and every pound accounted for in ${file}`, () => {
      const scenario = loadShipped(file, { 'population.scale': 0.03 });
      const run = runScenario(scenario, { seed: 7, months: 48 });
      expect(run.ok).toBe(true);
      if (run.ok) expectInvariants(run.value);
    });
  }

  it('keeps the invariants when levers move mid-run, including capacity cuts below occupancy', () => {
    const scenario = loadShipped('north-east-baseline.json', { 'population.scale': 0.03 });
    const run = runScenario(scenario, {
      seed: 3,
      months: 60,
      levers: [
        { month: 6, path: 'policy.earlyHelp.budgetPerYear', value: 0 },
        { month: 12, path: 'policy.councilHomes.targetPlaces', value: 0 },
        { month: 12, path: 'placements.inhouse_foster.places', value: 100 },
        { month: 18, path: 'policy.earlyHelp.statutoryDuty', value: true },
        { month: 24, path: 'poverty.needHazardRatio', value: 6 },
        { month: 30, path: 'policy.childPovertyReduction', value: 0.9 },
        { month: 36, path: 'need.baseHazardPerYear', value: 0 },
        { month: 42, path: 'policy.councilHomes.targetPlaces', value: 400 },
        { month: 42, path: 'policy.councilHomes.monthsToOpen', value: 0 },
      ],
    });
    expect(run.ok).toBe(true);
    if (run.ok) expectInvariants(run.value);
  });

  it('keeps the invariants over a 20-year run, when every child alive at the start has left', () => {
    const scenario = loadShipped('north-east-baseline.json', { 'population.scale': 0.01 });
    const run = runScenario(scenario, { seed: 11, months: 240 });
    expect(run.ok).toBe(true);
    if (run.ok) {
      expectInvariants(run.value);
      const last = run.value[240];
      expect(last.children / run.value[0].children).toBeGreaterThan(0.95);
      expect(last.children / run.value[0].children).toBeLessThan(1.05);
    }
  });
});

describe('the invariant checker itself', () => {
  const scenario = loadShipped('north-east-baseline.json', { 'population.scale': 0.01 });
  const run = runScenario(scenario, { seed: 1, months: 3 });
  const records = run.ok ? run.value : [];

  it('notices a child lost from a stock', () => {
    const broken = structuredClone(records);
    broken[2].stocks.child_protection -= 1;
    expect(() => expectInvariants(broken)).toThrow();
  });

  it('notices a flow that does not match the stocks', () => {
    const broken = structuredClone(records);
    broken[2].flows['universal>early_help'] = (broken[2].flows['universal>early_help'] ?? 0) + 1;
    expect(() => expectInvariants(broken)).toThrow();
  });

  it('notices a pound not attributed to a category', () => {
    const broken = structuredClone(records);
    broken[2].spendTotal += 1;
    expect(() => expectInvariants(broken)).toThrow();
  });
});

describe('the need clocks', () => {
  it("keep every family's need clock booked no later than its event, for as long as it has children", () => {
    const scenario = loadShipped('north-east-baseline.json', { 'population.scale': 0.02 });
    const started = Run.start(scenario, 5, [
      { month: 10, path: 'poverty.needHazardRatio', value: 6 },
      { month: 20, path: 'need.baseHazardPerYear', value: 0.02 },
      { month: 30, path: 'policy.childPovertyReduction', value: 0.5 },
    ]);
    if (!started.ok) throw new Error('run failed');
    const run = started.value;
    const broken: string[] = [];
    for (let m = 1; m <= 48; m++) {
      run.step();
      const { children, families, capacity } = run.population();
      for (let fam = 0; fam < capacity / FAMILY_SLOTS; fam++) {
        let size = 0;
        for (let i = fam * FAMILY_SLOTS; i < (fam + 1) * FAMILY_SLOTS; i++) if (stateOf(children, i) !== EMPTY) size++;
        const booked = needBookedOf(families, fam);
        const due = needDueOf(families, fam);
        if (sizeOf(families, fam) !== size) broken.push(`month ${m}, family ${fam}: size ${sizeOf(families, fam)}, ${size} children`);
        else if (size > 0 && !(booked > m && booked <= Math.ceil(due))) broken.push(`month ${m}, family ${fam}: booked ${booked}, due ${due}`);
      }
    }
    expect(broken.slice(0, 5)).toEqual([]);
  });
});
