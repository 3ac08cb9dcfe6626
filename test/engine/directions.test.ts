import { describe, expect, it } from 'vitest';
import type { MonthRecord } from '../../sim/records';
import { runScenario } from '../../sim/run';
import type { Scenario } from '../../sim/scenario/schema';
import { loadShipped, mean } from '../helpers';
import { inCare } from '../../sim/measures';

const SEEDS = Array.from({ length: 10 }, (_, k) => 100 + k);
const SCALE = 0.05;
const MONTHS = 60;

function runs(scenario: Scenario): MonthRecord[][] {
  return SEEDS.map((seed) => {
    const r = runScenario(scenario, { seed, months: MONTHS });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    return r.value;
  });
}

const flowsInto = (r: MonthRecord, to: string) =>
  Object.entries(r.flows).reduce((s, [k, n]) => (k.endsWith(`>${to}`) ? s + n : s), 0);

describe('policy directions (means over 10 seeds, 5 years)', () => {
  const baseline = loadShipped('north-east-baseline.json', { 'population.scale': SCALE });
  const base = runs(baseline);

  it('has fewer children on plans and in care after 5 years with more early-help funding', () => {
    const funded = runs(loadShipped('north-east-baseline.json', { 'population.scale': SCALE, 'policy.earlyHelp.budgetPerYear': baseline.policy.earlyHelp.budgetPerYear * 1.75 }));
    const onPlansOrInCare = (rs: MonthRecord[][]) => mean(rs.map((r) => r[MONTHS].stocks.child_protection + inCare(r[MONTHS].stocks)));
    expect(onPlansOrInCare(funded)).toBeLessThan(onPlansOrInCare(base));
    expect(mean(funded.map((r) => r[MONTHS].stocks.child_protection))).toBeLessThan(mean(base.map((r) => r[MONTHS].stocks.child_protection)));
  });

  it('pays less for private residential care under a profit cap', () => {
    const capped = runs(loadShipped('north-east-baseline.json', { 'population.scale': SCALE, 'policy.profitCap.enabled': true, 'policy.profitCap.maxMargin': 0.1 }));
    const privateSpend = (rs: MonthRecord[][]) => mean(rs.map((r) => r.reduce((s, m) => s + m.spend.private_residential, 0)));
    expect(privateSpend(capped)).toBeLessThan(privateSpend(base));
  });

  it('has fewer referrals when child poverty is reduced', () => {
    const reduced = runs(loadShipped('child-poverty-reduced.json', { 'population.scale': SCALE }));
    const referrals = (rs: MonthRecord[][]) => mean(rs.map((r) => r.reduce((s, m) => s + flowsInto(m, 'assessment'), 0)));
    expect(referrals(reduced)).toBeLessThan(referrals(base));
  });

  it('has exactly the same referrals with and without poverty reduction when the poverty driver is switched off', () => {
    const flat = { 'population.scale': SCALE, 'poverty.needHazardRatio': 1, 'poverty.referralRatio': 1 };
    const noGradient = runs(loadShipped('north-east-baseline.json', flat));
    const noGradientReduced = runs(loadShipped('child-poverty-reduced.json', flat));
    const referrals = (rs: MonthRecord[][]) => mean(rs.map((r) => r.reduce((s, m) => s + flowsInto(m, 'assessment'), 0)));
    expect(referrals(noGradientReduced)).toBe(referrals(noGradient));
  });
});
