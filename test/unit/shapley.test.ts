/**
 * The Shapley decomposition (sim/backcast/shapley.ts) against games whose Shapley values are known
 * by hand: an additive game, a game with one interaction term, the three-player majority game.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { membersOf, permutations, shapley } from '../../sim/backcast/shapley';

const PLAYERS = ['drivers', 'practice', 'arrivals'] as const;
type Player = (typeof PLAYERS)[number];

describe('shapley', () => {
  it('gives each player its own part, with no spread, in an additive game', () => {
    const part: Record<Player, number> = { drivers: 5, practice: 36, arrivals: 12 };
    const d = shapley(PLAYERS, (c) => 60 + c.reduce((s, p) => s + part[p], 0));
    expect(d.whole).toBe(53);
    expect(d.orders).toBe(6);
    expect(d.shares).toEqual([
      { player: 'drivers', mean: 5, min: 5, max: 5 },
      { player: 'practice', mean: 36, min: 36, max: 36 },
      { player: 'arrivals', mean: 12, min: 12, max: 12 },
    ]);
  });

  it('splits an interaction term equally between the two players it needs, and shows it as their spread', () => {
    // drivers 4 and practice 30 on their own; together they add 8 more; arrivals 10, additive.
    const d = shapley(PLAYERS, (c) => {
      const has = (p: Player) => c.includes(p);
      return (has('drivers') ? 4 : 0) + (has('practice') ? 30 : 0) + (has('arrivals') ? 10 : 0) + (has('drivers') && has('practice') ? 8 : 0);
    });
    expect(d.whole).toBe(52);
    const [drivers, practice, arrivals] = d.shares;
    expect(drivers).toEqual({ player: 'drivers', mean: 8, min: 4, max: 12 });
    expect(practice).toEqual({ player: 'practice', mean: 34, min: 30, max: 38 });
    expect(arrivals).toEqual({ player: 'arrivals', mean: 10, min: 10, max: 10 });
  });

  it('gives each player a third in the three-player majority game, from 0 to 1 by order', () => {
    const d = shapley(['a', 'b', 'c'], (c) => (c.length >= 2 ? 1 : 0));
    expect(d.whole).toBe(1);
    for (const share of d.shares) {
      expect(share.mean).toBeCloseTo(1 / 3, 12);
      expect(share.min).toBe(0);
      expect(share.max).toBe(1);
    }
  });

  it('calls the value once for each coalition, its members in the players’ order', () => {
    const seen: string[] = [];
    shapley(PLAYERS, (c) => {
      seen.push(c.join('+'));
      return c.length;
    });
    expect(seen.sort()).toEqual(
      ['', 'drivers', 'practice', 'arrivals', 'drivers+practice', 'drivers+arrivals', 'practice+arrivals', 'drivers+practice+arrivals'].sort(),
    );
  });

  it('has shares that sum to the whole and lie within their spread, for any game', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 32, maxLength: 32 }), (n, table) => {
        const players = ['p0', 'p1', 'p2', 'p3', 'p4'].slice(0, n);
        const value = (c: readonly string[]) => table[c.reduce((mask, p) => mask | (1 << players.indexOf(p)), 0)];
        const d = shapley(players, value);
        expect(d.whole).toBe(table[(1 << n) - 1] - table[0]);
        const sum = d.shares.reduce((s, x) => s + x.mean, 0);
        expect(Math.abs(sum - d.whole)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(d.whole)));
        for (const s of d.shares) {
          expect(s.min).toBeLessThanOrEqual(s.mean + 1e-9);
          expect(s.mean).toBeLessThanOrEqual(s.max + 1e-9);
        }
      }),
    );
  });

  it('refuses duplicate players, too many players and a value that is not a finite number', () => {
    expect(() => shapley(['a', 'a'], () => 0)).toThrow(/distinct/);
    expect(() => shapley(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], () => 0)).toThrow(/at most 8 players, found 9/);
    expect(() => shapley(['a', 'b'], (c) => (c.length === 2 ? NaN : 0))).toThrow(/the value of \{a, b\} is NaN/);
  });
});

describe('permutations', () => {
  it('lists every order once: n! distinct orders of 0..n-1', () => {
    for (const [n, count] of [[0, 1], [1, 1], [3, 6], [4, 24]] as const) {
      const orders = permutations(n);
      expect(orders).toHaveLength(count);
      expect(new Set(orders.map((o) => o.join(','))).size).toBe(count);
      for (const o of orders) expect([...o].sort()).toEqual(Array.from({ length: n }, (_, k) => k));
    }
    expect(permutations(3)).toEqual([[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]);
  });
});

describe('membersOf', () => {
  it('reads bit k as players[k]', () => {
    expect(membersOf(PLAYERS, 0)).toEqual([]);
    expect(membersOf(PLAYERS, 0b101)).toEqual(['drivers', 'arrivals']);
    expect(membersOf(PLAYERS, 0b111)).toEqual([...PLAYERS]);
  });
});
