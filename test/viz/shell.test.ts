/**
 * The app shell's pure parts, in Node: ring buffers, the address, the exports, chart series and
 * lever input. The DOM and drawing are tested in Chromium (test/browser).
 */
import { describe, expect, it } from 'vitest';
import { neutralMonthFields, type MarketRecord, type MonthRecord } from '../../sim/records';
import { CARE_EXITS, SPEND_CATEGORIES, STATES } from '../../sim/states';
import { runToCsv, timelineToJson } from '../../viz/export';
import { RunHistory } from '../../viz/history';
import { parseLeverInput, readPath } from '../../viz/levers';
import { RingSeries, SeriesTable } from '../../viz/ring';
import { readViewParams, writeViewParams } from '../../viz/url';

function record(month: number, fill: number): MonthRecord {
  return {
    month,
    children: 10_000,
    stocks: Object.fromEntries(STATES.map((s) => [s, s === 'universal' ? 10_000 - fill * (STATES.length - 1) : fill])) as MonthRecord['stocks'],
    flows: month === 0 ? {} : { 'universal>early_help': 3, 'birth>universal': 2 },
    careExits: Object.fromEntries(CARE_EXITS.map((e) => [e, 0])) as MonthRecord['careExits'],
    spend: Object.fromEntries(SPEND_CATEGORIES.map((c) => [c, month === 0 ? 0 : 100])) as MonthRecord['spend'],
    spendTotal: month === 0 ? 0 : 100 * SPEND_CATEGORIES.length,
    ...neutralMonthFields(month),
  };
}

const market: MarketRecord = {
  privateResidentialPricePerWeek: 4000,
  privateResidentialTailPerWeek: 800,
  councilHomeTailPerWeek: 700,
  privateResidentialMargin: 0.2,
  agencyFosterPricePerWeek: 900,
  agencyFosterMargin: 0.15,
  councilHomePricePerWeek: 5000,
  outOfArea: 1,
  councilHomePlaces: 10,
  privateResidentialPlaces: 20,
  inhouseFosterPlaces: 30,
  earlyHelpCapacity: 40,
  earlyHelpWaiting: 5,
  socialWorkCaseload: 17,
};

describe('RingSeries', () => {
  it('keeps the latest values in order once full, without growing', () => {
    const ring = new RingSeries(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.length).toBe(3);
    expect([ring.at(0), ring.at(1), ring.at(2)]).toEqual([3, 4, 5]);
    expect(ring.last()).toBe(5);
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.last()).toBeNaN();
  });

  it('samples every series of a table at the same months', () => {
    const table = new SeriesTable(['a', 'b'] as const, 2);
    table.push(0, (k) => (k === 'a' ? 1 : 2));
    table.push(1, (k) => (k === 'a' ? 3 : 4));
    table.push(2, (k) => (k === 'a' ? 5 : 6));
    expect([table.months.at(0), table.get('a').at(0), table.get('b').at(1)]).toEqual([1, 3, 6]);
  });
});

describe('the address', () => {
  it('reads the scenario and seed, with or without .json', () => {
    expect(readViewParams('?scenario=north-east-baseline.json&seed=42')).toEqual({ params: { scenario: 'north-east-baseline', seed: 42 }, problems: [] });
  });

  it('names a seed it cannot use instead of guessing', () => {
    const read = readViewParams('?seed=abc');
    expect(read.params.seed).toBeUndefined();
    expect(read.problems[0]).toContain('seed');
  });

  it('writes the view back and keeps other parameters', () => {
    expect(writeViewParams('?debug=1', { scenario: 'x', seed: 3 })).toBe('?debug=1&scenario=x&seed=3');
  });
});

describe('exports', () => {
  it('writes the tidy CSV: a row per month and measure, scaled to the whole region and labelled, market figures where known', () => {
    const csv = runToCsv({ scenario: 'Test, "quoted"', seed: 4, scale: 0.5 }, [record(0, 1), record(1, 2)], (m) => (m === 1 ? market : undefined));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('scenario,variant,run,seed,month,date,financial_year,measure,unit,value,council');
    const at = (m: number) => `"Test, ""quoted""",,0,4,${m},${record(m, 1).date},2021-22,`;
    // Counts and pounds at whole-region scale (the sample is half the region), with their units.
    expect(lines).toContain(`${at(0)}stock.early_help,children (whole region),2,`);
    expect(lines).toContain(`${at(1)}flow.universal>early_help,children in the month (whole region),6,`);
    expect(lines).toContain(`${at(1)}spend.early_help,£ in the month (whole region),200,`);
    // Prices stay as they are; places are scaled; month 0 has no market figures and no flows.
    expect(lines).toContain(`${at(1)}market.privateResidentialPricePerWeek,£ a week,4000,`);
    expect(lines).toContain(`${at(1)}market.councilHomePlaces,places (whole region),20,`);
    expect(lines.filter((l) => l.startsWith(at(0)) && /,(market|flow)\./.test(l))).toEqual([]);
  });

  it('writes the lever timeline as the JSON the CLI reads', () => {
    const json = timelineToJson([{ month: 12, path: 'policy.earlyHelp.budgetPerYear', value: 5_000_000 }]);
    expect(JSON.parse(json)).toEqual([{ month: 12, path: 'policy.earlyHelp.budgetPerYear', value: 5_000_000 }]);
  });
});

describe('chart series', () => {
  it('shows rates per 10,000 and region pounds, with no spend for month 0', () => {
    const history = new RunHistory();
    history.add(record(0, 2), market, 0.5, 1);
    history.add(record(1, 2), market, 0.5, 1);
    expect(history.series.get('care').at(1)).toBe(16);
    expect(history.series.get('spend').at(0)).toBeNaN();
    expect(history.series.get('spend').at(1)).toBe(2 * 100 * SPEND_CATEGORIES.length);
    expect(history.totals.cumulativeSpend).toBe(2 * 100 * SPEND_CATEGORIES.length);
  });

  it('averages spend over coalesced months but adds all of it to the cumulative total', () => {
    const history = new RunHistory();
    history.add(record(3, 2), market, 1, 3);
    expect(history.totals.monthlySpend).toBeCloseTo((100 * SPEND_CATEGORIES.length) / 3);
    expect(history.totals.cumulativeSpend).toBe(100 * SPEND_CATEGORIES.length);
  });
});

describe('lever input', () => {
  it('reads JSON values and keeps other text as a string for the validator to name', () => {
    expect(parseLeverInput(' 5000000 ')).toBe(5_000_000);
    expect(parseLeverInput('true')).toBe(true);
    expect(parseLeverInput('lots')).toBe('lots');
  });

  it('reads a dotted path from a scenario-like object', () => {
    expect(readPath({ policy: { earlyHelp: { budgetPerYear: 7 } } }, 'policy.earlyHelp.budgetPerYear')).toBe(7);
    expect(readPath({ policy: {} }, 'policy.earlyHelp.budgetPerYear')).toBeUndefined();
  });
});

describe('particle budget', () => {
  it('animates 20,000 children with a GPU, 5,000 on a CPU rasteriser, and obeys ?particles=', async () => {
    const { particleBudget, SOFTWARE_MAX_PARTICLES } = await import('../../viz/render-budget');
    expect(particleBudget('', () => false)).toBe(20_000);
    expect(particleBudget('', () => true)).toBe(SOFTWARE_MAX_PARTICLES);
    expect(particleBudget('?particles=0', () => false)).toBe(0);
    expect(particleBudget('?particles=12000', () => true)).toBe(12_000);
    expect(particleBudget('?particles=lots', () => true)).toBe(SOFTWARE_MAX_PARTICLES);
  });
});
