/**
 * The children stepped every month (everyone outside universal services, and families waiting for
 * early help), packed densely.
 *
 * A child's own arrays are indexed by its slot, and the active few percent are scattered over the
 * whole population, so stepping them there costs a cache miss per field per child per month. The
 * table keeps a dense copy of what a month's step reads (slot, state, random stream, birth month):
 * children for whom nothing happens, most of them, never touch the population's arrays. Only a
 * child that changes state writes through to them. Measured on the 1:1 North East run, this cut
 * the monthly system step by more than half.
 */
export class ActiveTable {
  slot: Int32Array;
  code: Uint8Array;
  serial: Uint32Array;
  draws: Uint32Array;
  born: Int32Array;
  count = 0;

  constructor(initial: number) {
    const n = Math.max(64, initial);
    this.slot = new Int32Array(n);
    this.code = new Uint8Array(n);
    this.serial = new Uint32Array(n);
    this.draws = new Uint32Array(n);
    this.born = new Int32Array(n);
  }

  /** Append a child; returns its index in the table. */
  add(slot: number, code: number, serial: number, draws: number, born: number): number {
    if (this.count === this.slot.length) this.grow(this.slot.length * 2);
    const k = this.count++;
    this.slot[k] = slot;
    this.code[k] = code;
    this.serial[k] = serial;
    this.draws[k] = draws;
    this.born[k] = born;
    return k;
  }

  /** Remove entry k by moving the last entry into its place; returns the moved child's slot, or -1. */
  removeAt(k: number): number {
    const last = --this.count;
    if (k === last) return -1;
    this.slot[k] = this.slot[last];
    this.code[k] = this.code[last];
    this.serial[k] = this.serial[last];
    this.draws[k] = this.draws[last];
    this.born[k] = this.born[last];
    return this.slot[k];
  }

  private grow(n: number): void {
    const copy = <T extends Int32Array | Uint8Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const arr = make(n);
      arr.set(old);
      return arr;
    };
    this.slot = copy(this.slot, (k) => new Int32Array(k));
    this.code = copy(this.code, (k) => new Uint8Array(k));
    this.serial = copy(this.serial, (k) => new Uint32Array(k));
    this.draws = copy(this.draws, (k) => new Uint32Array(k));
    this.born = copy(this.born, (k) => new Int32Array(k));
  }
}
