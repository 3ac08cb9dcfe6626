/**
 * The table view: every figure on the pathway map as an HTML table, for screen readers, for
 * copying into a report, and as the stable surface the browser tests read
 * (`tr[data-state]`, `td[data-count]`).
 */
import { per10k } from '../sim/measures';
import type { MonthRecord } from '../sim/records';
import { SINKS, SOURCES, STATES, type StateId } from '../sim/states';
import { EDGE_LABEL, labelOf, STATE_LABEL } from './labels';
import { formatCount, formatRate } from './format';

interface Row {
  count: HTMLTableCellElement;
  rate: HTMLTableCellElement;
  moveIn: HTMLTableCellElement;
  moveOut: HTMLTableCellElement;
}

export interface StateTable {
  /** `coalesced`: months the record covers; flows are shown per month. */
  update(record: MonthRecord, coalesced: number): void;
  /** Name the council shown in the caption (undefined: the region). */
  setArea(name: string | undefined): void;
}


function cell(tag: 'td' | 'th', text: string, className?: string): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

/** Children moving into and out of each state this period, from the record's `from>to` flows. */
function tallyMoves(flows: Record<string, number>, into: Float64Array, out: Float64Array): void {
  into.fill(0);
  out.fill(0);
  for (const key in flows) {
    const cut = key.indexOf('>');
    const from = STATES.indexOf(key.slice(0, cut) as StateId);
    const to = STATES.indexOf(key.slice(cut + 1) as StateId);
    if (from >= 0) out[from] += flows[key];
    if (to >= 0) into[to] += flows[key];
  }
}

/** A header row of column headings: [text, class] each. */
function headerRow(columns: readonly (readonly [string, string])[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const [text, cls] of columns) {
    const th = cell('th', text, cls || undefined);
    th.scope = 'col';
    tr.append(th);
  }
  return tr;
}

export function createStateTable(host: HTMLElement): StateTable {
  const table = document.createElement('table');
  table.className = 'state-table';
  const caption = document.createElement('caption');
  caption.textContent = 'Children in each part of the pathway (simulated population)';
  const head = document.createElement('thead');
  head.append(
    headerRow([
      ['Part of the pathway', ''],
      ['Children', 'num'],
      ['Per 10,000 children', 'num'],
      ['Moved in this month', 'num'],
      ['Moved out this month', 'num'],
    ]),
  );
  const body = document.createElement('tbody');
  const rows: Row[] = STATES.map((state) => {
    const tr = document.createElement('tr');
    tr.dataset.state = state;
    const name = cell('th', STATE_LABEL[state]);
    name.scope = 'row';
    const row: Row = { count: cell('td', '–', 'num'), rate: cell('td', '–', 'num'), moveIn: cell('td', '–', 'num'), moveOut: cell('td', '–', 'num') };
    row.count.dataset.count = '';
    tr.append(name, row.count, row.rate, row.moveIn, row.moveOut);
    body.append(tr);
    return row;
  });
  // Births and exits are flows, not stocks: the map shows them per month, so does the table.
  const edgeBody = document.createElement('tbody');
  edgeBody.className = 'edge-rows';
  const edgeIds = [...SOURCES, ...SINKS] as const;
  const edgeRows = edgeIds.map((id) => {
    const tr = document.createElement('tr');
    tr.dataset.node = id;
    const name = cell('th', `${EDGE_LABEL[id]}, this month`);
    name.scope = 'row';
    const count = cell('td', '–', 'num');
    const rate = cell('td', '–', 'num');
    tr.append(name, count, rate, cell('td', '', 'num'), cell('td', '', 'num'));
    edgeBody.append(tr);
    return { id, count, rate };
  });
  const foot = document.createElement('tfoot');
  const totalRow = document.createElement('tr');
  totalRow.dataset.state = 'total';
  const totalName = cell('th', 'All children');
  totalName.scope = 'row';
  const totalCount = cell('td', '–', 'num');
  totalRow.append(totalName, totalCount, cell('td', '10,000.0', 'num'), cell('td', '', 'num'), cell('td', '', 'num'));
  foot.append(totalRow);
  table.append(caption, head, body, edgeBody, foot);

  const flowTable = document.createElement('table');
  flowTable.className = 'flow-table';
  const flowCaption = document.createElement('caption');
  flowCaption.textContent = 'Moves between parts of the pathway this month (the map\u2019s edges)';
  const flowHead = document.createElement('thead');
  flowHead.append(
    headerRow([
      ['From', ''],
      ['To', ''],
      ['Children', 'num'],
    ]),
  );
  const flowBody = document.createElement('tbody');
  flowTable.append(flowCaption, flowHead, flowBody);
  host.append(table, flowTable);

  const into = new Float64Array(STATES.length);
  const out = new Float64Array(STATES.length);
  const captionText = caption.textContent;
  return {
    setArea(name) {
      caption.textContent = name ? `${captionText}: ${name}` : captionText;
    },
    update(record, coalesced) {
      const months = Math.max(1, coalesced);
      tallyMoves(record.flows, into, out);
      const rate = (n: number) => (record.children > 0 ? per10k(n, record.children) : NaN);
      for (let i = 0; i < STATES.length; i++) {
        const n = record.stocks[STATES[i]];
        const row = rows[i];
        row.count.dataset.count = String(n);
        row.count.textContent = formatCount(n);
        row.rate.textContent = formatRate(rate(n));
        row.moveIn.textContent = formatCount(into[i] / months);
        row.moveOut.textContent = formatCount(out[i] / months);
      }
      for (const edge of edgeRows) {
        let n = 0;
        for (const key in record.flows) {
          const cut = key.indexOf('>');
          if (key.slice(0, cut) === edge.id || key.slice(cut + 1) === edge.id) n += record.flows[key];
        }
        n /= months;
        edge.count.dataset.count = String(n);
        edge.count.textContent = formatCount(n);
        edge.rate.textContent = formatRate(rate(n));
      }
      const flowRows: HTMLTableRowElement[] = [];
      for (const key in record.flows) {
        const cut = key.indexOf('>');
        const from = key.slice(0, cut);
        const to = key.slice(cut + 1);
        if (from === to) continue;
        const tr = document.createElement('tr');
        tr.dataset.flow = key;
        tr.append(cell('td', labelOf(from)), cell('td', labelOf(to)), cell('td', formatCount(record.flows[key] / months), 'num'));
        flowRows.push(tr);
      }
      flowBody.replaceChildren(...flowRows);
      totalCount.dataset.count = String(record.children);
      totalCount.textContent = formatCount(record.children);
    },
  };
}
