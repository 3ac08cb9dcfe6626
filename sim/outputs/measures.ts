/**
 * The measures analysts get from a run, at whole-region scale and labelled with their unit: the
 * month record's counts (divided by `population.scale`), its pounds (likewise), the market figures
 * (prices and ratios as they are, places scaled), and the comparison's outcomes (rates per 10,000,
 * shares, £m). The app's Export CSV, `npm run sim -- --format csv` and `npm run experiment` read
 * them here, so a measure has one name, one unit and one value everywhere.
 */
import { DFE_AGE_BANDS } from '../ages';
import { OUTCOMES, outcomeById, type MonthView } from '../comparison/outcomes';
import { measures as recordMeasures } from '../output';
import type { MarketRecord, MonthRecord } from '../records';
import { CARE_EXIT_REASONS, CARE_EXITS, LEGAL_STATUSES, SINKS, SOURCES, SPEND_CATEGORIES, STATES } from '../states';

export type MeasureRow = [name: string, unit: string, value: number];

const PEOPLE = 'children (whole region)';
const MOVES = 'children in the month (whole region)';
const POUNDS = '£ in the month (whole region)';

/** Which unit a record measure has, from its name (`stock.x`, `flow.a>b`, `spend.x`, ...). */
function recordUnit(name: string): string {
  if (name === 'spendTotal' || name.startsWith('spend.')) return POUNDS;
  if (name === 'children' || name === 'uascLookedAfter' || /^(stock|lookedAfterByAge|legalStatus)\./.test(name)) return PEOPLE;
  return MOVES;
}

/** The worker's market figures: how each is labelled, and whether it grows with the sample (then it is scaled up). */
const MARKET: Record<keyof MarketRecord, { unit: string; scaled: boolean }> = {
  privateResidentialPricePerWeek: { unit: '£ a week', scaled: false },
  privateResidentialMargin: { unit: 'share of the price', scaled: false },
  agencyFosterPricePerWeek: { unit: '£ a week', scaled: false },
  agencyFosterMargin: { unit: 'share of the price', scaled: false },
  councilHomePricePerWeek: { unit: '£ a week', scaled: false },
  privateResidentialTailPerWeek: { unit: '£ a week', scaled: false },
  councilHomeTailPerWeek: { unit: '£ a week', scaled: false },
  outOfArea: { unit: PEOPLE, scaled: true },
  councilHomePlaces: { unit: 'places (whole region)', scaled: true },
  privateResidentialPlaces: { unit: 'places (whole region)', scaled: true },
  inhouseFosterPlaces: { unit: 'places (whole region)', scaled: true },
  earlyHelpCapacity: { unit: 'places (whole region)', scaled: true },
  earlyHelpWaiting: { unit: PEOPLE, scaled: true },
  socialWorkCaseload: { unit: 'cases per social worker', scaled: false },
};
const MARKET_KEYS = Object.keys(MARKET) as (keyof MarketRecord)[];

/** Every measure of one month, whole-region scale, in a fixed order: the record's, then the market's. */
export function monthMeasures(record: MonthRecord, market: MarketRecord | undefined, scale: number): MeasureRow[] {
  const rows: MeasureRow[] = recordMeasures(record).map(([name, value]) => [name, recordUnit(name), value / scale]);
  if (market) for (const k of MARKET_KEYS) rows.push([`market.${k}`, MARKET[k].unit, MARKET[k].scaled ? market[k] / scale : market[k]]);
  return rows;
}

const FLOW_ENDS = new Set<string>([...STATES, ...SOURCES, ...SINKS]);
const FIXED_RECORD_MEASURES = [
  'children',
  ...STATES.map((s) => `stock.${s}`),
  ...CARE_EXITS.map((e) => `careExit.${e}`),
  ...CARE_EXIT_REASONS.map((r) => `careExitByReason.${r}`),
  'careReEntries',
  ...DFE_AGE_BANDS.map((b) => `lookedAfterByAge.${b}`),
  ...DFE_AGE_BANDS.map((b) => `careEntriesByAge.${b}`),
  ...LEGAL_STATUSES.map((l) => `legalStatus.${l}`),
  'uascLookedAfter',
  ...SPEND_CATEGORIES.map((c) => `spend.${c}`),
  'spendTotal',
  ...MARKET_KEYS.map((k) => `market.${k}`),
];

/** Names a run can keep: the comparison's outcomes, then the month measures (a flow as `flow.from>to`). */
export const MEASURE_NAMES: readonly string[] = [...OUTCOMES.map((o) => o.id), ...FIXED_RECORD_MEASURES];

export function isMeasureName(name: string): boolean {
  if (MEASURE_NAMES.includes(name)) return true;
  const flow = /^flow\.([a-z_0-9]+)>([a-z_0-9]+)$/.exec(name);
  return flow !== null && FLOW_ENDS.has(flow[1]) && FLOW_ENDS.has(flow[2]);
}

/** The unit of a measure named by `isMeasureName`. */
export function measureUnit(name: string): string {
  const outcome = outcomeById(name);
  if (outcome) return outcome.unit;
  if (name.startsWith('market.')) return MARKET[name.slice(7) as keyof MarketRecord]?.unit ?? PEOPLE;
  return recordUnit(name);
}

/** A kept measure over one run: its unit and its value at every month 0..M. */
export interface MeasureSeries {
  name: string;
  unit: string;
  values: number[];
}

/** The named measures (checked with `isMeasureName`) over a run's months; a flow that did not happen in a month is 0. */
export function seriesOfMeasures(views: readonly MonthView[], scale: number, names: readonly string[]): MeasureSeries[] {
  const perMonth = views.map((v) => new Map(monthMeasures(v.record, v.market, scale).map(([name, unit, value]) => [name, { unit, value }])));
  return names.map((name) => {
    const outcome = outcomeById(name);
    if (outcome) return { name, unit: outcome.unit, values: Array.from(outcome.series(views, scale)) };
    return { name, unit: measureUnit(name), values: perMonth.map((m) => m.get(name)?.value ?? 0) };
  });
}
