/**
 * The back-cast's groups of causes: which group each timeline change belongs to (by the path it
 * moves), and the scenario that keeps only some groups' changes (a coalition, for the Shapley
 * decomposition in `shapley.ts`). Two groupings: the three groups of the report, and the same with
 * the drivers split into the early-help cut and poverty (`npm run backcast -- --split-drivers`).
 */
import type { Scenario } from '../scenario/schema';
import { issue, type Validated } from '../scenario/validate';

export type BackcastGroup = 'drivers' | 'earlyHelp' | 'poverty' | 'practice' | 'arrivals';

export interface Grouping {
  /** the players of the decomposition, in the report's order */
  groups: readonly BackcastGroup[];
  /** a timeline path's group: the first pattern that matches wins */
  paths: readonly (readonly [RegExp, BackcastGroup])[];
}

/** A group's name in the report's tables, and its short name in a coalition's. */
export const GROUP_LABELS: Record<BackcastGroup, { long: string; short: string }> = {
  drivers: { long: 'drivers (early-help cut, poverty)', short: 'drivers' },
  earlyHelp: { long: 'early-help cut', short: 'early help' },
  poverty: { long: 'child poverty', short: 'poverty' },
  practice: { long: 'practice (threshold, s20, courts)', short: 'practice' },
  arrivals: { long: 'unaccompanied arrivals', short: 'arrivals' },
};

const PRACTICE: readonly [RegExp, BackcastGroup] = [/^(practice|legalStatus|courts)\./, 'practice'];
const ARRIVALS: readonly [RegExp, BackcastGroup] = [/^uasc\./, 'arrivals'];

/**
 * - drivers: what the North East's directors name (the early-help cut, child poverty);
 * - practice: the threshold for care, section 20 and the courts;
 * - arrivals: unaccompanied children (the National Transfer Scheme), neither.
 */
export const BACKCAST_GROUPING: Grouping = {
  groups: ['drivers', 'practice', 'arrivals'],
  paths: [[/^(policy|poverty|market)\./, 'drivers'], PRACTICE, ARRIVALS],
};

/** The drivers split in two: 4 groups, 16 coalitions, 24 orders. */
export const SPLIT_DRIVERS_GROUPING: Grouping = {
  groups: ['earlyHelp', 'poverty', 'practice', 'arrivals'],
  paths: [[/^policy\.earlyHelp\./, 'earlyHelp'], [/^(policy\.childPovertyReduction$|poverty\.)/, 'poverty'], PRACTICE, ARRIVALS],
};

export function groupOf(path: string, grouping: Grouping = BACKCAST_GROUPING): BackcastGroup | undefined {
  return grouping.paths.find(([pattern]) => pattern.test(path))?.[1];
}

/** The scenario, or an issue naming each timeline entry whose path belongs to no group. */
export function checkGrouped(scenario: Scenario, grouping: Grouping = BACKCAST_GROUPING): Validated<Scenario> {
  const expected = `a path of one of the back-cast's groups (${grouping.paths.map(([p]) => p.source).join(', ')})`;
  const issues = (scenario.timeline ?? []).flatMap((c, k) => (groupOf(c.path, grouping) ? [] : [issue(`timeline[${k}].path`, expected, c.path)]));
  return issues.length ? { ok: false, issues } : { ok: true, value: scenario };
}

/** The scenario with only the timeline changes of `groups` (the others' levers stay at their start values). */
export function withGroups(scenario: Scenario, groups: readonly BackcastGroup[], grouping: Grouping = BACKCAST_GROUPING): Scenario {
  return { ...scenario, timeline: (scenario.timeline ?? []).filter((c) => groups.includes(groupOf(c.path, grouping) as BackcastGroup)) };
}
