import { describe, expect, it } from 'vitest';
import { incompleteBeta, tQuantile } from '../../sim/comparison/student-t';
import { meanInterval, precision, quantileSorted, spread, standardDeviation } from '../../sim/comparison/stats';

/** Student's t CDF in closed form for small df (Abramowitz and Stegun 26.7.3/26.7.4): independent of the beta route. */
function tCdf(t: number, df: 1 | 2 | 3 | 4 | 5): number {
  const th = Math.atan(t / Math.sqrt(df));
  const s = Math.sin(th);
  const c = Math.cos(th);
  switch (df) {
    case 1:
      return 0.5 + th / Math.PI;
    case 3:
      return 0.5 + (th + s * c) / Math.PI;
    case 5:
      return 0.5 + (th + s * c * (1 + (2 / 3) * c * c)) / Math.PI;
    case 2:
      return 0.5 + s / 2;
    case 4:
      return 0.5 + (s * (1 + (c * c) / 2)) / 2;
  }
}

describe("Student's t quantile", () => {
  it('inverts the closed-form distribution function for 1 to 5 degrees of freedom', () => {
    for (const df of [1, 2, 3, 4, 5] as const) {
      for (const p of [0.6, 0.9, 0.95, 0.975, 0.995, 0.9995]) {
        expect(tCdf(tQuantile(p, df), df), `df ${df}, p ${p}`).toBeCloseTo(p, 12);
      }
    }
  });

  it('matches the closed forms of 1 and 2 degrees of freedom: tan(pi (p - 1/2)) and (2p - 1) / sqrt(2p(1 - p))', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 10);
    expect(tQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 12);
  });

  it('agrees with published tables at 30, 31, 60 and 120 df, with no jump between 30 and 31', () => {
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0423, 4);
    expect(tQuantile(0.975, 31)).toBeCloseTo(2.0395, 4);
    expect(tQuantile(0.975, 60)).toBeCloseTo(2.0003, 4);
    expect(tQuantile(0.975, 120)).toBeCloseTo(1.9799, 4);
    expect(tQuantile(0.975, 30) - tQuantile(0.975, 31)).toBeLessThan(0.003);
  });

  it('falls steadily towards the normal quantile 1.95996 as the seeds grow', () => {
    let previous = Infinity;
    for (let df = 1; df <= 400; df++) {
      const t = tQuantile(0.975, df);
      expect(t).toBeLessThan(previous);
      previous = t;
    }
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('is symmetric about zero and refuses impossible arguments', () => {
    expect(tQuantile(0.025, 7)).toBeCloseTo(-tQuantile(0.975, 7), 12);
    expect(tQuantile(0.5, 3)).toBe(0);
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
    expect(() => tQuantile(0.9, 0)).toThrow(RangeError);
  });

  it('computes the incomplete beta function at its symmetric point and ends', () => {
    expect(incompleteBeta(0.5, 3, 3)).toBeCloseTo(0.5, 14);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    // I_x(1, b) = 1 - (1 - x)^b
    expect(incompleteBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 14);
  });
});

describe('statistics across seeds', () => {
  it('takes quantiles by linear interpolation between order statistics (type 7)', () => {
    const sorted = [1, 2, 3, 4, 5];
    expect(quantileSorted(sorted, 0.5)).toBe(3);
    expect(quantileSorted(sorted, 0.05)).toBeCloseTo(1.2, 14);
    expect(quantileSorted(sorted, 0.95)).toBeCloseTo(4.8, 14);
    expect(quantileSorted([7], 0.05)).toBe(7);
  });

  it('gives the mean, median and 5-95% band of unsorted values', () => {
    const s = spread([10, 0, 40, 20, 30]);
    expect(s.mean).toBe(20);
    expect(s.median).toBe(20);
    expect(s.low).toBeCloseTo(2, 12);
    expect(s.high).toBeCloseTo(38, 12);
  });

  it('puts the mean difference inside t(0.975, n-1) standard errors', () => {
    const d = [1, 2, 3, 4];
    const i = meanInterval(d);
    const half = tQuantile(0.975, 3) * (standardDeviation(d) / 2);
    expect(i.mean).toBe(2.5);
    expect(i.high - i.mean).toBeCloseTo(half, 14);
    expect(i.mean - i.low).toBeCloseTo(half, 14);
    expect(meanInterval([5])).toEqual({ mean: 5, low: NaN, high: NaN });
  });

  it('calls seeds enough when the interval excludes zero and the standard error is small against the difference', () => {
    const tight = [10, 10.2, 9.9, 10.1, 10];
    expect(precision(tight, meanInterval(tight)).verdict).toBe('enough');
    const noisy = [1, -1, 2, -2, 0.5];
    const p = precision(noisy, meanInterval(noisy));
    expect(p.verdict).toBe('more');
    expect(p.excludesZero).toBe(false);
    expect(precision([0, 0, 0], meanInterval([0, 0, 0])).verdict).toBe('no-difference');
  });
});
