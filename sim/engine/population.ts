/**
 * People as packed records (see layout.ts): one registry table per kind of record drives
 * allocation and growth, and the named accessors below are the only code that knows where a field
 * lives. No agent is ever an object.
 *
 * A child's record holds everything an event of the child reads (16 bytes; a family's four slots
 * take 64, a cache line's worth); a family's record everything an event of the family reads (32
 * bytes, the months its clocks are booked for included). What is read rarely (a waiting-list
 * ticket, a re-referral date) sits in a small record of its own, so that the hot records stay small.
 */
import { allocateRecords, checkLayout, growRecords, WIDTH, type RecordLayout, type Records } from './layout';

/** Index of a field in its view (of the field's kind), for record 0: add record x (bytes / width). */
function at(layout: RecordLayout, name: string): number {
  const [kind, offset] = layout.fields[name];
  return offset / WIDTH[kind];
}

// ------------------------------------------------------------------ children

/** `state` of a slot that holds no child. */
export const EMPTY = 255;

/**
 * A child's record: 16 bytes. Every field of a new record is 0, so that allocating the records is
 * all it takes to have empty slots (no pass over the whole array): `state` is stored as the code
 * XOR 255, so that a 0 byte reads as EMPTY.
 */
const CHILD = checkLayout({
  bytes: 16,
  fields: {
    /** STATES index, or EMPTY (stored XOR 255) */
    state: ['u8', 0, 0],
    /** what the child waits for in universal services (PENDING_*) */
    pending: ['u8', 1, 0],
    /** bits: CARE_FLAG_LEFT_BEFORE (has left care before), CARE_FLAG_RETURNED_HOME (its last exit was a return home); where a child in care lives is its `host` in the active table (region.ts) */
    careFlags: ['u8', 2, 0],
    /** 1 while in the active table (then `drawsOrPos` is its index there) */
    active: ['u8', 3, 0],
    /** month of birth (negative for the initial population) */
    born: ['i32', 4, 0],
    /** the child's random stream (unique, stable across scenarios) */
    serial: ['i32', 8, 0],
    /** draws taken from the stream; while active, the index in the active table (which keeps the count) */
    drawsOrPos: ['i32', 12, 0],
  },
});
/**
 * A child's rarely read fields: 8 bytes, 0 when unused (months start at 1). A waiting-list
 * ticket is kept in the active table instead (a waiting child is always in it): written here, it
 * cost a cache miss for every child joining the list.
 */
const CHILD_RARE = checkLayout({
  bytes: 8,
  fields: {
    /** month a child returned home is booked to come back into care (re-entry.ts) */
    reEntry: ['i32', 0, 0],
    /** month a pending re-referral comes back */
    reReferral: ['i32', 4, 0],
  },
});
const STATE = at(CHILD, 'state');
const PENDING = at(CHILD, 'pending');
const CARE_FLAGS = at(CHILD, 'careFlags');
const ACTIVE = at(CHILD, 'active');
const BORN = at(CHILD, 'born');
const SERIAL = at(CHILD, 'serial');
const DRAWS_OR_POS = at(CHILD, 'drawsOrPos');
const RE_REFERRAL = at(CHILD_RARE, 'reReferral');
const RE_ENTRY = at(CHILD_RARE, 'reEntry');

/** The children's records (views of one buffer), and their rarely read fields. */
export interface ChildArrays extends Records {
  rare: Records;
}

/**
 * What a child in universal services is waiting for (`pending`): a need (its family's need clock;
 * also the value for a child anywhere else); a re-referral of its closed case; a place in early
 * help; or for the month to end (it came back to universal services this month, and waits for
 * needs from the month's end, after the month's need events).
 */
export const PENDING_NEED = 0;
export const PENDING_REREFERRAL = 1;
export const PENDING_WAITING = 2;
export const PENDING_JOIN = 3;

/** STATES index, or EMPTY. */
export const stateOf = (a: ChildArrays, i: number): number => a.u8[16 * i + STATE] ^ EMPTY;
export const setStateOf = (a: ChildArrays, i: number, code: number): void => {
  a.u8[16 * i + STATE] = code ^ EMPTY;
};
/** What the child's universal-services event is: PENDING_NEED, PENDING_REREFERRAL, PENDING_WAITING or PENDING_JOIN. */
export const pendingOf = (a: ChildArrays, i: number): number => a.u8[16 * i + PENDING];
export const setPending = (a: ChildArrays, i: number, pending: number): void => {
  a.u8[16 * i + PENDING] = pending;
};
const CARE_FLAG_LEFT_BEFORE = 2;
/** the child's last exit from care was a return home (a record for analysis; the model does not read it) */
const CARE_FLAG_RETURNED_HOME = 4;
/** Whether the child has left care before (an entry to care is then a re-entry). */
export const hasLeftCareOf = (a: ChildArrays, i: number): boolean => (a.u8[16 * i + CARE_FLAGS] & CARE_FLAG_LEFT_BEFORE) !== 0;
export const setLeftCare = (a: ChildArrays, i: number): void => {
  a.u8[16 * i + CARE_FLAGS] |= CARE_FLAG_LEFT_BEFORE;
};
/** Whether the child's last exit from care was a return home. */
export const returnedHomeOf = (a: ChildArrays, i: number): boolean => (a.u8[16 * i + CARE_FLAGS] & CARE_FLAG_RETURNED_HOME) !== 0;
export const setReturnedHome = (a: ChildArrays, i: number, home: boolean): void => {
  const at = 16 * i + CARE_FLAGS;
  a.u8[at] = (a.u8[at] & ~CARE_FLAG_RETURNED_HOME) | (home ? CARE_FLAG_RETURNED_HOME : 0);
};
/** A new child in a reused slot: no care history. */
export const clearCareFlags = (a: ChildArrays, i: number): void => {
  a.u8[16 * i + CARE_FLAGS] = 0;
};

/** Month of birth (negative for the initial population). */
export const bornOf = (a: ChildArrays, i: number): number => a.i32[4 * i + BORN];
export const setBorn = (a: ChildArrays, i: number, month: number): void => {
  a.i32[4 * i + BORN] = month;
};

/**
 * The child's random stream: a serial (unique, stable across scenarios) and the draws taken
 * (int32 bits; the hash reads them as unsigned). While the child is in the active table, its draw
 * counter lives there instead, and the record holds its index in the table.
 */
export const serialOf = (a: ChildArrays, i: number): number => a.i32[4 * i + SERIAL];
export const setStream = (a: ChildArrays, i: number, serial: number, draws: number): void => {
  a.i32[4 * i + SERIAL] = serial;
  a.i32[4 * i + DRAWS_OR_POS] = draws;
};
/** Draws taken, for a child not in the active table. */
export const drawsOf = (a: ChildArrays, i: number): number => a.i32[4 * i + DRAWS_OR_POS];
/** The draw counter to use now, advanced by one (a child not in the active table). */
export const takeDraw = (a: ChildArrays, i: number): number => a.i32[4 * i + DRAWS_OR_POS]++;

/** Index in the active table, -1 if the child is not stepped monthly. */
export const activePosOf = (a: ChildArrays, i: number): number => (a.u8[16 * i + ACTIVE] === 1 ? a.i32[4 * i + DRAWS_OR_POS] : -1);
/** The child joins the active table at index k (the table now keeps its draw counter). */
export const setActive = (a: ChildArrays, i: number, k: number): void => {
  a.u8[16 * i + ACTIVE] = 1;
  a.i32[4 * i + DRAWS_OR_POS] = k;
};
/** The child's entry moved to index k of the active table. */
export const setActivePos = (a: ChildArrays, i: number, k: number): void => {
  a.i32[4 * i + DRAWS_OR_POS] = k;
};
/** The child leaves the active table, having taken `draws` draws. */
export const setInactive = (a: ChildArrays, i: number, draws: number): void => {
  a.u8[16 * i + ACTIVE] = 0;
  a.i32[4 * i + DRAWS_OR_POS] = draws;
};

/** The month a closed case pending re-referral comes back as a referral (0 if none was booked). */
export const reReferralOf = (a: ChildArrays, i: number): number => a.rare.i32[2 * i + RE_REFERRAL];
export const setReReferral = (a: ChildArrays, i: number, month: number): void => {
  a.rare.i32[2 * i + RE_REFERRAL] = month;
};

/** The month a child returned home is booked to come back into care (0 if none; stale once it passed). */
export const reEntryOf = (a: ChildArrays, i: number): number => a.rare.i32[2 * i + RE_ENTRY];
export const setReEntry = (a: ChildArrays, i: number, month: number): void => {
  a.rare.i32[2 * i + RE_ENTRY] = month;
};

/**
 * Each family owns a block of FAMILY_SLOTS consecutive child slots: slot = family x FAMILY_SLOTS + k.
 * A family's children are therefore next to each other in memory (its block of child records is
 * 64 bytes) and the family of a child is `slot >> FAMILY_SHIFT`, with no lists to keep. A
 * birth into a full family goes to the next family with room.
 */
export const FAMILY_SHIFT = 2;
export const FAMILY_SLOTS = 1 << FAMILY_SHIFT;
export const familyOfSlot = (i: number): number => i >> FAMILY_SHIFT;

export class Children {
  capacity: number;
  readonly a: ChildArrays;

  constructor(families: number) {
    this.capacity = families * FAMILY_SLOTS;
    this.a = Object.assign(allocateRecords(CHILD, this.capacity), { rare: allocateRecords(CHILD_RARE, this.capacity) });
  }

  /** Grow to hold `families` blocks (new slots empty). */
  growTo(families: number): void {
    this.capacity = families * FAMILY_SLOTS;
    growRecords(CHILD, this.a, this.capacity);
    growRecords(CHILD_RARE, this.a.rare, this.capacity);
  }
}

// ------------------------------------------------------------------ families

/** A family's record: 32 bytes. */
const FAMILY = checkLayout({
  bytes: 32,
  fields: {
    /** the poverty clock's due time (see `povertyDueOf`) */
    povertyDue: ['f64', 0, 0],
    /** the need clock's due time (see `needDueOf`) */
    needDue: ['f64', 8, 0],
    /** draws taken from the family's poverty stream */
    povertyDraws: ['u32', 16, 0],
    /** draws taken from the family's need stream */
    needDraws: ['u32', 20, 0],
    /** bits 0-2: risk factors; bit 7: in poverty */
    flags: ['u8', 24, 0],
    /** children in the family now */
    size: ['u8', 25, 0],
    /** the family's children in early help now: the family is an early-help case while this is above 0 */
    earlyHelp: ['u8', 26, 0],
    /**
     * The months the family's clocks are booked for (see `povertyBookedOf`, `needBookedOf`), in 16
     * bits so that they fit in the record: every live calendar entry reads both the month and the
     * record, and a record of their own cost a second cache miss per entry (measured: 4% of a 1:1
     * run). A run is therefore limited to LAST_MONTH.
     */
    povertyBooked: ['u16', 28, 0],
    needBooked: ['u16', 30, 0],
  },
});
/** The last month a run may reach: clocks are booked up to a calendar's horizon (256 months) ahead, in 16 bits. */
export const LAST_MONTH = 0xffff - 256;
const POVERTY_DUE = at(FAMILY, 'povertyDue');
const NEED_DUE = at(FAMILY, 'needDue');
const POVERTY_DRAWS = at(FAMILY, 'povertyDraws');
const NEED_DRAWS = at(FAMILY, 'needDraws');
const FLAGS = at(FAMILY, 'flags');
const SIZE = at(FAMILY, 'size');
const EARLY_HELP = at(FAMILY, 'earlyHelp');
const POVERTY_BOOKED = at(FAMILY, 'povertyBooked');
const NEED_BOOKED = at(FAMILY, 'needBooked');

export const POOR_BIT = 0x80;
export const POOR_SHIFT = 7;
export const RISK_MASK = 0x07;
export const RISK_FACTORS = 3;

/** The families' records (views of one buffer). */
export type FamilyArrays = Records;

export function allocateFamilies(n: number): FamilyArrays {
  return allocateRecords(FAMILY, n);
}

export function growFamilies(f: FamilyArrays, n: number): void {
  growRecords(FAMILY, f, n);
}

/** bits 0-2: risk factors (domestic abuse, parental mental health, substance misuse); bit 7: in poverty. */
export const flagsOf = (f: FamilyArrays, fam: number): number => f.u8[32 * fam + FLAGS];
export const setFlags = (f: FamilyArrays, fam: number, flags: number): void => {
  f.u8[32 * fam + FLAGS] = flags;
};
export const isPoor = (f: FamilyArrays, fam: number): boolean => (flagsOf(f, fam) & POOR_BIT) !== 0;
/** 1 if the family is in poverty, else 0 (an index into per-poverty tables). */
export const povertyBit = (flags: number): number => flags >> POOR_SHIFT;
export const riskBits = (flags: number): number => flags & RISK_MASK;

/** Children in the family now (at most FAMILY_SLOTS). */
/** The family's children in early help now (the family is an early-help case while above 0). */
export const earlyHelpChildrenOf = (f: FamilyArrays, fam: number): number => f.u8[32 * fam + EARLY_HELP];
export const setEarlyHelpChildren = (f: FamilyArrays, fam: number, n: number): void => {
  f.u8[32 * fam + EARLY_HELP] = n;
};
export const sizeOf = (f: FamilyArrays, fam: number): number => f.u8[32 * fam + SIZE];
export const setSize = (f: FamilyArrays, fam: number, n: number): void => {
  f.u8[32 * fam + SIZE] = n;
};

/**
 * The poverty clock: `due` is the time (months) the family's status flips at the hazard in force
 * (entry or exit, from the parameters and the family's status), and `booked` the month of its live
 * calendar entry (a checkpoint when `due` lies beyond the calendar's horizon).
 */
export const povertyDueOf = (f: FamilyArrays, fam: number): number => f.f64[4 * fam + POVERTY_DUE];
export const setPovertyDue = (f: FamilyArrays, fam: number, due: number): void => {
  f.f64[4 * fam + POVERTY_DUE] = due;
};
export const povertyBookedOf = (f: FamilyArrays, fam: number): number => f.u16[16 * fam + POVERTY_BOOKED];
export const setPovertyBooked = (f: FamilyArrays, fam: number, month: number): void => {
  f.u16[16 * fam + POVERTY_BOOKED] = month;
};

/**
 * The need clock, one per family (see clocks.ts): `due` is the time of the family's next need
 * event at its total hazard in force (its children x the hazard of one child), and `booked` the
 * month of its live calendar entry, which may lie before `due` (a checkpoint); 0 when the family
 * has no children.
 */
export const needDueOf = (f: FamilyArrays, fam: number): number => f.f64[4 * fam + NEED_DUE];
export const setNeedDue = (f: FamilyArrays, fam: number, due: number): void => {
  f.f64[4 * fam + NEED_DUE] = due;
};
export const needBookedOf = (f: FamilyArrays, fam: number): number => f.u16[16 * fam + NEED_BOOKED];
export const setNeedBooked = (f: FamilyArrays, fam: number, month: number): void => {
  f.u16[16 * fam + NEED_BOOKED] = month;
};

/** The draw counter of the family's poverty stream (or need stream) to use now, advanced by one. */
export const takePovertyDraw = (f: FamilyArrays, fam: number): number => f.u32[8 * fam + POVERTY_DRAWS]++;
export const takeNeedDraw = (f: FamilyArrays, fam: number): number => f.u32[8 * fam + NEED_DRAWS]++;

// ------------------------------------------------------------------ prefetching

/**
 * Events come from calendars and lists in no order of memory, so each one's first touch of a
 * record is a cache miss, and an event's own work is long enough that the CPU waits for each miss
 * in turn. Loading the records of the next batch of events in a tight loop first (independent
 * loads, many in flight at once) brings them into the cache together; the events then find them
 * there. The values loaded are kept here so that the loads are not optimised away.
 */
let loaded = 0;
/** Events per batch: enough to keep many loads in flight, few enough that the batch stays in cache. */
export const PREFETCH_BATCH = 256;

/** Load the record `ids[k] >> shift` (`bytes` long, both ends: it may span two cache lines) of `view`, for k in [from, to). */
function touch(view: Uint8Array, bytes: number, ids: Int32Array, from: number, to: number, shift: number): void {
  let x = 0;
  for (let k = from; k < to; k++) {
    const at = (ids[k] >> shift) * bytes;
    x ^= view[at] ^ view[at + bytes - 1];
  }
  loaded ^= x;
}

/** Load the records of the children in slots ids[from..to). */
export function prefetchChildren(a: ChildArrays, ids: Int32Array, from: number, to: number): void {
  touch(a.u8, 16, ids, from, to, 0);
}
/** Load the rarely read fields of the children in slots ids[from..to). */
export function prefetchRare(a: ChildArrays, ids: Int32Array, from: number, to: number): void {
  touch(a.rare.u8, 8, ids, from, to, 0);
}
/** Load the records of families ids[from..to). */
export function prefetchFamilyRecords(f: FamilyArrays, ids: Int32Array, from: number, to: number): void {
  touch(f.u8, 32, ids, from, to, 0);
}
/** Load the records of the families of the children in slots ids[from..to). */
export function prefetchFamiliesOf(f: FamilyArrays, ids: Int32Array, from: number, to: number): void {
  touch(f.u8, 32, ids, from, to, FAMILY_SHIFT);
}
/** Load the block of child records of families ids[from..to) (not their rarely read fields). */
export function prefetchChildBlocks(a: ChildArrays, ids: Int32Array, from: number, to: number): void {
  touch(a.u8, 16 * FAMILY_SLOTS, ids, from, to, 0);
}
