/**
 * `npm run sim -- <scenario> --observed [region]`: each run's 31 March records beside the observed
 * series (`sim/observed`), with the gap, as a text table (or JSON with `--format json`). Years
 * without an observed figure are listed with a note, so a gap in the data is never a silent skip.
 */
import { gapRows, type GapRow } from '../observed/gaps';
import { observedHistory } from '../observed/history';
import { MEASURE_SHORT_NAMES, REGION_LABELS, type ObservedRegion } from '../observed/types';
import type { LeverChange } from '../levers';
import type { MonthRecord } from '../records';
import { runScenario } from '../run';
import type { Scenario } from '../scenario/schema';
import type { CliRequest } from './args';
import { EXIT } from './exit-codes';
import { writeDocument } from './io';
import { terminalText } from '../text/terminal';
import { report, type CliIo } from './prepare';

const UNIT = 'per 10,000 children aged 0-17';

const fixed = (v: number | null, signed = false): string => (v === null ? '-' : `${signed && v > 0 ? '+' : ''}${v.toFixed(1)}`);

function table(rows: readonly GapRow[]): string {
  const head = ['31 March', 'measure', 'model', 'observed', 'gap', 'gap %', 'source or note'];
  const lines = rows.map((r) => [
    String(r.year),
    MEASURE_SHORT_NAMES[r.measure],
    fixed(r.model),
    r.observed === null ? '-' : `${fixed(r.observed)}${r.kind && r.kind !== 'published' ? ` (${r.kind})` : ''}`,
    fixed(r.gap, true),
    r.gapPercent === null ? '-' : `${fixed(r.gapPercent, true)}%`,
    r.observed === null ? (r.note ?? '') : (r.source ?? ''),
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...lines.map((l) => l[k].length)));
  // Text columns left, numbers right; the last column is not padded.
  const right = [false, false, true, true, true, true, false];
  const format = (cells: string[]): string =>
    cells.map((c, k) => (k === cells.length - 1 ? c : right[k] ? c.padStart(widths[k]) : c.padEnd(widths[k]))).join('  ');
  return [format(head), ...lines.map(format)].join('\n');
}

function runHeading(scenario: Scenario, region: ObservedRegion, seed: number, records: readonly MonthRecord[]): string {
  const first = records[0]?.date ?? '?';
  const last = records[records.length - 1]?.date ?? '?';
  return `${terminalText(scenario.name)}, seed ${seed}, months 0-${records.length - 1} (${first} to ${last}) against observed ${REGION_LABELS[region]}, ${UNIT}`;
}

/** Runs every seed of the request and writes the comparison; the exit code, never a throw for bad input. */
export async function printObserved(io: CliIo, req: CliRequest, scenario: Scenario, levers: LeverChange[], region: ObservedRegion): Promise<number> {
  const history = observedHistory();
  if (!history.ok) {
    report(io, 'scenarios/observed/history.json: invalid observed history', history.issues);
    return EXIT.internal;
  }
  const runs: { seed: number; rows: GapRow[]; text: string }[] = [];
  for (let r = 0; r < req.runs; r++) {
    const seed = req.seed + r;
    const result = runScenario(scenario, { seed, months: req.months, levers });
    if (!result.ok) {
      report(io, `run ${r + 1}/${req.runs} (seed ${seed}) stopped`, result.issues);
      return EXIT.invalidInput;
    }
    const rows = gapRows(result.value, history.value, region);
    const body = rows.length > 0 ? table(rows) : 'no 31 March inside the run (no month record dated "YYYY-03")';
    runs.push({ seed, rows, text: `${runHeading(scenario, region, seed, result.value)}\n${body}\n` });
  }
  const document =
    req.format === 'json'
      ? `${JSON.stringify({ scenario: scenario.name, region, unit: UNIT, runs: runs.map(({ seed, rows }) => ({ seed, rows })) })}\n`
      : `${runs.map((run) => run.text).join('\n')}gap = model - observed; gap % of observed. Observed figures and their sources: scenarios/observed/history.json.\n`;
  await writeDocument(io, req.out, document);
  return EXIT.ok;
}
