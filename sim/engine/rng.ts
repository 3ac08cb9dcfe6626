/**
 * Randomness with common random numbers.
 *
 * Every agent (child or family) has its own stream: draw k of agent a is a hash of (run key, a, k).
 * The run key comes from seedrandom's alea generator seeded with the run's seed, so results are a
 * pure function of (scenario, seed). Because an agent's draws do not depend on what other agents
 * did, the same family makes the same decisions in scenario A and B wherever the policy does not
 * touch it, and A - B differences show policy rather than noise (Starsim's design).
 *
 * The hash is counter-based (no state to store besides a draw counter per agent) and cheap: two
 * rounds of a 32-bit avalanche mixer (lowbias32, Chris Wellons' hash-prospector), ~3 ns a draw.
 */
import seedrandom from 'seedrandom';

export interface RunKeys {
  /** key for children's streams */
  child: number;
  /** key for families' poverty streams */
  family: number;
  /** key for families' need streams */
  need: number;
}

export function runKeys(seed: number): RunKeys {
  const alea = seedrandom.alea(`care-futures:${seed}`);
  return { child: alea.int32() >>> 0, family: alea.int32() >>> 0, need: alea.int32() >>> 0 };
}

/** The 32-bit avalanche mixer behind every draw (also the sampler's hash, `sim/uncertainty/sampler.ts`). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const TWO_POW_32 = 4294967296;

/** Uniform in [0, 1): draw `counter` of agent `id` under `key`. */
export function uniform(key: number, id: number, counter: number): number {
  return uniformOfStream(streamOf(key, id), counter);
}

/**
 * The half of a draw's hash that depends on the agent alone: a caller that draws from the same
 * agents month after month (the active table) keeps it, and each draw then costs one round of the
 * mixer instead of two, giving the same numbers.
 */
export function streamOf(key: number, id: number): number {
  return mix32((id ^ key) >>> 0);
}

/** Uniform in [0, 1): draw `counter` of the stream `stream` (from `streamOf`); equal to `uniform`'s. */
export function uniformOfStream(stream: number, counter: number): number {
  return mix32(stream ^ Math.imul(counter + 1, 0x9e3779b9)) / TWO_POW_32;
}

/** Exponential with mean 1 from a uniform in [0, 1). Finite because 1 - u > 0. */
export function exponential(u: number): number {
  return -Math.log(1 - u);
}
