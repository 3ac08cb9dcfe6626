/**
 * The hazards of the children stepped monthly (engine/pathway.ts), one rule per state, and the
 * month's table of what one draw decides.
 *
 * A stepped child's hazards depend on its state, on its age only through a few age classes, and on
 * figures fixed for the month (parameters, the social-work overload). So at the start of the month
 * each (state, age class) row gets the chance that any event happens, 1 - exp(-total), and the cut
 * points that split it between the competing events in proportion to their hazards; a child's
 * draw u then picks the first event whose cut point is above u, or none if u is above them all.
 */
import { AGE_OUT_MONTHS, ESCALATION_FROM, PERMANENCE_BAND_LIMITS, permanenceBandOf, SUPPORTED_ACCOMMODATION_FROM } from '../ages';
import { STATE_CODE as S, STATES } from '../states';
import type { EngineParams } from '../params';

const IS_FOSTER = new Uint8Array(STATES.length);
const IS_RESIDENTIAL = new Uint8Array(STATES.length);
for (const c of [S.kinship_foster, S.inhouse_foster, S.agency_foster]) IS_FOSTER[c] = 1;
for (const c of [S.la_residential, S.private_residential]) IS_RESIDENTIAL[c] = 1;

/** Competing events of a state, at most. */
const MAX_EVENTS = 5;

/**
 * The hazards (per month) of a child in state `code` aged `age` months, into `r`; returns how many.
 * The order is the events' numbering in pathway.ts.
 */
function hazardsOf(p: EngineParams, overload: number, code: number, age: number, earlyHome: boolean, r: Float64Array): number {
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
    r[2] = p.cinToCare;
    return 3;
  }
  if (code === S.child_protection) {
    r[0] = p.cpEnd;
    return 1;
  }
  // in care: go home, permanence, step down from a home, supported accommodation at 16+, or breakdown;
  // children placed in a home early under the providers' proposal carry its claimed benefits (1 = none)
  r[0] = p.reunification * (earlyHome ? p.earlyHomeReunification : 1);
  r[1] = p.permanenceByAge[permanenceBandOf(age)];
  r[2] = IS_RESIDENTIAL[code] ? p.stepDown * (earlyHome ? p.earlyHomeStepDown : 1) : 0;
  r[3] = age >= SUPPORTED_ACCOMMODATION_FROM && (IS_FOSTER[code] || IS_RESIDENTIAL[code]) ? p.supportedAt16 : 0;
  r[4] = age >= ESCALATION_FROM && IS_FOSTER[code] ? p.escalateToResidential * (earlyHome ? p.earlyHomeBreakdown : 1) : 0;
  return 5;
}

/** The ages (months) at which some hazard changes: age class k runs from AGE_CLASS_FROM[k] to the next. */
const AGE_CLASS_FROM = [0, ...new Set([...PERMANENCE_BAND_LIMITS, ESCALATION_FROM, SUPPORTED_ACCOMMODATION_FROM])].sort((x, y) => x - y);
const AGE_CLASSES = AGE_CLASS_FROM.length;
/** The age class of every age in months (children leave at 18). */
const AGE_CLASS = Uint8Array.from({ length: AGE_OUT_MONTHS }, (_, age) => AGE_CLASS_FROM.filter((from) => age >= from).length - 1);

const ROW = 1 + MAX_EVENTS;
/** Rows for children without and with the "homes as an early option" flag (active table `earlyHome`). */
const VARIANTS = 2;

export class HazardTable {
  /** per (variant, state, age class): [chance of any event, cut point of each event] */
  private readonly rows = new Float64Array(VARIANTS * STATES.length * AGE_CLASSES * ROW);
  private readonly r = new Float64Array(MAX_EVENTS);

  /** The rows for this month's parameters and social-work overload. */
  update(p: EngineParams, overload: number): void {
    const r = this.r;
    for (let v = 0; v < VARIANTS; v++) for (let code = 0; code < STATES.length; code++) {
      for (let c = 0; c < AGE_CLASSES; c++) {
        const n = hazardsOf(p, overload, code, AGE_CLASS_FROM[c], v === 1, r);
        let total = 0;
        let last = 0;
        for (let k = 0; k < n; k++) {
          total += r[k];
          if (r[k] > 0) last = k;
        }
        const at = ((v * STATES.length + code) * AGE_CLASSES + c) * ROW;
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
    }
  }

  /** The event a draw `u` brings to a child in state `code` aged `age` months (`variant` 1: placed in a home early), or -1 for none. */
  eventOf(code: number, age: number, variant: number, u: number): number {
    const at = ((variant * STATES.length + code) * AGE_CLASSES + AGE_CLASS[age]) * ROW;
    const rows = this.rows;
    if (u >= rows[at]) return -1;
    let k = 0;
    while (u >= rows[at + 1 + k]) k++;
    return k;
  }
}
