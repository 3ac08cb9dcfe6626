/**
 * The comparison form: A and B (shipped scenarios, opened files, the live run), seeds, months,
 * first seed and scale, each a labelled control reachable with Tab; Enter in any field runs.
 */
import type { ComparisonSettings, SideSource } from '../../sim/comparison/request';
import { DEFAULT_COMPARISON_SCALE, DEFAULT_SETTINGS, LIMITS } from '../../sim/comparison/request';
import { labelled, type ScenarioChoice } from '../controls';
import { UNCERTAINTY_DEFAULTS } from '../../sim/uncertainty/analysis';
import { hiddenFileInput } from './files';
import { visibleText } from '../../sim/text/bidi';

export interface CompareForm {
  readonly element: HTMLFormElement;
  /** Add (or replace) a choice for both pickers, e.g. an opened file or the live run; returns its key. */
  addChoice(key: string, label: string, source: SideSource): string;
  select(side: 'a' | 'b', key: string): void;
  /** `uncertainty`: the draws asked for, or null when the option is off */
  read(): { a: SideSource; b: SideSource; settings: ComparisonSettings; uncertainty: { draws: number } | null } | { problems: string[] };
  write(settings: ComparisonSettings): void;
  setBusy(busy: boolean): void;
}

export interface FormHandlers {
  run(): void;
  openFile(side: 'a' | 'b', file: File): void;
}

export const SCALES = [1, 0.5, 0.25, 0.1, 0.05] as const;
export const FORM_DEFAULT_SCALE = DEFAULT_COMPARISON_SCALE;

function field(label: string, control: HTMLElement, id: string, hint?: string): HTMLElement {
  const wrap = labelled(label, control, id);
  if (hint) {
    const small = document.createElement('small');
    small.id = `${id}-hint`;
    small.textContent = hint;
    control.setAttribute('aria-describedby', small.id);
    wrap.append(small);
  }
  return wrap;
}

function fieldset(className: string, legendText: string, ...fields: HTMLElement[]): HTMLFieldSetElement {
  const box = document.createElement('fieldset');
  box.className = className;
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  box.append(legend, ...fields);
  return box;
}

function numberInput(min: number, max: number, value: number): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'number';
  input.min = String(min);
  input.max = String(max);
  input.step = '1';
  input.value = String(value);
  input.required = true;
  return input;
}

export function createCompareForm(shipped: readonly ScenarioChoice[], handlers: FormHandlers): CompareForm {
  const form = document.createElement('form');
  form.className = 'compare-form';
  form.setAttribute('aria-label', 'What to compare');
  const sources = new Map<string, SideSource>();
  const pickers = { a: document.createElement('select'), b: document.createElement('select') };
  const groups = { a: document.createElement('optgroup'), b: document.createElement('optgroup') };
  const extras = { a: document.createElement('optgroup'), b: document.createElement('optgroup') };
  for (const side of ['a', 'b'] as const) {
    groups[side].label = 'Shipped scenarios';
    extras[side].label = 'Opened and live';
    for (const s of shipped) groups[side].append(new Option(s.name, `shipped:${s.id}`));
    pickers[side].append(groups[side], extras[side]);
  }
  for (const s of shipped) sources.set(`shipped:${s.id}`, { origin: { kind: 'shipped', id: s.id }, levers: [] });

  const sidePanel = (side: 'a' | 'b', title: string) => {
    const box = document.createElement('fieldset');
    box.className = `side side-${side}`;
    const legend = document.createElement('legend');
    legend.textContent = title;
    const file = hiddenFileInput((f) => handlers.openFile(side, f));
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'secondary';
    open.textContent = 'Open file…';
    open.setAttribute('aria-label', `Open a scenario file for ${side.toUpperCase()}`);
    open.addEventListener('click', () => file.click());
    box.append(legend, field('Scenario', pickers[side], `compare-${side}`), open, file);
    return box;
  };

  const runs = numberInput(LIMITS.runs.min, LIMITS.runs.max, DEFAULT_SETTINGS.runs);
  const months = numberInput(LIMITS.months.min, LIMITS.months.max, DEFAULT_SETTINGS.months);
  const seed = numberInput(LIMITS.seed.min, LIMITS.seed.max, DEFAULT_SETTINGS.seed);
  const scale = document.createElement('select');
  for (const s of SCALES) scale.append(new Option(s === 1 ? 'Whole region (1)' : `${s * 100}% sample (${s})`, String(s), false, s === FORM_DEFAULT_SCALE));
  scale.append(new Option('Each scenario\u2019s own', 'own'));
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.className = 'primary';
  submit.textContent = 'Run comparison';

  const settings = fieldset(
    'settings',
    'Runs',
    field('Seeds', runs, 'compare-runs', 'paired: A and B use the same seeds'),
    field('Months', months, 'compare-months', '120 = ten years'),
    field('First seed', seed, 'compare-seed'),
    field('Scale', scale, 'compare-scale', 'share of children simulated; pounds are scaled up'),
  );
  // Off by default: it multiplies the comparison's runs (the hint says by how much).
  const uncertain = document.createElement('input');
  uncertain.type = 'checkbox';
  const draws = numberInput(2, 200, UNCERTAINTY_DEFAULTS.draws);
  const rests = fieldset(
    'settings uncertainty-settings',
    'Uncertainty',
    field(
      'Also test the answers against the stated ranges',
      uncertain,
      'compare-uncertainty-on',
      `after the seeds: 2 runs a draw, 4 a tornado parameter (up to ${UNCERTAINTY_DEFAULTS.tornadoMax}) and seed, a screen when there are more, and re-calibration: hundreds of runs`,
    ),
    field('Draws', draws, 'compare-draws', 'ensemble of the uncertain parameters'),
  );
  form.append(sidePanel('a', 'A (the comparison point)'), sidePanel('b', 'B (the option)'), settings, rests, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    handlers.run();
  });

  const whole = (input: HTMLInputElement, name: string, problems: string[]): number => {
    const v = Number(input.value);
    if (!input.checkValidity() || !Number.isInteger(v)) problems.push(`${name}: expected a whole number from ${input.min} to ${input.max}, found ${JSON.stringify(input.value)}`);
    return v;
  };

  const api: CompareForm = {
    element: form,
    addChoice(key, label, source) {
      sources.set(key, source);
      for (const side of ['a', 'b'] as const) {
        const existing = [...pickers[side].options].find((o) => o.value === key);
        if (existing) existing.textContent = visibleText(label);
        else extras[side].append(new Option(visibleText(label), key));
      }
      return key;
    },
    select(side, key) {
      pickers[side].value = key;
    },
    read() {
      const problems: string[] = [];
      const settingsValue: ComparisonSettings = {
        runs: whole(runs, 'Seeds', problems),
        months: whole(months, 'Months', problems),
        seed: whole(seed, 'First seed', problems),
        scale: scale.value === 'own' ? null : Number(scale.value),
        horizons: null,
      };
      const a = sources.get(pickers.a.value);
      const b = sources.get(pickers.b.value);
      if (!a || !b) problems.push('Choose a scenario for A and for B.');
      const uncertainty = uncertain.checked ? { draws: whole(draws, 'Draws', problems) } : null;
      if (problems.length > 0 || !a || !b) return { problems };
      return { a, b, settings: settingsValue, uncertainty };
    },
    write(s) {
      runs.value = String(s.runs);
      months.value = String(s.months);
      seed.value = String(s.seed);
      const wanted = s.scale === null ? 'own' : String(s.scale);
      if (![...scale.options].some((o) => o.value === wanted)) scale.append(new Option(`${s.scale} (from the link)`, wanted));
      scale.value = wanted;
    },
    setBusy(busy) {
      submit.disabled = busy;
    },
  };
  return api;
}
