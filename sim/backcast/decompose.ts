/**
 * The back-cast's decomposition: the scenario run with every coalition of its groups' timeline
 * changes (2^3 = 8 for drivers, practice and arrivals; 16 with the drivers split), each over the same seeds (paired: a seed's
 * 8 runs share their set-up and their random streams, so their differences are the timeline's, not
 * the dice's), and the rise in children looked after per 10,000 split between the groups by their
 * Shapley values (`shapley.ts`).
 */
import { monthIndexOf } from '../dates';
import { inCare, per10k } from '../measures';
import type { MonthRecord } from '../records';
import { runScenario } from '../run';
import type { Scenario } from '../scenario/schema';
import { issue, type Validated } from '../scenario/validate';
import { BACKCAST_GROUPING, checkGrouped, withGroups, type BackcastGroup, type Grouping } from './groups';
import { membersOf, shapley, type Decomposition } from './shapley';

export interface BackcastOptions {
  /** run with each of these seeds, every coalition the same seeds */
  seeds: readonly number[];
  /** the last month, "YYYY-MM" (a 31 March for the observed comparison); the rise is to its end */
  endDate: string;
  /** Bennett et al.'s period for the entries linked to poverty: entries from `entriesFrom` to `endDate` */
  entriesFrom: string;
  /** the players of the decomposition and which timeline changes each holds */
  grouping: Grouping;
}

export const BACKCAST_DEFAULTS: BackcastOptions = { seeds: [1, 2, 3, 4, 5, 6, 7, 8], endDate: '2020-03', entriesFrom: '2015-04', grouping: BACKCAST_GROUPING };

/** What the report reads of one run. */
export interface RunSummary {
  seed: number;
  /** children looked after per 10,000 at month 0 (the 31 March before the start) and at `endDate` */
  start: number;
  end: number;
  /** entries to care of under-16s from `entriesFrom` to `endDate` (a count in the simulated sample) */
  entriesUnder16: number;
  /** the run's records of each 31 March (dated "YYYY-03"), for the observed comparison */
  marches: MonthRecord[];
}

export interface CoalitionResult {
  groups: BackcastGroup[];
  /** one per seed, in the seeds' order */
  runs: RunSummary[];
  /** means over the seeds */
  start: number;
  end: number;
  /** end - start: the value the Shapley decomposition splits */
  rise: number;
}

export interface BackcastDecomposition {
  seeds: number[];
  /** indexed by coalition mask (bit k = the grouping's k-th group): [0] nothing changes, the last the whole timeline */
  coalitions: CoalitionResult[];
  /** the whole timeline's rise minus the rise with nothing changing, split between the groups (seed means) */
  shapley: Decomposition<BackcastGroup>;
  /** the standard error over seeds of each group's share (its Shapley value seed by seed), in the groups' order */
  shareStandardErrors: number[];
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Standard error of the mean (0 with fewer than two values). */
export function standardError(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
}

const UNDER_16_BANDS = ['under_1', '1_to_4', '5_to_9', '10_to_15'] as const;

/** One run of a scenario to `endDate`, summarised. */
export function summariseRun(scenario: Scenario, seed: number, options: Pick<BackcastOptions, 'endDate' | 'entriesFrom'>): Validated<RunSummary> {
  const start = monthIndexOf(scenario.startDate ?? '');
  const end = monthIndexOf(options.endDate);
  if (start === undefined) return { ok: false, issues: [issue('startDate', 'a start date "YYYY-MM" (the back-cast starts in the past)', String(scenario.startDate))] };
  if (end === undefined || end < start) return { ok: false, issues: [issue('endDate', `a month "YYYY-MM" from ${scenario.startDate} on`, options.endDate)] };
  const run = runScenario(scenario, { seed, months: end - start + 1 });
  if (!run.ok) return run;
  const records = run.value;
  const first = records[0];
  const last = records[records.length - 1];
  let entriesUnder16 = 0;
  for (const r of records) {
    if (r.month === 0 || r.date < options.entriesFrom) continue;
    for (const band of UNDER_16_BANDS) entriesUnder16 += r.careEntriesByAge[band];
  }
  return {
    ok: true,
    value: {
      seed,
      start: per10k(inCare(first.stocks), first.children),
      end: per10k(inCare(last.stocks), last.children),
      entriesUnder16,
      marches: records.filter((r) => r.date.endsWith('-03')),
    },
  };
}

/** The runs of one scenario over the seeds, and their means. */
export function runSeeds(scenario: Scenario, groups: BackcastGroup[], options: Pick<BackcastOptions, 'seeds' | 'endDate' | 'entriesFrom'>): Validated<CoalitionResult> {
  const runs: RunSummary[] = [];
  for (const seed of options.seeds) {
    const run = summariseRun(scenario, seed, options);
    if (!run.ok) return run;
    runs.push(run.value);
  }
  const start = mean(runs.map((r) => r.start));
  const end = mean(runs.map((r) => r.end));
  return { ok: true, value: { groups, runs, start, end, rise: end - start } };
}

/** Every coalition over the seeds, and the rise split between the groups. */
export function decomposeBackcast(scenario: Scenario, options: BackcastOptions = BACKCAST_DEFAULTS): Validated<BackcastDecomposition> {
  if (options.seeds.length === 0) return { ok: false, issues: [issue('seeds', 'at least one seed', 'none')] };
  const { grouping } = options;
  const players = grouping.groups;
  const grouped = checkGrouped(scenario, grouping);
  if (!grouped.ok) return grouped;
  const coalitions: CoalitionResult[] = [];
  for (let mask = 0; mask < 1 << players.length; mask++) {
    const groups = membersOf(players, mask);
    const result = runSeeds(withGroups(scenario, groups, grouping), groups, options);
    if (!result.ok) return result;
    coalitions.push(result.value);
  }
  const maskOf = (groups: readonly BackcastGroup[]) => groups.reduce((m, g) => m | (1 << players.indexOf(g)), 0);
  const riseOf = (run: RunSummary) => run.end - run.start;
  const bySeed = options.seeds.map((_, k) => shapley(players, (groups) => riseOf(coalitions[maskOf(groups)].runs[k])));
  return {
    ok: true,
    value: {
      seeds: [...options.seeds],
      coalitions,
      shapley: shapley(players, (groups) => coalitions[maskOf(groups)].rise),
      shareStandardErrors: players.map((_, g) => standardError(bySeed.map((d) => d.shares[g].mean))),
    },
  };
}
