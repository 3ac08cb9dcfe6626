/**
 * After care: care leavers (young people who left care at 18, supported to `supportedToAge`) and
 * children who left care to adoption or special guardianship (allowances until 18). Neither group
 * is in the population's stocks (which hold children 0-17 by where they are now); both are counted
 * here, by cohort, for their costs.
 */
import { AGE_OUT_MONTHS } from '../ages';
import { isCareCode } from '../states';
import { EXIT_LEFT_CARE_18 } from './care-episodes';
import { adoptionHazard, specialGuardianshipHazard } from './hazards';
import type { EngineState } from './state';

/** Staying put: with former foster carers up to 21, i.e. the first 36 months after leaving. */
const STAYING_PUT_MONTHS = 36;

/** Close the month: this month's leavers join the cohorts, old cohorts age out, allowances end at 18. */
export function updateAfterCare(s: EngineState, m: number): void {
  const cohorts = s.careLeaverCohorts;
  cohorts.push(s.careExits[EXIT_LEFT_CARE_18]);
  while (cohorts.length > s.p.careLeaverMonths) cohorts.shift();
  let all = 0;
  let young = 0;
  for (let k = 0; k < cohorts.length; k++) {
    all += cohorts[k];
    if (k >= cohorts.length - STAYING_PUT_MONTHS) young += cohorts[k];
  }
  s.careLeavers = all;
  s.youngCareLeavers = young;
  s.onAllowance = Math.max(0, s.onAllowance - s.allowanceEnds.take(m));
}

/**
 * The after-care groups at month 0, as if the starting state had held for years (so spend does
 * not start from nothing and climb): care leavers from the children in care aged 17 now (who
 * leave within a year), and allowances from the permanence hazards of the children in care now
 * (each such child's past exits are still on allowance, ending uniformly over their remaining years
 * to 18). An approximation, stated in docs/model.md.
 */
export function initAfterCare(s: EngineState): void {
  const p = s.p;
  const t = s.active;
  let aged17 = 0;
  for (let k = 0; k < t.count; k++) {
    if (!isCareCode(t.code[k])) continue;
    const age = s.month - t.born[k];
    if (age >= AGE_OUT_MONTHS - 12) aged17++;
    // adoption and special guardianship exclude each other (E1 or C2): one of the two is 0
    const hazard = adoptionHazard(p, t.legal[k]) + specialGuardianshipHazard(p, t.legal[k], age, t.uasc[k] === 1);
    for (let ahead = 1; ahead <= AGE_OUT_MONTHS - age; ahead++) {
      s.allowanceEnds.add(ahead, hazard);
      s.onAllowance += hazard;
    }
  }
  const perMonth = aged17 / 12;
  s.careLeaverCohorts = Array.from({ length: p.careLeaverMonths }, () => perMonth);
  s.careLeavers = perMonth * p.careLeaverMonths;
  s.youngCareLeavers = perMonth * Math.min(STAYING_PUT_MONTHS, p.careLeaverMonths);
}
