/**
 * What an experiment leaves in its folder, made from its runs in run order (so one process and a
 * merge of shards write the same bytes):
 * - `runs.csv`: the run table: run id, scenario, variant, seed, every changed parameter, digest;
 * - `variants.csv`: each variant, its parameters, and the variant whose runs stand for it;
 * - `results.csv`: the tidy long CSV (`sim/outputs/tidy.ts`) of every kept measure;
 * - `quantiles.csv`: 5/25/50/75/95th percentiles across seeds, per variant, measure and month;
 * - `wide/<measure>.csv`: a row per month, a column per run; `wide/<measure>.quantiles.csv`: a
 *   column per variant and quantile;
 * - `results.parquet`: the tidy table as Parquet.
 * Memory: the wide files need every run of the kept measures (runs x measures x months numbers);
 * everything else is written run by run.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dateOfIndex, dateOfRunMonth, DEFAULT_START_DATE, financialYearOfIndex, monthIndexOf } from '../dates';
import { fileSink, type Sink } from '../node/sink';
import { TidyParquet } from '../outputs/parquet';
import { QUANTILE_NAMES, quantilesByMonth } from '../outputs/quantiles';
import { TIDY_HEADER, tidySeriesRows, type MonthLabel } from '../outputs/tidy';
import type { MeasureSeries } from '../outputs/measures';
import { csvLine } from '../text/csv';
import { parameterValue, type Plan, type PlannedRun } from './plan';

/** One finished run as the outputs read it. */
export interface RunValues {
  run: PlannedRun;
  /** `sha256:` of the run's line in its part */
  digest: string;
  /** the kept measures, in `plan.measures` order */
  measures: MeasureSeries[];
}

export function monthLabels(plan: Plan, scenario: number): MonthLabel[] {
  const start = monthIndexOf(plan.scenarios[scenario].scenario.startDate ?? DEFAULT_START_DATE) ?? 0;
  return Array.from({ length: plan.experiment.months + 1 }, (_, m) => {
    const index = dateOfRunMonth(start, m);
    return { month: m, date: dateOfIndex(index), financialYear: financialYearOfIndex(index) };
  });
}

/** A parameter's value as a cell: numbers and text as they are, anything else as JSON. */
function valueCell(value: unknown): string | number {
  return typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

/** The file name of a measure's wide CSV (a flow's `>` is not welcome in file names). */
export function wideFileName(measure: string): string {
  return measure.replace(/[^A-Za-z0-9._-]/g, '_');
}

export async function writeOutputs(plan: Plan, dir: string, runs: AsyncIterable<RunValues>): Promise<void> {
  const want = new Set(plan.formats);
  mkdirSync(dir, { recursive: true });
  const sinks: Sink[] = [];
  const open = async (name: string) => {
    const sink = await fileSink(join(dir, name));
    sinks.push(sink);
    return sink;
  };
  try {
    const variantsCsv = await open('variants.csv');
    await variantsCsv.write(`${csvLine(['variant', 'scenario', 'runs_as', ...plan.parameters])}\n`);
    for (const v of plan.variants) {
      const runsAs = v.runsAs === undefined ? '' : plan.variants[v.runsAs].name;
      await variantsCsv.write(`${csvLine([v.name, plan.scenarios[v.scenario].name, runsAs, ...plan.parameters.map((p) => valueCell(parameterValue(plan, v, p)))])}\n`);
    }
    const runsCsv = await open('runs.csv');
    await runsCsv.write(`${csvLine(['run', 'scenario', 'variant', 'seed', ...plan.parameters, 'digest'])}\n`);
    const tidy = want.has('tidy') ? await open('results.csv') : undefined;
    await tidy?.write(TIDY_HEADER);
    const quantiles = want.has('quantiles') ? await open('quantiles.csv') : undefined;
    await quantiles?.write(`${csvLine(['scenario', 'variant', 'measure', 'unit', 'month', 'date', 'financial_year', 'runs', ...QUANTILE_NAMES])}\n`);
    if (want.has('wide')) mkdirSync(join(dir, 'wide'), { recursive: true });
    const parquet = want.has('parquet') ? new TidyParquet(join(dir, 'results.parquet.tmp')) : undefined;

    const labels = plan.scenarios.map((_, s) => monthLabels(plan, s));
    const wide: { run: PlannedRun; values: number[][] }[] = [];
    const variantQuantiles: { variant: number; byMeasure: number[][][] }[] = [];
    let group: RunValues[] = [];
    const closeGroup = async () => {
      if (group.length === 0) return;
      const v = plan.variants[group[0].run.variant];
      const months = labels[v.scenario];
      const byMeasure = plan.measures.map((_, k) => quantilesByMonth(group.map((r) => r.measures[k].values)));
      if (want.has('wide')) variantQuantiles.push({ variant: v.index, byMeasure });
      if (quantiles) {
        let text = '';
        plan.measures.forEach((name, k) => {
          const unit = group[0].measures[k].unit;
          months.forEach((m, i) => {
            text += `${csvLine([plan.scenarios[v.scenario].name, v.name, name, unit, m.month, m.date, m.financialYear, group.length, ...byMeasure[k][i]])}\n`;
          });
        });
        await quantiles.write(text);
      }
      group = [];
    };

    for await (const r of runs) {
      const v = plan.variants[r.run.variant];
      const scenarioName = plan.scenarios[v.scenario].name;
      await runsCsv.write(`${csvLine([r.run.id, scenarioName, v.name, r.run.seed, ...plan.parameters.map((p) => valueCell(parameterValue(plan, v, p))), r.digest])}\n`);
      const label = { scenario: scenarioName, variant: v.name, run: r.run.id, seed: r.run.seed };
      await tidy?.write(tidySeriesRows(label, labels[v.scenario], r.measures));
      if (parquet) {
        for (const [i, m] of labels[v.scenario].entries()) {
          for (const s of r.measures) await parquet.add({ ...label, month: m.month, date: m.date, financialYear: m.financialYear, measure: s.name, unit: s.unit, value: s.values[i], council: '' });
        }
      }
      if (want.has('wide')) wide.push({ run: r.run, values: r.measures.map((s) => s.values) });
      if (group.length > 0 && group[0].run.variant !== r.run.variant) await closeGroup();
      group.push(r);
    }
    await closeGroup();
    if (parquet) await parquet.close();
    if (want.has('wide')) await writeWide(plan, labels, wide, variantQuantiles, open);
    for (const sink of sinks) await sink.commit();
    if (parquet) renameSync(join(dir, 'results.parquet.tmp'), join(dir, 'results.parquet'));
  } catch (err) {
    for (const sink of sinks) await sink.discard();
    rmSync(join(dir, 'results.parquet.tmp'), { force: true });
    throw err;
  }
}

async function writeWide(
  plan: Plan,
  labels: MonthLabel[][],
  runs: { run: PlannedRun; values: number[][] }[],
  variantQuantiles: { variant: number; byMeasure: number[][][] }[],
  open: (name: string) => Promise<Sink>,
): Promise<void> {
  // Rows follow the first scenario's calendar; with two scenarios of different start dates, the month number is what lines up.
  const months = labels[0];
  const twoScenarios = plan.scenarios.length > 1;
  const runName = (r: PlannedRun) => {
    const v = plan.variants[r.variant];
    return `${twoScenarios ? `${plan.scenarios[v.scenario].name} ` : ''}${v.name} seed ${r.seed}`;
  };
  const variantName = (index: number) => {
    const v = plan.variants[index];
    return `${twoScenarios ? `${plan.scenarios[v.scenario].name} ` : ''}${v.name}`;
  };
  for (const [k, measure] of plan.measures.entries()) {
    const perRun = await open(join('wide', `${wideFileName(measure)}.csv`));
    let text = `${csvLine(['month', 'date', 'financial_year', ...runs.map((r) => runName(r.run))])}\n`;
    for (const [i, m] of months.entries()) text += `${csvLine([m.month, m.date, m.financialYear, ...runs.map((r) => r.values[k][i])])}\n`;
    await perRun.write(text);
    const perQuantile = await open(join('wide', `${wideFileName(measure)}.quantiles.csv`));
    text = `${csvLine(['month', 'date', 'financial_year', ...variantQuantiles.flatMap((q) => QUANTILE_NAMES.map((n) => `${variantName(q.variant)} ${n}`))])}\n`;
    for (const [i, m] of months.entries()) text += `${csvLine([m.month, m.date, m.financialYear, ...variantQuantiles.flatMap((q) => q.byMeasure[k][i])])}\n`;
    await perQuantile.write(text);
  }
}
