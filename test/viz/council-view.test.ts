/**
 * Councils in the app (viz/council-view.ts, viz/app-state.ts): the area chosen decides which month
 * record the charts, tables and figures read, and the small multiples' figures come from each
 * council's own record. Synthetic records with known counts, so every expected figure is worked
 * out here by hand.
 */
import { describe, expect, it } from 'vitest';
import { neutralMonthFields, type CouncilMonthRecord, type MarketRecord, type MonthRecord } from '../../sim/records';
import { CARE_EXITS, SPEND_CATEGORIES, STATES, type StateId } from '../../sim/states';
import type { Snapshot } from '../../sim/worker/contract';
import { AppState } from '../../viz/app-state';
import { areaOptions, councilFigures, councilRows, keptChoice, recordFor, REGION, REGION_LABEL, sparkPath } from '../../viz/council-view';

const HARTLEPOOL = 'E06000001';
const DARLINGTON = 'E06000005';

/** A record of `children` children, `stocks` as given (the rest universal), `outside` children in homes outside the council. */
function area(month: number, children: number, stocks: Partial<Record<StateId, number>>, outside = { la_residential: 0, private_residential: 0 }): CouncilMonthRecord {
  const all = Object.fromEntries(STATES.map((s) => [s, stocks[s] ?? 0])) as MonthRecord['stocks'];
  all.universal = children - STATES.reduce((n, s) => n + (s === 'universal' ? 0 : all[s]), 0);
  const spend = Object.fromEntries(SPEND_CATEGORIES.map((c) => [c, 0])) as MonthRecord['spend'];
  const neutral = neutralMonthFields(month);
  return {
    month,
    children,
    stocks: all,
    flows: {},
    careExits: Object.fromEntries(CARE_EXITS.map((e) => [e, 0])) as MonthRecord['careExits'],
    spend,
    spendTotal: 0,
    ...neutral,
    outsideCouncilByType: { ...outside, agency_foster: 0 },
    outsideCouncil: outside.la_residential + outside.private_residential,
  };
}

/** Month `m`: Hartlepool with 1,000 children, Darlington with 2,000; the region is their sum. */
function month(m: number): MonthRecord {
  const hartlepool = area(m, 1_000, { kinship_foster: 5 + m, la_residential: 2, private_residential: 3, child_protection: 4 }, { la_residential: 1, private_residential: 2 });
  const darlington = area(m, 2_000, { inhouse_foster: 10, child_protection: 6 });
  const region = area(m, 3_000, { kinship_foster: 5 + m, inhouse_foster: 10, la_residential: 2, private_residential: 3, child_protection: 10 }, { la_residential: 1, private_residential: 2 });
  return { ...region, councils: { [HARTLEPOOL]: hartlepool, [DARLINGTON]: darlington } };
}

const COUNCILS = [
  { code: HARTLEPOOL, name: 'Hartlepool' },
  { code: DARLINGTON, name: 'Darlington' },
];

describe('the record an area shows', () => {
  const r = month(1);

  it('gives a council\u2019s own record when a council is chosen', () => {
    expect(recordFor(r, HARTLEPOOL).stocks.kinship_foster).toBe(6);
    expect(recordFor(r, HARTLEPOOL).children).toBe(1_000);
    expect(recordFor(r, DARLINGTON).stocks.inhouse_foster).toBe(10);
    expect(recordFor(r, DARLINGTON).stocks.kinship_foster).toBe(0);
  });

  it('gives the region\u2019s record for the region', () => {
    expect(recordFor(r, REGION)).toBe(r);
    expect(recordFor(r, REGION).stocks.child_protection).toBe(10);
  });

  it('falls back to the region for a code the record does not have, and for a record without councils', () => {
    expect(recordFor(r, 'E09000001')).toBe(r);
    const single = { ...r };
    delete single.councils;
    expect(recordFor(single, HARTLEPOOL)).toBe(single);
  });

  it('offers the region first, then each council in the scenario\u2019s order, and nothing without councils', () => {
    expect(areaOptions(COUNCILS)).toEqual([
      { value: REGION, label: REGION_LABEL },
      { value: HARTLEPOOL, label: 'Hartlepool' },
      { value: DARLINGTON, label: 'Darlington' },
    ]);
    expect(REGION_LABEL).toBe('North East (region)');
    expect(areaOptions(undefined)).toEqual([]);
    expect(areaOptions([])).toEqual([]);
    expect(keptChoice(DARLINGTON, areaOptions(COUNCILS))).toBe(DARLINGTON);
    expect(keptChoice(DARLINGTON, areaOptions([COUNCILS[0]]))).toBe(REGION);
  });
});

describe('the small multiples', () => {
  it('gives each council\u2019s rates per 10,000 of its own children and the share of its children\u2019s-home children outside it', () => {
    // Hartlepool, month 2: in care 7 kinship + 2 + 3 = 12 of 1,000; CP 4; homes 5, of whom 3 outside.
    const f = councilFigures(month(2).councils?.[HARTLEPOOL] as CouncilMonthRecord);
    expect(f.lookedAfterPer10k).toBeCloseTo(120, 9);
    expect(f.childProtectionPer10k).toBeCloseTo(40, 9);
    expect(f.homesOutsidePercent).toBeCloseTo(60, 9);
  });

  it('says there is no share when a council has nobody in a children\u2019s home', () => {
    const f = councilFigures(month(2).councils?.[DARLINGTON] as CouncilMonthRecord);
    expect(f.lookedAfterPer10k).toBeCloseTo(50, 9);
    expect(f.childProtectionPer10k).toBeCloseTo(30, 9);
    expect(f.homesOutsidePercent).toBeNaN();
  });

  it('takes the figures from the latest record and the sparkline from every record', () => {
    const rows = councilRows(COUNCILS, [month(0), month(3), month(5)]);
    expect(rows.map((r) => r.name)).toEqual(['Hartlepool', 'Darlington']);
    // Hartlepool in care: 5 + m kinship + 5 in homes, of 1,000 children.
    expect(rows[0].lookedAfterPer10k).toBeCloseTo(150, 9);
    expect(rows[0].lookedAfterSeries.map((v) => Math.round(v))).toEqual([100, 130, 150]);
    expect(rows[0].months).toEqual([0, 3, 5]);
    expect(rows[1].lookedAfterSeries.map((v) => Math.round(v))).toEqual([50, 50, 50]);
  });

  it('draws the sparkline from the lowest value at the bottom to the highest at the top, with a gap where a month is missing', () => {
    expect(sparkPath([0, 5, 10], [1, 3, 2], 102, 24)).toBe('M1.0,22.0L51.0,2.0L101.0,12.0');
    expect(sparkPath([0, 5, 10], [1, NaN, 2], 102, 24)).toBe('M1.0,22.0M101.0,2.0');
    expect(sparkPath([], [], 102, 24)).toBe('');
  });
});

describe('choosing an area in the app state', () => {
  const snapshot = (m: number): Snapshot => ({ record: month(m), market: {} as MarketRecord, coalesced: m > 0 ? 1 : 0, scale: 1, view: undefined as unknown as Snapshot['view'] });

  it('rebuilds the charts\u2019 history for a council chosen mid-run, and keeps showing it as months arrive', () => {
    const state = new AppState();
    state.startRun();
    for (const m of [0, 1, 2]) state.addSnapshot(snapshot(m));
    // Region: in care 5 + m + 10 + 5 of 3,000.
    expect(state.history.series.get('care').last()).toBeCloseTo(((5 + 2 + 15) / 3_000) * 10_000, 9);
    state.showCouncil(HARTLEPOOL, "Hartlepool");
    const care = state.history.series.get('care');
    expect(care.length).toBe(3);
    expect(care.last()).toBeCloseTo(((5 + 2 + 5) / 1_000) * 10_000, 9);
    expect(state.careMix.latest.month).toBe(2);
    state.addSnapshot(snapshot(3));
    expect(state.history.series.get('care').last()).toBeCloseTo(((5 + 3 + 5) / 1_000) * 10_000, 9);
    expect(state.history.series.get('cp').last()).toBeCloseTo(40, 9);
    state.showCouncil(REGION, undefined);
    expect(state.history.series.get('cp').last()).toBeCloseTo((10 / 3_000) * 10_000, 9);
  });
});
