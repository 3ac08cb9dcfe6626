/**
 * The recap at the end of a workshop: the choices made and what each did to children in care,
 * child protection plans and spend, against the same seed without it (the run with every other
 * choice but that one, in a helper worker, one run after another). One page when printed.
 */
import type { MonthRecord, Scenario } from '../../sim/worker/contract';
import { choiceLevers, recapRows, type ChoicesMade, type RecapRow } from '../../sim/workshop/script';
import { formatCount, formatPounds } from '../format';
import { createSimulationClient } from '../worker-client';
import { el } from './dom';

export interface RecapInput {
  fileName: string;
  text: string;
  seed: number;
  scenario: Scenario;
  choices: ChoicesMade;
  /** the run on show, month 0 to the workshop's end */
  records: MonthRecord[];
}

/** The recap's rows, or why it could not be made. */
export async function computeRecap(input: RecapInput, onProgress: (done: number, total: number) => void): Promise<RecapRow[] | string> {
  const workshop = input.scenario.workshop;
  if (!workshop) return 'this scenario has no workshop';
  const without = new Map<number, MonthRecord[]>();
  const steps = workshop.steps.flatMap((_, k) => (input.choices[k] !== null && input.choices[k] !== undefined ? [k] : []));
  const client = createSimulationClient({ onSnapshot: (snapshot) => snapshot.view });
  try {
    for (const [done, k] of steps.entries()) {
      onProgress(done, steps.length);
      const levers = choiceLevers(workshop, input.choices, { omit: k });
      const loaded = await client.load({ fileName: input.fileName, text: input.text, seed: input.seed, levers });
      if (!loaded.ok) return loaded.error.message;
      const stepped = await client.step(workshop.months);
      if (!stepped.ok) return stepped.error.message;
      const records = await client.records();
      if (!records.ok) return records.error.message;
      without.set(k, records.value);
    }
  } finally {
    client.dispose();
  }
  onProgress(steps.length, steps.length);
  return recapRows(input.scenario, input.choices, input.records, (k) => without.get(k) ?? input.records);
}

const signed = (n: number, format: (v: number) => string): string => (n > 0 ? `+${format(n)}` : n < 0 ? `−${format(-n)}` : '0');

function cell(tag: 'td' | 'th', text: string, attrs: Record<string, string> = {}): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.textContent = text;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** The recap as a table: one row per choice, each outcome with it, without it and the difference. */
export function renderRecap(host: HTMLElement, title: string, months: number, seed: number, rows: readonly RecapRow[]): void {
  host.replaceChildren();
  const h = document.createElement('h2');
  h.textContent = `Recap: ${title}`;
  const note = document.createElement('p');
  note.className = 'recap-note';
  note.textContent =
    rows.length === 0
      ? 'No option was chosen at any step.'
      : `Each row sets the whole run against the same run without that one choice (every other choice kept, the same children and the same luck: seed ${seed}), at month ${months}. Counts and pounds are for the whole region; spend is from the month after the choice to the end.`;
  host.append(h, note);
  if (rows.length === 0) return;
  const table = document.createElement('table');
  table.className = 'recap-table';
  const head = document.createElement('tr');
  for (const t of ['Step', 'Choice', 'Children in care', 'On CP plans', 'Spend after the choice']) head.append(cell('th', t, { scope: 'col' }));
  table.createTHead().append(head);
  const body = table.createTBody();
  for (const row of rows) {
    const tr = document.createElement('tr');
    tr.dataset.step = String(row.step);
    tr.append(cell('th', `${row.title} (month ${row.month})`, { scope: 'row' }), cell('td', row.choice));
    for (const [key, outcome, format] of [
      ['care', row.care, (v: number) => formatCount(Math.round(v))],
      ['cp', row.cp, (v: number) => formatCount(Math.round(v))],
      ['spend', row.spend, formatPounds],
    ] as const) {
      const diff = outcome.with - outcome.without;
      const td = cell('td', '', { 'data-outcome': key, 'data-with': String(outcome.with), 'data-without': String(outcome.without), 'data-value': String(diff) });
      const strong = document.createElement('strong');
      strong.textContent = signed(diff, format);
      td.append(strong, document.createElement('br'), `${format(outcome.with)} with, ${format(outcome.without)} without`);
      tr.append(td);
    }
    body.append(tr);
  }
  host.append(table);
}

/**
 * Computes the recap into `host`, saying progress as the runs go (several seconds in a large
 * region), then the table or why it could not be made.
 */
export async function showRecapIn(host: HTMLElement, input: RecapInput, title: string, months: number): Promise<void> {
  host.hidden = false;
  host.replaceChildren(el('p', 'recap-note', 'Working out what each choice did, against the same seed without it…'));
  const rows = await computeRecap(input, (done, total) => {
    host.firstElementChild!.textContent = `Working out what each choice did: ${done} of ${total} runs…`;
  });
  if (typeof rows === 'string') {
    host.replaceChildren(el('p', 'recap-note', `The recap could not be made: ${rows}`));
  } else {
    renderRecap(host, title, months, input.seed, rows);
    host.dataset.testid = 'recap';
    host.dataset.rows = String(rows.length);
  }
}
