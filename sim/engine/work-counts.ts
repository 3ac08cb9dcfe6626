/**
 * How much work a run did, by kind: the units an event-driven engine's time is made of. The bench
 * (bench/engine-run.ts) prints them beside the time, so that a speed change can be judged per
 * unit of work, and a change to the model that adds work shows as such. Counting costs an add per
 * event; nothing in the model reads these.
 */
export class WorkCounts {
  /** calendar entries of family need clocks read (live, stale and checkpoints) */
  needEntries = 0;
  /** need clocks that fell due (each picks a child, who may not be waiting or may be thinned out by age) */
  needFirings = 0;
  /** needs that arose (the child was waiting and kept the need: a referral or the waiting list) */
  needsArisen = 0;
  /** calendar entries of family poverty clocks read */
  povertyEntries = 0;
  /** families whose poverty status changed */
  povertyChanges = 0;
  /** monthly draws of children in the active table */
  activeDraws = 0;
  /** events those draws brought (a state change, a court step, a placement change) */
  activeEvents = 0;
  /** children born, children arriving, children turning 18 */
  births = 0;
  arrivals = 0;
  agedOut = 0;
}
