/**
 * Observed history: published series of the pathway's stocks, per 10,000 children aged 0-17, to
 * set beside a run (`scenarios/observed/history.json`). These types are the documentation of the
 * file's format; `validate.ts` checks a parsed file against them.
 */

/** Regions with a series. */
export const OBSERVED_REGIONS = ['north-east', 'england'] as const;
export type ObservedRegion = (typeof OBSERVED_REGIONS)[number];

/**
 * The legend's words for observed points, on the app's canvas charts and the comparison's SVG
 * charts alike. Here, with the other labels, because this module has no imports: the pure SVG
 * renderer takes it without the canvas layer's DOM code or the history file.
 */
export const OBSERVED_LABEL = 'observed (DfE)';

export const REGION_LABELS: Record<ObservedRegion, string> = { 'north-east': 'North East', england: 'England' };

/**
 * What a series counts. The first three are counts at 31 March, comparable with a run's record of a
 * March (`date` "YYYY-03"). `childrenInNeedDuringYear` counts children in need at any point of the
 * year ending 31 March: a different measure (DOMAIN.md), kept apart and never compared with a run.
 */
export const OBSERVED_MEASURES = ['lookedAfter', 'childProtection', 'childrenInNeed', 'childrenInNeedDuringYear'] as const;
export type ObservedMeasure = (typeof OBSERVED_MEASURES)[number];

/** The measures a run's March record can be compared with (see `sim/measures.ts`). */
export const COMPARABLE_MEASURES = ['lookedAfter', 'childProtection', 'childrenInNeed'] as const;
export type ComparableMeasure = (typeof COMPARABLE_MEASURES)[number];

export const MEASURE_LABELS: Record<ObservedMeasure, string> = {
  lookedAfter: 'Children looked after at 31 March',
  childProtection: 'Children on child protection plans at 31 March',
  childrenInNeed: 'Children in need at 31 March (DfE: CP and looked after included)',
  childrenInNeedDuringYear: 'Children in need at any point in the year to 31 March',
};

/** Short names of the comparable measures, for table columns. */
export const MEASURE_SHORT_NAMES: Record<ComparableMeasure, string> = {
  lookedAfter: 'looked after',
  childProtection: 'CP plans',
  childrenInNeed: 'children in need',
};

/**
 * How a figure came about:
 * - `published`: as printed by its source (DfE, or a report quoting DfE's table);
 * - `approximate`: a source gives it only roughly ("about 95"); shown, but read it as such;
 * - `derived`: computed from published figures; `derivation` says how. Never presented as published.
 */
export type FigureKind = 'published' | 'approximate' | 'derived';

export interface ObservedSource {
  /** e.g. "Department for Education" */
  publisher: string;
  /** publication and table, e.g. "Characteristics of children in need: 2017 to 2018, main tables, Table D1" */
  title: string;
  /** year of publication */
  year: number;
  url?: string;
  /** where the figure was read when not in the publication itself (a report quoting it), or a caveat */
  note?: string;
}

/** One year of a series: `value` null is a gap (not published, or not found), never filled in. */
export interface ObservedPoint {
  /** the 31 March of this year (a stock), or the year ending 31 March (`childrenInNeedDuringYear`) */
  year: number;
  /** rate per 10,000 children aged 0-17, or null for a gap */
  value: number | null;
  /** key into `sources`; required for every figure, absent for a gap */
  source?: string;
  /** required for every figure */
  kind?: FigureKind;
  /** required for `derived`: the figures and the arithmetic */
  derivation?: string;
  note?: string;
}

export interface ObservedSeries {
  /** `<region>.<measure>`, e.g. "north-east.lookedAfter" */
  id: string;
  region: ObservedRegion;
  measure: ObservedMeasure;
  /** years in increasing order, each once */
  points: ObservedPoint[];
}

export interface ObservedHistory {
  description: string;
  unit: 'per 10,000 children aged 0-17';
  sources: Record<string, ObservedSource>;
  series: ObservedSeries[];
}
