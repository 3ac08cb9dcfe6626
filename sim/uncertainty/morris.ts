/**
 * Morris elementary-effects screening (Morris 1991, with Campolongo et al.'s mu*): which inputs of
 * a function of k inputs in [0, 1]^k matter, at r (k + 1) evaluations.
 *
 * Design: r trajectories on a grid of `levels` values {0, 1/(L-1), ..., 1}. A trajectory starts at
 * a random grid point and moves one input at a time, in a random order, by delta = L / (2 (L - 1))
 * (up where it can, else down). Each move gives one elementary effect of the input it moved:
 * (f(after) - f(before)) / (signed step). With inputs as quantiles of their ranges, an effect is
 * the change in the output per whole range of the input.
 *
 * Per input: mu* = mean |effect| (overall importance, the ranking), mu = mean effect (direction)
 * and sigma = standard deviation of the effects (non-linearity or interactions).
 * Deterministic: the design comes from a seeded alea stream.
 */
import seedrandom from 'seedrandom';
import { mean, standardDeviation } from '../comparison/stats';

export interface MorrisOptions {
  trajectories: number;
  levels: number;
  seed: number;
}

export const MORRIS_DEFAULTS: MorrisOptions = { trajectories: 10, levels: 4, seed: 1 };

/** One trajectory: k + 1 points and, for move j, the input it moved and its signed step. */
export interface Trajectory {
  points: Float64Array[];
  moves: { input: number; step: number }[];
}

export function morrisDesign(inputs: number, options: MorrisOptions): Trajectory[] {
  const { trajectories, levels, seed } = options;
  if (!Number.isInteger(levels) || levels < 2) throw new RangeError(`levels: expected a whole number >= 2, found ${levels}`);
  const random = seedrandom.alea(`morris:${seed}`);
  const delta = levels / (2 * (levels - 1));
  const out: Trajectory[] = [];
  for (let t = 0; t < trajectories; t++) {
    const start = Float64Array.from({ length: inputs }, () => Math.floor(random() * levels) / (levels - 1));
    const order = Array.from({ length: inputs }, (_, i) => i);
    for (let i = inputs - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const points = [start];
    const moves: Trajectory['moves'] = [];
    let current = start;
    for (const input of order) {
      const next = Float64Array.from(current);
      const step = current[input] + delta <= 1 + 1e-12 ? delta : -delta;
      next[input] = Math.min(1, Math.max(0, current[input] + step));
      points.push(next);
      moves.push({ input, step });
      current = next;
    }
    out.push({ points, moves });
  }
  return out;
}

export interface MorrisFactor {
  /** the input's position in the inputs given */
  input: number;
  mu: number;
  muStar: number;
  sigma: number;
}

/** Every input's mu, mu* and sigma from the design and the outputs at its points (trajectory by trajectory). */
export function morrisEffects(design: readonly Trajectory[], outputs: readonly (readonly number[])[], inputs: number): MorrisFactor[] {
  const effects: number[][] = Array.from({ length: inputs }, () => []);
  design.forEach((trajectory, t) => {
    trajectory.moves.forEach((move, j) => effects[move.input].push((outputs[t][j + 1] - outputs[t][j]) / move.step));
  });
  return effects.map((e, input) => ({ input, mu: mean(e), muStar: mean(e.map(Math.abs)), sigma: standardDeviation(e) }));
}

/** Inputs ranked by mu*, largest first (ties keep the inputs' order). */
export function rankByMuStar(factors: readonly MorrisFactor[]): MorrisFactor[] {
  return [...factors].sort((x, y) => y.muStar - x.muStar || x.input - y.input);
}

/** Screen a function: the design, its outputs (evaluated in one batch, so a pool can share the work) and the ranked effects. */
export async function morris(inputs: number, evaluate: (points: readonly Float64Array[]) => Promise<number[]> | number[], options: MorrisOptions = MORRIS_DEFAULTS): Promise<MorrisFactor[]> {
  const design = morrisDesign(inputs, options);
  const flat = design.flatMap((t) => t.points);
  const values = await evaluate(flat);
  const outputs = design.map((_, t) => values.slice(t * (inputs + 1), (t + 1) * (inputs + 1)));
  return rankByMuStar(morrisEffects(design, outputs, inputs));
}
