/**
 * The view model of the children-in-care panels (ages, legal status, leaving care), with no DOM:
 * shares that add up to 100 as shown, the flows of the last 12 months from snapshots that may each
 * cover several months, and the series the stacked charts draw. Everything is preallocated, so a
 * snapshot costs no allocation here.
 */
import { DFE_AGE_BANDS, type DfeAgeBand } from '../sim/ages';
import type { MonthRecord } from '../sim/records';
import { CARE_EXIT_REASONS, LEGAL_STATUSES, type LegalStatus } from '../sim/states';
import type { Chart } from './charts';
import { formatCount } from './format';
import { HISTORY_MONTHS } from './history';
import { SeriesTable } from './ring';

/** Each part as a percentage of the parts' total (all 0 when the total is 0). */
export function percentShares(counts: ArrayLike<number>, out: Float64Array): Float64Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  for (let i = 0; i < counts.length; i++) out[i] = total > 0 ? (counts[i] / total) * 100 : 0;
  return out;
}

/**
 * Whole percentages that add up to exactly 100 (largest remainder): rounded one by one, five
 * shares can show 99% or 101% in all, which a room full of people will notice before the figures.
 * Ties go to the earlier part; all 0 when the total is 0. `exact` is scratch space of the same length.
 */
export function wholePercents(counts: ArrayLike<number>, out: Float64Array, exact: Float64Array): Float64Array {
  percentShares(counts, exact);
  let left = 100;
  for (let i = 0; i < counts.length; i++) {
    out[i] = Math.floor(exact[i]);
    left -= out[i];
  }
  if (left === 100) return out; // nothing to share out: an empty total
  // The floors' shortfall is the sum of the remainders, so at most one extra point per part.
  for (; left > 0; left--) {
    let best = -1;
    for (let i = 0; i < counts.length; i++) {
      if (out[i] > Math.floor(exact[i])) continue;
      if (best < 0 || exact[i] - out[i] > exact[best] - out[best]) best = i;
    }
    if (best < 0) break;
    out[best] += 1;
  }
  return out;
}

/** A `RecentFlows` row: entries by age, exits by reason, then re-entries. */
const ENTRY_AT = 0;
const EXIT_AT = DFE_AGE_BANDS.length;
const RE_ENTRY_AT = EXIT_AT + CARE_EXIT_REASONS.length;
const WIDTH = RE_ENTRY_AT + 1;

/**
 * Entries by age, exits by reason and re-entries over the latest 12 months, from snapshots that
 * each cover `coalesced` months (their flows already summed by the worker). A snapshot is never
 * split, so when the newest ones cover more than a year in all (a long step), the sums cover what
 * they cover and `months` says how long that is.
 */
export class RecentFlows {
  static readonly WINDOW = 12;
  /** One row per snapshot, newest last; at most 12 snapshots can be needed to cover 12 months. */
  private readonly rows = new Float64Array(RecentFlows.WINDOW * WIDTH);
  private readonly spans = new Int32Array(RecentFlows.WINDOW);
  private start = 0;
  private count = 0;
  readonly entriesByAge = new Float64Array(DFE_AGE_BANDS.length);
  readonly exitsByReason = new Float64Array(CARE_EXIT_REASONS.length);
  reEntries = 0;
  /** Months the sums cover (0 before the first simulated month). */
  months = 0;

  clear(): void {
    this.start = 0;
    this.count = 0;
    this.sum();
  }

  /** Add a snapshot's flows (`coalesced` = months it covers; month 0, with none, is skipped). */
  add(record: MonthRecord, coalesced: number): void {
    if (coalesced < 1) return;
    let slot: number;
    if (this.count < RecentFlows.WINDOW) {
      slot = (this.start + this.count) % RecentFlows.WINDOW;
      this.count++;
    } else {
      // Full: the oldest row makes way.
      slot = this.start;
      this.start = (this.start + 1) % RecentFlows.WINDOW;
    }
    const at = slot * WIDTH;
    for (let b = 0; b < DFE_AGE_BANDS.length; b++) this.rows[at + ENTRY_AT + b] = record.careEntriesByAge[DFE_AGE_BANDS[b]];
    for (let r = 0; r < CARE_EXIT_REASONS.length; r++) this.rows[at + EXIT_AT + r] = record.careExitsByReason[CARE_EXIT_REASONS[r]];
    this.rows[at + RE_ENTRY_AT] = record.careReEntries;
    this.spans[slot] = coalesced;
    this.sum();
  }

  /** Sum the newest rows until they cover a year. */
  private sum(): void {
    this.entriesByAge.fill(0);
    this.exitsByReason.fill(0);
    this.reEntries = 0;
    this.months = 0;
    for (let k = this.count - 1; k >= 0 && this.months < RecentFlows.WINDOW; k--) {
      const slot = (this.start + k) % RecentFlows.WINDOW;
      const at = slot * WIDTH;
      for (let b = 0; b < this.entriesByAge.length; b++) this.entriesByAge[b] += this.rows[at + ENTRY_AT + b];
      for (let r = 0; r < this.exitsByReason.length; r++) this.exitsByReason[r] += this.rows[at + EXIT_AT + r];
      this.reEntries += this.rows[at + RE_ENTRY_AT];
      this.months += this.spans[slot];
    }
  }
}

export type AgeKey = `age_${DfeAgeBand}`;
export type LegalKey = `legal_${LegalStatus}`;
export type CareMixKey = AgeKey | LegalKey;
export const ageKey = (b: DfeAgeBand): AgeKey => `age_${b}`;
export const legalKey = (s: LegalStatus): LegalKey => `legal_${s}`;
const BAND_OF_KEY: Partial<Record<CareMixKey, DfeAgeBand>> = Object.fromEntries(DFE_AGE_BANDS.map((b) => [ageKey(b), b]));
const STATUS_OF_KEY = Object.fromEntries(LEGAL_STATUSES.map((s) => [legalKey(s), s])) as Record<CareMixKey, LegalStatus>;

/** The latest month's stocks of the panels, at the run's scale (the sample's counts). */
export interface LatestCare {
  month: number;
  byAge: Float64Array;
  byLegalStatus: Float64Array;
  uasc: number;
  /** Children in care: the sum over ages (the same as over legal statuses and over placements). */
  inCare: number;
}

/**
 * What the panels show: children in care by age and by legal status over time (whole region:
 * counts divided by the run's `scale`), the latest month's stocks, and the last year's flows.
 */
export class CareMixHistory {
  readonly series = new SeriesTable<CareMixKey>([...DFE_AGE_BANDS.map(ageKey), ...LEGAL_STATUSES.map(legalKey)], HISTORY_MONTHS);
  readonly recent = new RecentFlows();
  readonly latest: LatestCare = {
    month: -1,
    byAge: new Float64Array(DFE_AGE_BANDS.length),
    byLegalStatus: new Float64Array(LEGAL_STATUSES.length),
    uasc: 0,
    inCare: 0,
  };
  scale = 1;
  /** What the figures cover: "whole region", or the council chosen (viz/council-view.ts). */
  area = 'whole region';
  /** Counts the clears: a panel redraws after one even at the month it last showed (another area chosen while paused). */
  generation = 0;

  clear(): void {
    this.generation++;
    this.series.clear();
    this.recent.clear();
    this.latest.month = -1;
    this.latest.byAge.fill(0);
    this.latest.byLegalStatus.fill(0);
    this.latest.uasc = 0;
    this.latest.inCare = 0;
  }

  add(record: MonthRecord, scale: number, coalesced: number): void {
    this.scale = scale;
    const { latest } = this;
    latest.month = record.month;
    latest.inCare = 0;
    for (let b = 0; b < DFE_AGE_BANDS.length; b++) {
      latest.byAge[b] = record.lookedAfterByAge[DFE_AGE_BANDS[b]];
      latest.inCare += latest.byAge[b];
    }
    for (let s = 0; s < LEGAL_STATUSES.length; s++) latest.byLegalStatus[s] = record.lookedAfterByLegalStatus[LEGAL_STATUSES[s]];
    latest.uasc = record.uascLookedAfter;
    this.recent.add(record, coalesced);
    this.series.push(record.month, (key) => {
      const band = BAND_OF_KEY[key];
      return (band ? record.lookedAfterByAge[band] : record.lookedAfterByLegalStatus[STATUS_OF_KEY[key]]) / scale;
    });
  }
}

/** A children-in-care panel: its charts (for lever markers and redraws) and its update. */
export interface CarePanel {
  readonly charts: readonly Chart[];
  /** Show the history's latest month (call when a snapshot arrives; text changes only with the month). */
  update(): void;
}

/** The span the last year's flows cover: "last 12 months", or as long as the newest snapshots cover (a long step is one snapshot). */
export function lastMonths(months: number): string {
  if (months <= 0) return 'none simulated yet';
  return months === 1 ? 'last month' : `last ${formatCount(months)} months`;
}

/** "whole region" (or the council shown), and how a sample was scaled up to it. */
export function regionNote(scale: number, area = 'whole region'): string {
  return scale < 1 ? `${area}, from a 1 in ${formatCount(1 / scale)} sample` : area;
}
