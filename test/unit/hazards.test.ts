import { describe, expect, it } from 'vitest';
import { years } from '../../sim/ages';
import { CARE_EVENT, HazardTable, LEGAL_C1, LEGAL_C2, LEGAL_E1, LEGAL_OTHER, LEGAL_V2, variantOf } from '../../sim/engine/hazards';
import { careChanceOfReferral, SteadyCare } from '../../sim/engine/steady-care';
import { LEGAL_STATUSES, STATE_CODE as S } from '../../sim/states';
import { tinyParams } from './fixture';

const chancesOf = (t: HazardTable, code: number, age: number, tic: number, variant: number): Float64Array => {
  const out = new Float64Array(8);
  t.chances(code, age, tic, variant, out);
  return out;
};

describe('care hazards by legal status and time in care', () => {
  const p = tinyParams();
  const t = new HazardTable();
  t.update(p, 0);

  it('adopts only children with a placement order', () => {
    for (let legal = 0; legal < LEGAL_STATUSES.length; legal++) {
      const c = chancesOf(t, S.inhouse_foster, years(3), 20, variantOf(legal, 0, 0));
      if (legal === LEGAL_E1) expect(c[CARE_EVENT.adopted]).toBeGreaterThan(0);
      else expect(c[CARE_EVENT.adopted], LEGAL_STATUSES[legal]).toBe(0);
    }
  });

  it('sends nobody with a placement order home, and no unaccompanied child', () => {
    expect(chancesOf(t, S.inhouse_foster, years(3), 20, variantOf(LEGAL_E1, 0, 0))[CARE_EVENT.returnHome]).toBe(0);
    expect(chancesOf(t, S.supported_accommodation, years(16), 5, variantOf(LEGAL_V2, 0, 1))[CARE_EVENT.returnHome]).toBe(0);
    expect(chancesOf(t, S.supported_accommodation, years(16), 5, variantOf(LEGAL_V2, 0, 1))[CARE_EVENT.court]).toBe(0);
  });

  it('returns children home mostly early, and section 20 children sooner', () => {
    const home = (tic: number, legal: number) => chancesOf(t, S.inhouse_foster, years(8), tic, variantOf(legal, 0, 0))[CARE_EVENT.returnHome];
    expect(home(1, LEGAL_C2)).toBeGreaterThan(home(6, LEGAL_C2));
    expect(home(6, LEGAL_C2)).toBeGreaterThan(home(30, LEGAL_C2));
    expect(home(6, LEGAL_V2)).toBeGreaterThan(home(6, LEGAL_C2));
  });

  it('concludes proceedings only after their least duration, and grants special guardianship only on a full order', () => {
    const court = (tic: number) => chancesOf(t, S.inhouse_foster, years(2), tic, variantOf(LEGAL_C1, 0, 0))[CARE_EVENT.court];
    expect(court(0)).toBe(0);
    expect(court(2)).toBe(0);
    expect(court(3)).toBeGreaterThan(0);
    expect(chancesOf(t, S.inhouse_foster, years(2), 20, variantOf(LEGAL_C2, 0, 0))[CARE_EVENT.specialGuardianship]).toBeGreaterThan(0);
    for (const legal of [LEGAL_V2, LEGAL_C1, LEGAL_E1, LEGAL_OTHER]) {
      expect(chancesOf(t, S.inhouse_foster, years(2), 20, variantOf(legal, 0, 0))[CARE_EVENT.specialGuardianship]).toBe(0);
    }
  });

  it('keeps care rows until the parameters are replaced, and recomputes them when they are', () => {
    const table = new HazardTable();
    const before = tinyParams();
    table.update(before, 0);
    const home = () => chancesOf(table, S.inhouse_foster, years(8), 6, variantOf(LEGAL_C2, 0, 0))[CARE_EVENT.returnHome];
    const h0 = home();
    table.update(before, 0.5); // overload moves only rows outside care
    expect(home()).toBe(h0);
    table.update({ ...before, reunification: before.reunification * 2 }, 0.5);
    expect(home()).toBeGreaterThan(h0 * 1.5);
  });
});

describe('the steady state of care used at set-up', () => {
  it('gives the chance that a referral leads to care from the pathway: all of it when every assessment ends in care', () => {
    const p = tinyParams({ assessmentOutcomeCdf: Float64Array.from([0, 0, 0, 1]) });
    expect(careChanceOfReferral(p)).toBeCloseTo(1, 12);
    const none = tinyParams({ assessmentOutcomeCdf: Float64Array.from([1, 1, 1, 1]) });
    expect(careChanceOfReferral(none)).toBeCloseTo(0, 12);
  });

  it('draws time in care no longer than the child\u2019s age, and unaccompanied children only from 14', () => {
    const p = tinyParams();
    const t = new HazardTable();
    t.update(p, 0);
    const steady = new SteadyCare(p, t);
    for (const age of [0, years(3), years(12), years(17)]) {
      expect(steady.byAge[age]).toBeGreaterThan(0);
      for (const u of [0, 0.3, 0.7, 0.999]) {
        const { months, legal } = steady.draw(age, u);
        expect(months).toBeLessThanOrEqual(age);
        expect(legal).toBeLessThan(LEGAL_STATUSES.length);
      }
    }
    // unaccompanied children only from 14
    expect(steady.uascByAge[years(13)]).toBe(0);
    expect(steady.uascByAge[years(17)]).toBeGreaterThan(0);
  });

  it('holds more older children in care when they stay longer', () => {
    const p = tinyParams();
    const t = new HazardTable();
    t.update(p, 0);
    const slow = { ...p, reunification: p.reunification / 4 };
    const t2 = new HazardTable();
    t2.update(slow, 0);
    const share17 = (s: SteadyCare) => s.byAge[years(17)] / s.byAge.reduce((a, b) => a + b, 0);
    expect(share17(new SteadyCare(slow, t2))).toBeGreaterThan(share17(new SteadyCare(p, t)));
  });
});
