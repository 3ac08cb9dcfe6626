/**
 * The back-cast's poverty path: north-east-2009.json follows the North East's published child
 * poverty after housing costs (ECP-2021: 26% in 2014/15, 37% in 2019/20, yearly steps between),
 * mapped onto the model's share as 1 - published / 33% (the baseline's share). The variant
 * north-east-2009-assumed-poverty.json keeps the old assumed path and nothing else different.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../sim/scenario/schema';
import { loadShipped } from '../helpers';

const POVERTY = 'policy.childPovertyReduction';
const povertyPath = (s: Scenario) => (s.timeline ?? []).filter((c) => c.path === POVERTY).map((c) => [c.date, c.value]);
const rest = (s: Scenario) => (s.timeline ?? []).filter((c) => c.path !== POVERTY);

describe('the back-cast’s poverty path', () => {
  const published = loadShipped('north-east-2009.json');
  const assumed = loadShipped('north-east-2009-assumed-poverty.json');

  it('follows the published series after housing costs, as a share of the baseline’s 33%', () => {
    const baselineShare = loadShipped('north-east-baseline.json').poverty.initialShare;
    expect(baselineShare).toBe(0.33);
    // 26% held to 2014/15, then 2.2 points a year to 37% in 2019/20
    const percents = [28.2, 30.4, 32.6, 34.8, 37];
    const lever = (percent: number) => 1 - percent / 100 / baselineShare;
    expect(published.policy.childPovertyReduction).toBeCloseTo(lever(26), 3);
    expect(published.poverty.initialShare).toBe(0.26);
    const path = povertyPath(published);
    expect(path.map(([date]) => date)).toEqual(['2015-04', '2016-04', '2017-04', '2018-04', '2019-04']);
    path.forEach(([, value], k) => expect(value as number).toBeCloseTo(lever(percents[k]), 3));
  });

  it('keeps the old assumed path as a variant that differs in nothing else', () => {
    expect(assumed.policy.childPovertyReduction).toBe(0.2);
    expect(assumed.poverty.initialShare).toBe(0.33);
    expect(povertyPath(assumed)).toEqual([
      ['2015-04', 0.1],
      ['2016-04', 0.05],
      ['2017-04', 0],
    ]);
    expect(rest(assumed)).toEqual(rest(published));
    const { name: _n, description: _d, citations: _c, timeline: _t, policy: p1, poverty: q1, uncertainty: u1, ...others1 } = assumed;
    const { name: _n2, description: _d2, citations: _c2, timeline: _t2, policy: p2, poverty: q2, uncertainty: u2, ...others2 } = published;
    expect(others1).toEqual(others2);
    // each path ranges its own poverty figures; every other range is the same
    const notPoverty = (u: typeof u1) => Object.entries(u?.ranges ?? {}).filter(([path]) => !path.startsWith('poverty.') && path !== 'policy.childPovertyReduction');
    expect(notPoverty(u1)).toEqual(notPoverty(u2));
    expect({ ...u1, ranges: {} }).toEqual({ ...u2, ranges: {} });
    expect({ ...p1, childPovertyReduction: 0 }).toEqual({ ...p2, childPovertyReduction: 0 });
    expect({ ...q1, initialShare: 0 }).toEqual({ ...q2, initialShare: 0 });
  });
});
