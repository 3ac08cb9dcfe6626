/**
 * People as arrays (struct of arrays): one typed array per field, one registry table that drives
 * allocation and growth, so adding a field is one line and no agent is ever an object.
 */

type TypedArrayCtor = Uint8ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Float64ArrayConstructor;

/**
 * A field: [array type, fill value for a new slot, values per agent]. Each field is its own typed
 * array (struct of arrays), but the few fields that every event of a child reads together are
 * interleaved in one array (stride 2 or 4), so an event touches one cache line per group rather
 * than one per field. The engine's cost is dominated by such scattered touches (a few million per
 * 1:1 run); on the 1:1 North East run this saved about 5% of the engine's time.
 */
type Field = readonly [TypedArrayCtor, number, number];

/** Child fields. */
const CHILD_FIELDS = {
  /**
   * [state, pending, outOfArea, spare] at 4i..4i+3 (bytes read together when a child moves):
   * state: STATES index, EMPTY when the slot holds no child;
   * pending: what the child's universal-services event is (PENDING_NEED, PENDING_REREFERRAL, PENDING_WAITING);
   * outOfArea: 1 when placed outside the region.
   */
  meta: [Uint8Array, 0, 4],
  /**
   * [born, activePos, serial, draws] at 4i..4i+3 (read together at every event of the child):
   * born: month of birth (negative for the initial population);
   * activePos: index in the active table, -1 if the child is not stepped monthly;
   * serial, draws: the child's random stream (unique, stable across scenarios) and the draws taken
   * (int32 bits; the hash reads them as unsigned).
   */
  rec: [Int32Array, 0, 4],
  /** ticket of the child's place in the early-help waiting queue */
  waitTicket: [Int32Array, -1, 1],
  /**
   * [due, rate] at 2i, 2i+1: the need clock. `due` is the time (in months) the event falls due if
   * the hazard `rate` (per month) stays as it is; the child's event is booked for month ceil(due).
   * A rate change at time t rescales the remaining hazard mass (due - t) x rate, with no new draw.
   * due = -1 whenever the child is not waiting on a clock in universal services.
   */
  clock: [Float64Array, -1, 2],
} as const satisfies Record<string, Field>;

type FieldArrays<T extends Record<string, Field>> = {
  -readonly [K in keyof T]: InstanceType<T[K][0]>;
};

export type ChildArrays = FieldArrays<typeof CHILD_FIELDS>;

export const EMPTY = 255;
export const PENDING_NEED = 0;
export const PENDING_REREFERRAL = 1;
export const PENDING_WAITING = 2;

function allocate<T extends Record<string, Field>>(fields: T, capacity: number): FieldArrays<T> {
  const out: Record<string, Uint8Array | Int32Array | Uint32Array | Float64Array> = {};
  for (const [name, [Ctor, fill, stride]] of Object.entries(fields)) {
    const arr = new Ctor(capacity * stride);
    if (fill !== 0) arr.fill(fill);
    out[name] = arr;
  }
  return out as FieldArrays<T>;
}

function grow<T extends Record<string, Field>>(fields: T, arrays: FieldArrays<T>, capacity: number): void {
  const target = arrays as Record<string, Uint8Array | Int32Array | Uint32Array | Float64Array>;
  for (const [name, [Ctor, fill, stride]] of Object.entries(fields)) {
    const old = target[name];
    const arr = new Ctor(capacity * stride);
    arr.set(old as never);
    if (fill !== 0) arr.fill(fill, old.length);
    target[name] = arr;
  }
}

/**
 * Each family owns a block of FAMILY_SLOTS consecutive child slots: slot = family x FAMILY_SLOTS + k.
 * A family's children are therefore next to each other in memory (a poverty change touches one
 * cache line per field, not one per child) and the family of a child is `slot >> FAMILY_SHIFT`,
 * with no lists to keep. A birth into a full family goes to the next family with room.
 */
export const FAMILY_SHIFT = 2;
export const FAMILY_SLOTS = 1 << FAMILY_SHIFT;

export class Children {
  capacity: number;
  readonly a: ChildArrays;

  constructor(families: number) {
    this.capacity = families * FAMILY_SLOTS;
    this.a = allocate(CHILD_FIELDS, this.capacity);
    this.initialiseSlots(0);
  }

  /** New slots are empty and inactive (interleaved fields cannot use a single fill value). */
  private initialiseSlots(from: number): void {
    for (let i = from; i < this.capacity; i++) {
      this.a.meta[4 * i] = EMPTY;
      this.a.rec[4 * i + 1] = -1;
    }
  }

  /** Grow to hold `families` blocks (new slots empty). */
  growTo(families: number): void {
    const old = this.capacity;
    this.capacity = families * FAMILY_SLOTS;
    grow(CHILD_FIELDS, this.a, this.capacity);
    this.initialiseSlots(old);
  }
}

const FAMILY_FIELDS = {
  /** bits 0-2: risk factors (domestic abuse, parental mental health, substance misuse); bit 7: in poverty */
  flags: [Uint8Array, 0, 1],
  /** children in the family now (at most FAMILY_SLOTS) */
  size: [Uint8Array, 0, 1],
  /**
   * [due, rate, booked, draws] at 4f..4f+3: the poverty clock (as the children's need clock), the
   * month of the family's live calendar entry (a checkpoint when `due` lies beyond the calendar's
   * horizon; -1 if none) and the draws taken from the family's stream.
   */
  clock: [Float64Array, 0, 4],
} as const satisfies Record<string, Field>;

export const POOR_BIT = 0x80;
export const RISK_MASK = 0x07;

export type FamilyArrays = FieldArrays<typeof FAMILY_FIELDS>;

export function allocateFamilies(n: number): FamilyArrays {
  return allocate(FAMILY_FIELDS, n);
}

export function growFamilies(f: FamilyArrays, n: number): void {
  grow(FAMILY_FIELDS, f, n);
}
