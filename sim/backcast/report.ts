/**
 * The back-cast's report as the Markdown tables docs/backcast.md holds: the coalitions' runs, the
 * rise split by Shapley value with its spread over orders, and every observed point beside the
 * whole timeline's run. Pure strings, so `npm run backcast` prints what the doc pastes.
 */
import type { GapRow } from '../observed/gaps';
import { MEASURE_SHORT_NAMES } from '../observed/types';
import { GROUP_LABELS, type BackcastGroup } from './groups';
import type { BackcastDecomposition, CoalitionResult } from './decompose';

const fixed = (v: number, signed = false): string => `${signed && v >= 0 ? '+' : ''}${v.toFixed(1)}`;
const percent = (v: number, signed = false): string => `${signed && v >= 0 ? '+' : ''}${v.toFixed(0)}%`;

/** A Markdown table: numbers right-aligned (columns `right`), padded so the text reads as a table too. */
export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string {
  const widths = head.map((h, k) => Math.max(3, h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, k) => (right[k] ? c.padStart(widths[k]) : c.padEnd(widths[k]))).join(' | ')} |`;
  const rule = `|${widths.map((w, k) => (right[k] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

export function coalitionLabel(groups: readonly BackcastGroup[], all: number): string {
  if (groups.length === 0) return 'nothing changes (2009 levers held)';
  if (groups.length === all) return 'whole timeline';
  return `${groups.map((g) => GROUP_LABELS[g].short).join(' + ')} only`;
}

/** The coalitions' runs, the whole timeline first and nothing changing last, then the observed rise. */
export function runsTable(d: BackcastDecomposition, observedRisePercent: number): string {
  const all = d.shapley.shares.length;
  // most groups first; among equals, the coalitions' own order (stable sort)
  const ordered = [...d.coalitions].sort((a, b) => b.groups.length - a.groups.length);
  const row = (c: CoalitionResult) => [coalitionLabel(c.groups, all), fixed(c.start), fixed(c.end), fixed(c.rise, true), percent((c.end / c.start - 1) * 100, true)];
  return markdownTable(
    ['run (timeline changes kept)', 'start', 'March 2020', 'rise', 'rise %'],
    [...ordered.map(row), ['observed (regional care report)', '', '', '', percent(observedRisePercent, true)]],
    [false, true, true, true, true],
  );
}

/** Each group's Shapley share of the rise (whole timeline minus nothing changing), its spread over orders and over seeds. */
export function sharesTable(d: BackcastDecomposition): string {
  const whole = d.shapley.whole;
  const none = d.coalitions[0];
  const rows = d.shapley.shares.map((s, k) => [
    GROUP_LABELS[s.player].long,
    fixed(s.mean, true),
    percent((s.mean / whole) * 100),
    `${fixed(s.min, true)} to ${fixed(s.max, true)}`,
    `±${d.shareStandardErrors[k].toFixed(1)}`,
  ]);
  return markdownTable(
    ['group', 'share of the rise', '% of the rise', `spread over the ${d.shapley.orders} orders`, 's.e. over seeds'],
    [
      ...rows,
      ['whole timeline − nothing changes', fixed(whole, true), '100%', '', ''],
      ['nothing changes (drift, not split)', fixed(none.rise, true), '', '', ''],
    ],
    [false, true, true, true, true],
  );
}

/** Every observed point inside the run beside the model's mean over seeds, with the gap. */
export function observedTable(rows: readonly GapRow[]): string {
  const points = rows.filter((r) => r.observed !== null && r.gap !== null);
  return markdownTable(
    ['31 March', 'measure', 'observed', 'model', 'gap', 'gap %', 'source'],
    points.map((r) => [
      String(r.year),
      MEASURE_SHORT_NAMES[r.measure],
      `${fixed(r.observed ?? 0)}${r.kind && r.kind !== 'published' ? ` (${r.kind})` : ''}`,
      fixed(r.model),
      fixed(r.gap ?? 0, true),
      `${fixed(r.gapPercent ?? 0, true)}%`,
      r.source ?? '',
    ]),
    [false, false, true, true, true, true, false],
  );
}
