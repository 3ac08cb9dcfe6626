/**
 * Families' poverty: a two-state clock per family. When a family's status flips, its need clock
 * moves to the new hazard (clocks.ts), which is how poverty drives need.
 */
import { flagsOf, POOR_BIT, povertyBookedOf, povertyDueOf, PREFETCH_BATCH, prefetchFamilyRecords, setFlags } from './population';
import { bookFamily, rescaleForPoverty, startPovertyClock } from './clocks';
import type { EngineState } from './state';

export function povertyChanges(s: EngineState, m: number): void {
  const f = s.families;
  const due = s.familyCalendar.take(m);
  s.work.povertyEntries += due.length;
  for (let k = 0; k < due.length; k++) {
    if (k % PREFETCH_BATCH === 0) prefetchFamilyRecords(f, due, k, Math.min(k + PREFETCH_BATCH, due.length));
    const fam = due[k];
    if (povertyBookedOf(f, fam) !== m) continue; // stale entry
    if (Math.ceil(povertyDueOf(f, fam)) > m) {
      bookFamily(s, fam, m); // a checkpoint: the change lies beyond the calendar's horizon
      continue;
    }
    const flags = flagsOf(f, fam);
    s.work.povertyChanges++;
    setFlags(f, fam, flags ^ POOR_BIT);
    // The new clock starts at the end of this month, so a family changes at most once a month.
    startPovertyClock(s, fam, m);
    // The change counts from the start of the month, before any of the month's needs arise.
    rescaleForPoverty(s, fam, flags, m - 1, m);
  }
}
