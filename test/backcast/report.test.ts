/**
 * The back-cast's Markdown tables (sim/backcast/report.ts) from a decomposition built by hand: the
 * tables docs/backcast.md pastes must carry the shares, their spread and the observed gaps.
 */
import { describe, expect, it } from 'vitest';
import type { BackcastDecomposition, CoalitionResult } from '../../sim/backcast/decompose';
import { BACKCAST_GROUPING, type BackcastGroup } from '../../sim/backcast/groups';
import { markdownTable, observedTable, runsTable, sharesTable } from '../../sim/backcast/report';
import { membersOf, shapley } from '../../sim/backcast/shapley';
import type { GapRow } from '../../sim/observed/gaps';

/** Rises in an additive game (drivers 5, practice 30, arrivals 10) over a drift of 1, from 60. */
function decomposition(): BackcastDecomposition {
  const part: Partial<Record<BackcastGroup, number>> = { drivers: 5, practice: 30, arrivals: 10 };
  const rise = (groups: readonly BackcastGroup[]) => 1 + groups.reduce((s, g) => s + (part[g] ?? 0), 0);
  const coalitions: CoalitionResult[] = Array.from({ length: 8 }, (_, mask) => {
    const groups = membersOf(BACKCAST_GROUPING.groups, mask);
    return { groups, runs: [], start: 60, end: 60 + rise(groups), rise: rise(groups) };
  });
  return { seeds: [1], coalitions, shapley: shapley(BACKCAST_GROUPING.groups, rise), shareStandardErrors: [0.25, 1, 0] };
}

const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());

describe('the back-cast report', () => {
  it('writes a Markdown table with right-aligned number columns', () => {
    expect(markdownTable(['a', 'n'], [['x', '1.5']], [false, true]).split('\n')).toEqual(['| a   |   n |', '|-----|----:|', '| x   | 1.5 |']);
  });

  it('lists the runs from the whole timeline to nothing changing, then the observed rise', () => {
    const lines = runsTable(decomposition(), 77).split('\n');
    expect(lines).toHaveLength(2 + 8 + 1);
    expect(cells(lines[2])).toEqual(['whole timeline', '60.0', '106.0', '+46.0', '+77%']);
    expect(cells(lines[9])).toEqual(['nothing changes (2009 levers held)', '60.0', '61.0', '+1.0', '+2%']);
    expect(cells(lines[10])).toEqual(['observed (regional care report)', '', '', '', '+77%']);
  });

  it('gives each group its share, its % of the rise, its spread over orders and its standard error', () => {
    const lines = sharesTable(decomposition()).split('\n');
    expect(cells(lines[0])[3]).toBe('spread over the 6 orders');
    expect(cells(lines[2])).toEqual(['drivers (early-help cut, poverty)', '+5.0', '11%', '+5.0 to +5.0', '±0.3']);
    expect(cells(lines[3])).toEqual(['practice (threshold, s20, courts)', '+30.0', '67%', '+30.0 to +30.0', '±1.0']);
    expect(cells(lines[4])).toEqual(['unaccompanied arrivals', '+10.0', '22%', '+10.0 to +10.0', '±0.0']);
    expect(cells(lines[5])).toEqual(['whole timeline − nothing changes', '+45.0', '100%', '', '']);
    expect(cells(lines[6])).toEqual(['nothing changes (drift, not split)', '+1.0', '', '', '']);
  });

  it('lists only the years with an observed figure, marking a derived one', () => {
    const row = (year: number, observed: number | null, kind?: 'derived'): GapRow => ({
      year,
      month: 0,
      measure: 'childrenInNeed',
      model: 400,
      observed,
      kind: observed === null ? undefined : (kind ?? 'published'),
      source: observed === null ? undefined : 'src',
      gap: observed === null ? null : 400 - observed,
      gapPercent: observed === null ? null : ((400 - observed) / observed) * 100,
    });
    const lines = observedTable([row(2012, null), row(2013, 452.2, 'derived'), row(2014, 400)]).split('\n');
    expect(lines).toHaveLength(4);
    expect(cells(lines[2])).toEqual(['2013', 'children in need', '452.2 (derived)', '400.0', '-52.2', '-11.5%', 'src']);
    expect(cells(lines[3])).toEqual(['2014', 'children in need', '400.0', '400.0', '+0.0', '+0.0%', 'src']);
  });
});
