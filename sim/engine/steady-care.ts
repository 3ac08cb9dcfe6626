/**
 * The set-up's children in care come from the model's own steady state: for a child of a given age
 * in care at month 0, how long it has been in care and its legal status are drawn from what the
 * care hazards (hazards.ts) imply when entries have gone on at the same rates for years. Without
 * this every child would start at "just arrived", most would go home within months, and the
 * stock would drift for years before it held still.
 *
 * The steady state is computed, not simulated: for each age at entry x (in months), the chance
 * of still being in care d months later, by legal status, is carried forward month by month with
 * the same monthly chances the engine uses (a small Markov chain over legal statuses; placement
 * changes do not end care and are left out). The stock aged a is the sum over d of entries at age
 * a - d times that chance. Entries by age are the model's own: the need hazard's age profile
 * times the chance a need leads to care, plus the infant route's pre-birth referrals (see
 * `entryProfile`). An approximation in one respect (stated in docs/model.md): a child in care
 * proceedings counts their duration from its entry to care.
 */
import { AGE_OUT_MONTHS, dfeAgeBandOf, PRE_BIRTH_REFERRAL_WITHIN, years } from '../ages';
import type { EngineParams } from '../params';
import { LEGAL_STATUSES, STATE_CODE as S } from '../states';
import { entryLegalShares } from './care-episodes';
import { RE_ENTRY_HORIZON, reEntryWithin } from './re-entry';
import { careOrderShareOfRest, courtReturnHomeShare, placementOrderShare } from './courts';
import { CARE_EVENT, LEGAL_C1, LEGAL_C2, LEGAL_E1, LEGAL_OTHER, LEGAL_V2, variantOf, type HazardTable } from './hazards';

const LEGAL = LEGAL_STATUSES.length;

/** The chance that a need (or a referral) leads to care, from the pathway's parameters: an absorbing chain over assessment, CIN and CP. */
export function careChanceOfReferral(p: EngineParams): number {
  const cdf = p.assessmentOutcomeCdf;
  const [cin, cp, care] = [cdf[1] - cdf[0], cdf[2] - cdf[1], 1 - cdf[2]];
  const cinTotal = p.cinClose + p.cinToCp + p.cinToCare * p.careEntryRatio;
  const cinCare = cinTotal > 0 ? (p.cinToCare * p.careEntryRatio) / cinTotal : 0;
  const cinCp = cinTotal > 0 ? p.cinToCp / cinTotal : 0;
  // P_cp = a + b P_cin and P_cin = cinCare + cinCp P_cp
  const a = p.cpEndToCareShare;
  const b = p.cpEndToCinShare;
  const pCin = (cinCare + cinCp * a) / Math.max(1e-12, 1 - cinCp * b);
  const pCp = a + b * pCin;
  return care + cin * pCin + cp * pCp;
}

/**
 * Relative entries to care at each age in months: needs at the age's rate, each referred (straight
 * or after early help) with the same chance of care; and the infant route on top, spread over its
 * first months. Only the shape matters (the set-up scales to the scenario's looked-after rate).
 */
export function entryProfile(p: EngineParams): Float64Array {
  const toCare = careChanceOfReferral(p);
  const referred = p.directReferralShare + (1 - p.directReferralShare) * (1 - p.earlyHelpSuccessShare);
  const needPerMonth = p.needBase * referred * toCare;
  const e = new Float64Array(AGE_OUT_MONTHS);
  for (let x = 0; x < AGE_OUT_MONTHS; x++) e[x] = needPerMonth * p.needAgeRatio[dfeAgeBandOf(x)];
  e[0] += p.preBirthReferral * p.careAtBirth;
  for (let x = 1; x <= PRE_BIRTH_REFERRAL_WITHIN; x++) e[x] += (p.preBirthReferral * (1 - p.careAtBirth) * toCare) / PRE_BIRTH_REFERRAL_WITHIN;
  return e;
}

/** Size of a SteadyCare stock (for a buffer a caller lends it). */
export const STEADY_CARE_SIZE = AGE_OUT_MONTHS * AGE_OUT_MONTHS * LEGAL;

export class SteadyCare {
  /** by age a and time in care d (d <= a): the steady-state stock in each legal status, flattened [a][d][legal] */
  private readonly stock: Float64Array;
  /** by age: the whole stock (relative) */
  readonly byAge = new Float64Array(AGE_OUT_MONTHS);
  /** returns home a month per child in the steady stock (straight home, or home at the end of proceedings): re-entries pending at set-up */
  readonly returnsHomePerChild: number;
  /** by age: unaccompanied children in care, per unaccompanied arrival a month */
  readonly uascByAge = new Float64Array(AGE_OUT_MONTHS);

  /** `buffer`: a stock of STEADY_CARE_SIZE to write into (the set-up lends one to council after council), else a new one. */
  constructor(p: EngineParams, hazards: HazardTable, buffer?: Float64Array) {
    this.stock = buffer?.length === STEADY_CARE_SIZE ? buffer.fill(0) : new Float64Array(STEADY_CARE_SIZE);
    const chance = new Float64Array(8);
    // Entries include re-entries after returns home that fail (re-entry.ts): one pass finds the
    // returns home by age that first entries bring, the second adds the re-entries they lead to.
    const first = entryProfile(p);
    const returnsByAge = new Float64Array(AGE_OUT_MONTHS);
    this.accumulate(p, hazards, first, returnsByAge, chance);
    const entries = Float64Array.from(first);
    for (let a = 0; a < AGE_OUT_MONTHS; a++) {
      if (returnsByAge[a] === 0) continue;
      for (let t = 1; a + t < AGE_OUT_MONTHS && t <= RE_ENTRY_HORIZON; t++) {
        entries[a + t] += returnsByAge[a] * (reEntryWithin(t, p.reEntryFirstYear, p.reEntryLater) - reEntryWithin(t - 1, p.reEntryFirstYear, p.reEntryLater));
      }
    }
    this.stock.fill(0);
    this.byAge.fill(0);
    returnsByAge.fill(0);
    const stock = this.accumulate(p, hazards, entries, returnsByAge, chance);
    let returns = 0;
    for (let a = 0; a < AGE_OUT_MONTHS; a++) returns += returnsByAge[a];
    this.returnsHomePerChild = stock > 0 ? returns / stock : 0;
    this.unaccompanied(p, hazards, chance);
  }

  /** The stock that entries `e` (by age at entry) keep in care, into `stock` and `byAge`; the returns home by age into `returnsByAge`; returns the whole stock. */
  private accumulate(p: EngineParams, hazards: HazardTable, e: Float64Array, returnsByAge: Float64Array, chance: Float64Array): number {
    const mass = new Float64Array(LEGAL);
    const next = new Float64Array(LEGAL);
    let stock = 0;
    for (let x = 0; x < AGE_OUT_MONTHS; x++) {
      if (e[x] <= 0) continue;
      const atEntry = entryLegalShares(p, x);
      mass.fill(0);
      mass[LEGAL_OTHER] = atEntry.other;
      mass[LEGAL_V2] = atEntry.section20;
      mass[LEGAL_C1] = atEntry.interimOrder;
      for (let d = 0; x + d < AGE_OUT_MONTHS; d++) {
        const a = x + d;
        for (let l = 0; l < LEGAL; l++) {
          this.stock[(a * AGE_OUT_MONTHS + d) * LEGAL + l] += e[x] * mass[l];
          this.byAge[a] += e[x] * mass[l];
        }
        next.fill(0);
        for (let l = 0; l < LEGAL; l++) {
          if (mass[l] === 0) continue;
          hazards.chances(S.inhouse_foster, a, d, variantOf(l, 0, 0), chance);
          const E = CARE_EVENT;
          const leaves = chance[E.returnHome] + chance[E.adopted] + chance[E.specialGuardianship] + chance[E.otherExit];
          const court = chance[E.court];
          returnsByAge[a] += e[x] * mass[l] * (chance[E.returnHome] + (l === LEGAL_C1 ? court * courtReturnHomeShare(p, a) : 0));
          stock += e[x] * mass[l];
          next[l] += mass[l] * (1 - leaves - court);
          if (court === 0) continue;
          if (l !== LEGAL_C1) next[LEGAL_C1] += mass[l] * court;
          else {
            // concluded: those who stay in care, with a placement order or a care order (courts.ts)
            const po = placementOrderShare(p, a);
            next[LEGAL_E1] += mass[l] * court * po;
            next[LEGAL_C2] += mass[l] * court * (1 - po) * careOrderShareOfRest(p);
          }
        }
        mass.set(next);
      }
    }
    return stock;
  }

  /** Unaccompanied children arrive at 16-17 (or 14-15), uniformly over the two years, and leave only at 18 or for another reason. */
  private unaccompanied(p: EngineParams, hazards: HazardTable, chance: Float64Array): void {
    for (let x = years(14); x < AGE_OUT_MONTHS; x++) {
      let stay = (x >= years(16) ? p.uascShare16to17 : 1 - p.uascShare16to17) / years(2);
      for (let a = x; a < AGE_OUT_MONTHS; a++) {
        this.uascByAge[a] += stay;
        hazards.chances(S.supported_accommodation, a, a - x, variantOf(LEGAL_V2, 0, 1), chance);
        stay *= 1 - chance[CARE_EVENT.otherExit];
      }
    }
  }

  /** A child aged `age` months in care at set-up: months in care and legal status, drawn with uniform `u`. */
  draw(age: number, u: number): { months: number; legal: number } {
    let target = u * this.byAge[age];
    const base = age * AGE_OUT_MONTHS * LEGAL;
    for (let d = 0; d <= age; d++) {
      for (let l = 0; l < LEGAL; l++) {
        target -= this.stock[base + d * LEGAL + l];
        if (target < 0) return { months: d, legal: l };
      }
    }
    return { months: 0, legal: LEGAL_C2 };
  }
}
