/**
 * The guard against figures that overflow: the first month record (or market record) figure that
 * is not a finite number, by name. A run that produces one stops there (`runScenario`), so no
 * output ever holds `null` (JSON's rendering of Infinity and NaN) or `Infinity` (CSV).
 */
import type { MarketRecord, MonthRecord } from './records';
import { issue, type ValidationIssue } from './scenario/issues';

/**
 * Market figures that are limits, where +Infinity is the engine's "no limit" (sim/params.ts,
 * sim/simulation.ts): places of `null`, early help at a cost of 0 per case, the caseload of no
 * social workers. Valid scenarios produce them; they are shown, never output by the CLI.
 */
const UNBOUNDED_BY_DESIGN = new Set(['councilHomePlaces', 'privateResidentialPlaces', 'inhouseFosterPlaces', 'earlyHelpCapacity', 'socialWorkCaseload']);

/** The month record's own numbers outside the groups, checked in this order. */
const SINGLE_FIGURES = ['spendTotal', 'careReEntries', 'uascLookedAfter', 'outOfArea', 'careLeavers', 'placementMoves'] as const satisfies readonly (keyof MonthRecord)[];

/** Name of the first figure that is not finite, e.g. `spend.placements` or `market.agencyFosterPricePerWeek`. */
export function firstNonFinite(record: MonthRecord, market?: MarketRecord): string | undefined {
  if (!Number.isFinite(record.month)) return 'month';
  if (!Number.isFinite(record.children)) return 'children';
  const groups: Record<string, Readonly<Record<string, number>>> = {
    stocks: record.stocks,
    flows: record.flows,
    careExits: record.careExits,
    careExitsByReason: record.careExitsByReason,
    lookedAfterByAge: record.lookedAfterByAge,
    careEntriesByAge: record.careEntriesByAge,
    lookedAfterByLegalStatus: record.lookedAfterByLegalStatus,
    outOfAreaByType: record.outOfAreaByType,
    spend: record.spend,
  };
  for (const [group, figures] of Object.entries(groups)) {
    for (const [name, value] of Object.entries(figures)) if (!Number.isFinite(value)) return `${group}.${name}`;
  }
  for (const name of SINGLE_FIGURES) if (!Number.isFinite(record[name])) return name;
  for (const [name, value] of Object.entries(market ?? {})) {
    if (!Number.isFinite(value) && !(value === Infinity && UNBOUNDED_BY_DESIGN.has(name))) return `market.${name}`;
  }
  return undefined;
}

/** The issue that stops a run at a figure that is not finite, naming the figure and the month; undefined if all are finite. */
export function nonFiniteIssue(record: MonthRecord, market?: MarketRecord): ValidationIssue | undefined {
  const name = firstNonFinite(record, market);
  if (name === undefined) return undefined;
  const value = name.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], name.startsWith('market.') ? { market } : record);
  return issue(
    name,
    'a finite number',
    `${String(value)} in month ${record.month} (the scenario's figures are too large to compute: lower the costs, places or population)`,
  );
}
