/**
 * A small table of parts of a whole: one row per part, and for each group of figures (children in
 * care now, entries in the last year, ...) the head count for the whole region and the share in
 * whole percents that add up to 100. It is the text alternative of the stacked charts, readable on
 * a projector and by screen readers, and what the browser tests read: `tr[data-key]`,
 * `td[data-count]` (the record's count, at the run's scale) and `td[data-share]` (exact percent).
 */
import { formatCount } from './format';
import { wholePercents } from './care-mix';

export interface ShareTableOptions {
  caption: string;
  /** Heading of the column that names the parts, e.g. "Age". */
  partHeading: string;
  parts: readonly { key: string; label: string }[];
  /** Heading of each group's count column; its share column is headed "Share". */
  groups: readonly string[];
  /** Name of the table, for the panel's tests and styles: `data-table`. */
  name: string;
}

export interface ShareTable {
  readonly element: HTMLTableElement;
  setCaption(text: string): void;
  setGroupHeading(group: number, text: string): void;
  /** Show a group's counts (at the run's scale): region counts are `count / scale`. */
  show(group: number, counts: ArrayLike<number>, scale: number): void;
}

function th(text: string, scope: 'col' | 'row', className = ''): HTMLTableCellElement {
  const el = document.createElement('th');
  el.scope = scope;
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

function td(): HTMLTableCellElement {
  const el = document.createElement('td');
  el.className = 'num';
  el.textContent = '–';
  return el;
}

export function createShareTable(host: HTMLElement, options: ShareTableOptions): ShareTable {
  const { parts, groups } = options;
  const table = document.createElement('table');
  table.className = 'share-table';
  table.dataset.table = options.name;
  const caption = document.createElement('caption');
  caption.textContent = options.caption;
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  headRow.append(th(options.partHeading, 'col'));
  const groupHeads = groups.map((text) => {
    const heading = th(text, 'col', 'num');
    headRow.append(heading, th('Share', 'col', 'num'));
    return heading;
  });
  head.append(headRow);

  const body = document.createElement('tbody');
  // cells[group][part]: the count and the share cell of each part in each group.
  const counts: HTMLTableCellElement[][] = groups.map(() => []);
  const shares: HTMLTableCellElement[][] = groups.map(() => []);
  for (const part of parts) {
    const tr = document.createElement('tr');
    tr.dataset.key = part.key;
    tr.append(th(part.label, 'row'));
    groups.forEach((_, g) => {
      const count = td();
      const share = td();
      count.dataset.group = String(g);
      share.dataset.group = String(g);
      counts[g].push(count);
      shares[g].push(share);
      tr.append(count, share);
    });
    body.append(tr);
  }
  const foot = document.createElement('tfoot');
  const totalRow = document.createElement('tr');
  totalRow.append(th('All', 'row'));
  const totals = groups.map(() => {
    const count = td();
    const share = td();
    totalRow.append(count, share);
    return { count, share };
  });
  foot.append(totalRow);
  table.append(caption, head, body, foot);
  host.append(table);

  // Scratch arrays for the shares, reused at every update.
  const whole = new Float64Array(parts.length);
  const exact = new Float64Array(parts.length);

  return {
    element: table,
    setCaption(text) {
      caption.textContent = text;
    },
    setGroupHeading(group, text) {
      groupHeads[group].textContent = text;
    },
    show(group, values, scale) {
      wholePercents(values, whole, exact);
      let total = 0;
      for (let i = 0; i < parts.length; i++) total += values[i];
      for (let i = 0; i < parts.length; i++) {
        counts[group][i].dataset.count = String(values[i]);
        counts[group][i].textContent = formatCount(values[i] / scale);
        shares[group][i].dataset.share = String(exact[i]);
        // With nobody in the group there are no shares to show.
        shares[group][i].textContent = total > 0 ? `${whole[i]}%` : '–';
      }
      totals[group].count.dataset.count = String(total);
      totals[group].count.textContent = formatCount(total / scale);
      totals[group].share.textContent = total > 0 ? '100%' : '–';
    },
  };
}
