/**
 * The back-cast's groups of causes: which group each timeline change belongs to (by the path it
 * moves), and the scenario that keeps only some groups' changes (a coalition, for the Shapley
 * decomposition in `shapley.ts`).
 */
import type { Scenario } from '../scenario/schema';
import { issue, type Validated } from '../scenario/validate';

/**
 * - drivers: what the North East's directors name (the early-help cut, child poverty);
 * - practice: the threshold for care, section 20 and the courts;
 * - arrivals: unaccompanied children (the National Transfer Scheme), neither.
 */
export const BACKCAST_GROUPS = ['drivers', 'practice', 'arrivals'] as const;
export type BackcastGroup = (typeof BACKCAST_GROUPS)[number];

export const GROUP_LABELS: Record<BackcastGroup, string> = {
  drivers: 'drivers (early-help cut, poverty)',
  practice: 'practice (threshold, s20, courts)',
  arrivals: 'unaccompanied arrivals',
};

/** The first match wins; a timeline path that matches none is an error, never silently dropped. */
const GROUP_PATHS: readonly [RegExp, BackcastGroup][] = [
  [/^(policy|poverty|market)\./, 'drivers'],
  [/^(practice|legalStatus|courts)\./, 'practice'],
  [/^uasc\./, 'arrivals'],
];

export function groupOf(path: string): BackcastGroup | undefined {
  return GROUP_PATHS.find(([pattern]) => pattern.test(path))?.[1];
}

/** The scenario, or an issue naming each timeline entry whose path belongs to no group. */
export function checkGrouped(scenario: Scenario): Validated<Scenario> {
  const issues = (scenario.timeline ?? []).flatMap((c, k) =>
    groupOf(c.path) ? [] : [issue(`timeline[${k}].path`, `a path of one of the back-cast's groups (${GROUP_PATHS.map(([p]) => p.source).join(', ')})`, c.path)],
  );
  return issues.length ? { ok: false, issues } : { ok: true, value: scenario };
}

/** The scenario with only the timeline changes of `groups` (the others' levers stay at their start values). */
export function withGroups(scenario: Scenario, groups: readonly BackcastGroup[]): Scenario {
  return { ...scenario, timeline: (scenario.timeline ?? []).filter((c) => groups.includes(groupOf(c.path) as BackcastGroup)) };
}
