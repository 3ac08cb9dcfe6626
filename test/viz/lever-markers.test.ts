import { describe, expect, it } from 'vitest';
import { leverMarkers } from '../../viz/compare/describe';
import { loadShipped } from '../helpers';

describe("the comparison's lever markers", () => {
  it("date each change on the side's calendar (month 1 is startDate)", () => {
    const base = loadShipped('north-east-baseline.json');
    const [april2022] = leverMarkers('B', base, [{ month: 13, path: 'policy.earlyHelp.budgetPerYear', value: 69_000_000 }]);
    expect(april2022).toEqual({ month: 13, label: 'B: Early-help budget £40.0m a year → £69.0m a year (2022-04, month 13)' });
    const [dated] = leverMarkers('A', { ...base, startDate: '2009-04' }, [{ month: 1, path: 'policy.profitCap.enabled', value: true }]);
    expect(dated.label).toBe('A: Profit cap on providers off → on (2009-04, month 1)');
  });
});
