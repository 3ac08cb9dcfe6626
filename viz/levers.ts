/**
 * The lever panel: sliders and toggles for the main policy levers, plus a free-form "any lever"
 * form for advanced users. Each change is handed to `onChange(path, value)`, which asks the worker
 * (`setLever`) and says whether it was accepted; a refused value puts the control back.
 *
 * Values are in the scenario's own units (full-scale pounds, places, shares), so what the panel
 * shows is what the lever timeline exports and the CLI reads.
 *
 * For a scenario with councils, "Levers act on" chooses the whole region or one council: the
 * sliders then show that council's effective values and send `councils[<code>].<path>`
 * (viz/council-levers.ts); a lever only the region can set is disabled, its reason in view.
 */
import type { Scenario } from '../sim/scenario/schema';
import { withPath } from '../sim/scenario/paths';
import { formatCount, formatPercent, formatPounds } from './format';
import { labelled } from './controls';
import { areaHint, areaScenario, leverTarget, REGION, type LeverTarget } from './council-levers';
import { createFreeForm, type LeverHandler } from './lever-any';

export { parseLeverInput, type LeverHandler } from './lever-any';

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
  hint: HTMLElement;
  /** Why the area chosen cannot set this lever; empty and hidden when it can. */
  reason: HTMLElement;
  /** The path a change is sent as, for the area chosen. */
  target: LeverTarget;
  /** Last value the worker accepted, to put back after a refusal. */
  good: unknown;
}

let idCounter = 0;

export function createLeverPanel(host: HTMLElement, onChange: LeverHandler): LeverPanel {
  const controls: Control[] = [];
  const areaSelect = document.createElement('select');
  const areaField = labelled('Levers act on', areaSelect, `lever-${++idCounter}`);
  areaField.classList.add('lever-area');
  areaField.hidden = true;
  const list = document.createElement('div');
  list.className = 'lever-list';
  host.append(areaField, list);
  /** The scenario as the run has it now (the load's, then each lever accepted), which the values shown are read from. */
  let scenario: Scenario | undefined;
  let area = REGION;
  let enabled = true;

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
    const reason = document.createElement('span');
    reason.className = 'lever-reason';
    reason.id = `${id}-reason`;
    reason.hidden = true;
    input.setAttribute('aria-describedby', `${hint.id} ${reason.id}`);
    const control: Control = { spec, input, hint, reason, target: { ok: true, path: spec.path }, good: undefined };
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
      wrap.append(label, input, hint, reason);
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
      wrap.append(label, hint, reason);
    }
    // `change`, not `input`: one lever change (and one chart marker) per release or key press,
    // not one per pixel dragged.
    input.addEventListener('change', () => {
      // The change is made: give the keys back to the run (Space plays, → steps), as the trainer expects.
      if (spec.kind === 'range') input.blur();
      const value = spec.kind === 'toggle' ? input.checked : Number(input.value);
      const { target } = control;
      if (!target.ok) return;
      void onChange(target.path, value).then((accepted) => {
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

  /** Show the area's values (and its reasons, for levers it cannot set); `rebound`: slider ends from those values. */
  function refresh(rebound: boolean): void {
    const name = area === REGION ? undefined : [...areaSelect.options].find((o) => o.value === area)?.textContent ?? area;
    const shown = scenario === undefined ? undefined : areaScenario(scenario, area);
    for (const control of controls) {
      const { spec, input } = control;
      control.target = leverTarget(spec.path, area);
      control.hint.textContent = areaHint(spec.hint, name);
      control.reason.textContent = control.target.ok ? '' : control.target.reason;
      control.reason.hidden = control.target.ok;
      input.disabled = !enabled || !control.target.ok;
      if (shown === undefined) continue;
      const value = readPath(shown, spec.path);
      if (rebound && spec.kind === 'range' && typeof value === 'number') {
        const b = spec.bounds(value);
        input.min = String(b.min);
        input.max = String(b.max);
        input.step = String(b.step);
      }
      show(control, value);
    }
  }

  areaSelect.addEventListener('change', () => {
    area = areaSelect.value;
    refresh(true);
  });

  host.append(createFreeForm(onChange));

  return {
    setScenario(next) {
      scenario = next;
      const councils = next.councils ?? [];
      areaSelect.replaceChildren(
        new Option('Whole region', REGION),
        ...councils.map((c) => new Option(c.name, c.code)),
      );
      if (!councils.some((c) => c.code === area)) area = REGION;
      areaSelect.value = area;
      areaField.hidden = councils.length === 0;
      refresh(true);
    },
    show(path, value) {
      // The scenario as changed: a region lever moves every council's share, a council's only its own.
      const changed = scenario === undefined ? undefined : withPath(scenario, path, value);
      if (changed?.ok) {
        scenario = changed.value as Scenario;
        refresh(false);
      } else for (const control of controls) if (control.target.ok && control.target.path === path) show(control, value);
    },
    setEnabled(on) {
      enabled = on;
      areaSelect.disabled = !on;
      for (const control of controls) control.input.disabled = !on || !control.target.ok;
    },
  };
}
