/**
 * What policy users take away: the run so far as CSV (one row per month record) and the lever
 * timeline as JSON in the format the CLI reads with `--levers FILE`, so a run seen in the app can
 * be reproduced from the command line.
 */
import type { LeverChange } from '../sim/worker/contract';
import type { MarketRecord, MonthRecord } from '../sim/records';
import { DFE_AGE_BANDS } from '../sim/ages';
import { CARE_EXIT_REASONS, CARE_EXITS, LEGAL_STATUSES, SPEND_CATEGORIES, STATES } from '../sim/states';

export interface RunRow {
  record: MonthRecord;
  market: MarketRecord;
  /** Months this row covers: above 1 when the page fell behind and the worker summed flows. */
  coalesced: number;
}

/** A month's market figures: the page passes the worker's, kept for every month (`runRecords`); a month without any exports empty cells. */
export type MarketLookup = (month: number) => MarketRecord | undefined;

/** Every market figure, as a column: typed over MarketRecord, so a new figure does not compile until it is listed. */
const MARKET_COLUMNS: Record<keyof MarketRecord, true> = {
  privateResidentialPricePerWeek: true,
  privateResidentialMargin: true,
  agencyFosterPricePerWeek: true,
  agencyFosterMargin: true,
  councilHomePricePerWeek: true,
  outOfArea: true,
  councilHomePlaces: true,
  privateResidentialPlaces: true,
  inhouseFosterPlaces: true,
  earlyHelpCapacity: true,
  earlyHelpWaiting: true,
  socialWorkCaseload: true,
  privateResidentialTailPerWeek: true,
  councilHomeTailPerWeek: true,
};
const MARKET_KEYS = Object.keys(MARKET_COLUMNS) as (keyof MarketRecord)[];

function csvCell(v: string | number): string {
  const text = String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One row per month record (the worker's full record of the run, the CLI's `months` array), with
 * that month's market figures beside it. Flow columns are the union over the run, sorted, so every
 * row has the same columns.
 */
export function runToCsv(records: readonly MonthRecord[], marketAt: MarketLookup): string {
  const flowKeys = [...new Set(records.flatMap((r) => Object.keys(r.flows)))].sort();
  const header = [
    'month',
    'children',
    ...STATES.map((s) => `stock_${s}`),
    ...flowKeys.map((k) => `flow_${k}`),
    ...CARE_EXITS.map((e) => `care_exit_${e}`),
    ...CARE_EXIT_REASONS.map((r) => `care_exit_reason_${r}`),
    'care_re_entries',
    ...DFE_AGE_BANDS.map((b) => `looked_after_age_${b}`),
    ...DFE_AGE_BANDS.map((b) => `care_entries_age_${b}`),
    ...LEGAL_STATUSES.map((l) => `legal_status_${l}`),
    'uasc_looked_after',
    ...SPEND_CATEGORIES.map((c) => `spend_${c}`),
    'spend_total',
    ...MARKET_KEYS,
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const record of records) {
    const market = marketAt(record.month);
    const cells: (string | number)[] = [
      record.month,
      record.children,
      ...STATES.map((s) => record.stocks[s]),
      ...flowKeys.map((k) => record.flows[k] ?? 0),
      ...CARE_EXITS.map((e) => record.careExits[e] ?? 0),
      ...CARE_EXIT_REASONS.map((r) => record.careExitsByReason[r]),
      record.careReEntries,
      ...DFE_AGE_BANDS.map((b) => record.lookedAfterByAge[b]),
      ...DFE_AGE_BANDS.map((b) => record.careEntriesByAge[b]),
      ...LEGAL_STATUSES.map((l) => record.lookedAfterByLegalStatus[l]),
      record.uascLookedAfter,
      ...SPEND_CATEGORIES.map((c) => record.spend[c] ?? 0),
      record.spendTotal,
      ...MARKET_KEYS.map((k) => (market ? market[k] : '')),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function timelineToJson(timeline: readonly LeverChange[]): string {
  return `${JSON.stringify(timeline.map(({ month, path, value }) => ({ month, path, value })), null, 2)}\n`;
}

/** Offer text as a file download (the page's only way to hand a file to the user). */
export function download(fileName: string, text: string, mime: string): void {
  downloadBlob(fileName, new Blob([text], { type: mime }));
}

/** Offer any content (a workbook, an image) as a file download. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
