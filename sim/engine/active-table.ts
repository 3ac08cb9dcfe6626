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
 *
 * Its columns come from a field registry like the population's, so a column added there is
 * allocated, grown and moved on removal without further code.
 */
import { ColumnTable, type Column, type Columns } from './layout';

const ACTIVE_COLUMNS = {
  /** the child's population slot */
  slot: [Int32Array, 0],
  /** the child's state code (kept in step with the population's) */
  code: [Uint8Array, 0],
  /** the child's random stream: its hashed serial (rng.ts `streamOf`) and draws taken (the live counter while active) */
  stream: [Uint32Array, 0],
  draws: [Uint32Array, 0],
  /** month of birth */
  born: [Int32Array, 0],
  /** 1 for a child who entered care straight into a children's home under "homes as an early option" */
  earlyHome: [Uint8Array, 0],
  /** the month the child's current period of care began (care states only) */
  careStart: [Int32Array, 0],
  /** the month the child's current legal status began (care proceedings run from it) */
  legalSince: [Int32Array, 0],
  /** the child's legal status in care (LEGAL_STATUSES index; care states only) */
  legal: [Uint8Array, 0],
  /** 1 for an unaccompanied asylum-seeking child */
  uasc: [Uint8Array, 0],
  /** ticket of the child's place in the early-help waiting list (0 if none; see waiting-list.ts) */
  waitTicket: [Int32Array, 0],
  /** where a child in a located placement lives: 0 its own council, k + 1 council k, OUTSIDE_REGION (region.ts) */
  host: [Uint8Array, 0],
} as const satisfies Record<string, Column>;


export class ActiveTable {
  private readonly table: ColumnTable<typeof ACTIVE_COLUMNS>;
  count = 0;

  constructor(initial: number) {
    this.table = new ColumnTable(ACTIVE_COLUMNS, Math.max(64, initial));
  }

  get slot(): Int32Array {
    return this.table.a.slot;
  }
  get code(): Uint8Array {
    return this.table.a.code;
  }
  get stream(): Uint32Array {
    return this.table.a.stream;
  }
  get draws(): Uint32Array {
    return this.table.a.draws;
  }
  get born(): Int32Array {
    return this.table.a.born;
  }
  get earlyHome(): Uint8Array {
    return this.table.a.earlyHome;
  }
  get careStart(): Int32Array {
    return this.table.a.careStart;
  }
  get legalSince(): Int32Array {
    return this.table.a.legalSince;
  }
  get legal(): Uint8Array {
    return this.table.a.legal;
  }
  get uasc(): Uint8Array {
    return this.table.a.uasc;
  }
  get waitTicket(): Int32Array {
    return this.table.a.waitTicket;
  }
  get host(): Uint8Array {
    return this.table.a.host;
  }

  /** Append a child; returns its index in the table. */
  add(slot: number, code: number, stream: number, draws: number, born: number): number {
    if (this.count === this.table.capacity) this.table.growTo(this.table.capacity * 2);
    const k = this.count++;
    const a = this.table.a;
    a.slot[k] = slot;
    a.code[k] = code;
    a.stream[k] = stream;
    a.draws[k] = draws;
    a.born[k] = born;
    a.earlyHome[k] = 0;
    a.careStart[k] = 0;
    a.legalSince[k] = 0;
    a.legal[k] = 0;
    a.uasc[k] = 0;
    a.waitTicket[k] = 0;
    a.host[k] = 0;
    return k;
  }

  /** Remove entry k by moving the last entry into its place; returns the moved child's slot, or -1. */
  removeAt(k: number): number {
    const last = --this.count;
    if (k === last) return -1;
    this.moveRow(this.table.a, last, k);
    return this.table.a.slot[k];
  }

  /**
   * Copy row `from` over row `to`, column by column written out: a loop over the registry's names
   * indexes the columns by a dynamic key, which the JIT cannot specialise (it was 5% of a run).
   * The registry test in test/unit checks that every column is copied.
   */
  private moveRow(a: Columns<typeof ACTIVE_COLUMNS>, from: number, to: number): void {
    a.slot[to] = a.slot[from];
    a.code[to] = a.code[from];
    a.stream[to] = a.stream[from];
    a.draws[to] = a.draws[from];
    a.born[to] = a.born[from];
    a.earlyHome[to] = a.earlyHome[from];
    a.careStart[to] = a.careStart[from];
    a.legalSince[to] = a.legalSince[from];
    a.legal[to] = a.legal[from];
    a.uasc[to] = a.uasc[from];
    a.waitTicket[to] = a.waitTicket[from];
    a.host[to] = a.host[from];
  }

  /** The table's column names (for tests that check every column moves with its row). */
  static readonly columns: readonly string[] = Object.keys(ACTIVE_COLUMNS);

  /** Raw access to a column by name (tests only). */
  column(name: string): ArrayLike<number> {
    return (this.table.a as unknown as Record<string, ArrayLike<number>>)[name];
  }
}

/** The active children with an event this month: table index, slot and event, in table order. */
export class MonthEvents {
  ks = new Int32Array(1024);
  slots = new Int32Array(1024);
  events = new Int8Array(1024);
  count = 0;

  /** Empty, with room for `capacity` entries. */
  reset(capacity: number): this {
    if (this.ks.length < capacity) {
      const n = Math.max(capacity, this.ks.length * 2);
      this.ks = new Int32Array(n);
      this.slots = new Int32Array(n);
      this.events = new Int8Array(n);
    }
    this.count = 0;
    return this;
  }

  push(k: number, slot: number, event: number): void {
    this.ks[this.count] = k;
    this.slots[this.count] = slot;
    this.events[this.count++] = event;
  }
}
