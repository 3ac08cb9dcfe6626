import { describe, expect, it } from 'vitest';
import { distinctTicks } from '../../viz/charts';
import { groupByMonth } from '../../viz/chart-markers';
import { formatPounds } from '../../viz/format';

describe('chart axes and lever markers', () => {
  it('drops ticks whose labels repeat a neighbour (no "£1 £1 £1 £0")', () => {
    const { ticks, labels } = distinctTicks([0, 0.2, 0.4, 0.6, 0.8, 1], formatPounds);
    expect(labels).toEqual(['£0', '£1']);
    expect(ticks).toEqual([0, 0.6]);
  });

  it('keeps every tick when each reads differently', () => {
    expect(distinctTicks([0, 20e6, 40e6], formatPounds).labels).toEqual(['£0', '£20.0m', '£40.0m']);
  });

  it('joins the labels of changes made in the same month, in month order', () => {
    const groups = groupByMonth([
      { month: 13, label: 'B' },
      { month: 5, label: 'A' },
      { month: 13, label: 'C' },
    ]);
    expect(groups).toEqual([
      { month: 5, label: 'A' },
      { month: 13, label: 'B; C' },
    ]);
  });
});
