/**
 * People as arrays (struct of arrays): one registry table per kind of agent drives allocation and
 * growth, and the named accessors below are the only code that knows where a field lives. No agent
 * is ever an object.
 */

export type TypedArrayCtor = Uint8ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Float64ArrayConstructor;

/**
 * A field: [array type, fill value for a new slot, values per agent]. Each field is its own typed
 * array (struct of arrays), but the few fields that every event of a child reads together are
 * interleaved in one array (stride 2 or 4), so an event touches one cache line per group rather
 * than one per field. The engine's cost is dominated by such scattered touches (a few million per
 * 1:1 run); on the 1:1 North East run this saved about 5% of the engine's time.
 */
export type Field = readonly [TypedArrayCtor, number, number];

/** Child fields. The accessors below name every interleaved position. */
const CHILD_FIELDS = {
  /** [state, pending, outOfArea, spare]: bytes read together when a child moves */
  meta: [Uint8Array, 0, 4],
  /** [born, activePos, serial, draws]: read together at every event of the child */
  rec: [Int32Array, 0, 4],
  /** ticket of the child's place in the early-help waiting list */
  waitTicket: [Int32Array, -1, 1],
  /** [due, rate]: the need clock (see `dueOf`) */
  clock: [Float64Array, -1, 2],
} as const satisfies Record<string, Field>;

export type FieldArrays<T extends Record<string, Field>> = {
  -readonly [K in keyof T]: InstanceType<T[K][0]>;
};

export type ChildArrays = FieldArrays<typeof CHILD_FIELDS>;

/** `state` of a slot that holds no child. */
export const EMPTY = 255;
/** What a child in universal services is waiting for (`pending`). */
export const PENDING_NEED = 0;
export const PENDING_REREFERRAL = 1;
export const PENDING_WAITING = 2;

// ------------------------------------------------------------------ child accessors

/** STATES index, or EMPTY. */
export const stateOf = (a: ChildArrays, i: number): number => a.meta[4 * i];
export const setStateOf = (a: ChildArrays, i: number, code: number): void => {
  a.meta[4 * i] = code;
};
/** What the child's universal-services event is: PENDING_NEED, PENDING_REREFERRAL or PENDING_WAITING. */
export const pendingOf = (a: ChildArrays, i: number): number => a.meta[4 * i + 1];
export const setPending = (a: ChildArrays, i: number, pending: number): void => {
  a.meta[4 * i + 1] = pending;
};
/** 1 when the child is placed outside the region. */
export const outOfAreaOf = (a: ChildArrays, i: number): number => a.meta[4 * i + 2];
export const setOutOfArea = (a: ChildArrays, i: number, flag: number): void => {
  a.meta[4 * i + 2] = flag;
};

/** Month of birth (negative for the initial population). */
export const bornOf = (a: ChildArrays, i: number): number => a.rec[4 * i];
export const setBorn = (a: ChildArrays, i: number, month: number): void => {
  a.rec[4 * i] = month;
};
/** Index in the active table, -1 if the child is not stepped monthly. */
export const activePosOf = (a: ChildArrays, i: number): number => a.rec[4 * i + 1];
export const setActivePos = (a: ChildArrays, i: number, k: number): void => {
  a.rec[4 * i + 1] = k;
};
/**
 * The child's random stream: a serial (unique, stable across scenarios) and the draws taken
 * (int32 bits; the hash reads them as unsigned). While the child is in the active table, its draw
 * counter lives there instead.
 */
export const serialOf = (a: ChildArrays, i: number): number => a.rec[4 * i + 2];
export const drawsOf = (a: ChildArrays, i: number): number => a.rec[4 * i + 3];
export const setStream = (a: ChildArrays, i: number, serial: number, draws: number): void => {
  a.rec[4 * i + 2] = serial;
  a.rec[4 * i + 3] = draws;
};
export const setDraws = (a: ChildArrays, i: number, draws: number): void => {
  a.rec[4 * i + 3] = draws;
};
/** The draw counter to use now, advanced by one. */
export const takeDraw = (a: ChildArrays, i: number): number => a.rec[4 * i + 3]++;

/**
 * The need clock: `due` is the time (in months) the event falls due if the hazard `rate` (per
 * month) stays as it is; the child's event is booked for month ceil(due). A rate change at time t
 * rescales the remaining hazard mass (due - t) x rate, with no new draw. due = -1 whenever the
 * child is not waiting on a clock in universal services; a pending re-referral has rate 0.
 */
export const dueOf = (a: ChildArrays, i: number): number => a.clock[2 * i];
export const rateOf = (a: ChildArrays, i: number): number => a.clock[2 * i + 1];
export const setClock = (a: ChildArrays, i: number, due: number, rate: number): void => {
  a.clock[2 * i] = due;
  a.clock[2 * i + 1] = rate;
};
export const setDue = (a: ChildArrays, i: number, due: number): void => {
  a.clock[2 * i] = due;
};

// ------------------------------------------------------------------ allocation

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

/** A registry of fields as one growable group of arrays (used by the active table too). */
export class FieldTable<T extends Record<string, Field>> {
  readonly a: FieldArrays<T>;
  constructor(
    private readonly fields: T,
    public capacity: number,
  ) {
    this.a = allocate(fields, capacity);
  }
  growTo(capacity: number): void {
    grow(this.fields, this.a, capacity);
    this.capacity = capacity;
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
export const familyOfSlot = (i: number): number => i >> FAMILY_SHIFT;

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
      setStateOf(this.a, i, EMPTY);
      setActivePos(this.a, i, -1);
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

// ------------------------------------------------------------------ families

const FAMILY_FIELDS = {
  /** bits 0-2: risk factors (domestic abuse, parental mental health, substance misuse); bit 7: in poverty */
  flags: [Uint8Array, 0, 1],
  /** children in the family now (at most FAMILY_SLOTS) */
  size: [Uint8Array, 0, 1],
  /** the family's children in early help now: the family is an early-help case while this is above 0 */
  earlyHelp: [Uint8Array, 0, 1],
  /** [due, rate, booked, draws]: the poverty clock (see `povertyDueOf`) */
  clock: [Float64Array, 0, 4],
} as const satisfies Record<string, Field>;

export const POOR_BIT = 0x80;
export const POOR_SHIFT = 7;
export const RISK_MASK = 0x07;
export const RISK_FACTORS = 3;

export type FamilyArrays = FieldArrays<typeof FAMILY_FIELDS>;

export function allocateFamilies(n: number): FamilyArrays {
  return allocate(FAMILY_FIELDS, n);
}

export function growFamilies(f: FamilyArrays, n: number): void {
  grow(FAMILY_FIELDS, f, n);
}

export const isPoor = (f: FamilyArrays, fam: number): boolean => (f.flags[fam] & POOR_BIT) !== 0;
/** 1 if the family is in poverty, else 0 (an index into per-poverty tables). */
export const povertyBit = (flags: number): number => flags >> POOR_SHIFT;
export const riskBits = (flags: number): number => flags & RISK_MASK;

/**
 * The poverty clock, as the children's need clock: `due` and `rate`, plus `booked`, the month of
 * the family's live calendar entry (a checkpoint when `due` lies beyond the calendar's horizon),
 * and the draws taken from the family's stream.
 */
export const povertyDueOf = (f: FamilyArrays, fam: number): number => f.clock[4 * fam];
export const povertyRateOf = (f: FamilyArrays, fam: number): number => f.clock[4 * fam + 1];
export const setPovertyClock = (f: FamilyArrays, fam: number, due: number, rate: number): void => {
  f.clock[4 * fam] = due;
  f.clock[4 * fam + 1] = rate;
};
export const bookedOf = (f: FamilyArrays, fam: number): number => f.clock[4 * fam + 2];
export const setBooked = (f: FamilyArrays, fam: number, month: number): void => {
  f.clock[4 * fam + 2] = month;
};
export const takeFamilyDraw = (f: FamilyArrays, fam: number): number => f.clock[4 * fam + 3]++;
