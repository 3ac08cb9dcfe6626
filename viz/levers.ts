/**
 * The lever panel: sliders and toggles for the main policy levers, plus a free-form "any lever"
 * form for advanced users. Each change is handed to `onChange(path, value)`, which asks the worker
 * (`setLever`) and says whether it was accepted; a refused value puts the control back.
 *
 * Values are in the scenario's own units (full-scale pounds, places, shares), so what the panel
 * shows is what the lever timeline exports and the CLI reads.
 */
import type { Scenario } from '../sim/scenario/schema';
import { formatCount, formatPercent, formatPounds } from './format';

/** Resolves to true when the worker accepted the value. */
export type LeverHandler = (path: string, value: unknown) => Promise<boolean>;

interface RangeSpec {
  kind: 'range';
  path: string;
  label: string;
  hint: string;
  format: (v: number) => string;
  /** Slider bounds from the scenario's own value, so every scenario gets a usable range. */
  bounds: (current: number) => { min: number; max: number; step: number };
  integer?: boolean;
}

interface ToggleSpec {
  kind: 'toggle';
  path: string;
  label: string;
  hint: string;
}

type LeverSpec = RangeSpec | ToggleSpec;

/** 1, 2, 5 × 10^k at or above v: slider ends that read well. */
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const scaledUp = (atLeast: number) => (current: number) => {
  const max = niceCeil(Math.max(current * 3, atLeast));
  return { min: 0, max, step: Math.max(1, max / 200) };
};
const wholeScaledUp = (atLeast: number) => (current: number) => {
  const max = niceCeil(Math.max(current * 3, atLeast));
  return { min: 0, max, step: 1 };
};
const share = (max: number) => () => ({ min: 0, max, step: 0.01 });

export const MAIN_LEVERS: readonly LeverSpec[] = [
  {
    kind: 'range',
    path: 'policy.earlyHelp.budgetPerYear',
    label: 'Early-help budget',
    hint: 'pounds a year, whole region',
    format: (v) => `${formatPounds(v)} a year`,
    bounds: scaledUp(1_000_000),
  },
  {
    kind: 'toggle',
    path: 'policy.earlyHelp.statutoryDuty',
    label: 'Statutory early-help duty',
    hint: 'every eligible family gets help, whatever the budget',
  },
  {
    kind: 'range',
    path: 'policy.childPovertyReduction',
    label: 'Child poverty',
    hint: 'change in the long-run child-poverty rate: left a rise, right a fall',
    format: (v) => (v === 0 ? 'as now' : v > 0 ? `${formatPercent(v)} lower` : `${formatPercent(-v)} higher`),
    bounds: () => ({ min: -0.5, max: 0.6, step: 0.01 }),
  },
  {
    kind: 'range',
    path: 'policy.councilHomes.targetPlaces',
    label: 'Council-run home places',
    hint: 'places the council plans to run',
    format: (v) => `${formatCount(v)} places`,
    bounds: wholeScaledUp(50),
    integer: true,
  },
  {
    kind: 'toggle',
    path: 'policy.profitCap.enabled',
    label: 'Profit cap on providers',
    hint: 'limit providers\u2019 operating margin',
  },
  {
    kind: 'range',
    path: 'policy.profitCap.maxMargin',
    label: 'Highest margin allowed',
    hint: 'share of providers\u2019 cost, when the cap applies',
    format: formatPercent,
    bounds: share(0.5),
  },
  {
    kind: 'range',
    path: 'policy.fosterRecruitment.extraPlacesPerYear',
    label: 'Foster-carer recruitment',
    hint: 'extra in-house foster places a year',
    format: (v) => `${formatCount(v)} a year`,
    bounds: wholeScaledUp(100),
    integer: true,
  },
  {
    kind: 'range',
    path: 'practice.careEntryRatio',
    label: 'Threshold for care (practice)',
    hint: 'entries to care by every route, times this: above 1 a lower threshold',
    format: (v) => `\u00d7${v.toFixed(2)}`,
    bounds: () => ({ min: 0.4, max: 2, step: 0.05 }),
  },
  {
    kind: 'range',
    path: 'legalStatus.section20ShareAtEntry.age10plus',
    label: 'Section 20 at entry, aged 10+',
    hint: 'share accommodated by agreement rather than on an order',
    format: formatPercent,
    bounds: share(1),
  },
  {
    kind: 'range',
    path: 'courts.proceedingsWeeks',
    label: 'Care proceedings',
    hint: 'average weeks from application to order (26 is the legal limit)',
    format: (v) => `${formatCount(v)} weeks`,
    bounds: () => ({ min: 13, max: 80, step: 1 }),
    integer: true,
  },
  {
    kind: 'range',
    path: 'uasc.arrivalsPerYear',
    label: 'Unaccompanied children arriving',
    hint: 'taken into care a year, whole region (National Transfer Scheme)',
    format: (v) => `${formatCount(v)} a year`,
    bounds: wholeScaledUp(500),
    integer: true,
  },
];

export function readPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** What the free-form value box means: JSON where it parses (numbers, true, null), else the text. */
export function parseLeverInput(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return trimmed;
  }
}

export interface LeverPanel {
  /** Show a scenario's values (on load and reset); applied lever changes come after via `show`. */
  setScenario(scenario: Scenario): void;
  /** Reflect a value set elsewhere (a lever timeline entry) without asking the worker again. */
  show(path: string, value: unknown): void;
  setEnabled(enabled: boolean): void;
}

interface Control {
  spec: LeverSpec;
  input: HTMLInputElement;
  output?: HTMLOutputElement;
  /** Last value the worker accepted, to put back after a refusal. */
  good: unknown;
}

let idCounter = 0;

export function createLeverPanel(host: HTMLElement, onChange: LeverHandler): LeverPanel {
  const controls: Control[] = [];
  const list = document.createElement('div');
  list.className = 'lever-list';
  host.append(list);

  for (const spec of MAIN_LEVERS) {
    const id = `lever-${++idCounter}`;
    const wrap = document.createElement('div');
    wrap.className = `lever lever-${spec.kind}`;
    const input = document.createElement('input');
    input.id = id;
    input.dataset.path = spec.path;
    const label = document.createElement('label');
    label.htmlFor = id;
    const hint = document.createElement('span');
    hint.className = 'lever-hint';
    hint.id = `${id}-hint`;
    hint.textContent = spec.hint;
    input.setAttribute('aria-describedby', hint.id);
    const control: Control = { spec, input, good: undefined };
    if (spec.kind === 'range') {
      input.type = 'range';
      const name = document.createElement('span');
      name.className = 'lever-name';
      name.textContent = spec.label;
      const output = document.createElement('output');
      output.htmlFor.add(id);
      output.className = 'lever-value';
      control.output = output;
      label.append(name, output);
      wrap.append(label, input, hint);
      input.addEventListener('input', () => {
        output.textContent = spec.format(Number(input.value));
        input.setAttribute('aria-valuetext', output.textContent);
      });
    } else {
      input.type = 'checkbox';
      input.setAttribute('role', 'switch');
      // Space plays and pauses everywhere (controls.ts), so Enter flips a focused switch.
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          input.click();
        }
      });
      const name = document.createElement('span');
      name.className = 'lever-name';
      name.textContent = spec.label;
      label.append(input, name);
      wrap.append(label, hint);
    }
    // `change`, not `input`: one lever change (and one chart marker) per release or key press,
    // not one per pixel dragged.
    input.addEventListener('change', () => {
      // The change is made: give the keys back to the run (Space plays, → steps), as the trainer expects.
      if (spec.kind === 'range') input.blur();
      const value = spec.kind === 'toggle' ? input.checked : Number(input.value);
      void onChange(spec.path, value).then((accepted) => {
        if (accepted) control.good = value;
        else show(control, control.good);
      });
    });
    list.append(wrap);
    controls.push(control);
  }

  function show(control: Control, value: unknown): void {
    control.good = value;
    const { spec, input, output } = control;
    if (spec.kind === 'toggle') {
      input.checked = value === true;
      return;
    }
    const n = typeof value === 'number' ? value : Number.NaN;
    if (!Number.isFinite(n)) return;
    // Widen the range if a value arrives from beyond it (e.g. typed in the free-form box).
    if (n > Number(input.max)) input.max = String(spec.bounds(n).max);
    input.value = String(n);
    if (output) {
      output.textContent = spec.format(n);
      input.setAttribute('aria-valuetext', output.textContent);
    }
  }

  host.append(createFreeForm(onChange));

  return {
    setScenario(scenario) {
      for (const control of controls) {
        const value = readPath(scenario, control.spec.path);
        if (control.spec.kind === 'range' && typeof value === 'number') {
          const b = control.spec.bounds(value);
          control.input.min = String(b.min);
          control.input.max = String(b.max);
          control.input.step = String(b.step);
        }
        show(control, value);
      }
    },
    show(path, value) {
      for (const control of controls) if (control.spec.path === path) show(control, value);
    },
    setEnabled(enabled) {
      for (const control of controls) control.input.disabled = !enabled;
    },
  };
}

/** "Any lever": a path into the scenario and a value, for levers without a slider. */

/** A text input with its label, not spell-checked (paths and numbers). */
function labelledTextInput(labelText: string, name: string, placeholder: string): [HTMLLabelElement, HTMLInputElement] {
  const id = `lever-${++idCounter}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = labelText;
  const input = document.createElement('input');
  input.id = id;
  input.name = name;
  input.type = 'text';
  input.spellcheck = false;
  input.autocomplete = 'off';
  input.placeholder = placeholder;
  return [label, input];
}

function createFreeForm(onChange: LeverHandler): HTMLElement {
  const details = document.createElement('details');
  details.className = 'lever-any';
  const summary = document.createElement('summary');
  summary.textContent = 'Set any lever';
  const form = document.createElement('form');
  form.noValidate = true;
  const [pathLabel, path] = labelledTextInput('Lever path', 'path', 'policy.earlyHelp.budgetPerYear');
  path.value = 'policy.earlyHelp.budgetPerYear';
  const [valueLabel, value] = labelledTextInput('Value', 'value', 'e.g. 5000000, true, 0.1');
  const apply = document.createElement('button');
  apply.type = 'submit';
  apply.textContent = 'Apply lever';
  form.append(pathLabel, path, valueLabel, value, apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void onChange(path.value.trim(), parseLeverInput(value.value));
  });
  details.append(summary, form);
  return details;
}
