/**
 * A workshop script as runs: the lever changes the choices made so far stand for, the run they
 * give (deterministic: the same scenario, seed and choices give the same months, which is what
 * rewinding to an earlier step relies on), and the recap that sets each choice against the same
 * seed without it. Pure: the app's worker, the CLI-side tests and the browser all use these.
 */
import type { LeverChange } from '../levers';
import { inCare, regionPounds } from '../measures';
import type { MonthRecord } from '../records';
import { runScenario } from '../run';
import type { Scenario } from '../scenario/schema';
import type { Validated } from '../scenario/issues';

export type Workshop = NonNullable<Scenario['workshop']>;
export type WorkshopStep = Workshop['steps'][number];
export type WorkshopChoice = NonNullable<WorkshopStep['choices']>[number];

/** `choices[k]`: the option chosen at step k (0-based), or null where none was (or the step offers none). */
export type ChoicesMade = readonly (number | null)[];

export interface LeverOptions {
  /** only the choices of steps before this index (rewinding to that step) */
  before?: number;
  /** leave out this step's choice (the recap's "without it") */
  omit?: number;
}

/** The lever changes the choices stand for: each option's levers from the month after its step's pause. */
export function choiceLevers(workshop: Workshop, choices: ChoicesMade, options: LeverOptions = {}): LeverChange[] {
  const out: LeverChange[] = [];
  workshop.steps.forEach((step, k) => {
    if (options.before !== undefined && k >= options.before) return;
    if (k === options.omit) return;
    const chosen = choices[k];
    const choice = chosen === null || chosen === undefined ? undefined : step.choices?.[chosen];
    if (!choice) return;
    for (const lever of choice.levers) out.push({ month: step.month + 1, path: lever.path, value: structuredClone(lever.value) });
  });
  return out;
}

/** The workshop's whole run with these choices: month 0 to `workshop.months`. */
export function runWorkshop(scenario: Scenario, seed: number, choices: ChoicesMade, options: LeverOptions = {}): Validated<MonthRecord[]> {
  const workshop = scenario.workshop;
  if (!workshop) return { ok: false, issues: [{ path: 'workshop', expected: 'a workshop script', found: 'none', message: 'workshop: expected a workshop script, found none' }] };
  return runScenario(scenario, { seed, months: workshop.months, levers: choiceLevers(workshop, choices, options) });
}

/** An outcome with the choice and without it, whole region. */
export interface Outcome {
  with: number;
  without: number;
}

export interface RecapRow {
  step: number;
  title: string;
  month: number;
  choice: string;
  /** children in care at the end of the run */
  care: Outcome;
  /** children on child protection plans at the end of the run */
  cp: Outcome;
  /** spend from the choice's first month to the end of the run, pounds */
  spend: Outcome;
}

/** The steps at which an option was chosen, in order. */
export function chosenSteps(workshop: Workshop, choices: ChoicesMade): number[] {
  return workshop.steps.flatMap((step, k) => {
    const c = choices[k];
    return c !== null && c !== undefined && step.choices?.[c] ? [k] : [];
  });
}

function spendFrom(records: readonly MonthRecord[], firstMonth: number, scale: number): number {
  let pounds = 0;
  for (const r of records) if (r.month >= firstMonth) pounds += r.spendTotal;
  return regionPounds(pounds, scale);
}

/**
 * One row per choice made: the run with every choice (`withAll`) against the run with that one
 * left out (`without(k)`, the same seed), at the run's last month. Counts and pounds are whole
 * region (divided by the scenario's `scale`).
 */
export function recapRows(scenario: Scenario, choices: ChoicesMade, withAll: readonly MonthRecord[], without: (step: number) => readonly MonthRecord[]): RecapRow[] {
  const workshop = scenario.workshop;
  if (!workshop) return [];
  const scale = scenario.population.scale;
  const last = (records: readonly MonthRecord[]): MonthRecord => records[records.length - 1];
  const end = last(withAll);
  return chosenSteps(workshop, choices).map((k) => {
    const step = workshop.steps[k];
    const other = without(k);
    const alt = last(other);
    return {
      step: k,
      title: step.title,
      month: step.month,
      choice: step.choices?.[choices[k] as number]?.label ?? '',
      care: { with: inCare(end.stocks) / scale, without: inCare(alt.stocks) / scale },
      cp: { with: end.stocks.child_protection / scale, without: alt.stocks.child_protection / scale },
      spend: { with: spendFrom(withAll, step.month + 1, scale), without: spendFrom(other, step.month + 1, scale) },
    };
  });
}
