import { describe, expect, it } from 'vitest';
import { morris, morrisDesign } from '../../sim/uncertainty/morris';

/** Sobol's g-function: input i matters less the larger a_i (a = 0 very important, 99 hardly). */
const A = [0, 1, 4.5, 9, 99, 99, 99, 99];
const gFunction = (x: Float64Array) => A.reduce((product, a, i) => product * ((Math.abs(4 * x[i] - 2) + a) / (1 + a)), 1);

describe('Morris screening on functions with known answers', () => {
  it('recovers the coefficients of a linear function exactly: mu* = |c|, mu = c, sigma = 0', async () => {
    const c = [3, -5, 0.5, 0, 8];
    const f = (x: Float64Array) => c.reduce((s, ci, i) => s + ci * x[i], 0);
    const ranked = await morris(c.length, (points) => points.map(f), { trajectories: 6, levels: 4, seed: 2 });
    expect(ranked.map((r) => r.input)).toEqual([4, 1, 0, 2, 3]);
    for (const r of ranked) {
      expect(r.muStar).toBeCloseTo(Math.abs(c[r.input]), 10);
      expect(r.mu).toBeCloseTo(c[r.input], 10);
      expect(r.sigma).toBeCloseTo(0, 10);
    }
  });

  it("ranks the g-function's inputs in the order of their a (the four important ones first, in order)", async () => {
    const ranked = await morris(A.length, (points) => points.map(gFunction), { trajectories: 40, levels: 4, seed: 7 });
    expect(ranked.slice(0, 4).map((r) => r.input)).toEqual([0, 1, 2, 3]);
    // The inputs with a = 99 change the output by about 1% of a unit: far below the others.
    for (const r of ranked.slice(4)) expect(r.muStar).toBeLessThan(ranked[3].muStar / 3);
  });

  it('gives sigma > 0 to an input that interacts, 0 to one that acts alone', async () => {
    const f = (x: Float64Array) => x[0] * x[1] + 2 * x[2];
    const ranked = await morris(3, (points) => points.map(f), { trajectories: 10, levels: 4, seed: 3 });
    const byInput = Object.fromEntries(ranked.map((r) => [r.input, r]));
    expect(byInput[0].sigma).toBeGreaterThan(0.1);
    expect(byInput[2].sigma).toBeCloseTo(0, 10);
  });

  it('builds trajectories of k + 1 grid points that each move one input by delta', () => {
    const design = morrisDesign(5, { trajectories: 3, levels: 6, seed: 1 });
    const delta = 6 / (2 * 5);
    for (const t of design) {
      expect(t.points).toHaveLength(6);
      expect(new Set(t.moves.map((m) => m.input)).size).toBe(5);
      t.moves.forEach((m, j) => {
        const diff = Array.from(t.points[j + 1], (v, i) => v - t.points[j][i]);
        diff.forEach((d, i) => expect(d).toBeCloseTo(i === m.input ? m.step : 0, 12));
        expect(Math.abs(m.step)).toBeCloseTo(delta, 12);
      });
      for (const p of t.points) for (const v of p) expect(v * 5).toBeCloseTo(Math.round(v * 5), 9);
    }
    expect(morrisDesign(5, { trajectories: 3, levels: 6, seed: 1 })).toEqual(design);
  });
});
