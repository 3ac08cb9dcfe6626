/**
 * How agents' fields sit in typed arrays, driven by registry tables: never an object per agent.
 *
 * - Packed records: all the fields an event reads together, for one agent, in one fixed-size
 *   record of a single buffer, read through typed views of that buffer (a field is a byte offset
 *   and a kind). The engine's cost is dominated by scattered touches of agents' data (a few million
 *   per 1:1 run, each a likely cache miss), so one record per agent means one miss per event,
 *   where a field per array means one per field.
 * - Column tables: one typed array per field, for data read in order (the active table).
 */

/** The typed views of one buffer of packed records. */
export interface Records {
  u8: Uint8Array;
  u16: Uint16Array;
  i32: Int32Array;
  u32: Uint32Array;
  f64: Float64Array;
}
type Kind = keyof Records;
export const WIDTH: Readonly<Record<Kind, number>> = { u8: 1, u16: 2, i32: 4, u32: 4, f64: 8 };

/** A field of a packed record: [kind, byte offset in the record, value in a new record]. */
export type RecordField = readonly [Kind, number, number];
/** A packed record: its size in bytes (a multiple of 8) and its fields. */
export interface RecordLayout {
  readonly bytes: number;
  readonly fields: Readonly<Record<string, RecordField>>;
}

/** Check a layout once, when its module loads: fields aligned, inside the record, not overlapping. */
export function checkLayout<T extends RecordLayout>(layout: T): T {
  const used = new Uint8Array(layout.bytes);
  if (layout.bytes % 8 !== 0) throw new Error(`a record of ${layout.bytes} bytes: expected a multiple of 8`);
  for (const [name, [kind, offset]] of Object.entries(layout.fields)) {
    const width = WIDTH[kind];
    if (offset % width !== 0 || offset + width > layout.bytes) throw new Error(`field ${name}: ${kind} at byte ${offset} does not fit`);
    for (let b = offset; b < offset + width; b++) {
      if (used[b]) throw new Error(`field ${name} overlaps another at byte ${b}`);
      used[b] = 1;
    }
  }
  return layout;
}

function views(buffer: ArrayBuffer): Records {
  return { u8: new Uint8Array(buffer), u16: new Uint16Array(buffer), i32: new Int32Array(buffer), u32: new Uint32Array(buffer), f64: new Float64Array(buffer) };
}

/** Records `from..to-1` at their fields' values for a new record. */
function fillDefaults(layout: RecordLayout, r: Records, from: number, to: number): void {
  for (const [kind, offset, value] of Object.values(layout.fields)) {
    if (value === 0) continue;
    const width = WIDTH[kind];
    const stride = layout.bytes / width;
    const view = r[kind];
    for (let k = from * stride + offset / width; k < to * stride; k += stride) view[k] = value;
  }
}

/**
 * Write a 0 into every page of a new buffer from byte `from` on. A new buffer's pages are mapped
 * on first touch, and records are read before they are written (is this slot empty? how many
 * draws has this family taken?): a read maps the shared zero page, and the write that follows
 * faults again to copy it. Writing first costs one fault a page instead of two (measured: about
 * 25 ms of a 1:1 set-up, a tenth of it).
 */
function mapPages(u8: Uint8Array, from: number): void {
  for (let b = from; b < u8.length; b += 4096) u8[b] = 0;
}

/** `n` new records. */
export function allocateRecords(layout: RecordLayout, n: number): Records {
  const r = views(new ArrayBuffer(layout.bytes * n));
  mapPages(r.u8, 0);
  fillDefaults(layout, r, 0, n);
  return r;
}

/** Grow to `n` records, keeping the old ones; the views in `r` are replaced. */
export function growRecords(layout: RecordLayout, r: Records, n: number): void {
  const old = r.u8.length / layout.bytes;
  const next = views(new ArrayBuffer(layout.bytes * n));
  next.u8.set(r.u8);
  mapPages(next.u8, r.u8.length);
  fillDefaults(layout, next, old, n);
  Object.assign(r, next);
}

// ------------------------------------------------------------------ column tables

export type TypedArrayCtor = Uint8ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Float64ArrayConstructor;

/** A column: [array type, fill value for a new row]. */
export type Column = readonly [TypedArrayCtor, number];

export type Columns<T extends Record<string, Column>> = {
  -readonly [K in keyof T]: InstanceType<T[K][0]>;
};

function allocateColumns<T extends Record<string, Column>>(columns: T, capacity: number): Columns<T> {
  const out: Record<string, Uint8Array | Int32Array | Uint32Array | Float64Array> = {};
  for (const [name, [Ctor, fill]] of Object.entries(columns)) {
    const arr = new Ctor(capacity);
    if (fill !== 0) arr.fill(fill);
    out[name] = arr;
  }
  return out as Columns<T>;
}

/** A registry of columns as one growable group of arrays. */
export class ColumnTable<T extends Record<string, Column>> {
  readonly a: Columns<T>;
  constructor(
    private readonly columns: T,
    public capacity: number,
  ) {
    this.a = allocateColumns(columns, capacity);
  }
  growTo(capacity: number): void {
    const target = this.a as Record<string, Uint8Array | Int32Array | Uint32Array | Float64Array>;
    for (const [name, [Ctor, fill]] of Object.entries(this.columns)) {
      const arr = new Ctor(capacity);
      arr.set(target[name] as never);
      if (fill !== 0) arr.fill(fill, this.capacity);
      target[name] = arr;
    }
    this.capacity = capacity;
  }
}
