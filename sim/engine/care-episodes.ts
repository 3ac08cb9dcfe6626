/**
 * Periods of care: what an entry to care and an exit from it record. An entry starts the child's
 * clock of time in care, gives it a legal status and counts it by age (and as a re-entry when the
 * child has left care before); an exit counts its reason, in DfE's groups (`careExitsByReason`)
 * and in the three coarser `careExits` groups, and marks the child as having left care.
 */
import { ADOLESCENT_FROM, dfeAgeBandOf } from '../ages';
import { LEGAL_C1, LEGAL_OTHER, LEGAL_V2 } from './hazards';
import { hasLeftCareOf, setLeftCare, setReturnedHome } from './population';
import { STATE_CODE as S } from '../states';
import type { EngineState } from './state';
import type { EngineParams } from '../params';

/** Exit reasons: CARE_EXIT_REASONS indices. */
export const REASON_RETURNED_HOME = 0;
export const REASON_ADOPTED = 1;
export const REASON_SPECIAL_GUARDIANSHIP = 2;
export const REASON_TURNED_18 = 3;
export const REASON_OTHER = 4;

/** `careExits` groups (CARE_EXITS indices). */
export const EXIT_REUNIFIED = 0;
export const EXIT_PERMANENCE = 1;
export const EXIT_LEFT_CARE_18 = 2;
/** The `careExits` group of each reason (-1: counted in `careExitsByReason` only). */
const GROUP_OF_REASON = [EXIT_REUNIFIED, EXIT_PERMANENCE, EXIT_PERMANENCE, EXIT_LEFT_CARE_18, -1];

/**
 * The child in slot `i`, in the active table at `k`, entered care in month `m` aged `age` months.
 * `counted`: a real entry during the run (set-up's children in care are not entries); `u`: a
 * uniform draw of the child's for its legal status.
 */
export function startCare(s: EngineState, i: number, k: number, m: number, age: number, counted: boolean, u: number): void {
  const t = s.active;
  const p = s.p;
  t.careStart[k] = m;
  t.legalSince[k] = m;
  const at = entryLegalShares(p, age);
  t.legal[k] = u < at.other ? LEGAL_OTHER : u < at.other + at.section20 ? LEGAL_V2 : LEGAL_C1;
  // A child placed with its parents is there under a care order (Placement with Parents regulations), never by agreement.
  if (t.code[k] === S.placed_with_parents && t.legal[k] !== LEGAL_C1) t.legal[k] = LEGAL_C1;
  if (!counted) return;
  s.careEntriesByAge[dfeAgeBandOf(age)]++;
  if (hasLeftCareOf(s.children.a, i)) s.careReEntries++;
}

/** Legal status at entry to care, by age: another status (police protection, remand), section 20, else an interim order. */
export function entryLegalShares(p: EngineParams, age: number): { other: number; section20: number; interimOrder: number } {
  const s20 = p.section20AtEntry[age < ADOLESCENT_FROM ? 0 : 1];
  return { other: p.otherAtEntry, section20: (1 - p.otherAtEntry) * s20, interimOrder: (1 - p.otherAtEntry) * (1 - s20) };
}

/** The child in slot `i` leaves care for `reason` (before the state change that takes it out). */
export function leaveCare(s: EngineState, i: number, reason: number): void {
  s.careExitReasons[reason]++;
  const group = GROUP_OF_REASON[reason];
  if (group !== -1) s.careExits[group]++;
  setLeftCare(s.children.a, i);
  setReturnedHome(s.children.a, i, reason === REASON_RETURNED_HOME);
}
