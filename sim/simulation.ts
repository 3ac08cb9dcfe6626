/**
 * The simulation: one region's children, month by month. This file is the loop; each mechanism
 * is a module of its own in `sim/engine/` (see docs/model.md for the rules and their sources).
 *
 * Design: event-driven where it pays, stepped where it must.
 * - Children in universal services wait for needs on their family's need clock, an exponential
 *   clock at the family's total hazard booked in a month calendar and thinned over its children
 *   (engine/clocks.ts); they cost nothing in the months between. When the hazard changes (family
 *   poverty flips, a child is born or turns 18, a lever moves), the remaining clock is rescaled
 *   without a new draw.
 * - Children in the system (early help, assessment, CIN, CP, care, and those waiting for early
 *   help) sit in a dense active table and are stepped every month (engine/pathway.ts).
 * - Families' poverty is a two-state clock booked in its own calendar (engine/poverty.ts).
 *
 * Monthly phases, in this order (the one place the order is written):
 *   1. ageing out:  children turning 18 leave (`aged_out`, or `left_care_18` from care)   demography
 *   2. prices:      unit costs grow by their category's inflation; the deflator by general   prices
 *                   inflation
 *   3. capacity:    council homes open/close (capital charges), foster recruitment,       capacity
 *                   caseload and overload
 *   4. market:      places decided `lag` months ago open or close, this month's supply     market
 *                   decision (margin vs hurdle), then margins from occupancy
 *   5. poverty:     families' poverty changes; their need clocks are rescaled             poverty
 *   6. re-entry:    children whose return home was booked to fail this month come back     re-entry
 *                   into care (matched like any entry)
 *      system:      every active child draws its month (competing hazards); entries to     pathway
 *                   care are matched to places in the order councils use them: a vacancy   matching
 *                   that exists when a child is matched is used
 *   7. needs:       needs falling due to universal children: referral or waiting; due    needs
 *                   re-referrals; children back in universal this month start waiting
 *   8. early help:  the waiting list is admitted in order, up to capacity in families      waiting-list
 *                   (all, under a duty)
 *   9. births (the infant route: some babies are referred before birth), and        demography
 *      unaccompanied children arriving into care
 *  10. back home:   children placed out of area move into places freed during the month,   matching
 *                   so at the month's end nobody is away while a suitable place is free
 *  11. after care:  care leavers' cohorts and permanence allowances                       after-care
 *  12. spend:       every pound by category, in whole pence                               costs
 */
import { updateCaseload, updateCouncilHomes, recruitFosterCarers } from './engine/capacity';
import { updateNeedRates } from './engine/clocks';
import { computeSpend } from './engine/costs';
import { ageOut, arrivals, births } from './engine/demography';
import { applyParams } from './engine/live-params';
import { startMarketsAtHurdle, updateMargins, updateSupply } from './engine/market';
import { needsEmerge } from './engine/needs';
import { stepSystem } from './engine/pathway';
import { reEnterCare } from './engine/re-entry';
import { advancePrices } from './engine/prices';
import { initAfterCare, updateAfterCare } from './engine/after-care';
import { repatriate } from './engine/matching';
import { LAST_MONTH, type ChildArrays, type FamilyArrays } from './engine/population';
import { povertyChanges } from './engine/poverty';
import { marketRecord, monthRecord } from './engine/record';
import { initChildren, initFamilies } from './engine/setup';
import { EngineState } from './engine/state';
import { admitEarlyHelp } from './engine/waiting-list';
import type { WorkCounts } from './engine/work-counts';
import type { EngineParams } from './params';
import type { MarketRecord, MonthRecord } from './records';

/** What observers (the animation view, tests) may read of the population: never write through it. */
export interface PopulationView {
  readonly children: Readonly<ChildArrays>;
  readonly families: Readonly<FamilyArrays>;
  /** population slots in use so far (children live in slots 0..capacity-1) */
  readonly capacity: number;
}

/** The active table's columns that describe a period of care (entries 0..count-1; care states only are meaningful). */
export interface CareView {
  readonly count: number;
  readonly slot: Readonly<Int32Array>;
  readonly code: Readonly<Uint8Array>;
  readonly born: Readonly<Int32Array>;
  /** month the current period of care began (negative for children in care at set-up) */
  readonly careStart: Readonly<Int32Array>;
  /** LEGAL_STATUSES index */
  readonly legal: Readonly<Uint8Array>;
  readonly uasc: Readonly<Uint8Array>;
}

export class Simulation {
  private readonly s: EngineState;

  constructor(params: EngineParams, seed: number) {
    const s = new EngineState(params, seed);
    this.s = s;
    updateNeedRates(s);
    initFamilies(s);
    initChildren(s, params.initialChildren);
    startMarketsAtHurdle(s);
    updateCouncilHomes(s, 0);
    recruitFosterCarers(s, 0);
    updateCaseload(s);
    updateMargins(s);
    initAfterCare(s);
    s.flows.clear();
  }

  /** Months simulated so far. */
  get month(): number {
    return this.s.month;
  }

  get params(): EngineParams {
    return this.s.p;
  }

  step(): void {
    const s = this.s;
    const m = s.month + 1;
    // families' booked months are 16-bit (engine/population.ts): 5,400 years, far beyond any run
    if (m > LAST_MONTH) throw new Error(`a run is limited to ${LAST_MONTH} months`);
    s.flows.clear();
    s.careExits.fill(0);
    s.careExitReasons.fill(0);
    s.careEntriesByAge.fill(0);
    s.careReEntries = 0;
    s.placementMoves = 0;
    ageOut(s, m);
    advancePrices(s);
    updateCouncilHomes(s, m);
    recruitFosterCarers(s, m);
    updateCaseload(s);
    updateSupply(s, m);
    updateMargins(s);
    povertyChanges(s, m);
    reEnterCare(s, m);
    stepSystem(s, m);
    needsEmerge(s, m);
    admitEarlyHelp(s);
    births(s, m);
    arrivals(s, m);
    repatriate(s);
    updateAfterCare(s, m);
    s.month = m;
    computeSpend(s);
  }

  /** How much work the run has done so far, by kind (for the bench; the model never reads it). */
  workCounts(): Readonly<WorkCounts> {
    return this.s.work;
  }

  /** New parameters from the next month on (a lever change); see engine/live-params.ts. */
  setParams(next: EngineParams): void {
    applyParams(this.s, next);
  }

  record(): MonthRecord {
    return monthRecord(this.s);
  }

  market(): MarketRecord {
    return marketRecord(this.s);
  }

  /** Children waiting for early help, as the engine counts them (tests check it against the population). */
  get waiting(): number {
    return this.s.waiting;
  }

  /** Read-only access to the children stepped monthly (for tests and analyzers: legal status, time in care). */
  careView(): CareView {
    const t = this.s.active;
    return { count: t.count, slot: t.slot, code: t.code, born: t.born, careStart: t.careStart, legal: t.legal, uasc: t.uasc };
  }

  /** Read-only access to the population's arrays. */
  population(): PopulationView {
    const s = this.s;
    return { children: s.children.a, families: s.families, capacity: s.children.capacity };
  }
}
