/**
 * "Set any lever": a path into the scenario (a council's too, `councils[<code>].<path>`) and a
 * value, for levers without a slider. Changes go through the lever panel's handler.
 */
/** Resolves to true when the worker accepted the value. */
export type LeverHandler = (path: string, value: unknown) => Promise<boolean>;

let idCounter = 0;

/** What the free-form value box means: JSON where it parses (numbers, true, null), else the text. */
export function parseLeverInput(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return trimmed;
  }
}

/** A text input with its label, not spell-checked (paths and numbers). */
function labelledTextInput(labelText: string, name: string, placeholder: string): [HTMLLabelElement, HTMLInputElement] {
  const id = `lever-any-${++idCounter}`;
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

export function createFreeForm(onChange: LeverHandler): HTMLElement {
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
