/**
 * How long care proceedings last, against the scenario's `courts.proceedingsWeeks`: no conclusion
 * before PROCEEDINGS_MIN_MONTHS (3 months), then a monthly hazard such that the mean is the
 * scenario's figure (and never below the minimum). The mean is computed here from the month's
 * hazard table as the engine draws it (sim/engine/hazards.ts), with the other ways out of care
 * switched off, by summing the chance of still being in proceedings month after month.
 */
import { describe, expect, it } from 'vitest';
import { PROCEEDINGS_MIN_MONTHS, years } from '../../sim/ages';
import { CARE_EVENT, HazardTable, LEGAL_C1, variantOf } from '../../sim/engine/hazards';
import { toParams, WEEKS_PER_MONTH } from '../../sim/params';
import { STATE_CODE as S } from '../../sim/states';
import { loadShipped } from '../helpers';

/** The engine's parameters for a given duration, with returns home and other exits switched off. */
const base = loadShipped('north-east-baseline.json', { 'population.scale': 0.001 });
function paramsFor(proceedingsWeeks: number) {
  const p = toParams({ ...base, courts: { ...base.courts, proceedingsWeeks } });
  return { ...p, reunification: 0, otherExitUnder16: 0, otherExit16: 0 };
}

/** Each month's chance that proceedings begun at month 0 conclude at month `tic`, as the engine draws it. */
function concludeChances(proceedingsWeeks: number, months: number): number[] {
  const table = new HazardTable();
  table.update(paramsFor(proceedingsWeeks), 0);
  const out = new Float64Array(8);
  return Array.from({ length: months }, (_, tic) => {
    table.chances(S.inhouse_foster, years(2), tic, variantOf(LEGAL_C1, 0, 0), out);
    return out[CARE_EVENT.court];
  });
}

/** Mean months from the start of proceedings to their conclusion: the sum over months of the chance of lasting beyond it. */
function meanMonths(chances: number[]): number {
  let still = 1;
  let mean = 0;
  for (let tic = 1; tic < chances.length; tic++) {
    mean += still; // in proceedings through month tic - 1
    still *= 1 - chances[tic];
  }
  return mean;
}

describe('the duration of care proceedings', () => {
  it('the minimum is 3 months', () => {
    expect(PROCEEDINGS_MIN_MONTHS).toBe(3);
  });

  it.each([13, 20, 26, 41, 55, 80])('at %i weeks: nothing concludes before 3 months, and the mean is the scenario figure (at least 3 months)', (weeks) => {
    const chances = concludeChances(weeks, 600);
    for (let tic = 0; tic < 3; tic++) expect(chances[tic], `month ${tic}`).toBe(0);
    expect(chances[3]).toBeGreaterThan(0);
    const expected = Math.max(3, weeks / WEEKS_PER_MONTH);
    // monthly steps: the engine's mean sits within a month of the continuous one
    expect(Math.abs(meanMonths(chances) - expected), `mean ${meanMonths(chances).toFixed(2)} months, expected ${expected.toFixed(2)}`).toBeLessThan(1);
  });

  it('the hazard after the minimum gives the rest of the mean duration: minimum + 1 / hazard = weeks / weeks-a-month', () => {
    for (const weeks of [20, 26, 41, 55, 80]) {
      const p = paramsFor(weeks);
      expect(3 + 1 / p.proceedingsConclude, `${weeks} weeks`).toBeCloseTo(weeks / WEEKS_PER_MONTH, 9);
    }
  });

  it('longer proceedings last longer, month for month', () => {
    const means = [26, 41, 55].map((w) => meanMonths(concludeChances(w, 600)));
    expect(means[1] - means[0]).toBeCloseTo((41 - 26) / WEEKS_PER_MONTH, 0);
    expect(means[2] - means[1]).toBeCloseTo((55 - 41) / WEEKS_PER_MONTH, 0);
  });
});
