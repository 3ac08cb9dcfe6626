/**
 * The back-cast's groups (sim/backcast/groups.ts): every change of the shipped back-cast's timeline
 * belongs to a group, a coalition keeps only its groups' changes, and a change of no group is an
 * error naming its entry.
 */
import { describe, expect, it } from 'vitest';
import { checkGrouped, groupOf, SPLIT_DRIVERS_GROUPING, withGroups } from '../../sim/backcast/groups';
import { loadShipped } from '../helpers';

describe('the back-cast groups', () => {
  it('puts the early-help cut and poverty in drivers, threshold, s20 and courts in practice, arrivals apart', () => {
    expect(groupOf('policy.earlyHelp.budgetPerYear')).toBe('drivers');
    expect(groupOf('policy.childPovertyReduction')).toBe('drivers');
    expect(groupOf('practice.careEntryRatio')).toBe('practice');
    expect(groupOf('legalStatus.section20ShareAtEntry.under10')).toBe('practice');
    expect(groupOf('courts.proceedingsWeeks')).toBe('practice');
    expect(groupOf('uasc.arrivalsPerYear')).toBe('arrivals');
    expect(groupOf('need.baseHazardPerYear')).toBeUndefined();
  });

  it('keeps only the coalition’s changes, in the timeline’s order', () => {
    const s = loadShipped('north-east-2009.json');
    const all = s.timeline ?? [];
    expect(checkGrouped(s).ok).toBe(true);
    const practice = withGroups(s, ['practice']).timeline ?? [];
    expect(practice.length).toBeGreaterThan(0);
    expect(practice).toEqual(all.filter((c) => /^(practice|legalStatus|courts)\./.test(c.path)));
    expect(withGroups(s, []).timeline).toEqual([]);
    expect(withGroups(s, ['drivers', 'practice', 'arrivals']).timeline).toEqual(all);
  });

  it('refuses a timeline change that belongs to no group, naming its entry', () => {
    const s = loadShipped('north-east-2009.json');
    const odd = { ...s, timeline: [...(s.timeline ?? []), { date: '2012-04', path: 'need.baseHazardPerYear', value: 1, source: 'test' }] };
    const checked = checkGrouped(odd);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues.map((i) => i.path)).toEqual([`timeline[${odd.timeline.length - 1}].path`]);
  });
});

describe('the groups with the drivers split', () => {
  it('puts the early-help cut and poverty in groups of their own, practice and arrivals as before', () => {
    expect(SPLIT_DRIVERS_GROUPING.groups).toEqual(['earlyHelp', 'poverty', 'practice', 'arrivals']);
    expect(groupOf('policy.earlyHelp.budgetPerYear', SPLIT_DRIVERS_GROUPING)).toBe('earlyHelp');
    expect(groupOf('policy.childPovertyReduction', SPLIT_DRIVERS_GROUPING)).toBe('poverty');
    expect(groupOf('poverty.entryPerYear', SPLIT_DRIVERS_GROUPING)).toBe('poverty');
    expect(groupOf('courts.proceedingsWeeks', SPLIT_DRIVERS_GROUPING)).toBe('practice');
    expect(groupOf('uasc.arrivalsPerYear', SPLIT_DRIVERS_GROUPING)).toBe('arrivals');
    // a policy that is neither: no group, where the three groups call it a driver
    expect(groupOf('policy.profitCap.maxMargin', SPLIT_DRIVERS_GROUPING)).toBeUndefined();
    expect(groupOf('policy.profitCap.maxMargin')).toBe('drivers');
  });

  it('splits the shipped back-cast’s drivers into its early-help and poverty changes', () => {
    const s = loadShipped('north-east-2009.json');
    expect(checkGrouped(s, SPLIT_DRIVERS_GROUPING).ok).toBe(true);
    const drivers = withGroups(s, ['drivers']).timeline ?? [];
    const earlyHelp = withGroups(s, ['earlyHelp'], SPLIT_DRIVERS_GROUPING).timeline ?? [];
    const poverty = withGroups(s, ['poverty'], SPLIT_DRIVERS_GROUPING).timeline ?? [];
    expect(earlyHelp.map((c) => c.path)).toEqual(['policy.earlyHelp.budgetPerYear', 'policy.earlyHelp.budgetPerYear', 'policy.earlyHelp.budgetPerYear', 'policy.earlyHelp.budgetPerYear']);
    expect(poverty.length).toBe(5);
    expect([...earlyHelp, ...poverty]).toEqual(drivers);
  });
});
