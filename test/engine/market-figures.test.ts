import { describe, expect, it } from 'vitest';
import { WEEKS_PER_MONTH } from '../../sim/params';
import type { MarketRecord, MonthRecord } from '../../sim/records';
import { Run, runScenario } from '../../sim/run';
import type { Scenario } from '../../sim/scenario/schema';
import { loadShipped, mean } from '../helpers';
import { census, type Census } from './population-scan';

interface Month {
  record: MonthRecord;
  market: MarketRecord;
  census: Census;
}

function play(scenario: Scenario, months: number, seed = 3): Month[] {
  const started = Run.start(scenario, seed);
  if (!started.ok) throw new Error('run did not start');
  const run = started.value;
  const out: Month[] = [];
  for (let m = 0; m <= months; m++) {
    const record = m === 0 ? run.record() : run.step();
    out.push({ record, market: run.market(), census: census(run.population(), run.sim.careView()) });
  }
  return out;
}

describe('market figures', () => {
  const baseline = loadShipped('north-east-baseline.json', { 'population.scale': 0.1 });
  const months = play(baseline, 60);

  it('prices a private home and an agency foster place at the provider cost times (1 + margin)', () => {
    for (const { market, record } of months) {
      const index = record.prices.placementPrices;
      expect(index).toBeCloseTo((1 + baseline.prices.inflationPerYear.placementPrices) ** (record.month / 12), 9);
      expect(market.privateResidentialPricePerWeek).toBeCloseTo(baseline.placements.private_residential.costPerWeek * index * (1 + market.privateResidentialMargin), 6);
      expect(market.agencyFosterPricePerWeek).toBeCloseTo(baseline.placements.agency_foster.costPerWeek * index * (1 + market.agencyFosterMargin), 6);
      expect(market.privateResidentialMargin).toBeGreaterThanOrEqual(baseline.market.private_residential.baseMargin);
      // The month record carries the same figures.
      expect(record.market.private_residential.pricePerWeek).toBe(market.privateResidentialPricePerWeek);
      expect(record.market.private_residential.margin).toBe(market.privateResidentialMargin);
      expect(record.market.agency_foster.margin).toBe(market.agencyFosterMargin);
    }
  });

  it('charges market placements at that price, with the out-of-area premium on children placed away', () => {
    let away = 0;
    for (const { record, market, census: c } of months.slice(1)) {
      away += c.outOfArea.private_residential;
      const price = market.privateResidentialPricePerWeek * WEEKS_PER_MONTH;
      const local = record.stocks.private_residential - c.outOfArea.private_residential;
      // The high-cost tail: a share of children in private homes at the high weekly price instead.
      const tail = record.stocks.private_residential * baseline.market.highCostShare * (baseline.market.highCostPerWeek * record.prices.placementPrices * WEEKS_PER_MONTH - price);
      const expected = local * price + c.outOfArea.private_residential * price * baseline.market.outOfAreaPremium + tail;
      expect(record.spend.private_residential).toBeCloseTo(expected, 1);
      expect(record.outOfAreaByType.private_residential).toBe(c.outOfArea.private_residential);
      expect(record.market.private_residential.occupied).toBe(local);
      const agency = market.agencyFosterPricePerWeek * WEEKS_PER_MONTH;
      const agencyLocal = record.stocks.agency_foster - c.outOfArea.agency_foster;
      expect(record.spend.agency_foster).toBeCloseTo(agencyLocal * agency + c.outOfArea.agency_foster * agency * baseline.market.outOfAreaPremium, 1);
      expect(market.outOfArea).toBe(c.outOfArea.private_residential + c.outOfArea.agency_foster);
    }
    expect(away, 'the baseline places some children in private homes out of area').toBeGreaterThan(0);
  });

  it('never lets a margin exceed the profit cap when a cap is on', () => {
    const capped = loadShipped('council-run-homes-profit-cap.json', { 'population.scale': 0.1 });
    expect(capped.policy.profitCap.enabled).toBe(true);
    const cap = capped.policy.profitCap.maxMargin;
    const run = play(capped, 36);
    for (const { market } of run) {
      expect(market.privateResidentialMargin).toBeLessThanOrEqual(cap + 1e-12);
      expect(market.agencyFosterMargin).toBeLessThanOrEqual(cap + 1e-12);
    }
    // The cap binds in this scenario (the base margin is above it), so the price falls to cost x (1 + cap).
    const index = run[12].record.prices.placementPrices;
    expect(run[12].market.privateResidentialPricePerWeek).toBeCloseTo(capped.placements.private_residential.costPerWeek * index * (1 + cap), 6);
  });

  it('raises the private margin when places are scarce', () => {
    // the scenario's places, not the solved start (a market that starts at its hurdle would solve them back)
    const scarce = loadShipped('north-east-baseline.json', {
      'population.scale': 0.1,
      'market.private_residential.startAtHurdle': false,
      'placements.private_residential.places': Math.round(months[0].record.market.private_residential.places / 0.1 * 0.6),
    });
    const margins = (ms: Month[]) => mean(ms.slice(12).map((x) => x.market.privateResidentialMargin));
    expect(margins(play(scarce, 36))).toBeGreaterThan(margins(months.slice(0, 37)) + 0.01);
  });

  it('counts as waiting for early help exactly the children who are waiting, as children come and go (and turn 18)', () => {
    // A small early-help budget keeps a long queue, so waiting children do turn 18 in it.
    const queue = loadShipped('north-east-baseline.json', { 'population.scale': 0.05, 'policy.earlyHelp.budgetPerYear': 2_000_000 });
    const run = play(queue, 120);
    for (const { market, census: c, record } of run) expect(market.earlyHelpWaiting, `month ${record.month}`).toBe(c.waiting);
    expect(Math.max(...run.map((x) => x.census.waiting))).toBeGreaterThan(50);
  });

  it("starts the private market at the cited margin: the mean of month 1's margin over runs is 23% (CMA 2022) within 1.5 points", () => {
    // CMA children's social care market study (2022): the largest providers' operating margin about 23%
    const CITED = 0.23;
    const margins: number[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const run = runScenario(loadShipped('north-east-baseline.json', { 'population.scale': 0.1 }), { seed, months: 1 });
      if (!run.ok) throw new Error('run failed');
      margins.push(run.value[1].market.private_residential.margin ?? NaN);
    }
    const average = mean(margins);
    expect(Math.abs(average - CITED), `mean margin ${(average * 100).toFixed(2)}%`).toBeLessThan(0.015);
  });
});
