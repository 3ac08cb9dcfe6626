import { describe, expect, it } from 'vitest';
import type { OutcomeUncertainty } from '../../sim/uncertainty/analysis';
import { seedsWords } from '../../sim/uncertainty/words';
import type { OutcomeAtHorizon } from '../../sim/comparison/summary';
import type { Precision } from '../../sim/comparison/stats';

const row = (low: number, high: number) => ({ id: 'lookedAfter', month: 12, difference: { mean: (low + high) / 2, low, high } }) as OutcomeAtHorizon;
const more: Precision = { standardError: 1, relativeError: 1, excludesZero: false, verdict: 'more' };
const u = (low: number, high: number, verdict: OutcomeUncertainty['verdict']): OutcomeUncertainty => ({ id: 'lookedAfter', month: 12, uncertainty: { low, high, shareBLower: 0.5 }, tornado: [], breakEven: [], verdict });

describe('"enough seeds?" speaks only about chance', () => {
  it('does not ask for more seeds when an assumption spans far more than chance', () => {
    expect(seedsWords(more, row(-1, 1), u(-10, 8, 'depends'))).toBe('enough for chance; an assumption decides');
  });

  it('asks for more seeds when chance is most of the range', () => {
    expect(seedsWords(more, row(-4, 4), u(-5, 5, 'depends'))).toBe('more seeds');
  });

  it('keeps the chance-only answers where seeds settle it', () => {
    expect(seedsWords({ ...more, verdict: 'enough' }, row(1, 2), u(0.5, 3, 'robust'))).toBe('yes');
    expect(seedsWords({ ...more, verdict: 'no-difference' }, row(0, 0), u(0, 0, 'no-difference'))).toBe('no difference');
  });
});
