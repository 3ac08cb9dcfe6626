/**
 * The children stepped every month, as a bitmap over child slots. Walking it visits active
 * children in memory order, which is what makes the monthly step cache-friendly: the active few
 * percent are scattered over the population's arrays, and ascending addresses let the hardware
 * prefetch them. A sorted list would do the same at the cost of a sort every month.
 */
export class ActiveSet {
  private bits: Uint32Array;
  private frozen: Uint32Array;
  count = 0;

  constructor(capacity: number) {
    this.bits = new Uint32Array((capacity + 31) >>> 5);
    this.frozen = new Uint32Array(this.bits.length);
  }

  grow(capacity: number): void {
    const bigger = new Uint32Array((capacity + 31) >>> 5);
    bigger.set(this.bits);
    this.bits = bigger;
    this.frozen = new Uint32Array(bigger.length);
  }

  has(i: number): boolean {
    return (this.bits[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  add(i: number): void {
    const w = i >>> 5;
    const bit = 1 << (i & 31);
    if ((this.bits[w] & bit) === 0) {
      this.bits[w] |= bit;
      this.count++;
    }
  }

  remove(i: number): void {
    const w = i >>> 5;
    const bit = 1 << (i & 31);
    if ((this.bits[w] & bit) !== 0) {
      this.bits[w] &= ~bit;
      this.count--;
    }
  }

  /** A copy of the set as it is now, to walk while the live set changes (reused: valid until the next call). */
  freeze(): Uint32Array {
    this.frozen.set(this.bits);
    return this.frozen;
  }
}
