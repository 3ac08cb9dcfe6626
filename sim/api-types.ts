/**
 * The worker API contract: what the page can ask of the simulation worker, and what it gets back.
 * `sim/api.ts` implements it; `sim/worker.ts` only exposes it with comlink.
 */
import type { MarketRecord, MonthRecord } from './records';
import type { ValidationIssue } from './scenario/validate';

/** A live policy change: `path` into the scenario (e.g. `policy.earlyHelp.budgetPerYear`). */
export interface LeverChange {
  /** The month whose step first uses the new value (changes made after month m is shown take effect in month m + 1). */
  month: number;
  path: string;
  value: unknown;
}

/** Special state codes in the animation view, besides the state indices of `STATES`. */
export const VIEW_CODE = {
  /** previous code of a child born this month */
  birth: 253,
  /** current code of a slot whose child left the population this month */
  exited: 254,
  /** slot not holding a child */
  empty: 255,
} as const;

/** Per-child animation data for a fixed sample of population slots (typed arrays, sent as transferables). */
export interface AnimationView {
  /** state code now (index into STATES, or a VIEW_CODE) */
  state: Uint8Array;
  /** state code at the start of the snapshot's period */
  prev: Uint8Array;
  /** 1 if the child's family is in poverty */
  poor: Uint8Array;
}

export interface Snapshot {
  /** The month record; when months were coalesced, flows, careExits and spend are summed over `coalesced` months. */
  record: MonthRecord;
  /** How many simulated months this snapshot covers (1 unless the page fell behind). */
  coalesced: number;
  market: MarketRecord;
  scale: number;
  view: AnimationView;
}

export type ApiError =
  | { kind: 'validation'; message: string; issues: ValidationIssue[] }
  | { kind: 'state'; message: string }
  | { kind: 'internal'; message: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
