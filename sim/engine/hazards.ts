/**
 * The hazards of the children stepped monthly (engine/pathway.ts), one rule per state, and the
 * month's table of what one draw decides.
 *
 * A stepped child's hazards depend on its state, on its age and its time in care only through a few
 * classes, on its legal status and two flags (placed in a home early, unaccompanied), and on figures
 * fixed for the month (parameters, the social-work overload). So at the start of the month each row
 * (variant, state, age class, time-in-care class) gets the chance that any event happens,
 * 1 - exp(-total), and the cut points that split it between the competing events in proportion to
 * their hazards; a child's draw u then picks the first event whose cut point is above u, or none.
 */
import { AGE_OUT_MONTHS, DFE_AGE_BAND_FROM, PROCEEDINGS_MIN_MONTHS, ESCALATION_FROM, PERMANENCE_BAND_LIMITS, permanenceBandOf, SUPPORTED_ACCOMMODATION_FROM } from '../ages';
import { LEGAL_STATUSES, STATE_CODE as S, STATES } from '../states';
import type { EngineParams } from '../params';

const IS_FOSTER = new Uint8Array(STATES.length);
const IS_RESIDENTIAL = new Uint8Array(STATES.length);
for (const c of [S.kinship_foster, S.inhouse_foster, S.agency_foster]) IS_FOSTER[c] = 1;
for (const c of [S.la_residential, S.private_residential]) IS_RESIDENTIAL[c] = 1;

/** Legal status codes (LEGAL_STATUSES index). */
export const LEGAL_V2 = 0;
export const LEGAL_C1 = 1;
export const LEGAL_C2 = 2;
export const LEGAL_E1 = 3;
export const LEGAL_OTHER = 4;
const LEGAL = LEGAL_STATUSES.length;

/** Events of a child in care, by number (pathway.ts applies them). */
export const CARE_EVENT = {
  returnHome: 0,
  adopted: 1,
  specialGuardianship: 2,
  otherExit: 3,
  /** the courts move the child's legal status: proceedings issued (V2, other -> C1) or concluded (C1 -> ...) */
  court: 4,
  stepDown: 5,
  supportedAccommodation: 6,
  breakdown: 7,
} as const;
/** Competing events of a state, at most. */
const MAX_EVENTS = 8;

/** Time in care (months) where the return-home hazard changes: the `reunificationByTimeInCare` classes. */
export const TIME_IN_CARE_FROM = [0, PROCEEDINGS_MIN_MONTHS, 12, 24] as const;
const TIC_CLASSES = TIME_IN_CARE_FROM.length;
const MAX_TIC = AGE_OUT_MONTHS;
const TIC_CLASS = Uint8Array.from({ length: MAX_TIC + 1 }, (_, d) => TIME_IN_CARE_FROM.filter((from) => d >= from).length - 1);

/** What a child's row depends on beyond state and age: legal status and two flags. */
export interface Variant {
  legal: number;
  earlyHome: boolean;
  uasc: boolean;
}
const VARIANTS = LEGAL * 2 * 2;
/** The row variant of a child: legal status, placed in a home early (0/1), unaccompanied (0/1). */
export const variantOf = (legal: number, earlyHome: number, uasc: number): number => legal + LEGAL * (earlyHome + 2 * uasc);
const variantFrom = (v: number): Variant => ({ legal: v % LEGAL, earlyHome: Math.floor(v / LEGAL) % 2 === 1, uasc: Math.floor(v / (2 * LEGAL)) === 1 });

/**
 * The hazards (per month) of a child in state `code` aged `age` months, in care for `tic` months
 * (care states), into `r`; returns how many. The order is the events' numbering in pathway.ts.
 */
function hazardsOf(p: EngineParams, overload: number, code: number, age: number, tic: number, v: Variant, r: Float64Array): number {
  if (code === S.universal) {
    // waiting for early help: escalate to a referral, or the need resolves
    r[0] = p.waitingEscalation;
    r[1] = p.waitingResolve;
    return 2;
  }
  if (code === S.early_help) {
    r[0] = p.earlyHelpClose;
    return 1;
  }
  if (code === S.assessment) {
    r[0] = p.assessmentComplete / (1 + p.overloadSlowsAssessment * overload);
    return 1;
  }
  if (code === S.child_in_need) {
    r[0] = p.cinClose;
    r[1] = p.cinToCp * (1 + p.overloadRaisesEscalation * overload);
    r[2] = p.cinToCare * p.careEntryRatio;
    return 3;
  }
  if (code === S.child_protection) {
    r[0] = p.cpEnd;
    return 1;
  }
  return careHazardsOf(p, code, age, tic, v, r);
}

/** Monthly hazard of adoption: only with a placement order (E1). */
export function adoptionHazard(p: EngineParams, legal: number): number {
  return legal === LEGAL_E1 ? p.adoption : 0;
}

/** Monthly hazard of a special guardianship order at `age` (months): after a care order (C2), for a child with a family here (not unaccompanied). */
export function specialGuardianshipHazard(p: EngineParams, legal: number, age: number, uasc: boolean): number {
  return legal === LEGAL_C2 && !uasc ? p.specialGuardianshipByAge[permanenceBandOf(age)] : 0;
}

/**
 * In care. Unaccompanied children have no family here to go home to: they leave at 18 or for
 * another reason. Adoption needs a placement order (E1), special guardianship comes after a care
 * order (C2; also at the end of proceedings, see pathway.ts). Children placed in a home early under
 * the providers' proposal carry its claimed benefits (multipliers; 1 = none).
 */
function careHazardsOf(p: EngineParams, code: number, age: number, tic: number, v: Variant, r: Float64Array): number {
  const { legal, earlyHome, uasc } = v;
  const E = CARE_EVENT;
  r.fill(0);
  if (!uasc && legal !== LEGAL_E1) {
    const status = legal === LEGAL_V2 ? p.section20Reunification : 1;
    r[E.returnHome] = p.reunification * p.reunificationByTic[TIC_CLASS[Math.min(tic, MAX_TIC)]] * status * (earlyHome ? p.earlyHomeReunification : 1);
  }
  r[E.adopted] = adoptionHazard(p, legal);
  r[E.specialGuardianship] = specialGuardianshipHazard(p, legal, age, uasc);
  r[E.otherExit] = age >= SUPPORTED_ACCOMMODATION_FROM ? p.otherExit16 : p.otherExitUnder16;
  if (!uasc) {
    if (legal === LEGAL_V2) r[E.court] = p.section20ToProceedings;
    else if (legal === LEGAL_OTHER) r[E.court] = p.otherToOrder;
    else if (legal === LEGAL_C1 && tic >= PROCEEDINGS_MIN_MONTHS) r[E.court] = p.proceedingsConclude;
  }
  r[E.stepDown] = IS_RESIDENTIAL[code] ? p.stepDown * (earlyHome ? p.earlyHomeStepDown : 1) : 0;
  r[E.supportedAccommodation] = age >= SUPPORTED_ACCOMMODATION_FROM && (IS_FOSTER[code] || IS_RESIDENTIAL[code]) ? p.supportedAt16 : 0;
  r[E.breakdown] = age >= ESCALATION_FROM && IS_FOSTER[code] ? p.escalateToResidential * (earlyHome ? p.earlyHomeBreakdown : 1) : 0;
  return MAX_EVENTS;
}

/** The ages (months) at which some hazard changes: age class k runs from AGE_CLASS_FROM[k] to the next. */
const AGE_CLASS_FROM = [...new Set([0, ...PERMANENCE_BAND_LIMITS, ESCALATION_FROM, SUPPORTED_ACCOMMODATION_FROM, ...DFE_AGE_BAND_FROM])].sort((x, y) => x - y);
const AGE_CLASSES = AGE_CLASS_FROM.length;
/** The age class of every age in months (children leave at 18). */
const AGE_CLASS = Uint8Array.from({ length: AGE_OUT_MONTHS }, (_, age) => AGE_CLASS_FROM.filter((from) => age >= from).length - 1);

const ROW = 1 + MAX_EVENTS;
/** Time-in-care classes matter only in care; other states use class 0. */
const FIRST_CARE = S.kinship_foster;

export class HazardTable {
  /** per (variant, state, age class, time-in-care class): [chance of any event, cut point of each event] */
  private readonly rows = new Float64Array(VARIANTS * STATES.length * AGE_CLASSES * TIC_CLASSES * ROW);
  private readonly r = new Float64Array(MAX_EVENTS);
  /** The parameters the care rows were computed for: they depend on nothing else, so they are kept until a lever replaces them. */
  private careRowsFor: EngineParams | undefined;

  /**
   * The rows for this month's parameters and social-work overload. Parameters are replaced, never
   * edited, when a lever moves (engine/live-params.ts), so the same object means the same care rows.
   */
  update(p: EngineParams, overload: number): void {
    const r = this.r;
    const careToo = p !== this.careRowsFor;
    this.careRowsFor = p;
    for (let v = 0; v < VARIANTS; v++) {
      const variant = variantFrom(v);
      for (let code = 0; code < STATES.length; code++) {
        for (let c = 0; c < AGE_CLASSES; c++) {
          for (let t = 0; t < TIC_CLASSES; t++) {
            if (code < FIRST_CARE && (v > 0 || t > 0)) continue; // never read (see eventOf)
            if (code >= FIRST_CARE && !careToo) continue;
            r.fill(0);
            const n = hazardsOf(p, overload, code, AGE_CLASS_FROM[c], TIME_IN_CARE_FROM[t], variant, r);
            this.writeRow(this.at(v, code, c, t), r, n);
          }
        }
      }
    }
  }

  private at(v: number, code: number, ageClass: number, ticClass: number): number {
    return (((v * STATES.length + code) * AGE_CLASSES + ageClass) * TIC_CLASSES + ticClass) * ROW;
  }

  private writeRow(at: number, r: Float64Array, n: number): void {
    let total = 0;
    let last = 0;
    for (let k = 0; k < n; k++) {
      total += r[k];
      if (r[k] > 0) last = k;
    }
    const pAny = total > 0 ? 1 - Math.exp(-total) : 0;
    this.rows[at] = pAny;
    // An event with no hazard gets the cut point of the one before (never picked); the last
    // with a hazard gets pAny itself, so rounding cannot pick one beyond it.
    let cumulative = 0;
    for (let k = 0; k < MAX_EVENTS; k++) {
      cumulative += k < n ? r[k] : 0;
      this.rows[at + 1 + k] = k >= last ? pAny : (pAny * cumulative) / total;
    }
  }

  /**
   * The event a draw `u` brings to a child in state `code` aged `age` months, in care for `tic`
   * months, of row variant `variant` (`variantOf`), or -1 for none. Outside care only the state
   * and age matter.
   */
  eventOf(code: number, age: number, tic: number, variant: number, u: number): number {
    const care = code >= FIRST_CARE;
    const at = this.at(care ? variant : 0, code, AGE_CLASS[age], care ? TIC_CLASS[tic < MAX_TIC ? tic : MAX_TIC] : 0);
    const rows = this.rows;
    if (u >= rows[at]) return -1;
    let k = 0;
    while (u >= rows[at + 1 + k]) k++;
    return k;
  }

  /** The chance of each event this month (for the steady-state set-up), into `out`: out[k] for event k. */
  chances(code: number, age: number, tic: number, variant: number, out: Float64Array): void {
    const care = code >= FIRST_CARE;
    const at = this.at(care ? variant : 0, code, AGE_CLASS[age], care ? TIC_CLASS[tic < MAX_TIC ? tic : MAX_TIC] : 0);
    let before = 0;
    for (let k = 0; k < MAX_EVENTS; k++) {
      out[k] = this.rows[at + 1 + k] - before;
      before = this.rows[at + 1 + k];
    }
  }
}
