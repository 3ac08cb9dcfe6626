import { describe, expect, it } from 'vitest';
import { capitalChargeOf, updateCouncilHomes } from '../../sim/engine/capacity';
import { updateSupply } from '../../sim/engine/market';
import { repatriate } from '../../sim/engine/matching';
import { advancePrices } from '../../sim/engine/prices';
import { activePosOf } from '../../sim/engine/population';
import { enterHost, leaveHost, OUTSIDE_REGION } from '../../sim/engine/region';
import { activate } from '../../sim/engine/moves';
import { STATE_CODE as S } from '../../sim/states';
import { addChildren, tinyState } from './fixture';

const market = (elasticity: number, hurdle = 0.2, lag = 3) => ({ baseMargin: 0.2, scarcityOccupancy: 0.85, marginPerOccupancy: 0.1, hurdleMargin: hurdle, supplyElasticity: elasticity, supplyLagMonths: lag, startAtHurdle: false });

describe('market supply (market.ts)', () => {
  it('opens places when the margin is above the hurdle, after the lag, at elasticity x (margin - hurdle) a year', () => {
    const s = tinyState({ privateMarket: market(0.5, 0.2, 3) });
    s.marketPlaces[S.private_residential] = 120;
    s.privateMargin = 0.3;
    updateSupply(s, 1);
    expect(s.marketPlaces[S.private_residential]).toBe(120); // decided, not yet open
    for (const m of [2, 3]) updateSupply(s, m);
    expect(s.marketPlaces[S.private_residential]).toBeCloseTo(120, 9);
    updateSupply(s, 4); // the month-1 decision opens three months later
    expect(s.marketPlaces[S.private_residential]).toBeCloseTo(120 + (120 * 0.5 * 0.1) / 12, 9);
  });

  it('closes places when a cap holds the margin below the hurdle', () => {
    const s = tinyState({ privateMarket: market(1, 0.23, 1) });
    s.marketPlaces[S.private_residential] = 100;
    s.privateMargin = 0.1;
    for (let m = 1; m <= 13; m++) updateSupply(s, m);
    expect(s.marketPlaces[S.private_residential]).toBeLessThan(100 * (1 - 0.13 * 0.9));
  });

  it('leaves places alone at zero elasticity, whatever the margin', () => {
    const s = tinyState({ privateMarket: market(0), agencyMarket: market(0) });
    s.marketPlaces[S.private_residential] = 100;
    s.marketPlaces[S.agency_foster] = 50;
    s.privateMargin = 0.05;
    s.agencyMargin = 0.9;
    for (let m = 1; m <= 24; m++) updateSupply(s, m);
    expect(s.marketPlaces[S.private_residential]).toBe(100);
    expect(s.marketPlaces[S.agency_foster]).toBe(50);
  });
});

describe('children placed out of area come back (matching.ts)', () => {
  it('moves children away into a free council place first, then into free local places of their market', () => {
    const s = tinyState();
    s.councilHomePlaces = 1;
    s.marketPlaces[S.private_residential] = 2;
    const kids = addChildren(s, S.private_residential, 5);
    for (const i of kids) activate(s, i);
    // two local, three away
    for (const i of kids.slice(2)) {
      leaveHost(s, i, S.private_residential);
      enterHost(s, activePosOf(s.children.a, i), S.private_residential, OUTSIDE_REGION);
    }
    repatriate(s.region);
    expect(s.stock[S.la_residential]).toBe(1);
    expect(s.stock[S.private_residential]).toBe(4);
    expect(s.outOfArea[S.private_residential]).toBe(2);
    expect(s.placementMoves).toBe(1);
    s.marketPlaces[S.private_residential] = 3; // a local place opens
    repatriate(s.region);
    expect(s.outOfArea[S.private_residential]).toBe(1);
    expect(kids.filter((i) => s.active.host[activePosOf(s.children.a, i)] === OUTSIDE_REGION)).toHaveLength(1);
    expect(s.placementMoves).toBe(2);
  });
});

describe('council-home capital (capacity.ts)', () => {
  it('charges new places their capital cost spread over the lifetime from opening, at the costs of the month they open', () => {
    const s = tinyState({ councilHomeCapitalPerPlace: 240_000, councilHomeCapitalMonths: 240, councilHomeTarget: 5, councilHomeMonthsToOpen: 0 });
    s.councilHomePlaces = 2;
    s.costIndex.fill(1.5);
    updateCouncilHomes(s, 7);
    expect(s.councilHomePlaces).toBe(5);
    expect(capitalChargeOf(s)).toBeCloseTo((3 * 240_000 * 1.5) / 240, 9);
    updateCouncilHomes(s, 7 + 239);
    expect(capitalChargeOf(s)).toBeGreaterThan(0);
    updateCouncilHomes(s, 7 + 240);
    expect(capitalChargeOf(s)).toBe(0);
  });
});

describe('prices over time (prices.ts)', () => {
  it('grows each category of unit costs and general prices by their own monthly factors', () => {
    const growth = [1.01, 1.004, 1.0015, 1.02, 1.002];
    const s = tinyState({ inflationPerMonth: Float64Array.from(growth), generalInflationPerMonth: 1.002 });
    s.deflator = 1;
    for (let m = 0; m < 12; m++) advancePrices(s);
    growth.forEach((g, k) => expect(s.costIndex[k]).toBeCloseTo(g ** 12, 12));
    expect(s.deflator).toBeCloseTo(1.002 ** 12, 12);
  });
});
