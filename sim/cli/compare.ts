/**
 * `npm run compare -- A.json B.json`: both scenarios over the same seeds, outcomes side by side
 * with the paired difference and its 95% interval (see sim/compare.ts). Exit codes as `npm run sim`
 * (`exit-codes.ts`).
 */
import { compareRuns, type Interval, type OutcomeComparison } from '../compare';
import type { MonthRecord } from '../records';
import { runScenario } from '../run';
import type { CommandShape } from './args';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import { guarded, writeWhole } from './io';
import { prepare, report, type CliIo } from './prepare';

export const COMPARE_USAGE = `Usage: npm run compare -- <A.json> <B.json> [options]

Runs both scenarios over the same seeds and prints each outcome for A and B and the paired
difference B - A with a 95% interval across seeds.

Options:
  --runs R         seeds per scenario (default 10)
  --seed N         first seed (default 1)
  --months M       months to simulate (default 60)
  --scale S        override population.scale in both (e.g. 0.1 for a quick look)
  --levers FILE    a lever timeline applied to both
  --format F       text (default), json or csv
  --out FILE       write to FILE instead of stdout
  --quiet          no progress on stderr

${EXIT_CODES_TEXT}`;

const COMPARE_COMMAND: CommandShape = { scenarios: 2, formats: ['text', 'json', 'csv'], defaultFormat: 'text' };

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const span = (i: Interval) => `${fmt(i.mean)} [${fmt(i.low)}, ${fmt(i.high)}]`;

export function comparisonText(names: [string, string], runs: number, months: number, rows: readonly OutcomeComparison[]): string {
  const head = ['outcome', 'unit', `A: ${names[0]}`, `B: ${names[1]}`, 'B - A [95% interval]'];
  const body = rows.map((r) => [r.label, r.unit, span(r.a), span(r.b), span(r.difference)]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  return [
    `${runs} paired runs (same seeds for A and B), ${months} months; intervals: 95% across seeds`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
  ].join('\n');
}

export function comparisonCsv(rows: readonly OutcomeComparison[]): string {
  const q = (t: string) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const lines = ['outcome,unit,a_mean,a_low,a_high,b_mean,b_low,b_high,diff_mean,diff_low,diff_high'];
  for (const r of rows) {
    const cells = [r.a, r.b, r.difference].flatMap((i) => [i.mean, i.low, i.high]);
    lines.push([q(r.id), q(r.unit), ...cells.map(String)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function compareMain(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  return guarded(io, async () => {
    // The defaults differ from `npm run sim`: ten seeds over five years.
    const withDefaults = [...(argv.some((a) => a.startsWith('--runs')) ? [] : ['--runs', '10']), ...(argv.some((a) => a.startsWith('--months')) ? [] : ['--months', '60']), ...argv];
    const prepared = prepare(withDefaults, env, io, COMPARE_COMMAND, COMPARE_USAGE);
    if (typeof prepared === 'number') return prepared;
    const { request: req, scenarios, levers } = prepared;
    const runsOf: MonthRecord[][][] = [[], []];
    const started = Date.now();
    for (let r = 0; r < req.runs; r++) {
      for (const [s, scenario] of scenarios.entries()) {
        const run = runScenario(scenario, { seed: req.seed + r, months: req.months, levers });
        if (!run.ok) {
          report(io, `${req.scenarioPaths[s]}, seed ${req.seed + r}: run stopped`, run.issues);
          return EXIT.invalidInput;
        }
        runsOf[s].push(run.value);
      }
      if (!req.quiet && Date.now() - started >= (io.progressIntervalMs ?? 500)) io.stderr(`seed ${req.seed + r}: done (${r + 1}/${req.runs})\n`);
    }
    const rows = compareRuns(runsOf[0], runsOf[1], scenarios[0].population.scale, scenarios[1].population.scale);
    const names: [string, string] = [scenarios[0].name, scenarios[1].name];
    const text =
      req.format === 'json'
        ? `${JSON.stringify({ a: names[0], b: names[1], seeds: Array.from({ length: req.runs }, (_, r) => req.seed + r), months: req.months, outcomes: rows }, null, 2)}\n`
        : req.format === 'csv'
          ? comparisonCsv(rows)
          : comparisonText(names, req.runs, req.months, rows);
    if (req.out !== undefined) await writeWhole(io, req.out, text);
    else io.stdout(text);
    return EXIT.ok;
  });
}
