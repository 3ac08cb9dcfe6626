/**
 * Families' poverty: a two-state clock per family. When a family's status flips, its children's
 * need clocks are rescaled to the new hazard (clocks.ts), which is how poverty drives need.
 */
import { bookedOf, FAMILY_SHIFT, FAMILY_SLOTS, POOR_BIT, povertyDueOf } from './population';
import { bookFamily, hasNeedClock, rescaleNeedClock, startPovertyClock } from './clocks';
import type { EngineState } from './state';

export function povertyChanges(s: EngineState, m: number): void {
  const f = s.families;
  const due = s.familyCalendar.take(m);
  const now = m - 1;
  for (let k = 0; k < due.length; k++) {
    const fam = due[k];
    if (bookedOf(f, fam) !== m) continue; // stale entry
    if (Math.ceil(povertyDueOf(f, fam)) > m) {
      bookFamily(s, fam, m); // a checkpoint: the change lies beyond the calendar's horizon
      continue;
    }
    f.flags[fam] ^= POOR_BIT;
    // The new clock starts at the end of this month, so a family changes at most once a month.
    startPovertyClock(s, fam, m);
    const base = fam << FAMILY_SHIFT;
    for (let i = base; i < base + FAMILY_SLOTS; i++) {
      if (hasNeedClock(s, i)) rescaleNeedClock(s, i, now);
    }
  }
}
