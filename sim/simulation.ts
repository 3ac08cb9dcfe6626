/**
 * The simulation: one region's children, month by month.
 *
 * Design (see docs/model.md): event-driven where it pays, stepped where it must.
 * - Children in universal services wait on an exponential "need clock" booked in a month calendar
 *   (MonthQueue); they cost nothing in the months between. When a child's hazard changes (family
 *   poverty flips, a lever moves), the remaining clock is rescaled without a new draw, which is
 *   exact for a piecewise-constant hazard and keeps common random numbers intact.
 * - Children in the system (early help, assessment, CIN, CP, care, and families waiting for early
 *   help) sit in a dense active table (active-table.ts) and are stepped every month with competing
 *   hazards.
 * - Families' poverty is a two-state clock booked in its own calendar.
 *
 * Monthly phases, in this order (the one place the order is written):
 *   1. ageing out:  children turning 18 leave (`aged_out`, or `left_care_18` from care)
 *   2. capacity:    council homes open/close, foster recruitment, caseload, market prices
 *   3. poverty:     families' poverty changes; their children's need clocks are rescaled
 *   4. system:      every active child draws its month (competing hazards)
 *   5. needs:       universal children whose need clock falls due: referral or early-help queue
 *   6. early help:  the waiting queue is admitted in order, up to capacity (all, under a duty)
 *   7. births
 *   8. spend:       every pound by category, in whole pence
 */
import type { EngineParams } from './params';
import { ageBandOf, WEEKS_PER_MONTH } from './params';
import { MonthQueue } from './queue';
import { allocateFamilies, Children, EMPTY, FAMILY_SHIFT, FAMILY_SLOTS, growFamilies, POOR_BIT, RISK_MASK, PENDING_NEED, PENDING_REREFERRAL, PENDING_WAITING, type FamilyArrays } from './population';
import { exponential, runKeys, uniform, type RunKeys } from './rng';
import { CARE_EXITS, PLACEMENTS, SPEND_CATEGORIES, STATE_CODE, STATES, isCareCode, type StateId } from './states';
import type { MarketRecord, MonthRecord } from './records';
import { marginFor } from './market';
import { ActiveTable } from './active-table';
import { FlowCounter, SINK_AGED_OUT, SINK_LEFT_CARE, SOURCE_BIRTH } from './flows';

export interface SimulationOptions {
  seed: number;
  /** population slots in the animation view (slots 0..n-1, holding up to n children); 0 for headless runs */
  sampleSize?: number;
}

export interface AnimationTarget {
  state: Uint8Array;
  prev: Uint8Array;
  poor: Uint8Array;
}

const AGE_OUT_MONTHS = 18 * 12;
/** Hazards are kept above zero so a clock's remaining mass survives a zero rate (an event ~1e12 months away). */
const MIN_RATE = 1e-12;
/** An event drawn at the instant of booking still falls in the next month. */
const EPSILON_MONTH = 1e-9;
const S = STATE_CODE;
const CHILD_BIRTH_PREV = 253;
const VIEW_EXITED = 254;

/** Placement to try when a placement type has no free place. */
const FALLBACK: Record<number, number> = {
  [S.kinship_foster]: S.inhouse_foster,
  [S.placed_with_parents]: S.kinship_foster,
  [S.inhouse_foster]: S.agency_foster,
  [S.la_residential]: S.private_residential,
  [S.secure]: S.private_residential,
  [S.supported_accommodation]: S.agency_foster,
};
const IS_FOSTER = new Uint8Array(STATES.length);
const IS_RESIDENTIAL = new Uint8Array(STATES.length);
for (const c of [S.kinship_foster, S.inhouse_foster, S.agency_foster]) IS_FOSTER[c] = 1;
for (const c of [S.la_residential, S.private_residential]) IS_RESIDENTIAL[c] = 1;
const PLACEMENT_CODES = PLACEMENTS.map((p) => S[p]);

/** Share of looked-after children by age band at the start (under 10, 10-15, 16-17): assumption, see docs/model.md. */
const INITIAL_CARE_AGE_SHARE = [0.42, 0.40, 0.18];
const AGE_BAND_YEARS = [10, 6, 2];

export class Simulation {
  month = 0;
  readonly sampleSize: number;
  /** state codes of the animation sample at the start of the month */
  private readonly prev: Uint8Array;
  private p: EngineParams;
  private readonly keys: RunKeys;
  private readonly c: Children;
  private readonly f: FamilyArrays;
  private familyCount: number;
  private readonly childQueue: MonthQueue;
  private readonly ageQueue: MonthQueue;
  private readonly familyQueue: MonthQueue;
  private readonly stock = new Int32Array(STATES.length);
  private readonly flows = new FlowCounter();
  private readonly careExits = new Int32Array(CARE_EXITS.length);
  private readonly spendPence = new Float64Array(SPEND_CATEGORIES.length);
  private nextSerial = 0;
  private birthCarry = 0;

  /** children stepped monthly */
  private readonly active: ActiveTable;
  /** the active child being stepped (table index and slot), so its draws come from the table */
  private cur = -1;
  private curSlot = -1;

  // early-help waiting queue (FIFO of [slot, ticket])
  private waitSlots: Int32Array = new Int32Array(1024);
  private waitTickets: Int32Array = new Int32Array(1024);
  private waitHead = 0;
  private waitTail = 0;
  private nextTicket = 0;
  private waiting = 0;

  // capacity and market
  private councilHomePlaces: number;
  private pipeline: { opens: number; places: number }[] = [];
  private inhousePlaces: number;
  private overload = 0;
  private caseload = 0;
  private privateMargin = 0;
  private agencyMargin = 0;
  private outOfArea = new Int32Array(STATES.length);

  /** hazard multipliers by poverty flag and by risk bit pattern */
  private readonly povertyMult = new Float64Array(2);
  private readonly riskMult = new Float64Array(8);
  private readonly rates = new Float64Array(8);
  private readonly pAnyKey = new Float64Array(64).fill(-1);
  private readonly pAnyValue = new Float64Array(64);

  constructor(params: EngineParams, options: SimulationOptions) {
    this.p = params;
    this.keys = runKeys(options.seed);
    const n = params.initialChildren;
    this.familyCount = params.families;
    this.c = new Children(this.familyCount);
    // Buckets sized for a typical month (they grow if needed): about 1% of children have an event
    // booked in a given month, 1/216 turn 18, and about 2% of families change poverty status.
    this.childQueue = new MonthQueue(256, Math.max(64, n >> 6));
    this.ageQueue = new MonthQueue(256, Math.max(64, Math.ceil(n / 200)));
    this.familyQueue = new MonthQueue(256, Math.max(64, this.familyCount >> 6));
    this.f = allocateFamilies(this.familyCount);
    this.active = new ActiveTable(n >> 4);
    this.councilHomePlaces = params.places[S.la_residential];
    this.inhousePlaces = params.places[S.inhouse_foster];
    this.sampleSize = Math.min(options.sampleSize ?? 0, this.c.capacity);
    this.prev = new Uint8Array(this.sampleSize);
    this.updateMultipliers();
    this.initFamilies();
    this.initChildren(n);
    this.updateCapacityAndMarket(0);
    this.flows.clear();
  }

  // ---------------------------------------------------------------- randomness

  /**
   * The child's next uniform. An active child's stream counter lives in the active table while it
   * is active; only the child being stepped draws then (everyone else draws in universal services).
   */
  private draw(i: number): number {
    if (i === this.curSlot) {
      const t = this.active;
      return uniform(this.keys.child, t.serial[this.cur], t.draws[this.cur]++);
    }
    const rec = this.c.a.rec;
    return uniform(this.keys.child, rec[4 * i + 2], rec[4 * i + 3]++);
  }

  private familyDraw(fam: number): number {
    return uniform(this.keys.family, fam, this.f.clock[4 * fam + 3]++);
  }

  // ---------------------------------------------------------------- set-up

  private updateMultipliers(): void {
    const p = this.p;
    this.povertyMult[0] = 1;
    this.povertyMult[1] = p.povertyNeedRatio;
    for (let bits = 0; bits < 8; bits++) {
      let m = 1;
      for (let k = 0; k < 3; k++) if (bits & (1 << k)) m *= p.riskHazardRatio[k];
      this.riskMult[bits] = m;
    }
  }

  private needRate(i: number): number {
    const fam = i >> FAMILY_SHIFT;
    return this.needRateOfFamily(this.f.flags[fam]);
  }

  private needRateOfFamily(flags: number): number {
    return Math.max(MIN_RATE, this.p.needBase * this.povertyMult[flags >> 7] * this.riskMult[flags & RISK_MASK]);
  }

  private initFamilies(from = 0): void {
    const f = this.f;
    const p = this.p;
    for (let fam = from; fam < this.familyCount; fam++) {
      let flags = this.familyDraw(fam) < p.povertyInitialShare ? POOR_BIT : 0;
      for (let k = 0; k < 3; k++) if (this.familyDraw(fam) < p.riskPrevalence[k]) flags |= 1 << k;
      f.flags[fam] = flags;
      this.startPovertyClock(fam, this.month);
    }
  }

  private initChildren(n: number): void {
    const a = this.c.a;
    const p = this.p;
    // Children in needier families are more likely to start in the system: weight by the need hazard.
    let meanMult = 0;
    for (let fam = 0; fam < this.familyCount; fam++) meanMult += this.needRateOfFamily(this.f.flags[fam]);
    meanMult /= Math.max(1, this.familyCount);
    const per = p.initialPer10k;
    // -1 stands for "in care" (placed below); its probability depends on the age band.
    const initialCodes = [-1, S.child_protection, S.child_in_need, S.assessment, S.early_help];
    const initialProbs = [0, per.child_protection, per.child_in_need, per.assessment, per.early_help].map((x) => x / 10000);
    const careByBand = INITIAL_CARE_AGE_SHARE.map((share, b) => (per.looked_after / 10000) * (share / (AGE_BAND_YEARS[b] / 18)));
    // Re-referrals pending at the start: closures per month implied by the initial stocks x the
    // re-referral share x the average wait (half the window).
    const closuresPerMonth =
      (per.assessment / 10000) * p.assessmentComplete * p.assessmentOutcomeCdf[0] +
      (per.child_in_need / 10000) * p.cinClose +
      (per.child_protection / 10000) * p.cpEnd * Math.max(0, 1 - p.cpEndToCareShare - p.cpEndToCinShare);
    const reReferralPending = closuresPerMonth * p.reReferralShare * ((p.reReferralWithinMonths + 1) / 2);
    // Create children family by family (a counting sort of their families), so that set-up walks
    // the arrays in memory order; within a family, children come in serial order.
    const familyOf = new Int32Array(n);
    const start = new Int32Array(this.familyCount + 1);
    for (let k = 0; k < n; k++) start[(familyOf[k] = this.familyForSerial(k)) + 1]++;
    for (let fam = 0; fam < this.familyCount; fam++) start[fam + 1] += start[fam];
    const order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[start[familyOf[k]]++] = k;
    this.nextSerial = n;
    for (let k = 0; k < n; k++) {
      const serial = order[k];
      const i = this.slotInFamily(familyOf[serial]);
      a.rec[4 * i + 2] = serial;
      a.rec[4 * i + 3] = 0;
      const age = Math.floor(this.draw(i) * AGE_OUT_MONTHS);
      a.rec[4 * i] = -age;
      this.ageQueue.push(a.rec[4 * i] + AGE_OUT_MONTHS, i);
      const fam = i >> FAMILY_SHIFT;
      const weight = this.needRateOfFamily(this.f.flags[fam]) / meanMult;
      let u = this.draw(i) / weight;
      const band = ageBandOf(age);
      let code: number = S.universal;
      for (let k = 0; k < initialCodes.length; k++) {
        const prob = k === 0 ? careByBand[band] : initialProbs[k];
        if (u < prob) {
          code = initialCodes[k];
          break;
        }
        u -= prob;
      }
      if (code === S.universal && u < reReferralPending) {
        // closed cases awaiting re-referral at the start, so month 1 is not short of re-referrals
        this.enterState(i, S.universal);
        a.meta[4 * i + 1] = PENDING_REREFERRAL;
        this.bookReReferral(i, 1 + Math.floor(this.draw(i) * p.reReferralWithinMonths));
      } else if (code === -1) {
        this.enterState(i, S.universal);
        this.placeInCare(i, S.universal, 0, false);
      } else {
        this.enterState(i, code);
        if (code === S.universal) this.startNeedClock(i, 0);
        else this.activate(i);
      }
    }
  }

  /** Newborns and the initial population join a family picked by a hash of their serial: stable across scenarios. */
  private familyForSerial(serial: number): number {
    return Math.floor(uniform(this.keys.family ^ 0x5bd1e995, serial, 0) * this.familyCount);
  }

  /**
   * A free slot in the family's block, or else in the next family with room (deterministic).
   * If every block is full the population has outgrown its families: add families.
   */
  private slotInFamily(fam: number): number {
    const f = this.f;
    const meta = this.c.a.meta;
    for (let d = 0; d < this.familyCount; d++) {
      const g = fam + d < this.familyCount ? fam + d : fam + d - this.familyCount;
      if (f.size[g] === FAMILY_SLOTS) continue;
      const base = g << FAMILY_SHIFT;
      for (let k = 0; k < FAMILY_SLOTS; k++) {
        if (meta[4 * (base + k)] === EMPTY) {
          f.size[g]++;
          return base + k;
        }
      }
    }
    const old = this.familyCount;
    this.familyCount = Math.ceil(old * 1.25) + 1;
    growFamilies(this.f, this.familyCount);
    this.c.growTo(this.familyCount);
    this.initFamilies(old);
    return this.slotInFamily(old);
  }

  // ---------------------------------------------------------------- bookkeeping of states

  /** Put a child (not yet counted) into a state. */
  private enterState(i: number, code: number): void {
    this.c.a.meta[4 * i] = code;
    this.stock[code]++;
  }

  /** Move a counted child between states, recording the flow. */
  private move(i: number, to: number): void {
    const a = this.c.a;
    const from = a.meta[4 * i];
    if (a.meta[4 * i + 2]) {
      a.meta[4 * i + 2] = 0;
      this.outOfArea[from]--;
    }
    this.stock[from]--;
    this.stock[to]++;
    a.meta[4 * i] = to;
    this.flows.add(from, to);
    const k = i === this.curSlot ? this.cur : a.rec[4 * i + 1];
    if (k !== -1) this.active.code[k] = to;
  }

  private activate(i: number): void {
    const a = this.c.a;
    if (a.rec[4 * i + 1] !== -1) return;
    a.rec[4 * i + 1] = this.active.add(i, a.meta[4 * i], a.rec[4 * i + 2], a.rec[4 * i + 3], a.rec[4 * i]);
  }

  private deactivate(i: number): void {
    const a = this.c.a;
    const k = a.rec[4 * i + 1];
    if (k === -1) return;
    a.rec[4 * i + 3] = this.active.draws[k];
    const moved = this.active.removeAt(k);
    if (moved !== -1) a.rec[4 * moved + 1] = k;
    a.rec[4 * i + 1] = -1;
    if (i === this.curSlot) this.curSlot = this.cur = -1;
  }

  // ---------------------------------------------------------------- clocks

  /** A fresh need clock for a child in universal services at time `now` (end of month `now`). */
  private startNeedClock(i: number, now: number): void {
    const clock = this.c.a.clock;
    this.c.a.meta[4 * i + 1] = PENDING_NEED;
    const rate = this.needRate(i);
    clock[2 * i + 1] = rate;
    clock[2 * i] = Math.max(now + exponential(this.draw(i)) / rate, now + EPSILON_MONTH);
    this.bookChild(i, -1);
  }

  /** Rescale a running need clock to the child's current hazard (no new draw: exact, and CRN-safe). */
  private rescaleNeedClock(i: number, now: number): void {
    const clock = this.c.a.clock;
    const rate = this.needRate(i);
    if (rate === clock[2 * i + 1]) return; // unchanged: leave `due` exactly as drawn
    const due = clock[2 * i];
    const mass = Math.max(0, (due - now) * clock[2 * i + 1]);
    clock[2 * i + 1] = rate;
    clock[2 * i] = Math.max(now + mass / rate, now + EPSILON_MONTH);
    this.bookChild(i, Math.ceil(due));
  }

  /**
   * Whether the child waits on a need clock (universal services, no referral pending). The clock
   * field alone answers it, so the poverty phase need not touch `state` or `pending`: `due` is -1
   * whenever the child is anywhere else, and a pending re-referral has rate 0.
   */
  private hasNeedClock(i: number): boolean {
    const clock = this.c.a.clock;
    return clock[2 * i] >= 0 && clock[2 * i + 1] > 0;
  }

  /** Book the child's clock in the calendar unless it falls due after 18 or in the month already booked. */
  private bookChild(i: number, bookedMonth: number): void {
    const month = Math.ceil(this.c.a.clock[2 * i]);
    const ageOut = this.c.a.rec[4 * i] + AGE_OUT_MONTHS;
    if (month >= ageOut || (month === bookedMonth && bookedMonth < ageOut)) return;
    this.childQueue.push(month, i);
  }

  private bookReReferral(i: number, month: number): void {
    const a = this.c.a;
    a.meta[4 * i + 1] = PENDING_REREFERRAL;
    a.clock[2 * i] = month;
    a.clock[2 * i + 1] = 0;
    if (month < a.rec[4 * i] + AGE_OUT_MONTHS) this.childQueue.push(month, i);
  }

  private startPovertyClock(fam: number, now: number): void {
    const clock = this.f.clock;
    const rate = Math.max(MIN_RATE, this.f.flags[fam] & POOR_BIT ? this.p.povertyExit : this.p.povertyEntry);
    clock[4 * fam + 1] = rate;
    clock[4 * fam] = Math.max(now + exponential(this.familyDraw(fam)) / rate, now + EPSILON_MONTH);
    this.bookFamily(fam, now);
  }

  /** Book the family's change, or a checkpoint at the calendar's horizon to re-book from. */
  private bookFamily(fam: number, now: number): void {
    const clock = this.f.clock;
    const at = Math.min(Math.ceil(clock[4 * fam]), now + this.familyQueue.horizon - 1);
    if (at === clock[4 * fam + 2]) return;
    clock[4 * fam + 2] = at;
    this.familyQueue.push(at, fam);
  }

  // ---------------------------------------------------------------- live parameters

  /** Apply new parameters from the next step on (a lever change). Clocks are rescaled, not redrawn. */
  setParams(next: EngineParams): void {
    const old = this.p;
    this.p = next;
    this.updateMultipliers();
    const now = this.month;
    if (old.povertyEntry !== next.povertyEntry || old.povertyExit !== next.povertyExit) {
      const f = this.f;
      const clock = f.clock;
      for (let fam = 0; fam < this.familyCount; fam++) {
        const mass = Math.max(0, (clock[4 * fam] - now) * clock[4 * fam + 1]);
        const rate = Math.max(MIN_RATE, f.flags[fam] & POOR_BIT ? next.povertyExit : next.povertyEntry);
        clock[4 * fam + 1] = rate;
        clock[4 * fam] = Math.max(now + mass / rate, now + EPSILON_MONTH);
        this.bookFamily(fam, now);
      }
    }
    const hazardChanged =
      old.needBase !== next.needBase ||
      old.povertyNeedRatio !== next.povertyNeedRatio ||
      old.riskHazardRatio.some((r, k) => r !== next.riskHazardRatio[k]);
    if (hazardChanged) {
      for (let i = 0; i < this.c.capacity; i++) {
        if (this.hasNeedClock(i)) this.rescaleNeedClock(i, now);
      }
    }
    if (old.places[S.inhouse_foster] !== next.places[S.inhouse_foster]) {
      this.inhousePlaces += next.places[S.inhouse_foster] - old.places[S.inhouse_foster];
    }
  }

  // ---------------------------------------------------------------- the month

  step(): void {
    const m = this.month + 1;
    this.rememberSampleStates();
    this.flows.clear();
    this.careExits.fill(0);
    this.ageOut(m);
    this.updateCapacityAndMarket(m);
    this.povertyChanges(m);
    this.stepSystem(m);
    this.needsEmerge(m);
    this.admitEarlyHelp(m);
    this.births(m);
    this.month = m;
    this.computeSpend();
  }

  private ageOut(m: number): void {
    const a = this.c.a;
    const due = this.ageQueue.take(m);
    for (let k = 0; k < due.length; k++) {
      const i = due[k];
      if (a.meta[4 * i] === EMPTY || a.rec[4 * i] + AGE_OUT_MONTHS !== m) continue;
      const from = a.meta[4 * i];
      if (a.meta[4 * i + 2]) {
        a.meta[4 * i + 2] = 0;
        this.outOfArea[from]--;
      }
      if (isCareCode(from)) {
        this.flows.add(from, SINK_LEFT_CARE);
        this.careExits[2]++;
      } else {
        this.flows.add(from, SINK_AGED_OUT);
      }
      this.stock[from]--;
      if (a.meta[4 * i + 1] === PENDING_WAITING) this.waiting--;
      this.deactivate(i);
      this.f.size[i >> FAMILY_SHIFT]--;
      a.meta[4 * i] = EMPTY;
      a.clock[2 * i] = -1;
      a.meta[4 * i + 1] = PENDING_NEED;
      a.waitTicket[i] = -1;
    }
  }

  private updateCapacityAndMarket(m: number): void {
    const p = this.p;
    // Council homes: open what the pipeline delivers, plan or cancel towards the target.
    this.pipeline = this.pipeline.filter((b) => {
      if (b.opens > m) return true;
      this.councilHomePlaces += b.places;
      return false;
    });
    let planned = this.councilHomePlaces + this.pipeline.reduce((s, b) => s + b.places, 0);
    if (p.councilHomeTarget > planned) {
      const add = p.councilHomeTarget - planned;
      if (p.councilHomeMonthsToOpen === 0) this.councilHomePlaces += add;
      else this.pipeline.push({ opens: m + p.councilHomeMonthsToOpen, places: add });
    } else {
      while (planned > p.councilHomeTarget && this.pipeline.length > 0) {
        const last = this.pipeline[this.pipeline.length - 1];
        const cut = Math.min(last.places, planned - p.councilHomeTarget);
        last.places -= cut;
        planned -= cut;
        if (last.places === 0) this.pipeline.pop();
      }
      if (planned > p.councilHomeTarget) this.councilHomePlaces = p.councilHomeTarget;
    }
    if (m > 0) this.inhousePlaces += p.fosterExtraPlacesPerMonth;

    const open = this.stock[S.assessment] + this.stock[S.child_in_need] + this.stock[S.child_protection] + this.inCare();
    this.caseload = p.socialWorkers > 0 ? open / p.socialWorkers : Infinity;
    this.overload = Math.max(0, this.caseload / p.caseloadThreshold - 1);
    if (!Number.isFinite(this.overload)) this.overload = 10;

    this.privateMargin = marginFor(p.privateMarket, this.stock[S.private_residential], p.places[S.private_residential], p.profitCap);
    this.agencyMargin = marginFor(p.agencyMarket, this.stock[S.agency_foster], p.places[S.agency_foster], p.profitCap);
  }

  private inCare(): number {
    let n = 0;
    for (const code of PLACEMENT_CODES) n += this.stock[code];
    return n;
  }

  private povertyChanges(m: number): void {
    const f = this.f;
    const due = this.familyQueue.take(m);
    const now = m - 1;
    for (let k = 0; k < due.length; k++) {
      const fam = due[k];
      if (f.clock[4 * fam + 2] !== m) continue; // stale entry
      if (Math.ceil(f.clock[4 * fam]) > m) {
        this.bookFamily(fam, m); // a checkpoint: the change lies beyond the calendar's horizon
        continue;
      }
      f.flags[fam] ^= POOR_BIT;
      // The new clock starts at the end of this month, so a family changes at most once a month.
      this.startPovertyClock(fam, m);
      const base = fam << FAMILY_SHIFT;
      for (let i = base; i < base + FAMILY_SLOTS; i++) {
        if (this.hasNeedClock(i)) this.rescaleNeedClock(i, now);
      }
    }
  }

  /** Competing hazards: one draw decides whether anything happens this month and which event. */
  private pick(u: number, n: number): number {
    let total = 0;
    for (let k = 0; k < n; k++) total += this.rates[k];
    if (total <= 0) return -1;
    // exp() is the step's dearest operation and few distinct totals occur in a month: memoise.
    const slot = Math.floor(total * 1048576) & 63;
    let pAny: number;
    if (this.pAnyKey[slot] === total) pAny = this.pAnyValue[slot];
    else {
      pAny = 1 - Math.exp(-total);
      this.pAnyKey[slot] = total;
      this.pAnyValue[slot] = pAny;
    }
    if (u >= pAny) return -1;
    let x = (u / pAny) * total;
    for (let k = 0; k < n; k++) {
      x -= this.rates[k];
      if (x < 0) return k;
    }
    return n - 1;
  }

  private stepSystem(m: number): void {
    const escalation = 1 + this.p.overloadRaisesEscalation * this.overload;
    const t = this.active;
    // Downwards, so a child leaving the table (its place taken by the last, already stepped) is safe.
    for (let k = t.count - 1; k >= 0; k--) {
      this.cur = k;
      this.curSlot = t.slot[k];
      this.stepChild(this.curSlot, t.code[k], m, escalation);
    }
    this.cur = this.curSlot = -1;
  }

  private stepChild(i: number, code: number, m: number, escalation: number): void {
    const p = this.p;
    const u = this.draw(i);
    const r = this.rates;
    if (code === S.universal) {
      // waiting for early help
      r[0] = p.waitingEscalation;
      r[1] = p.waitingResolve;
      const e = this.pick(u, 2);
      if (e === 0) {
        this.leaveWaiting(i);
        this.move(i, S.assessment);
      } else if (e === 1) {
        this.leaveWaiting(i);
        this.deactivate(i);
        this.startNeedClock(i, m);
      }
    } else if (code === S.early_help) {
      r[0] = p.earlyHelpClose;
      if (this.pick(u, 1) === 0) {
        if (this.draw(i) < p.earlyHelpSuccessShare) this.toUniversal(i, m, false);
        else this.move(i, S.assessment);
      }
    } else if (code === S.assessment) {
      r[0] = p.assessmentComplete / (1 + p.overloadSlowsAssessment * this.overload);
      if (this.pick(u, 1) === 0) {
        const v = this.draw(i);
        const cdf = p.assessmentOutcomeCdf;
        if (v < cdf[0]) this.toUniversal(i, m, true);
        else if (v < cdf[1]) this.move(i, S.child_in_need);
        else if (v < cdf[2]) this.move(i, S.child_protection);
        else this.placeInCare(i, code, m, true);
      }
    } else if (code === S.child_in_need) {
      r[0] = p.cinClose;
      r[1] = p.cinToCp * escalation;
      r[2] = p.cinToCare;
      const e = this.pick(u, 3);
      if (e === 0) this.toUniversal(i, m, true);
      else if (e === 1) this.move(i, S.child_protection);
      else if (e === 2) this.placeInCare(i, code, m, true);
    } else if (code === S.child_protection) {
      r[0] = p.cpEnd;
      if (this.pick(u, 1) === 0) {
        const v = this.draw(i);
        if (v < p.cpEndToCareShare) this.placeInCare(i, code, m, true);
        else if (v < p.cpEndToCareShare + p.cpEndToCinShare) this.move(i, S.child_in_need);
        else this.toUniversal(i, m, true);
      }
    } else {
      this.stepCare(i, code, u, m);
    }
  }

  private stepCare(i: number, code: number, u: number, m: number): void {
    const p = this.p;
    const a = this.c.a;
    const age = m - (i === this.curSlot ? this.active.born[this.cur] : a.rec[4 * i]);
    const r = this.rates;
    r[0] = p.reunification;
    r[1] = p.permanenceByAge[age < 60 ? 0 : age < 120 ? 1 : 2];
    r[2] = IS_RESIDENTIAL[code] ? p.stepDown : 0;
    r[3] = age >= 192 && (IS_FOSTER[code] || IS_RESIDENTIAL[code]) ? p.supportedAt16 : 0;
    r[4] = age >= 120 && IS_FOSTER[code] ? p.escalateToResidential : 0;
    const e = this.pick(u, 5);
    if (e === 0) {
      this.careExits[0]++;
      if (this.draw(i) < p.reunifiedToCinShare) {
        this.move(i, S.child_in_need);
      } else {
        this.toUniversal(i, m, false);
      }
    } else if (e === 1) {
      this.careExits[1]++;
      this.toUniversal(i, m, false);
    } else if (e === 2) {
      this.changePlacement(i, S.inhouse_foster);
    } else if (e === 3) {
      this.changePlacement(i, S.supported_accommodation);
    } else if (e === 4) {
      this.changePlacement(i, S.la_residential);
    }
  }

  private changePlacement(i: number, wanted: number): void {
    const to = this.match(wanted, i);
    if (to === this.c.a.meta[4 * i]) return;
    this.move(i, to);
    this.markOutOfArea(i);
  }

  /** Leave the system for universal services; closed social-care cases may be re-referred. */
  private toUniversal(i: number, m: number, mayBeReReferred: boolean): void {
    this.move(i, S.universal);
    this.deactivate(i);
    const p = this.p;
    if (mayBeReReferred) {
      const chance = Math.min(1, p.reReferralShare * (1 + p.overloadRaisesEscalation * this.overload));
      if (this.draw(i) < chance) {
        this.bookReReferral(i, m + 1 + Math.floor(this.draw(i) * p.reReferralWithinMonths));
        return;
      }
    }
    this.startNeedClock(i, m);
  }

  /** The placement a child gets when `wanted` is sought: the first type in its fallback chain with a free place. */
  private match(wanted: number, i: number): number {
    const a = this.c.a;
    let code = wanted;
    if (code === S.supported_accommodation && this.month + 1 - a.rec[4 * i] < 192) code = S.inhouse_foster;
    for (let hops = 0; hops < 8; hops++) {
      const cap = this.capacityOf(code);
      if (code === S.private_residential || code === S.agency_foster || this.stock[code] < cap) return code;
      code = FALLBACK[code] ?? S.private_residential;
    }
    return S.private_residential;
  }

  private capacityOf(code: number): number {
    if (code === S.la_residential) return this.councilHomePlaces;
    if (code === S.inhouse_foster) return Math.floor(this.inhousePlaces);
    return this.p.places[code];
  }

  /** Private places beyond the region's own count as out of area (call after the child moved in). */
  private markOutOfArea(i: number): void {
    const a = this.c.a;
    const code = a.meta[4 * i];
    if (code !== S.private_residential && code !== S.agency_foster) return;
    const local = this.stock[code] - 1 - this.outOfArea[code];
    if (local >= this.p.places[code]) {
      a.meta[4 * i + 2] = 1;
      this.outOfArea[code]++;
    }
  }

  /** Entry to care: the placement sought depends on age; matching finds what exists. */
  private placeInCare(i: number, from: number, m: number, counted: boolean): void {
    const a = this.c.a;
    const band = ageBandOf(m - a.rec[4 * i]);
    const cdf = this.p.entryCdf[band];
    const v = this.draw(i);
    let k = 0;
    while (k < cdf.length - 1 && v >= cdf[k]) k++;
    const code = this.match(PLACEMENT_CODES[k], i);
    if (counted) this.move(i, code);
    else {
      this.stock[from]--;
      this.enterState(i, code);
    }
    this.markOutOfArea(i);
    this.activate(i);
  }

  private needsEmerge(m: number): void {
    const a = this.c.a;
    const p = this.p;
    const due = this.childQueue.take(m);
    for (let k = 0; k < due.length; k++) {
      const i = due[k];
      if (Math.ceil(a.clock[2 * i]) !== m) continue; // stale: rebooked, fired or left (see `clock`)
      a.clock[2 * i] = -1;
      if (a.meta[4 * i + 1] === PENDING_REREFERRAL) {
        a.meta[4 * i + 1] = PENDING_NEED;
        this.move(i, S.assessment);
        this.activate(i);
        continue;
      }
      if (a.meta[4 * i + 1] !== PENDING_NEED) continue;
      let share = p.directReferralShare;
      if (this.f.flags[i >> FAMILY_SHIFT] & POOR_BIT) {
        const odds = (share / (1 - share)) * p.povertyReferralOdds;
        share = share >= 1 ? 1 : odds / (1 + odds);
      }
      if (this.draw(i) < share) {
        this.move(i, S.assessment);
        this.activate(i);
      } else {
        this.joinWaiting(i);
      }
    }
  }

  private joinWaiting(i: number): void {
    const a = this.c.a;
    a.meta[4 * i + 1] = PENDING_WAITING;
    a.waitTicket[i] = this.nextTicket;
    if (this.waitTail === this.waitSlots.length) this.compactWaiting();
    this.waitSlots[this.waitTail] = i;
    this.waitTickets[this.waitTail++] = this.nextTicket++;
    this.waiting++;
    this.activate(i);
  }

  private leaveWaiting(i: number): void {
    const a = this.c.a;
    a.meta[4 * i + 1] = PENDING_NEED;
    a.waitTicket[i] = -1;
    this.waiting--;
  }

  private compactWaiting(): void {
    const n = this.waitTail - this.waitHead;
    let slots = this.waitSlots;
    let tickets = this.waitTickets;
    if (n * 2 > slots.length) {
      slots = new Int32Array(slots.length * 2);
      tickets = new Int32Array(tickets.length * 2);
    }
    slots.set(this.waitSlots.subarray(this.waitHead, this.waitTail));
    tickets.set(this.waitTickets.subarray(this.waitHead, this.waitTail));
    this.waitSlots = slots;
    this.waitTickets = tickets;
    this.waitHead = 0;
    this.waitTail = n;
  }

  private admitEarlyHelp(_m: number): void {
    const a = this.c.a;
    const p = this.p;
    while (this.waitHead < this.waitTail && (p.earlyHelpStatutory || this.stock[S.early_help] < p.earlyHelpCapacity)) {
      const i = this.waitSlots[this.waitHead];
      const ticket = this.waitTickets[this.waitHead++];
      if (a.waitTicket[i] !== ticket || a.meta[4 * i + 1] !== PENDING_WAITING || a.meta[4 * i] !== S.universal) continue;
      this.leaveWaiting(i);
      this.move(i, S.early_help);
    }
  }

  private births(m: number): void {
    const a = this.c.a;
    this.birthCarry += this.p.birthsPerMonth;
    const n = Math.floor(this.birthCarry);
    this.birthCarry -= n;
    for (let k = 0; k < n; k++) {
      const serial = this.nextSerial++;
      const i = this.slotInFamily(this.familyForSerial(serial));
      a.rec[4 * i + 2] = serial;
      a.rec[4 * i + 3] = 0;
      a.rec[4 * i] = m;
      a.meta[4 * i + 2] = 0;
      this.enterState(i, S.universal);
      this.flows.add(SOURCE_BIRTH, S.universal);
      if (i < this.sampleSize) this.prev[i] = CHILD_BIRTH_PREV;
      this.ageQueue.push(m + AGE_OUT_MONTHS, i);
      this.startNeedClock(i, m);
    }
  }

  // ---------------------------------------------------------------- costs and outputs

  private computeSpend(): void {
    const p = this.p;
    const out = this.spendPence;
    const pence = (pounds: number) => Math.round(pounds * 100);
    SPEND_CATEGORIES.forEach((cat, k) => {
      if (cat === 'early_help') out[k] = pence(this.stock[S.early_help] * p.earlyHelpCostPerCase);
      else if (cat === 'social_work') {
        const open = this.stock[S.assessment] + this.stock[S.child_in_need] + this.stock[S.child_protection] + this.inCare();
        out[k] = pence(open * p.socialWorkCostPerCase);
      } else {
        const code = S[cat];
        if (code === S.private_residential || code === S.agency_foster) {
          const price = this.priceOf(code) * WEEKS_PER_MONTH;
          const away = this.outOfArea[code];
          out[k] = pence((this.stock[code] - away) * price + away * price * p.outOfAreaPremium);
        } else {
          out[k] = pence(this.stock[code] * p.costPerMonth[code]);
        }
      }
    });
  }

  private priceOf(code: number): number {
    const weekly = this.p.costPerMonth[code] / WEEKS_PER_MONTH;
    return weekly * (1 + (code === S.private_residential ? this.privateMargin : this.agencyMargin));
  }

  record(): MonthRecord {
    const stocks = {} as Record<StateId, number>;
    let children = 0;
    STATES.forEach((s, k) => {
      stocks[s] = this.stock[k];
      children += this.stock[k];
    });
    const careExits = {} as MonthRecord['careExits'];
    CARE_EXITS.forEach((e, k) => (careExits[e] = this.careExits[k]));
    const spend = {} as MonthRecord['spend'];
    let totalPence = 0;
    SPEND_CATEGORIES.forEach((cat, k) => {
      spend[cat] = this.spendPence[k] / 100;
      totalPence += this.spendPence[k];
    });
    return { month: this.month, children, stocks, flows: this.flows.toRecord(), careExits, spend, spendTotal: totalPence / 100 };
  }

  market(): MarketRecord {
    const weekly = (code: number) => this.p.costPerMonth[code] / WEEKS_PER_MONTH;
    return {
      privateResidentialPricePerWeek: weekly(S.private_residential) * (1 + this.privateMargin),
      privateResidentialMargin: this.privateMargin,
      agencyFosterPricePerWeek: weekly(S.agency_foster) * (1 + this.agencyMargin),
      agencyFosterMargin: this.agencyMargin,
      councilHomePricePerWeek: weekly(S.la_residential),
      outOfArea: this.outOfArea[S.private_residential] + this.outOfArea[S.agency_foster],
      councilHomePlaces: this.councilHomePlaces,
      privateResidentialPlaces: this.p.places[S.private_residential],
      inhouseFosterPlaces: Math.floor(this.inhousePlaces),
      earlyHelpCapacity: this.p.earlyHelpStatutory ? this.stock[S.early_help] : this.p.earlyHelpCapacity,
      earlyHelpWaiting: this.waiting,
      socialWorkCaseload: this.caseload,
    };
  }

  /** The sample's states at the start of the month: what the animation moves children from. */
  private rememberSampleStates(): void {
    const meta = this.c.a.meta;
    for (let i = 0; i < this.sampleSize; i++) this.prev[i] = meta[4 * i];
  }

  /** Fill the animation view for slots 0..sampleSize-1 (exited children show VIEW_EXITED for one month). */
  writeView(view: AnimationTarget): void {
    const a = this.c.a;
    const n = Math.min(this.sampleSize, view.state.length);
    for (let i = 0; i < n; i++) {
      const s = a.meta[4 * i];
      const prev = this.prev[i];
      view.state[i] = s === EMPTY && prev !== EMPTY ? VIEW_EXITED : s;
      view.prev[i] = prev;
      view.poor[i] = s === EMPTY ? 0 : this.f.flags[i >> FAMILY_SHIFT] >> 7;
    }
  }
}
