import { describe, expect, it } from 'vitest';
import { AGE_OUT_MONTHS, years } from '../../sim/ages';
import { HazardTable, LEGAL_C2, LEGAL_E1, LEGAL_OTHER, LEGAL_V2 } from '../../sim/engine/hazards';
import { careChanceOfReferral, entryProfile, SteadyCare } from '../../sim/engine/steady-care';
import type { EngineParams } from '../../sim/params';
import { tinyParams } from './fixture';

const table = (p: EngineParams): HazardTable => {
  const t = new HazardTable();
  t.update(p, 0);
  return t;
};

/** Nobody leaves care and the courts stand still: the stock is the running sum of entries. */
const nobodyLeaves = (p: EngineParams): EngineParams => ({
  ...p,
  reunification: 0,
  adoption: 0,
  specialGuardianshipByAge: [0, 0, 0],
  otherExit16: 0,
  otherExitUnder16: 0,
  section20ToProceedings: 0,
  otherToOrder: 0,
  proceedingsConclude: 0,
});

describe('the chance that a referral leads to care', () => {
  it('solves the chain over assessment, CIN and CP', () => {
    // assessment: 10% no further action, 30% CIN, 40% CP, 20% care; CIN: close 1, to CP 1, to care 2;
    // CP ends: 30% care, 20% CIN. P(CIN) = (0.5 + 0.25 x 0.3) / (1 - 0.25 x 0.2); P(CP) = 0.3 + 0.2 P(CIN).
    const p = tinyParams({
      assessmentOutcomeCdf: Float64Array.from([0.1, 0.4, 0.8, 1]),
      cinClose: 1,
      cinToCp: 1,
      cinToCare: 2,
      careEntryRatio: 1,
      cpEndToCareShare: 0.3,
      cpEndToCinShare: 0.2,
    });
    const pCin = 0.575 / 0.95;
    expect(careChanceOfReferral(p)).toBeCloseTo(0.2 + 0.3 * pCin + 0.4 * (0.3 + 0.2 * pCin), 12);
    // a lower threshold for care doubles the CIN route into care
    expect(careChanceOfReferral({ ...p, careEntryRatio: 2 })).toBeGreaterThan(careChanceOfReferral(p));
  });
});

describe('entries to care by age', () => {
  it('follow the need hazard by age, with the infant route on top in the first months', () => {
    const p = tinyParams({ preBirthReferral: 0.04, careAtBirth: 0.25 });
    const e = entryProfile(p);
    const base = entryProfile({ ...p, preBirthReferral: 0 });
    const toCare = careChanceOfReferral(p);
    expect(e[0] - base[0]).toBeCloseTo(0.04 * 0.25, 12);
    for (let x = 1; x <= 6; x++) expect(e[x] - base[x]).toBeCloseTo((0.04 * 0.75 * toCare) / 6, 12);
    expect(e[7]).toBeCloseTo(base[7], 15);
    expect(base[years(16)] / base[years(12)]).toBeCloseTo(p.needAgeRatio[4] / p.needAgeRatio[3], 12);
    expect(base[years(3)] / base[years(7)]).toBeCloseTo(p.needAgeRatio[1] / p.needAgeRatio[2], 12);
    expect(base[years(12)]).toBeCloseTo(p.needBase * (p.directReferralShare + (1 - p.directReferralShare) * (1 - p.earlyHelpSuccessShare)) * toCare * p.needAgeRatio[3], 15);
  });
});

describe('the steady state of care', () => {
  it('holds the running sum of entries by age when nobody leaves, with legal statuses as at entry', () => {
    const p = nobodyLeaves(tinyParams());
    const steady = new SteadyCare(p, table(p));
    const e = entryProfile(p);
    let sum = 0;
    for (let a = 0; a < AGE_OUT_MONTHS; a++) {
      sum += e[a];
      expect(steady.byAge[a], `age ${a}`).toBeCloseTo(sum, 12);
    }
    // draws run through months in care, then legal statuses in code order: a child of 12 at the
    // bottom has just arrived under section 20 (V2, code 0), at the top it has been in care since
    // birth under another status (the last code with any children)
    expect(steady.draw(years(12), 0)).toEqual({ months: 0, legal: LEGAL_V2 });
    expect(steady.draw(years(12), 0.999999999)).toEqual({ months: years(12), legal: LEGAL_OTHER });
    expect(steady.draw(years(12), 0.5).legal).not.toBe(LEGAL_OTHER);
    // section 20 at entry from 10 on: a child of 12 in care for 1 month is V2 with its share
    const count = 20000;
    let v2 = 0;
    let recent = 0;
    for (let k = 0; k < count; k++) {
      const d = steady.draw(years(12), (k + 0.5) / count);
      if (d.months < years(2)) {
        recent++;
        if (d.legal === LEGAL_V2) v2++;
      }
    }
    expect(v2 / recent).toBeCloseTo((1 - p.otherAtEntry) * p.section20AtEntry[1], 2);
  });

  it('keeps fewer children in care, and for less time, when they go home sooner', () => {
    const p = tinyParams();
    const stay = new SteadyCare(p, table(p));
    const quick = { ...p, reunification: p.reunification * 3 };
    const go = new SteadyCare(quick, table(quick));
    expect(go.byAge[years(12)]).toBeLessThan(stay.byAge[years(12)]);
    const meanMonths = (s: SteadyCare) => {
      let m = 0;
      for (let k = 0; k < 1000; k++) m += s.draw(years(12), (k + 0.5) / 1000).months;
      return m / 1000;
    };
    expect(meanMonths(go)).toBeLessThan(meanMonths(stay));
  });

  it('holds unaccompanied children as their arrivals add up from 14, and loses them to other exits', () => {
    const p = { ...nobodyLeaves(tinyParams()), uascShare16to17: 0.8 };
    const steady = new SteadyCare(p, table(p));
    expect(steady.uascByAge[years(14) - 1]).toBe(0);
    expect(steady.uascByAge[years(14)]).toBeCloseTo(0.2 / 24, 12);
    expect(steady.uascByAge[years(16) - 1]).toBeCloseTo(0.2, 12);
    expect(steady.uascByAge[years(17)]).toBeCloseTo(0.2 + (13 * 0.8) / 24, 12);
    const leaving = { ...p, otherExit16: 0.5 };
    expect(new SteadyCare(leaving, table(leaving)).uascByAge[years(17)]).toBeLessThan(steady.uascByAge[years(17)]);
  });

  it('moves children through the courts: section 20 into proceedings, proceedings into placement or care orders, or out of care', () => {
    const base = nobodyLeaves(tinyParams());
    const courts = (outcomes: EngineParams['courtOutcomes']): EngineParams => ({ ...base, section20ToProceedings: 1, otherToOrder: 1, proceedingsConclude: 1, courtOutcomes: outcomes });
    const statuses = (p: EngineParams, age: number) => {
      const steady = new SteadyCare(p, table(p));
      const seen = [0, 0, 0, 0, 0];
      for (let k = 0; k < 4000; k++) seen[steady.draw(age, (k + 0.5) / 4000).legal]++;
      return { seen, total: steady.byAge[age] };
    };
    // every concluded case of a young child ends in a placement order: at 4, long-stayers hold E1, none C2
    const adopt = statuses(courts({ placementOrderByAge: [1, 1, 0], specialGuardianship: 0, returnHome: 0 }), years(4));
    expect(adopt.seen[LEGAL_E1]).toBeGreaterThan(2000);
    expect(adopt.seen[LEGAL_C2]).toBe(0);
    // no placement orders: concluded cases become full care orders
    const order = statuses(courts({ placementOrderByAge: [0, 0, 0], specialGuardianship: 0, returnHome: 0 }), years(15));
    expect(order.seen[LEGAL_C2]).toBeGreaterThan(3000);
    expect(order.seen[LEGAL_E1]).toBe(0);
    expect(order.seen[LEGAL_V2] + order.seen[LEGAL_OTHER]).toBeLessThan(400); // moved into proceedings
    // proceedings that end in special guardianship or a return home take children out of care
    const leave = statuses(courts({ placementOrderByAge: [0, 0, 0], specialGuardianship: 0.5, returnHome: 0.5 }), years(15));
    expect(leave.total).toBeLessThan(order.total * 0.5);
    expect(leave.seen[LEGAL_C2]).toBe(0);
  });
});

