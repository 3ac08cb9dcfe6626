import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marginFor, marginOf, priceFor, updateMargins, weeklyPriceOf } from '../../sim/engine/market';
import type { MarketParams } from '../../sim/params';
import { STATE_CODE as S, STATES } from '../../sim/states';
import { addChildren, tinyState } from './fixture';

/** A market whose margin is 20% up to 80% occupancy, then rises by 0.5 per unit of occupancy. */
/** Supply fixed (zero elasticity): these tests are about prices; supply has its own below. */
const FIXED_SUPPLY = { hurdleMargin: 0.2, supplyElasticity: 0, supplyLagMonths: 12, startAtHurdle: false };
const MARKET: MarketParams = { baseMargin: 0.2, scarcityOccupancy: 0.8, marginPerOccupancy: 0.5, ...FIXED_SUPPLY };
const NO_CAP = Infinity;

const places = fc.integer({ min: 1, max: 500 });
const margin = fc.double({ min: 0, max: 2, noNaN: true });

describe('provider prices (market.ts)', () => {
  it('charges cost x (1 + margin) for any cost and margin', () => {
    expect(priceFor(1000, 0.25)).toBe(1250);
    expect(priceFor(3114, 0)).toBe(3114);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e5, noNaN: true }), margin, (cost, m) => {
        expect(priceFor(cost, m)).toBeCloseTo(cost + cost * m, 6);
      }),
    );
  });
});

describe('provider margins (market.ts)', () => {
  it('keeps the base margin while occupancy is at or below the scarcity threshold', () => {
    for (const placed of [0, 1, 40, 79, 80]) expect(marginFor(MARKET, placed, 100, NO_CAP)).toBe(0.2);
    expect(marginFor(MARKET, 81, 100, NO_CAP)).toBeGreaterThan(0.2);
  });

  it('adds the slope times the occupancy above the threshold, out-of-area children included', () => {
    expect(marginFor(MARKET, 90, 100, NO_CAP)).toBeCloseTo(0.25, 12); // 0.2 + 0.5 x (0.9 - 0.8)
    expect(marginFor(MARKET, 100, 100, NO_CAP)).toBeCloseTo(0.3, 12); // 0.2 + 0.5 x 0.2
    expect(marginFor(MARKET, 120, 100, NO_CAP)).toBeCloseTo(0.4, 12); // 20 placed beyond the region's places
  });

  it('raises the margin with every child placed above the scarcity threshold', () => {
    fc.assert(
      fc.property(places, fc.integer({ min: 0, max: 1000 }), (n, extra) => {
        const above = Math.floor(0.8 * n) + 1 + extra;
        expect(marginFor(MARKET, above + 1, n, NO_CAP)).toBeGreaterThan(marginFor(MARKET, above, n, NO_CAP));
      }),
    );
  });

  it('never lets the margin exceed the cap when a cap is on, and holds it at the cap when the market would go above', () => {
    expect(marginFor(MARKET, 120, 100, 0.3)).toBe(0.3);
    expect(marginFor(MARKET, 50, 100, 0.1)).toBe(0.1);
    fc.assert(
      fc.property(places, fc.integer({ min: 0, max: 2000 }), margin, (n, placed, cap) => {
        const uncapped = marginFor(MARKET, placed, n, NO_CAP);
        const capped = marginFor(MARKET, placed, n, cap);
        expect(capped).toBeLessThanOrEqual(cap);
        expect(capped).toBe(uncapped >= cap ? cap : uncapped);
      }),
    );
  });

  it('changes nothing when the cap does not bind', () => {
    fc.assert(
      fc.property(places, fc.integer({ min: 0, max: 2000 }), margin, (n, placed, headroom) => {
        const uncapped = marginFor(MARKET, placed, n, NO_CAP);
        expect(marginFor(MARKET, placed, n, uncapped + headroom)).toBe(uncapped);
      }),
    );
  });

  it('counts a market with no places of its own but children placed as twice full, and an empty one as idle', () => {
    expect(marginFor(MARKET, 3, 0, NO_CAP)).toBeCloseTo(0.2 + 0.5 * (2 - 0.8), 12);
    expect(marginFor(MARKET, 0, 0, NO_CAP)).toBe(0.2);
  });

  it('keeps the base margin in a market without a limit on places', () => {
    expect(marginFor(MARKET, 500, Infinity, NO_CAP)).toBe(0.2);
    expect(marginFor(MARKET, 0, Infinity, NO_CAP)).toBe(0.2);
  });

  it("sets each market's margin from its own parameters, places and children placed", () => {
    const s = tinyState({
      privateMarket: { baseMargin: 0.2, scarcityOccupancy: 0.5, marginPerOccupancy: 1, ...FIXED_SUPPLY },
      agencyMarket: { baseMargin: 0.1, scarcityOccupancy: 0.25, marginPerOccupancy: 2, ...FIXED_SUPPLY },
    });
    s.marketPlaces[S.private_residential] = 10;
    s.marketPlaces[S.agency_foster] = 20;
    addChildren(s, S.private_residential, 7);
    addChildren(s, S.agency_foster, 9);
    updateMargins(s);
    expect(s.privateMargin).toBeCloseTo(0.2 + 1 * (0.7 - 0.5), 12);
    expect(s.agencyMargin).toBeCloseTo(0.1 + 2 * (0.45 - 0.25), 12);
  });

  it('holds both markets at the profit cap when one is set', () => {
    const s = tinyState({ profitCap: 0.21 });
    s.marketPlaces[S.private_residential] = 4;
    s.marketPlaces[S.agency_foster] = 4;
    addChildren(s, S.private_residential, 8);
    addChildren(s, S.agency_foster, 8);
    updateMargins(s);
    expect(s.privateMargin).toBe(0.21);
    expect(s.agencyMargin).toBe(0.21);
  });

  it('charges a margin in the two markets only', () => {
    const s = tinyState();
    s.privateMargin = 0.3;
    s.agencyMargin = 0.15;
    for (const [k, id] of STATES.entries()) {
      const expected = id === 'private_residential' ? 0.3 : id === 'agency_foster' ? 0.15 : 0;
      expect(marginOf(s, k), id).toBe(expected);
    }
  });

  it("quotes a market place's weekly price as its cost plus the month's margin, and a council place at cost", () => {
    const s = tinyState();
    s.p.costPerWeek[S.private_residential] = 3000;
    s.p.costPerWeek[S.agency_foster] = 700;
    s.p.costPerWeek[S.la_residential] = 5059;
    s.privateMargin = 0.3;
    s.agencyMargin = 0.1;
    expect(weeklyPriceOf(s, S.private_residential)).toBeCloseTo(3900, 9);
    expect(weeklyPriceOf(s, S.agency_foster)).toBeCloseTo(770, 9);
    expect(weeklyPriceOf(s, S.la_residential)).toBe(5059);
  });
});
