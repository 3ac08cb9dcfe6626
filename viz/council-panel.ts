/**
 * Councils in the single-run view: the "Council" picker in the header (what the charts, tables and
 * figures read: viz/council-view.ts) and the small multiples, a table of the councils side by side
 * with a sparkline each, shown by the "Councils" button. Both are hidden for a scenario without
 * councils. The map keeps drawing the whole region, and its caption says so.
 */
import { labelled } from './controls';
import { formatRate } from './format';
import type { MonthRecord } from '../sim/records';
import { areaOptions, councilRows, keptChoice, REGION, sparkPath, SPARK_HEIGHT, SPARK_WIDTH, type CouncilRow } from './council-view';

export interface CouncilsUi {
  /** A scenario was loaded: its councils (or none); the choice is kept when the scenario has it. */
  setScenario(councils: readonly { code: string; name: string }[] | undefined): void;
  /** Show the small multiples for the snapshots received so far (nothing to do while they are closed). */
  showRun(rows: readonly { record: MonthRecord }[]): void;
}

export interface CouncilsUiHosts {
  /** In the header: the picker and the button. */
  picker: HTMLElement;
  /** The map's caption ("Map: whole region"). */
  mapCaption: HTMLElement;
  /** The small multiples' section. */
  panel: HTMLElement;
}

const SVG = 'http://www.w3.org/2000/svg';

/** What the sparkline shows, for a screen reader: where the rate started and where it is now. */
function sparkText(values: readonly number[]): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return 'no months yet';
  return `from ${formatRate(finite[0])} to ${formatRate(finite[finite.length - 1])}`;
}

function headerCell(text: string, className = ''): HTMLTableCellElement {
  const th = document.createElement('th');
  th.scope = 'col';
  th.textContent = text;
  if (className) th.className = className;
  return th;
}

export interface CouncilsUiHandlers {
  /** Another area was chosen (or the chosen council is not in the scenario loaded); `name`: the council's, undefined for the region. */
  choose(choice: string, name: string | undefined): void;
  /** The small multiples were opened: show their rows now, even when paused. */
  opened(): void;
}

export function createCouncilsUi(hosts: CouncilsUiHosts, handlers: CouncilsUiHandlers): CouncilsUi {
  const select = document.createElement('select');
  const field = labelled('Council', select, 'council-picker');
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'secondary council-toggle';
  toggle.textContent = 'Councils';
  toggle.setAttribute('aria-controls', hosts.panel.id);
  toggle.setAttribute('aria-expanded', 'false');
  toggle.title = 'Show the councils side by side';
  hosts.picker.append(field, toggle);

  const heading = document.createElement('h2');
  heading.id = 'council-panel-heading';
  heading.textContent = 'Councils side by side';
  const note = document.createElement('p');
  note.className = 'panel-note';
  note.textContent =
    'Each council now (per 10,000 of its own children), the share of its children in children\u2019s homes (council-run and private) who live outside the council, and its looked-after rate over the run so far.';
  const table = document.createElement('table');
  table.className = 'council-table';
  table.dataset.table = 'councils';
  const caption = document.createElement('caption');
  caption.textContent = 'Councils of the region this month';
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  headRow.append(headerCell('Council'), headerCell('Looked after per 10,000', 'num'), headerCell('CP plans per 10,000', 'num'), headerCell('In children\u2019s homes outside the council', 'num'), headerCell('Looked after per 10,000 over the run'));
  head.append(headRow);
  const body = document.createElement('tbody');
  table.append(caption, head, body);
  hosts.panel.setAttribute('aria-labelledby', heading.id);
  hosts.panel.append(heading, note, table);

  let choice = REGION;
  let open = false;
  let names = new Map<string, string>();
  let councils: readonly { code: string; name: string }[] = [];
  const choose = (value: string): void => {
    choice = value;
    const name = value === REGION ? undefined : names.get(value);
    hosts.mapCaption.textContent = name ? `Map: whole region. Charts, tables and figures: ${name}.` : 'Map: whole region';
    handlers.choose(value, name);
  };
  const setOpen = (value: boolean): void => {
    open = value;
    hosts.panel.hidden = !value;
    toggle.setAttribute('aria-expanded', String(value));
  };
  toggle.addEventListener('click', () => {
    setOpen(!open);
    if (!open) return;
    handlers.opened();
    hosts.panel.scrollIntoView({ block: 'nearest' });
  });
  select.addEventListener('change', () => choose(select.value));

  return {
    setScenario(list) {
      councils = list ?? [];
      const options = areaOptions(list);
      names = new Map(options.map((o) => [o.value, o.label]));
      const has = options.length > 0;
      select.replaceChildren(
        ...options.map((o) => {
          const el = document.createElement('option');
          el.value = o.value;
          el.textContent = o.label;
          return el;
        }),
      );
      const kept = keptChoice(choice, options);
      select.value = kept;
      hosts.picker.hidden = !has;
      hosts.mapCaption.hidden = !has;
      if (!has) setOpen(false);
      body.replaceChildren();
      if (kept !== choice) choose(kept);
    },
    showRun(received) {
      if (open && councils.length > 0) showRows(councilRows(councils, received.map((r) => r.record)));
    },
  };

  function showRows(rows: readonly CouncilRow[]): void {
    body.replaceChildren(
      ...rows.map((row) => {
        const tr = document.createElement('tr');
        tr.dataset.council = row.code;
        const name = document.createElement('th');
        name.scope = 'row';
        name.textContent = row.name;
        const num = (value: number, text: string, key: string): HTMLTableCellElement => {
          const td = document.createElement('td');
          td.className = 'num';
          td.dataset[key] = String(value);
          td.textContent = text;
          return td;
        };
        const spark = document.createElement('td');
        const svg = document.createElementNS(SVG, 'svg');
        svg.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
        svg.setAttribute('width', String(SPARK_WIDTH));
        svg.setAttribute('height', String(SPARK_HEIGHT));
        svg.setAttribute('class', 'sparkline');
        svg.setAttribute('aria-hidden', 'true');
        const path = document.createElementNS(SVG, 'path');
        path.setAttribute('d', sparkPath(row.months, row.lookedAfterSeries));
        svg.append(path);
        const range = document.createElement('span');
        range.className = 'visually-hidden';
        range.textContent = sparkText(row.lookedAfterSeries);
        spark.append(svg, range);
        const outside = Number.isFinite(row.homesOutsidePercent) ? `${formatRate(row.homesOutsidePercent)}%` : 'none in homes';
        tr.append(
          name,
          num(row.lookedAfterPer10k, formatRate(row.lookedAfterPer10k), 'lookedAfter'),
          num(row.childProtectionPer10k, formatRate(row.childProtectionPer10k), 'cp'),
          num(row.homesOutsidePercent, outside, 'homesOutside'),
          spark,
        );
        return tr;
      }),
    );
  }
}
