/**
 * Shapley decomposition of a change into the players (groups of causes) that make it.
 *
 * A player's marginal contribution in one order of adding the players is what the value gains when
 * it joins those added before it. Its Shapley share is the mean of that over every order; the
 * spread (min and max over orders) says how much the split depends on the order, which a single
 * order (the back-cast's old "drivers first, then practice") hides. In every order the
 * contributions telescope to `value(everyone) - value(no one)`, so the shares sum to that whole.
 *
 * Pure arithmetic: the caller runs the model once per coalition and hands over the values.
 */

/** A player's share of the whole. */
export interface ShapleyShare<P extends string> {
  player: P;
  /** the Shapley value: the mean marginal contribution over all orders */
  mean: number;
  /** the smallest and largest marginal contribution over the orders */
  min: number;
  max: number;
}

export interface Decomposition<P extends string> {
  /** value(all players) - value(no player): what the shares add up to */
  whole: number;
  /** in the order of `players` */
  shares: ShapleyShare<P>[];
  /** how many orders were averaged (n!) */
  orders: number;
}

/** Above this the n! orders and 2^n coalitions stop being cheap; a back-cast has a handful of groups. */
export const MAX_PLAYERS = 8;

/** Every order of 0..n-1 (n! of them), in lexicographic order. */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let at = 0; at <= rest.length; at++) out.push([...rest.slice(0, at), n - 1, ...rest.slice(at)]);
  }
  return out.sort((a, b) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
    return 0;
  });
}

/** The players in a coalition given as a bit mask over `players` (bit k = players[k]), in `players`' order. */
export function membersOf<P extends string>(players: readonly P[], mask: number): P[] {
  return players.filter((_, k) => (mask & (1 << k)) !== 0);
}

/**
 * The Shapley decomposition of `value` over `players`. `value` is called once for each of the 2^n
 * coalitions (with its members in `players`' order), before any arithmetic, so the caller can run
 * them in any way it likes as long as a coalition always gets the same number.
 */
export function shapley<P extends string>(players: readonly P[], value: (coalition: readonly P[]) => number): Decomposition<P> {
  const n = players.length;
  if (n > MAX_PLAYERS) throw new RangeError(`shapley: at most ${MAX_PLAYERS} players, found ${n}`);
  if (new Set(players).size !== n) throw new RangeError(`shapley: players must be distinct, found ${players.join(', ')}`);
  const values = Array.from({ length: 1 << n }, (_, mask) => value(membersOf(players, mask)));
  for (let mask = 0; mask < values.length; mask++) {
    if (!Number.isFinite(values[mask])) throw new RangeError(`shapley: the value of {${membersOf(players, mask).join(', ')}} is ${values[mask]}, expected a finite number`);
  }
  const orders = permutations(n);
  const sums = new Array<number>(n).fill(0);
  const mins = new Array<number>(n).fill(Infinity);
  const maxs = new Array<number>(n).fill(-Infinity);
  for (const order of orders) {
    let mask = 0;
    for (const k of order) {
      const gain = values[mask | (1 << k)] - values[mask];
      sums[k] += gain;
      mins[k] = Math.min(mins[k], gain);
      maxs[k] = Math.max(maxs[k], gain);
      mask |= 1 << k;
    }
  }
  return {
    whole: values[values.length - 1] - values[0],
    shares: players.map((player, k) => ({ player, mean: sums[k] / orders.length, min: mins[k], max: maxs[k] })),
    orders: orders.length,
  };
}
