/** The situations in which some parameters act, for the tests that change every leaf. */
import { applyLever, type LeverChange } from '../../sim/levers';
import type { Scenario } from '../../sim/scenario/schema';

/**
 * Some parameters act only in some situations. Each context below is applied, as levers at the
 * change's month, to both runs (with and without the change), so the parameter is tested where it
 * acts; the first pattern that matches a leaf's path wins. Used by the lever walk
 * (every-lever.slow.test.ts) and the check of the refused table (refused-levers.test.ts).
 */
export const CONTEXTS: { pattern: RegExp; why: string; levers: Record<string, unknown> }[] = [
  {
    // The baseline's caseload (about 17 a worker) is below the threshold: no overload, no rationing.
    pattern: /^socialWork\.(caseloadThreshold|maxOverload|overload\w+)$/,
    why: 'overload only acts when caseloads pass the threshold: a stretched workforce (caseload about 3 times the threshold)',
    levers: { 'socialWork.workers': 600 },
  },
  {
    // At this scale the region's 10 secure places round to none, and entries to secure are rare.
    pattern: /secure/,
    why: 'secure placements need places and children sent there',
    levers: { 'placements.secure.places': 1000, 'care.entryMix.age10to15.secure': 50, 'care.entryMix.age16to17.secure': 50 },
  },
  {
    pattern: /^councilHomes\.capital\w+$/,
    why: 'capital costs are charged for council places opened during the run',
    levers: { 'policy.councilHomes.targetPlaces': 400, 'policy.councilHomes.monthsToOpen': 0 },
  },
  {
    pattern: /^policy\.councilHomes\.monthsToOpen$/,
    why: 'the lead time applies to places planned after it changes: the target rises the same month',
    levers: { 'policy.councilHomes.targetPlaces': 400 },
  },
  { pattern: /^policy\.profitCap\.maxMargin$/, why: 'the cap applies only when enabled', levers: { 'policy.profitCap.enabled': true } },
  {
    pattern: /^policy\.homesAsEarlyOption\.(reunification|stepDown|breakdown)Multiplier$/,
    why: 'the claimed benefits apply to children placed in a home early, only while the policy is on (and a breakdown needs a step-down to foster care first, then a breakdown: made common enough to see in a small run)',
    levers: {
      'policy.homesAsEarlyOption.residentialEntryMultiplier': 3,
      'policy.collaborativeFosterTransition.stepDownMultiplier': 3,
      'care.escalateToResidentialPerYear': 1,
    },
  },
];

export function contextOf(path: string, month: number): LeverChange[] {
  const found = CONTEXTS.find((c) => c.pattern.test(path));
  return Object.entries(found?.levers ?? {}).map(([p, value]) => ({ month, path: p, value }));
}

/** A scenario with changes applied as edits (no refusals: the tests check those separately). */
export function applied(scenario: Scenario, levers: readonly { path: string; value: unknown }[]): Scenario {
  return levers.reduce((s, l) => {
    const next = applyLever(s, l.path, l.value);
    if (!next.ok) throw new Error(next.issues.map((i) => i.message).join('\n'));
    return next.value;
  }, scenario);
}
