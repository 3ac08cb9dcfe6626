/**
 * Plain words for what differs between A and B: lever changes as chart labels ("Early-help budget
 * £40.0m a year → £69.0m a year") and scenario parameters as sentences for the report, with their
 * citations. The main levers use the lever panel's own labels and formats, so the app says a
 * thing one way.
 */
import { describeParameter, leverSteps, parameterRows } from '../../sim/comparison/parameters';
import { dateOfIndex, dateOfRunMonth, DEFAULT_START_DATE, monthIndexOf } from '../../sim/dates';
import type { LeverChange } from '../../sim/levers';
import type { Scenario } from '../../sim/scenario/schema';
import { MAIN_LEVERS } from '../levers';
import type { ChartMarker } from './svg-chart';

/** A parameter's value as the lever panel says it ("£40.0m a year", "on"), else the number and its unit. */
export function valueText(path: string, v: unknown): string {
  const spec = MAIN_LEVERS.find((l) => l.path === path);
  if (spec?.kind === 'toggle' && typeof v === 'boolean') return v ? 'on' : 'off';
  if (spec?.kind === 'range' && typeof v === 'number') return spec.format(v);
  if (typeof v === 'number') {
    const unit = describeParameter(path)?.unit;
    return `${new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 6 }).format(v)}${unit ? ` (${unit})` : ''}`;
  }
  return JSON.stringify(v) ?? 'nothing';
}

/** The name of a parameter for people: the lever panel's label, else the schema's description. */
export function parameterName(path: string): string {
  const spec = MAIN_LEVERS.find((l) => l.path === path);
  if (spec) return spec.label;
  const described = describeParameter(path)?.description;
  return described ? `${described.replace(/\.$/, '')} (${path})` : path;
}

export function leverLabel(path: string, before: unknown, after: unknown): string {
  return `${parameterName(path)} ${valueText(path, before)} → ${valueText(path, after)}`;
}

/** Chart markers for a side's lever timeline, prefixed with the side's letter, dated on the side's calendar. */
export function leverMarkers(prefix: string, scenario: Scenario, levers: readonly LeverChange[]): ChartMarker[] {
  const start = monthIndexOf(scenario.startDate ?? DEFAULT_START_DATE) ?? 0;
  return leverSteps(scenario, levers).map(({ change, before }) => ({
    month: change.month,
    label: `${prefix}: ${leverLabel(change.path, before, change.value)} (${dateOfIndex(dateOfRunMonth(start, change.month))}, month ${change.month})`,
  }));
}

export interface Difference {
  text: string;
  citation: string;
}

/** Every parameter that differs, as "Early-help budget: £40.0m a year in A, £69.0m a year in B". */
export function scenarioDifferences(a: Scenario, b: Scenario): Difference[] {
  return parameterRows(a, b)
    .filter((p) => p.differs && p.path !== 'population.scale')
    .map((p) => ({ text: `${parameterName(p.path)}: ${valueText(p.path, p.a)} in A, ${valueText(p.path, p.b)} in B`, citation: p.citation }));
}
