/**
 * A calendar of future events by month: a ring of growable Int32 buckets.
 *
 * Children in universal services (most of them, most of the time) are not stepped monthly: each
 * waits in the bucket of the month its next event falls in. Rescheduling leaves a stale entry
 * behind; the consumer checks that the agent's booked month still equals the bucket's month
 * (lazy deletion), which is cheaper than removing entries. Events are never booked more than
 * `horizon` months ahead (children leave at 18, i.e. within 216 months), so a ring suffices.
 */
/** Longest a bucket starts (entries; it doubles when full), and longest it is kept once read. */
const FIRST_BUCKET = 32;
const KEEP_BUCKET = 128;

export class MonthCalendar {
  private readonly buckets: Int32Array[];
  private readonly lengths: Int32Array;
  private readonly mask: number;

  /**
   * `initialBucket`: the size a busy month's bucket is expected to reach. Buckets start at most
   * FIRST_BUCKET long and double as they fill: a few near months are busy, most far ones hold a
   * tenth of that or less, so sizing every bucket for the busiest held the need calendar at about
   * twelve times its entries (22 MB for 1.5 MB of entries in a 1:1 North East run; about 500 MB
   * for England's 12 million children).
   */
  constructor(horizonPow2 = 256, initialBucket = 64) {
    this.mask = horizonPow2 - 1;
    this.buckets = Array.from({ length: horizonPow2 }, () => new Int32Array(Math.min(initialBucket, FIRST_BUCKET)));
    this.lengths = new Int32Array(horizonPow2);
  }

  get horizon(): number {
    return this.mask + 1;
  }

  push(month: number, id: number): void {
    const slot = month & this.mask;
    let bucket = this.buckets[slot];
    const n = this.lengths[slot];
    if (n === bucket.length) {
      const grown = new Int32Array(bucket.length * 2);
      grown.set(bucket);
      this.buckets[slot] = bucket = grown;
    }
    bucket[n] = id;
    this.lengths[slot] = n + 1;
  }

  /**
   * The ids booked for `month`; then clear it. A bucket that grew large is let go (the view keeps
   * it alive for its reader) and starts small again: the slot next holds a month 256 months on,
   * which fills slowly until it comes near, so only the few near months hold large buckets.
   */
  take(month: number): Int32Array {
    const slot = month & this.mask;
    const n = this.lengths[slot];
    this.lengths[slot] = 0;
    const bucket = this.buckets[slot];
    // an eighth of what it held: a far month holds about a tenth of a near one, so a bucket regrows once or twice
    if (bucket.length > KEEP_BUCKET) this.buckets[slot] = new Int32Array(Math.max(FIRST_BUCKET, n >> 3));
    return bucket.subarray(0, n);
  }
}

/** A growable list of slots, read and emptied at once (the children joining a clock at the month's end). */
export class SlotList {
  private items = new Int32Array(1024);
  private length = 0;

  push(id: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = id;
  }

  /** The ids pushed since the last take (a view valid until the next push); then empty the list. */
  take(): Int32Array {
    const n = this.length;
    this.length = 0;
    return this.items.subarray(0, n);
  }
}

/**
 * Counts by month in a ring (no ids): how many things fall due in each of the next `horizon`
 * months, e.g. allowances that end on a child's 18th birthday.
 */
export class MonthCalendarCounts {
  private readonly counts: Float64Array;
  private readonly mask: number;

  constructor(horizonPow2 = 256) {
    this.mask = horizonPow2 - 1;
    this.counts = new Float64Array(horizonPow2);
  }

  add(month: number, n = 1): void {
    this.counts[month & this.mask] += n;
  }

  /** The count due in `month`; then clear it. */
  take(month: number): number {
    const slot = month & this.mask;
    const n = this.counts[slot];
    this.counts[slot] = 0;
    return n;
  }
}
