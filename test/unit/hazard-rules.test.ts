/**
 * The hazard table against its rules, written out here as a specification: for every state, a
 * grid of ages and times in care across each class boundary, every legal status and both flags,
 * the chance of each event must be (1 - exp(-total)) x its share of the total hazard, and a draw
 * must pick the event whose slice of [0, 1) it falls in.
 */
import { describe, expect, it } from 'vitest';
import { years } from '../../sim/ages';
import { CARE_EVENT as E, HazardTable, LEGAL_C1, LEGAL_C2, LEGAL_E1, LEGAL_OTHER, LEGAL_V2, variantOf } from '../../sim/engine/hazards';
import type { EngineParams } from '../../sim/params';
import { isCareCode, LEGAL_STATUSES, STATE_CODE as S, STATES } from '../../sim/states';
import { tinyParams } from './fixture';

const FOSTER = new Set<number>([S.kinship_foster, S.inhouse_foster, S.agency_foster]);
const HOMES = new Set<number>([S.la_residential, S.private_residential]);
const ticClass = (tic: number) => (tic < 3 ? 0 : tic < 12 ? 1 : tic < 24 ? 2 : 3);
const band = (age: number) => (age < years(5) ? 0 : age < years(10) ? 1 : 2);

/** The rules of hazards.ts, as docs/model.md states them. */
function spec(p: EngineParams, overload: number, code: number, age: number, tic: number, legal: number, earlyHome: boolean, uasc: boolean): number[] {
  if (code === S.universal) return [p.waitingEscalation, p.waitingResolve];
  if (code === S.early_help) return [p.earlyHelpClose];
  if (code === S.assessment) return [p.assessmentComplete / (1 + p.overloadSlowsAssessment * overload)];
  if (code === S.child_in_need) return [p.cinClose, p.cinToCp * (1 + p.overloadRaisesEscalation * overload), p.cinToCare * p.careEntryRatio];
  if (code === S.child_protection) return [p.cpEnd];
  const r = new Array<number>(8).fill(0);
  if (!uasc && legal !== LEGAL_E1) {
    r[E.returnHome] = p.reunification * p.reunificationByTic[ticClass(tic)] * (legal === LEGAL_V2 ? p.section20Reunification : 1) * (earlyHome ? p.earlyHomeReunification : 1);
  }
  if (legal === LEGAL_E1) r[E.adopted] = p.adoption;
  if (legal === LEGAL_C2 && !uasc) r[E.specialGuardianship] = p.specialGuardianshipByAge[band(age)];
  r[E.otherExit] = age >= years(16) ? p.otherExit16 : p.otherExitUnder16;
  if (!uasc && legal === LEGAL_V2) r[E.court] = p.section20ToProceedings;
  if (!uasc && legal === LEGAL_OTHER) r[E.court] = p.otherToOrder;
  if (!uasc && legal === LEGAL_C1 && tic >= 3) r[E.court] = p.proceedingsConclude;
  if (HOMES.has(code)) r[E.stepDown] = p.stepDown * (earlyHome ? p.earlyHomeStepDown : 1);
  if (age >= years(16) && (FOSTER.has(code) || HOMES.has(code))) r[E.supportedAccommodation] = p.supportedAt16;
  if (age >= years(10) && FOSTER.has(code)) r[E.breakdown] = p.escalateToResidential * (earlyHome ? p.earlyHomeBreakdown : 1);
  return r;
}

const AGES = [0, 11, 12, 59, 60, 119, 120, 191, 192, 215];
const TICS = [0, 2, 3, 11, 12, 23, 24, 215, 400];

describe('the hazard table follows its rules', () => {
  // distinct values, so that a rule reading the wrong parameter shows
  const p: EngineParams = {
    ...tinyParams(),
    earlyHomeReunification: 1.7,
    earlyHomeStepDown: 2.3,
    earlyHomeBreakdown: 0.4,
    section20Reunification: 1.9,
    careEntryRatio: 1.3,
  };
  const overload = 0.37;
  const table = new HazardTable();
  table.update(p, overload);
  const out = new Float64Array(8);

  it('gives each event its share of the chance that anything happens, on every row', () => {
    for (let code = 0; code < STATES.length; code++) {
      for (const age of AGES) {
        for (const tic of TICS) {
          for (let legal = 0; legal < LEGAL_STATUSES.length; legal++) {
            for (const earlyHome of [false, true]) {
              for (const uasc of [false, true]) {
                const r = spec(p, overload, code, age, tic, legal, earlyHome, uasc);
                const total = r.reduce((a, b) => a + b, 0);
                const pAny = total > 0 ? 1 - Math.exp(-total) : 0;
                table.chances(code, age, tic, variantOf(legal, earlyHome ? 1 : 0, uasc ? 1 : 0), out);
                const where = `${STATES[code]} age ${age} tic ${tic} ${LEGAL_STATUSES[legal]} earlyHome ${earlyHome} uasc ${uasc}`;
                for (let k = 0; k < 8; k++) expect(out[k], `${where}, event ${k}`).toBeCloseTo(total > 0 ? (pAny * (r[k] ?? 0)) / total : 0, 12);
                if (!isCareCode(code)) break;
              }
            }
          }
        }
      }
    }
  });

  it('picks, for a draw, the event whose slice it falls in, and none above them all', () => {
    for (const [code, age, tic, legal] of [
      [S.inhouse_foster, 200, 30, LEGAL_C2],
      [S.private_residential, 130, 5, LEGAL_V2],
      [S.child_in_need, 50, 0, 0],
      [S.universal, 10, 0, 0],
      [S.agency_foster, 20, 4, LEGAL_C1],
    ] as const) {
      const v = variantOf(legal, 0, 0);
      table.chances(code, age, tic, v, out);
      let lo = 0;
      for (let k = 0; k < 8; k++) {
        if (out[k] <= 0) continue;
        expect(table.eventOf(code, age, tic, v, lo + out[k] * 0.5), `${STATES[code]} event ${k}`).toBe(k);
        expect(table.eventOf(code, age, tic, v, lo + out[k] * 0.999999), `${STATES[code]} event ${k}, top of its slice`).toBe(k);
        lo += out[k];
      }
      expect(table.eventOf(code, age, tic, v, lo + (1 - lo) / 2)).toBe(-1);
      expect(table.eventOf(code, age, tic, v, 0.999999999)).toBe(-1);
    }
  });

  it('recomputes the rows outside care when only the overload moves', () => {
    const t = new HazardTable();
    t.update(p, 0);
    t.chances(S.assessment, 100, 0, 0, out);
    const calm = out[0];
    t.update(p, 2);
    t.chances(S.assessment, 100, 0, 0, out);
    expect(out[0]).toBeLessThan(calm);
  });
});
