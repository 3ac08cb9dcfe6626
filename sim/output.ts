/**
 * Output formats for month records: the JSON document of the CLI (streamed run by run, so memory
 * stays flat over many runs) and long-format CSV (one row per run x month x measure).
 */
import { DFE_AGE_BANDS } from './ages';
import type { MonthRecord } from './records';
import { CARE_EXIT_REASONS, LEGAL_STATUSES } from './states';
import { csvCell } from './text/csv';

export interface RunOutput {
  seed: number;
  months: MonthRecord[];
}

/**
 * `{"scenario": ..., "scale": ..., "runs": [` ... `], "manifest": {...}}` written piecewise: the
 * header on the first line, then one run per line, then the manifest (`sim/cli/manifest.ts`) on the
 * last line, so a part can be read back line by line.
 */
export function jsonHeader(scenario: string, scale: number): string {
  return `{"scenario":${JSON.stringify(scenario)},"scale":${JSON.stringify(scale)},"runs":[`;
}
export function jsonRun(run: RunOutput, first: boolean): string {
  return jsonRunLine(JSON.stringify(run), first);
}
/** A run already serialised (`JSON.stringify(run)`), in its place in the list. */
export function jsonRunLine(line: string, first: boolean): string {
  return `${first ? '' : ','}\n${line}`;
}
/** How the last line starts: the end of the list of runs, then the manifest. */
export const JSON_MANIFEST_PREFIX = '],"manifest":';
export function jsonFooter(manifest: unknown): string {
  return `\n${JSON_MANIFEST_PREFIX}${JSON.stringify(manifest)}}\n`;
}

export const CSV_HEADER = 'scenario,scale,seed,month,measure,value\n';

/** Measures of one month record as [name, value] pairs, in a fixed order. */
export function measures(record: MonthRecord): [string, number][] {
  const out: [string, number][] = [['children', record.children]];
  for (const [k, v] of Object.entries(record.stocks)) out.push([`stock.${k}`, v]);
  for (const [k, v] of Object.entries(record.flows)) out.push([`flow.${k}`, v]);
  for (const [k, v] of Object.entries(record.careExits)) out.push([`careExit.${k}`, v]);
  // The pathway detail (ages, reasons for leaving, legal status): every key, even at 0, so each month has the same measures.
  for (const r of CARE_EXIT_REASONS) out.push([`careExitByReason.${r}`, record.careExitsByReason[r]]);
  out.push(['careReEntries', record.careReEntries]);
  for (const b of DFE_AGE_BANDS) out.push([`lookedAfterByAge.${b}`, record.lookedAfterByAge[b]]);
  for (const b of DFE_AGE_BANDS) out.push([`careEntriesByAge.${b}`, record.careEntriesByAge[b]]);
  for (const l of LEGAL_STATUSES) out.push([`legalStatus.${l}`, record.lookedAfterByLegalStatus[l]]);
  out.push(['uascLookedAfter', record.uascLookedAfter]);
  for (const [k, v] of Object.entries(record.spend)) out.push([`spend.${k}`, v]);
  out.push(['spendTotal', record.spendTotal]);
  return out;
}

export function csvRows(scenario: string, scale: number, run: RunOutput): string {
  const prefix = `${csvCell(scenario)},${scale},${run.seed},`;
  let text = '';
  for (const record of run.months) {
    for (const [name, value] of measures(record)) text += `${prefix}${record.month},${csvCell(name)},${value}\n`;
  }
  return text;
}
