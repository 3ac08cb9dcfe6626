/**
 * `npm run compare -- A.json B.json`: both scenarios over the same seeds; for each outcome and
 * horizon, A and B across seeds and the paired difference B - A with its 95% interval. The
 * statistics, outcomes and file formats are the app's own (sim/comparison), so the same seeds give
 * the same numbers here and in the browser. Exit codes as `npm run sim` (`exit-codes.ts`).
 */
import { existsSync } from 'node:fs';
import { checkLeverTimeline, type LeverChange } from '../levers';
import { MAX_LEVERS_BYTES, readJsonFile } from '../node/files';
import { defaultJobs, runMany } from '../node/run-pool';
import { seriesOf, type RunTask } from '../node/run-task';
import { outputTarget } from '../node/sink';
import type { Scenario } from '../scenario/schema';
import { bundleText, makeBundle } from '../comparison/bundle';
import { comparisonCsv } from '../comparison/csv';
import { formatWithRange, horizonLabel } from '../comparison/format';
import { outcomeById } from '../comparison/outcomes';
import { DEFAULT_COMPARISON_SCALE, DEFAULT_SETTINGS, type ResolvedSide } from '../comparison/request';
import { digestResults } from '../comparison/results';
import { defaultHorizons, seedsOf, summarise, type ComparisonSummary, type PairedResults, type RunnableSide } from '../comparison/summary';
import { comparisonWorkbook } from '../comparison/workbook';
import type { CommandShape } from './args';
import { checkBundleFile } from './check-bundle';
import { chanceWords, runUncertainty, takeUncertaintyFlags, uncertaintyJson, uncertaintyText, UNCERTAINTY_USAGE } from './compare-uncertainty';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import { guarded, terminalSafe, writeWhole } from './io';
import { terminalText } from '../text/terminal';
import { prepare, report, runProgress, type CliIo } from './prepare';
import { withPoolRunner } from './uncertainty-runs';

export const COMPARE_USAGE = `Usage: npm run compare -- <A.json> <B.json> [options]

Runs both scenarios over the same seeds and prints, for each outcome at each horizon, A and B
(median [5%, 95%] across seeds) and the paired difference B - A (mean [95% interval]).

Options:
  --runs R         seeds per scenario (default 20, as in the app)
  --seed N         first seed (default 1); run r uses seed N + r for A and B
  --months M       months to simulate (default 120, as in the app)
  --at 12,60,120   horizons to report, in months (default: years 1, 5 and 10 within the run)
  --scale S        population.scale for both (default 0.25, as in the app; 1 for the whole region)
  --jobs N         runs at once, in worker threads (default: the number of cores); the
                   results are byte-identical whatever N is
  --levers FILE    a lever timeline applied to both
  --levers-a FILE  a lever timeline for A only (instead of --levers for A), e.g. one exported
  --levers-b FILE  from the app's live run, which the app compares as B
  --council CODE   with councils: compare one council's outcomes (its ONS code, e.g.
                   E06000001) instead of the region's; both scenarios must list it
  --format F       text (default), json, csv or xlsx (a workbook: needs --out)
  --out FILE       write to FILE instead of stdout
  --bundle FILE    also write a result bundle (JSON) the app can open and re-check
${UNCERTAINTY_USAGE}

       npm run compare -- --check-bundle FILE
re-runs a result bundle (from the app or --bundle) and says whether it reproduces its results
exactly (exit 0) or what differs (exit 1).
  --quiet          no progress on stderr

${EXIT_CODES_TEXT}`;

const COMPARE_COMMAND: CommandShape = { scenarios: 2, formats: ['text', 'json', 'csv', 'xlsx'], defaultFormat: 'text' };

type OwnFlag = 'at' | 'bundle' | 'levers-a' | 'levers-b' | 'council';

/** This command's own options: taken out before the shared parser sees the rest. */
function ownFlags(argv: readonly string[]): { rest: string[]; values: Partial<Record<OwnFlag, string>>; errors: string[] } {
  const rest: string[] = [];
  const values: Partial<Record<OwnFlag, string>> = {};
  const errors: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    const m = /^--(at|bundle|levers-a|levers-b|council)(?:=(.*))?$/.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    const value = m[2] ?? argv[++k];
    if (value === undefined) errors.push(`--${m[1]}: expected a value, found nothing`);
    else values[m[1] as OwnFlag] = value;
  }
  return { rest, values, errors };
}

/** A side's own lever timeline, checked against its scenario; or the exit code after reporting. */
function sideLevers(io: CliIo, flag: 'levers-a' | 'levers-b', path: string, scenario: Scenario): LeverChange[] | number {
  if (!existsSync(path)) {
    io.stderr(`error: --${flag}: no file at ${path}\n`);
    return EXIT.badArguments;
  }
  const data = readJsonFile(path, MAX_LEVERS_BYTES, 'a lever timeline file');
  const timeline = data.ok ? checkLeverTimeline(scenario, data.value) : data;
  if (!timeline.ok) {
    report(io, `${path}: invalid lever timeline`, timeline.issues);
    return EXIT.invalidInput;
  }
  return timeline.value;
}

function parseHorizons(text: string, months: number): number[] | string {
  const parts = text.split(',').map((p) => p.trim());
  const values = parts.map(Number);
  if (parts.some((p) => !/^\d+$/.test(p)) || values.some((v) => v < 1 || v > months)) {
    return `--at: expected months from 1 to ${months} separated by commas (e.g. 12,60,120), found ${JSON.stringify(text)}`;
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

const VERDICT = { enough: 'yes', more: 'more seeds', 'no-difference': 'no difference' } as const;

/**
 * The text table. `seedsWord` answers "enough seeds?" for entry k (by default the precision's
 * verdict; with --uncertainty it speaks only about chance and never asks for seeds an assumption
 * decides).
 */
export function comparisonText(names: [string, string], summary: ComparisonSummary, seedsWord: (k: number) => string = (k) => VERDICT[summary.precision[k].verdict]): string {
  const head = ['outcome', 'unit', `A: ${terminalText(names[0])}`, `B: ${terminalText(names[1])}`, 'B - A [95% interval]', 'enough seeds?'];
  const lines = [
    `${summary.seeds.length} paired runs (same seeds for A and B: ${summary.seeds[0]}-${summary.seeds[summary.seeds.length - 1]}), ${summary.months} months; A and B: median [5%, 95%] across seeds; B - A: mean [95% interval]`,
  ];
  for (const month of summary.horizons) {
    const body: string[][] = [];
    summary.outcomes.forEach((r, k) => {
      if (r.month !== month) return;
      const format = outcomeById(r.id)?.format ?? 'rate';
      body.push([
        r.label,
        r.unit,
        formatWithRange(r.a.median, r.a.low, r.a.high, format),
        formatWithRange(r.b.median, r.b.low, r.b.high, format),
        formatWithRange(r.difference.mean, r.difference.low, r.difference.high, format, true),
        seedsWord(k),
      ]);
    });
    const widths = head.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
    const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
    lines.push('', `At ${horizonLabel(month)}`, line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line));
  }
  return `${lines.join('\n')}\n`;
}

/** The CLI's JSON: the summary, one entry per outcome and horizon. */
export function comparisonJson(names: [string, string], summary: ComparisonSummary): string {
  return `${JSON.stringify({ a: names[0], b: names[1], seeds: summary.seeds, months: summary.months, horizons: summary.horizons, outcomes: summary.outcomes }, null, 2)}\n`;
}

export function compareMain(argv: readonly string[], env: Record<string, string | undefined>, given: CliIo): Promise<number> {
  const io = terminalSafe(given);
  return guarded(io, async () => {
    const check = argv.indexOf('--check-bundle');
    if (check >= 0) {
      const path = argv[check + 1];
      if (path === undefined || argv.length !== 2) {
        io.stderr(`error: --check-bundle: expected one bundle file and no other arguments\n\n${COMPARE_USAGE}\n`);
        return EXIT.badArguments;
      }
      return checkBundleFile(path, io);
    }
    const uncertain = takeUncertaintyFlags(argv);
    const own = ownFlags(uncertain.rest);
    // The app's defaults (sim/comparison/request.ts), which differ from `npm run sim`'s.
    const given = (flag: string) => own.rest.some((a) => a === flag || a.startsWith(`${flag}=`));
    const withDefaults = [
      ...(given('--runs') ? [] : ['--runs', String(DEFAULT_SETTINGS.runs)]),
      ...(given('--months') ? [] : ['--months', String(DEFAULT_SETTINGS.months)]),
      ...(given('--scale') ? [] : ['--scale', String(DEFAULT_COMPARISON_SCALE)]),
      ...own.rest,
    ];
    const prepared = prepare(withDefaults, env, io, COMPARE_COMMAND, COMPARE_USAGE);
    if (typeof prepared === 'number') return prepared;
    const { request: req, scenarios, levers } = prepared;
    const horizons = own.values.at === undefined ? defaultHorizons(req.months) : parseHorizons(own.values.at, req.months);
    const argErrors = [...uncertain.errors, ...own.errors, ...(typeof horizons === 'string' ? [horizons] : [])];
    if (uncertain.options && (req.format === 'csv' || req.format === 'xlsx')) argErrors.push(`--uncertainty: with --format text or json, found ${req.format}`);
    if (req.format === 'xlsx' && req.out === undefined) argErrors.push('--format xlsx: a workbook is binary; name a file with --out FILE');
    if (argErrors.length > 0 || typeof horizons === 'string') {
      io.stderr(`${argErrors.map((e) => `error: ${e}`).join('\n')}\n\n${COMPARE_USAGE}\n`);
      return EXIT.badArguments;
    }
    const council = own.values.council;
    if (council !== undefined) {
      const missing = scenarios.filter((sc) => !(sc.councils ?? []).some((c) => c.code === council));
      if (missing.length > 0) {
        io.stderr(`error: --council: expected the ONS code of a council both scenarios list, found ${JSON.stringify(council)} (${missing.map((sc) => sc.name).join(', ')} ${missing.length > 1 ? 'do' : 'does'} not list it)\n`);
        return EXIT.badArguments;
      }
      if (own.values.bundle !== undefined || uncertain.options || req.format === 'xlsx') {
        io.stderr('error: --council: with text, json or csv output and without --bundle or --uncertainty (they re-run the region)\n');
        return EXIT.badArguments;
      }
    }
    if (own.values.bundle !== undefined) outputTarget(own.values.bundle);
    const sides: RunnableSide[] = [];
    for (const [k, scenario] of scenarios.entries()) {
      const flag = k === 0 ? 'levers-a' : 'levers-b';
      const path = own.values[flag];
      const ownLevers = path === undefined ? levers : sideLevers(io, flag, path, scenario);
      if (typeof ownLevers === 'number') return ownLevers;
      sides.push({ scenario, levers: ownLevers });
    }
    const seeds = seedsOf(req);
    const results: PairedResults = { seeds, a: [], b: [] };
    // Seed by seed, A then B: the pool yields them in this order whatever --jobs is.
    const tasks = seeds.flatMap((seed) => sides.map((side): RunTask => ({ ...side, seed, months: req.months, keep: 'outcomes', council })));
    const progress = runProgress(io, req.quiet, tasks.length);
    let k = 0;
    for await (const run of runMany(tasks, { jobs: req.jobs ?? defaultJobs(), onProgress: (done) => progress.update(done) })) {
      const s = k++ % 2;
      if (!run.ok) {
        report(io, `${req.scenarioPaths[s]}, seed ${run.seed}: run stopped`, run.issues);
        return EXIT.invalidInput;
      }
      results[s === 0 ? 'a' : 'b'].push(seriesOf(run));
    }
    const summary = summarise(results, req.months, horizons);
    const councilName = council === undefined ? '' : `, ${scenarios[0].councils!.find((c) => c.code === council)!.name} (${council})`;
    const names: [string, string] = [scenarios[0].name + councilName, scenarios[1].name + councilName];
    if (own.values.bundle !== undefined) {
      const resolved = (k: 0 | 1): ResolvedSide => ({ side: k === 0 ? 'a' : 'b', name: names[k], ...sides[k], source: { origin: { kind: 'scenario', scenario: scenarios[k] }, levers: sides[k].levers } });
      const settings = { runs: req.runs, months: req.months, seed: req.seed, scale: req.scale ?? null, horizons };
      const bundle = await makeBundle({ a: resolved(0), b: resolved(1) }, settings, seeds, await digestResults(results), summary.outcomes);
      await writeWhole(io, own.values.bundle, bundleText(bundle));
    }
    if (req.format === 'xlsx') {
      const facts: [string, string | number][] = [['scale', scenarios[0].population.scale], ['digest', await digestResults(results)], ['made by', 'npm run compare']];
      const blob = await comparisonWorkbook({ a: { name: names[0], ...sides[0] }, b: { name: names[1], ...sides[1] }, summary, results, facts });
      await writeWhole(io, req.out as string, new Uint8Array(await blob.arrayBuffer()));
      return EXIT.ok;
    }
    let text = req.format === 'json' ? comparisonJson(names, summary) : req.format === 'csv' ? comparisonCsv(summary, results) : comparisonText(names, summary);
    const options = uncertain.options;
    if (options) {
      const analysis = await withPoolRunner(io, req.quiet, req.jobs ?? defaultJobs(), 'uncertainty runs', (runner) => runUncertainty([sides[0], sides[1]], summary, options, runner));
      text = req.format === 'json' ? uncertaintyJson(names, summary, analysis) : comparisonText(names, summary, chanceWords(summary, analysis)) + uncertaintyText(names, summary, analysis);
    }
    if (req.out !== undefined) await writeWhole(io, req.out, text);
    else io.stdout(text);
    progress.finish();
    return EXIT.ok;
  });
}
