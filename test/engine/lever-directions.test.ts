/**
 * A direction test for every lever the app offers (and the scenario levers it lets you set by
 * path): the lever is set from month 1 and the run is compared with the same seed without it.
 * With common random numbers the two runs share their families, so the first-order effect shows
 * in one modest run.
 */
import { describe, expect, it } from 'vitest';
import type { LeverChange } from '../../sim/levers';
import type { MarketRecord, MonthRecord } from '../../sim/records';
import { Run } from '../../sim/run';
import type { Scenario } from '../../sim/scenario/schema';
import { PLACEMENTS } from '../../sim/states';
import { loadShipped, mean } from '../helpers';
import { census } from './population-scan';

const SCALE = 0.05;
const SEEDS = [1, 2];

interface Trace {
  records: MonthRecord[];
  markets: MarketRecord[];
  /** families in poverty at the end of the run */
  poorFamilies: number;
}

function trace(scenario: Scenario, levers: LeverChange[], months: number, seed: number): Trace {
  const started = Run.start(scenario, seed, levers);
  if (!started.ok) throw new Error(started.issues.map((i) => i.message).join('\n'));
  const run = started.value;
  const records = [run.record()];
  const markets = [run.market()];
  for (let m = 1; m <= months; m++) {
    records.push(run.step());
    markets.push(run.market());
  }
  return { records, markets, poorFamilies: census(run.population()).poorFamilies };
}

/** Mean over seeds of a measure of the run with the lever minus the run without. */
function effect(scenario: Scenario, path: string, value: unknown, months: number, measure: (t: Trace) => number): number {
  return mean(SEEDS.map((seed) => measure(trace(scenario, [{ month: 1, path, value }], months, seed)) - measure(trace(scenario, [], months, seed))));
}

const base = loadShipped('north-east-baseline.json', { 'population.scale': SCALE });
const sumOver = (t: Trace, from: number, pick: (r: MonthRecord) => number) => t.records.slice(from).reduce((n, r) => n + pick(r), 0);
const flowsInto = (r: MonthRecord, test: (from: string, to: string) => boolean) =>
  Object.entries(r.flows).reduce((n, [key, v]) => (test(key.split('>')[0], key.split('>')[1]) ? n + v : n), 0);

describe('every lever moves the model the way it says', () => {
  it('more early-help funding: more children in early help', () => {
    const d = effect(base, 'policy.earlyHelp.budgetPerYear', base.policy.earlyHelp.budgetPerYear * 1.5, 24, (t) => t.records[24].stocks.early_help);
    expect(d).toBeGreaterThan(0);
  });

  it('a statutory early-help duty: nobody left waiting for early help', () => {
    const t = trace(base, [{ month: 1, path: 'policy.earlyHelp.statutoryDuty', value: true }], 12, 1);
    expect(t.markets[12].earlyHelpWaiting).toBe(0);
    expect(effect(base, 'policy.earlyHelp.statutoryDuty', true, 12, (x) => x.records[12].stocks.early_help)).toBeGreaterThan(0);
  });

  it('child-poverty reduction: fewer families in poverty, and fewer referrals', () => {
    expect(effect(base, 'policy.childPovertyReduction', 0.3, 60, (t) => t.poorFamilies)).toBeLessThan(0);
    expect(effect(base, 'policy.childPovertyReduction', 0.3, 60, (t) => sumOver(t, 1, (r) => flowsInto(r, (_f, to) => to === 'assessment')))).toBeLessThan(0);
  });

  it('child poverty raised (a negative reduction): more families in poverty, and more referrals', () => {
    expect(effect(base, 'policy.childPovertyReduction', -0.3, 60, (t) => t.poorFamilies)).toBeGreaterThan(0);
    expect(effect(base, 'policy.childPovertyReduction', -0.3, 60, (t) => sumOver(t, 1, (r) => flowsInto(r, (_f, to) => to === 'assessment')))).toBeGreaterThan(0);
  });

  it('a lower threshold for care: more entries to care', () => {
    const entries = (t: Trace) => sumOver(t, 1, (r) => Object.values(r.careEntriesByAge).reduce((a, b) => a + b, 0));
    expect(effect(base, 'practice.careEntryRatio', 1.5, 24, entries)).toBeGreaterThan(0);
  });

  it('more section 20 at entry: more children accommodated under section 20', () => {
    expect(effect(base, 'legalStatus.section20ShareAtEntry.age10plus', 0.9, 24, (t) => t.records[24].lookedAfterByLegalStatus.V2)).toBeGreaterThan(0);
  });

  it('longer care proceedings: more children on interim orders', () => {
    expect(effect(base, 'courts.proceedingsWeeks', 80, 24, (t) => t.records[24].lookedAfterByLegalStatus.C1)).toBeGreaterThan(0);
  });

  it('more unaccompanied children arriving: more of them in care', () => {
    expect(effect(base, 'uasc.arrivalsPerYear', 1000, 12, (t) => t.records[12].uascLookedAfter)).toBeGreaterThan(0);
  });

  it('more council-home places planned: more places open after the building lag, and more children in them', () => {
    const target = base.policy.councilHomes.targetPlaces * 3;
    const lag = base.policy.councilHomes.monthsToOpen;
    const t = trace(base, [{ month: 1, path: 'policy.councilHomes.targetPlaces', value: target }], lag + 12, 1);
    expect(t.markets[lag + 2].councilHomePlaces).toBe(Math.round(target * SCALE));
    expect(effect(base, 'policy.councilHomes.targetPlaces', target, lag + 12, (x) => x.records[lag + 12].stocks.la_residential)).toBeGreaterThan(0);
  });

  it('a profit cap: a lower private margin and a lower price', () => {
    const capped = { ...base, policy: { ...base.policy, profitCap: { ...base.policy.profitCap, maxMargin: 0.1 } } };
    expect(effect(capped, 'policy.profitCap.enabled', true, 12, (t) => t.markets[12].privateResidentialMargin)).toBeLessThan(0);
    expect(effect(capped, 'policy.profitCap.enabled', true, 12, (t) => t.markets[12].privateResidentialPricePerWeek)).toBeLessThan(0);
  });

  it('a lower profit cap: a lower private margin', () => {
    const capped = { ...base, policy: { ...base.policy, profitCap: { enabled: true, maxMargin: 0.2 } } };
    expect(effect(capped, 'policy.profitCap.maxMargin', 0.05, 12, (t) => t.markets[12].privateResidentialMargin)).toBeLessThan(0);
  });

  it('foster-carer recruitment: more in-house foster places month by month', () => {
    const d = effect(base, 'policy.fosterRecruitment.extraPlacesPerYear', base.policy.fosterRecruitment.extraPlacesPerYear + 120, 24, (t) => t.markets[24].inhouseFosterPlaces);
    expect(d).toBeCloseTo(120 * SCALE * 2, 0);
  });

  it('more in-house foster places: the places exist from the next month', () => {
    const places = base.placements.inhouse_foster.places ?? 0;
    const t = trace(base, [{ month: 6, path: 'placements.inhouse_foster.places', value: places + 200 }], 6, 1);
    const without = trace(base, [], 6, 1);
    expect(t.markets[6].inhouseFosterPlaces - without.markets[6].inhouseFosterPlaces).toBe(Math.round((places + 200) * SCALE) - Math.round(places * SCALE));
  });

  it('homes as an early option: more children enter residential care', () => {
    const homes = (t: Trace) => sumOver(t, 1, (r) => flowsInto(r, (from, to) => !PLACEMENTS.includes(from as never) && (to === 'private_residential' || to === 'la_residential')));
    expect(effect(base, 'policy.homesAsEarlyOption.residentialEntryMultiplier', 2, 36, homes)).toBeGreaterThan(0);
  });

  it('collaborative foster transition: more children step down from homes to foster care', () => {
    const stepDown = (t: Trace) => sumOver(t, 1, (r) => flowsInto(r, (from, to) => (from === 'private_residential' || from === 'la_residential') && to === 'inhouse_foster'));
    expect(effect(base, 'policy.collaborativeFosterTransition.stepDownMultiplier', 3, 36, stepDown)).toBeGreaterThan(0);
  });
});
