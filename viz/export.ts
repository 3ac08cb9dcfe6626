/**
 * What policy users take away: the run so far as CSV (one row per month and measure) and the lever
 * timeline as JSON in the format the CLI reads with `--levers FILE`, so a run seen in the app can
 * be reproduced from the command line.
 */
import type { LeverChange } from '../sim/worker/contract';
import type { MarketRecord, MonthRecord } from '../sim/records';
import { TIDY_HEADER, tidyRunRows } from '../sim/outputs/tidy';

export interface RunRow {
  record: MonthRecord;
  market: MarketRecord;
  /** Months this row covers: above 1 when the page fell behind and the worker summed flows. */
  coalesced: number;
}

/** A month's market figures: the page passes the worker's, kept for every month (`runRecords`); a month without any has no market rows. */
export type MarketLookup = (month: number) => MarketRecord | undefined;

/**
 * The run so far as the tidy long CSV (`sim/outputs/tidy.ts`): one row per month and measure,
 * whole-region counts and pounds with their units, market figures where known. Byte for byte what
 * `npm run sim -- SCENARIO --seed N --format csv` writes for the same run.
 */
export function runToCsv(run: { scenario: string; seed: number; scale: number }, records: readonly MonthRecord[], marketAt: MarketLookup): string {
  return TIDY_HEADER + tidyRunRows({ scenario: run.scenario, variant: '', run: 0, seed: run.seed }, records, marketAt, run.scale);
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
