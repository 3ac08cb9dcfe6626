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
import { Region } from './engine/region';
import { regionMarketRecord, regionRecord } from './engine/region-record';
import { mix32 } from './engine/rng';
import { WorkCounts } from './engine/work-counts';
import { LAST_MONTH, type ChildArrays, type FamilyArrays } from './engine/population';
import { povertyChanges } from './engine/poverty';
import { marketRecord, monthRecord } from './engine/record';
import { initChildren, initFamilies } from './engine/setup';
import { EngineState } from './engine/state';
import { admitEarlyHelp } from './engine/waiting-list';
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
  /** where the child in a located placement lives (engine/region.ts: 0 own council, k + 1 council k, 255 outside the region) */
  readonly host: Readonly<Uint8Array>;
  /** month the current period of care began (negative for children in care at set-up) */
  readonly careStart: Readonly<Int32Array>;
  /** LEGAL_STATUSES index */
  readonly legal: Readonly<Uint8Array>;
  readonly uasc: Readonly<Uint8Array>;
}

export class Simulation {
  /** the councils' states (one for a scenario without councils), and what they share */
  private readonly states: EngineState[];
  private readonly region: Region<EngineState>;

  /** the region's parameters as given (with councils: their parameters inside) */
  private given: EngineParams;
  private readonly codes: string[];

  constructor(params: EngineParams, seed: number) {
    this.given = params;
    const councils = params.councils;
    this.codes = councils?.map((c) => c.code) ?? [];
    this.region = new Region<EngineState>(councils?.length ?? 1, councils?.map((c) => c.centroid));
    this.region.sellCouncilHomes = params.sellCouncilHomes;
    // one council runs on the run's own seed: a region of one council is that council, draw for draw
    this.states = councils && councils.length > 1 ? councils.map((c, k) => new EngineState(c.params, councilSeed(seed, c.code), this.region, k)) : [new EngineState(councils?.[0].params ?? params, seed, this.region, 0)];
    for (const s of this.states) {
      updateNeedRates(s);
      initFamilies(s);
      initChildren(s, s.p.initialChildren);
    }
    startMarketsAtHurdle(this.region);
    for (const s of this.states) {
      updateCouncilHomes(s, 0);
      recruitFosterCarers(s, 0);
      updateCaseload(s);
    }
    updateMargins(this.states[0]);
    for (const s of this.states) {
      initAfterCare(s);
      s.flows.clear();
    }
  }

  /** Months simulated so far. */
  get month(): number {
    return this.states[0].month;
  }

  /** The region's parameters (a council's own are in `councils`). */
  get params(): EngineParams {
    return this.given;
  }

  /**
   * One month for the whole region: each council's phases in the scenario's order, with the
   * region's own phases (the market's margins, children coming back to their councils) where the
   * order above puts them. Councils meet only through places and the market, so the order of
   * councils matters only there: a council earlier in the list sees a neighbour's free place first
   * within a month (docs/councils.md).
   */
  step(): void {
    const m = this.states[0].month + 1;
    // families' booked months are 16-bit (engine/population.ts): 5,400 years, far beyond any run
    if (m > LAST_MONTH) throw new Error(`a run is limited to ${LAST_MONTH} months`);
    for (const s of this.states) {
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
    }
    updateMargins(this.states[0]);
    for (const s of this.states) {
      povertyChanges(s, m);
      reEnterCare(s, m);
      stepSystem(s, m);
      needsEmerge(s, m);
      admitEarlyHelp(s);
      births(s, m);
      arrivals(s, m);
    }
    repatriate(this.region);
    for (const s of this.states) {
      updateAfterCare(s, m);
      s.month = m;
      computeSpend(s);
    }
  }

  /** How much work the run has done so far, by kind (for the bench; the model never reads it): the councils' sum. */
  workCounts(): Readonly<WorkCounts> {
    if (this.states.length === 1) return this.states[0].work;
    const total = new WorkCounts();
    for (const s of this.states) for (const key of Object.keys(total) as (keyof WorkCounts)[]) total[key] += s.work[key];
    return total;
  }

  /** New parameters from the next month on (a lever change); see engine/live-params.ts. Each council takes its own. */
  setParams(next: EngineParams): void {
    this.given = next;
    this.region.sellCouncilHomes = next.sellCouncilHomes;
    if (!next.councils) applyParams(this.states[0], next);
    else next.councils.forEach((c, k) => applyParams(this.states[k], c.params));
  }

  /** The month's record: with councils, the region's (their sum) with each council's under `councils`. */
  record(): MonthRecord {
    return this.codes.length === 0 ? monthRecord(this.states[0]) : regionRecord(this.states, this.codes);
  }

  market(): MarketRecord {
    return this.codes.length === 0 ? marketRecord(this.states[0]) : regionMarketRecord(this.states);
  }

  /** Children waiting for early help, as the engine counts them (tests check it against the population). */
  get waiting(): number {
    return this.states.reduce((sum, s) => sum + s.waiting, 0);
  }

  /** Read-only access to the children stepped monthly in council `k` (for tests and analyzers: legal status, time in care, where placed). */
  careView(k = 0): CareView {
    const t = this.states[k].active;
    return { count: t.count, slot: t.slot, code: t.code, born: t.born, careStart: t.careStart, legal: t.legal, uasc: t.uasc, host: t.host };
  }

  /** Read-only access to council `k`'s population arrays (the only council's without councils). */
  population(k = 0): PopulationView {
    const s = this.states[k];
    return { children: s.children.a, families: s.families, capacity: s.children.capacity };
  }

  /** Each council's population, in the scenario's order (one without councils). */
  populations(): PopulationView[] {
    return this.states.map((_, k) => this.population(k));
  }
}

/**
 * A council's random streams: from the run's seed and the council's code, so that a council's
 * children draw the same whatever other councils the scenario lists (common random numbers).
 */
export function councilSeed(seed: number, code: string): number {
  let h = mix32(seed >>> 0);
  for (let k = 0; k < code.length; k++) h = mix32(h ^ code.charCodeAt(k));
  return h;
}
