/**
 * The engine's whole state: the population's arrays, the calendars, the counters the month
 * records read, and the few running figures of capacity and the market. Mechanism modules are
 * functions of this state (Covasim's "people as arrays" plus plain step functions), so each can be
 * read, tested and replaced on its own; only `Simulation` strings them together.
 */
import { ActiveTable, MonthEvents } from './active-table';
import { MonthCalendar, MonthCalendarCounts, SlotList } from './calendar';
import { FlowCounter } from './flows';
import { HazardTable } from './hazards';
import type { EngineParams } from '../params';
import { allocateFamilies, Children, serialOf, takeDraw, type FamilyArrays } from './population';
import { runKeys, uniform, uniformOfStream, type RunKeys } from './rng';
import { DFE_AGE_BANDS } from '../ages';
import { CARE_EXIT_REASONS, CARE_EXITS, COST_INDICES, SPEND_CATEGORIES, STATE_CODE, STATES } from '../states';
import { TicketQueue } from './ticket-queue';
import { Region } from './region';
import { WorkCounts } from './work-counts';

/** A batch of council-home places being built or bought, and the month it opens. */
export interface PipelineBatch {
  opens: number;
  places: number;
}

/** The capital charge of council-home places opened during the run: so much a month until a month. */
export interface CapitalCharge {
  perMonth: number;
  until: number;
}

/** Serials below this are the initial population's; newborns count up from it (2^30: room for a billion of each). */
export const FIRST_BIRTH_SERIAL = 0x40000000;

/** Serials of unaccompanied children arriving count up from here (2^30 + 2^29). */
export const FIRST_ARRIVAL_SERIAL = 0x60000000;

/** Months ahead that market supply decisions can be booked (the longest supply lag is 120). */
export const SUPPLY_RING = 128;

export class EngineState {
  /** months simulated */
  month = 0;
  p: EngineParams;
  readonly keys: RunKeys;
  readonly children: Children;
  readonly families: FamilyArrays;
  familyCount: number;
  /**
   * Serial (random stream) of the next newborn. Newborns count from their own base, apart from the
   * initial population's 0..n-1, so a scenario with one more child at the start gives every
   * newborn the same stream as before (common random numbers across population sizes).
   */
  nextSerial = FIRST_BIRTH_SERIAL;
  birthCarry = 0;
  /** Serial of the next unaccompanied child arriving (a range of their own, as newborns have) */
  nextArrivalSerial = FIRST_ARRIVAL_SERIAL;
  arrivalCarry = 0;

  /** families' need events (or checkpoints), by month */
  readonly needCalendar: MonthCalendar;
  /** re-referrals of closed cases (children), by month */
  readonly childCalendar: MonthCalendar;
  /** children returned home who are booked to come back into care, by month (re-entry.ts) */
  readonly reEntryCalendar: MonthCalendar;
  /** children back in universal services this month, who join their family's need clock at its end */
  readonly joining = new SlotList();
  /** scratch list for a phase's own use (emptied by the phase that fills it) */
  readonly scratch = new SlotList();
  /** 18th birthdays */
  readonly ageCalendar: MonthCalendar;
  /** families' poverty changes (or checkpoints) */
  readonly familyCalendar: MonthCalendar;

  /** children stepped monthly */
  readonly active: ActiveTable;
  /** scratch: the active children with an event this month (see pathway.ts) */
  readonly withEvent = new MonthEvents();
  /** the active child being stepped (table index and slot), so its draws come from the table */
  cur = -1;
  curSlot = -1;

  /** families waiting for early help, in order of arrival */
  readonly waitingQueue = new TicketQueue();
  /** children waiting for early help now (entries in the queue may be stale) */
  waiting = 0;

  // counters read by the month record
  readonly stock = new Int32Array(STATES.length);
  readonly flows = new FlowCounter();
  readonly careExits = new Int32Array(CARE_EXITS.length);
  /** this month's exits from care by CARE_EXIT_REASONS index */
  readonly careExitReasons = new Int32Array(CARE_EXIT_REASONS.length);
  /** this month's entries to care by DFE_AGE_BANDS index, and how many of them had left care before */
  readonly careEntriesByAge = new Int32Array(DFE_AGE_BANDS.length);
  careReEntries = 0;
  readonly spendPence = new Float64Array(SPEND_CATEGORIES.length);
  /** children placed outside the region, by placement state */
  readonly outOfArea = new Int32Array(STATES.length);
  /** children placed outside their own council (outside the region included), by placement state (region.ts) */
  readonly outsideCouncil = new Int32Array(STATES.length);
  /** children placed more than 20 miles from their council (outside the region included), by placement state */
  readonly over20Miles = new Int32Array(STATES.length);
  /** where the placement that `match` found lives (region.ts `host`), for the move that follows */
  matchHost = 0;

  // capacity and market
  councilHomePlaces: number;
  pipeline: PipelineBatch[] = [];
  capitalCharges: CapitalCharge[] = [];
  inhousePlaces: number;
  /** local places of the two markets (private homes, fostering agencies), which answer the margin; by state code */
  readonly marketPlaces = new Float64Array(STATES.length);
  /** decided changes of market places by the month they take effect: a ring of SUPPLY_RING months per state code */
  readonly supplyPipeline = new Float64Array(STATES.length * SUPPLY_RING);
  /** placement moves this month (changes of placement, and moves back into the region) */
  placementMoves = 0;

  // prices
  /** unit costs now relative to the start date, by cost category (prices.ts, COST_INDICES order) */
  readonly costIndex = new Float64Array(COST_INDICES.length).fill(1);
  /** general prices now relative to the price base year (for real terms) */
  deflator = 1;

  // after care
  /** children who left care at 18 in each of the last months, newest last; the sum is `careLeavers` */
  careLeaverCohorts: number[] = [];
  careLeavers = 0;
  /** care leavers aged 18-20 (within 36 months of leaving) */
  youngCareLeavers = 0;
  /** children who left care to adoption or special guardianship, by the month their allowance ends (their 18th birthday) */
  readonly allowanceEnds: MonthCalendarCounts;
  onAllowance = 0;

  // early help
  /** families with at least one child in early help (a case is a family) */
  earlyHelpFamilies = 0;
  overload = 0;
  caseload = 0;
  privateMargin = 0;
  agencyMargin = 0;

  /** the need hazard of one child (per month) by the family's flags (see clocks.ts) */
  readonly needRate = new Float64Array(256);
  /** the month's hazards of the children stepped monthly (see hazards.ts) */
  readonly hazards = new HazardTable();
  /** how much work the run did, by kind (for the bench) */
  readonly work = new WorkCounts();

  /**
   * `region`: the councils this one shares places and a market with, and `council` its index there
   * (a scenario without councils is a region of one).
   */
  constructor(
    params: EngineParams,
    seed: number,
    readonly region: Region<EngineState> = new Region<EngineState>(1),
    readonly council = 0,
  ) {
    region.states[council] = this;
    this.p = params;
    this.keys = runKeys(seed);
    const n = params.initialChildren;
    this.familyCount = params.families;
    this.children = new Children(this.familyCount);
    // Buckets sized for a typical month (they grow if needed, by copying: sized at 1/64 of the
    // families, the need and poverty buckets grew two or three times each during a 1:1 run): a
    // month's need calendar holds entries of about 6% of families (stale entries and checkpoints
    // included, up to 12%), its poverty calendar of about 2-3%; 1/216 of children turn 18 and a
    // few in 10,000 are re-referred.
    this.needCalendar = new MonthCalendar(256, Math.max(64, this.familyCount >> 4));
    this.childCalendar = new MonthCalendar(256, Math.max(64, n >> 10));
    this.reEntryCalendar = new MonthCalendar(256, Math.max(64, n >> 12));
    this.ageCalendar = new MonthCalendar(256, Math.max(64, Math.ceil(n / 200)));
    this.familyCalendar = new MonthCalendar(256, Math.max(64, this.familyCount >> 5));
    this.families = allocateFamilies(this.familyCount);
    this.active = new ActiveTable(n >> 4);
    this.councilHomePlaces = params.places[STATE_CODE.la_residential];
    this.inhousePlaces = params.places[STATE_CODE.inhouse_foster];
    for (const code of [STATE_CODE.private_residential, STATE_CODE.agency_foster]) this.marketPlaces[code] = params.places[code];
    this.allowanceEnds = new MonthCalendarCounts(256);
    this.deflator = Math.pow(params.generalInflationPerMonth, params.startMonth - 1 - params.priceBaseMonth);
  }
}

/**
 * The child's next uniform. An active child's stream counter lives in the active table while it
 * is active; only the child being stepped draws then (everyone else draws in universal services).
 */
export function draw(s: EngineState, i: number): number {
  if (i === s.curSlot) {
    const t = s.active;
    return uniformOfStream(t.stream[s.cur], t.draws[s.cur]++);
  }
  const a = s.children.a;
  return uniform(s.keys.child, serialOf(a, i), takeDraw(a, i));
}
