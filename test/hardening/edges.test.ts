import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NEED_HAZARD_PER_YEAR } from '../../sim/scenario/semantics';
import { BASELINE, cli, scratch, TINY } from './helpers';

const dir = scratch('edges');
function variant(name: string, edit: (s: Record<string, any>) => void): string {
  const s = JSON.parse(readFileSync(BASELINE, 'utf8'));
  edit(s);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(s));
  return file;
}

describe('edge values say what they are', () => {
  it('runs early help costing 0 with a budget of 0: no places, no spend, no NaN', async () => {
    const file = variant('free-unfunded', (s) => {
      s.earlyHelp.costPerFamilyPerYear = 0;
      s.policy.earlyHelp.budgetPerYear = 0;
      // a value outside its stated range is refused on load (uncertainty.ts): this file states none for it
      delete s.uncertainty?.ranges?.['earlyHelp.costPerFamilyPerYear'];
    });
    const r = await cli([file, ...TINY]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const months = JSON.parse(r.stdout).runs[0].months as { market: unknown; spend: Record<string, number> }[];
    for (const m of months) expect(m.spend.early_help).toBe(0);
    const stdout = await cli([file, ...TINY, '--format', 'csv']);
    expect(stdout.stdout).not.toMatch(/NaN/);
  });

  it(`refuses need multipliers whose product passes ${MAX_NEED_HAZARD_PER_YEAR} a year, naming every term and the product`, async () => {
    const file = variant('extreme-hazards', (s) => {
      for (const r of Object.values(s.riskFactors) as { hazardRatio: number }[]) r.hazardRatio = 100;
    });
    const r = await cli([file, ...TINY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`need.baseHazardPerYear: expected multipliers whose product for the most exposed family is at most ${MAX_NEED_HAZARD_PER_YEAR} a year`);
    expect(r.stderr).toContain('0.043 (need.baseHazardPerYear) x 3.2 (need.ageHazardRatio.age16plus) x 3 (poverty.needHazardRatio) x 100 (riskFactors.domesticAbuse.hazardRatio) x 100 (riskFactors.parentalMentalHealth.hazardRatio) x 100 (riskFactors.substanceMisuse.hazardRatio) = 412,800 a year');
  });

  it('accepts the baseline, whose most exposed family has a need hazard well inside the bound', async () => {
    const s = JSON.parse(readFileSync(BASELINE, 'utf8'));
    const highest = s.need.baseHazardPerYear * 3.2 * s.poverty.needHazardRatio * 2.5 * 1.8 * 2.5;
    expect(highest).toBeCloseTo(4.644, 3);
    expect((await cli([BASELINE, ...TINY])).code).toBe(0);
  });
});
