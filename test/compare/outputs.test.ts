import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { comparisonCsv } from '../../sim/comparison/csv';
import { summarise } from '../../sim/comparison/summary';
import { comparisonWorkbook } from '../../sim/comparison/workbook';
import { leverLabel, scenarioDifferences } from '../../viz/compare/describe';
import { svgChart } from '../../viz/compare/svg-chart';
import { chartSpec, paired, shipped } from './helpers';

const a = { scenario: shipped('north-east-baseline'), levers: [] };
const b = { scenario: shipped('early-help-restored'), levers: [{ month: 6, path: 'policy.profitCap.enabled', value: true }] };
const results = paired(a, b, [1, 2, 3], 12);
const summary = summarise(results, 12, [12]);

describe('comparison outputs', () => {
  it('writes a workbook with the summary, series, parameters, sources, levers and versions sheets', async () => {
    const blob = await comparisonWorkbook({ a: { name: 'A', ...a }, b: { name: 'B', ...b }, summary, results, facts: [['scale', 0.02]] });
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    const book = strFromU8(files['xl/workbook.xml']);
    for (const sheet of ['Summary', 'A vs B series', 'Parameters', 'Sources', 'Levers', 'Seeds and versions']) expect(book).toContain(`name="${sheet}"`);
    const strings = strFromU8(files['xl/sharedStrings.xml']);
    expect(strings).toContain('policy.earlyHelp.budgetPerYear');
    expect(strings).toContain('PBE-2024');
  });

  it('lists every seed of every outcome in the CSV, with the summary first', () => {
    const lines = comparisonCsv(summary, results).trim().split('\n');
    expect(lines[1].startsWith('summary,lookedAfter,')).toBe(true);
    const seedRows = lines.filter((l) => l.startsWith('seed,childProtection,'));
    expect(seedRows).toHaveLength(2 * 3 * 13);
    const first = seedRows[0].split(',');
    expect(Number(first[first.length - 1])).toBe(results.a[0].childProtection[0]);
  });

  it('words lever changes and scenario differences with the lever panel\u2019s labels and the citations', () => {
    expect(leverLabel('policy.earlyHelp.budgetPerYear', 40_000_000, 69_000_000)).toBe('Early-help budget £40.0m a year → £69.0m a year');
    expect(leverLabel('policy.profitCap.enabled', false, true)).toBe('Profit cap on providers off → on');
    const diff = scenarioDifferences(a.scenario, b.scenario);
    expect(diff.map((d) => d.text)).toEqual(['Early-help budget: £40.0m a year in A, £69.0m a year in B', 'Statutory early-help duty: off in A, on in B']);
    expect(diff[0].citation).toContain('PBE-2024');
  });

  it('draws a difference chart on an axis that spans the data, not zero, with lever labels as text', () => {
    const mid = [NaN, -3.1, -3.4, -3.6];
    const svg = svgChart(
      chartSpec({
        title: 'On CP plans: B − A',
        from: 1,
        to: 3,
        series: [{ label: 'B − A', colour: '#c79', mid, low: mid.map((v) => v - 0.2), high: mid.map((v) => v + 0.2) }],
        markers: [{ month: 2, label: 'B: Early-help budget £40.0m a year → £69.0m a year <now>' }],
        zeroLine: true,
        description: 'B − A is −3.6',
      }),
    );
    const ticks = [...svg.matchAll(/text-anchor="end" fill="#555555">([^<]+)</g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks).not.toContain('0.0');
    expect(svg).toContain('£40.0m a year → £69.0m a year &lt;now&gt;');
    expect(svg).toContain('<desc');
  });
});
