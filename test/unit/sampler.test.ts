import { describe, expect, it } from 'vitest';
import { inverseCdf, ParameterSampler, unitPoint, type SampledParameter } from '../../sim/uncertainty/sampler';

const parameters = (n: number): SampledParameter[] => Array.from({ length: n }, (_, i) => ({ path: `p${i}`, range: { low: 0, high: 10, distribution: 'uniform' as const }, value: 5 }));

describe('the scrambled low-discrepancy sampler', () => {
  it('gives draw k the same values whatever the ensemble size and however many parameters follow', () => {
    const small = Array.from({ length: 5 }, (_, k) => new ParameterSampler(parameters(3), 7).draw(k));
    const large = Array.from({ length: 50 }, (_, k) => new ParameterSampler(parameters(12), 7).draw(k));
    for (let k = 0; k < 5; k++) for (const p of ['p0', 'p1', 'p2']) expect(large[k][p]).toBe(small[k][p]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(Array.from(unitPoint(3, 6, 11))).toEqual(Array.from(unitPoint(3, 6, 11)));
    expect(Array.from(unitPoint(3, 6, 11))).not.toEqual(Array.from(unitPoint(3, 6, 12)));
  });

  it('keeps Halton stratification: the first p^m points fill each of the p^m intervals of a coordinate once', () => {
    for (const [dimension, base, m] of [
      [0, 2, 6],
      [1, 3, 3],
      [2, 5, 2],
      [9, 29, 1],
    ] as const) {
      const n = base ** m;
      const counts = new Array<number>(n).fill(0);
      for (let k = 0; k < n; k++) counts[Math.floor(unitPoint(k, dimension + 1, 3)[dimension] * n)]++;
      expect(counts.every((c) => c === 1), `dimension ${dimension}`).toBe(true);
    }
  });

  it('spreads pairs of high dimensions evenly (no Halton stripes): every cell of a 4x4 grid is hit near 1/16 of the time', () => {
    const n = 1024;
    const cells = new Array<number>(16).fill(0);
    for (let k = 0; k < n; k++) {
      const u = unitPoint(k, 40, 5);
      cells[Math.floor(u[38] * 4) * 4 + Math.floor(u[39] * 4)]++;
    }
    for (const c of cells) expect(Math.abs(c - n / 16)).toBeLessThan(n / 16 / 3);
  });

  it('has coordinates that average 1/2 with the variance of a uniform', () => {
    const n = 512;
    for (const d of [0, 7, 30]) {
      let s = 0;
      let s2 = 0;
      for (let k = 0; k < n; k++) {
        const u = unitPoint(k, d + 1, 1)[d];
        expect(u >= 0 && u < 1).toBe(true);
        s += u;
        s2 += u * u;
      }
      expect(Math.abs(s / n - 0.5)).toBeLessThan(0.01);
      expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.005);
    }
  });
});

describe('inverse CDFs', () => {
  it('maps quantiles of a uniform range linearly', () => {
    expect(inverseCdf({ low: 2, high: 6, distribution: 'uniform' }, 3, 0.25)).toBe(3);
  });

  it('puts the median of a loguniform range at the geometric mean', () => {
    expect(inverseCdf({ low: 1, high: 100, distribution: 'loguniform' }, 10, 0.5)).toBeCloseTo(10, 10);
    expect(inverseCdf({ low: 1, high: 100, distribution: 'loguniform' }, 10, 0)).toBeCloseTo(1, 12);
  });

  it('gives a triangular range its mode at the quantile (mode - low) / (high - low), and its ends at 0 and 1', () => {
    const r = { low: 0, high: 4, distribution: 'triangular' as const };
    expect(inverseCdf(r, 1, 0.25)).toBeCloseTo(1, 12);
    expect(inverseCdf(r, 1, 0)).toBe(0);
    expect(inverseCdf(r, 1, 1)).toBe(4);
    // F(x) = x^2 / (4 * 1) below the mode: the quantile 1/16 is at x = 0.5.
    expect(inverseCdf(r, 1, 1 / 16)).toBeCloseTo(0.5, 12);
    // Above the mode: 1 - F(x) = (4 - x)^2 / (4 * 3); x = 3 has 1 - F = 1/12.
    expect(inverseCdf(r, 1, 1 - 1 / 12)).toBeCloseTo(3, 12);
  });
});
