/**
 * Births (sim/engine/demography.ts) against the scenario's own figure: each year of a run brings
 * `population.birthsPerYear x population.scale` babies, within one, because the fraction of a
 * birth left over each month is carried into the next. The sample here is chosen so that a month's
 * births are far from whole (29,444 x 0.003 / 12 = 7.36): dropping the carry would lose about
 * 4 births a year. The same run checks that its records carry the calendar of sim/dates.ts.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run';
import { loadShipped } from '../helpers';

const SCALE = 0.003;
const YEARS = 3;

describe('births', () => {
  const scenario = loadShipped('north-east-baseline.json', { 'population.scale': SCALE });
  const run = runScenario(scenario, { seed: 3, months: 12 * YEARS });
  if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
  const records = run.value;
  const perYear = scenario.population.birthsPerYear * SCALE;
  const birthsIn = (from: number, to: number) => records.slice(from, to + 1).reduce((n, r) => n + (r.flows['birth>universal'] ?? 0), 0);

  it('the chosen sample has births that are not whole each month', () => {
    expect(perYear / 12 - Math.floor(perYear / 12)).toBeGreaterThan(0.3);
  });

  it.each(Array.from({ length: YEARS }, (_, y) => y + 1))('year %i brings birthsPerYear x scale babies, within one', (year) => {
    expect(Math.abs(birthsIn(12 * (year - 1) + 1, 12 * year) - perYear)).toBeLessThan(1);
  });

  it('months bring the whole births due so far: never more, and never a whole birth fewer', () => {
    for (let m = 1; m < records.length; m++) {
      const due = (perYear / 12) * m;
      const born = birthsIn(1, m);
      expect(born, `month ${m}`).toBeLessThanOrEqual(due + 1e-9);
      expect(born, `month ${m}`).toBeGreaterThan(due - 1);
    }
  });

  it('dates each record from the start date, April beginning a new financial year', () => {
    expect(records[0].date).toBe('2021-03');
    expect(records[0].financialYear).toBe('2020-21');
    expect(records[1].date).toBe('2021-04');
    expect(records[1].financialYear).toBe('2021-22');
    expect(records[12].date).toBe('2022-03');
    expect(records[12].financialYear).toBe('2021-22');
    expect(records[13].date).toBe('2022-04');
    expect(records[13].financialYear).toBe('2022-23');
  });
});
