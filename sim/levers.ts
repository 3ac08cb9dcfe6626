/**
 * Lever timelines: `[{ "month": 12, "path": "policy.earlyHelp.budgetPerYear", "value": 5000000 }]`.
 * A timeline makes a live session replayable: the worker records one, the CLI accepts it.
 * Every problem of a timeline is reported at once: its shape, and each change against the scenario.
 */
import { capIssues, describeFound, issue, joinPath, type Validated, type ValidationIssue } from './scenario/issues';
import { parseJson } from './scenario/json';
import { pathProblem, withPath } from './scenario/resolve';
import type { Scenario } from './scenario/schema';
import { validateScenario } from './scenario/validate';

/** A live policy change: `path` into the scenario (e.g. `policy.earlyHelp.budgetPerYear`). */
export interface LeverChange {
  /** The month whose step first uses the new value (changes made after month m is shown take effect in month m + 1). */
  month: number;
  path: string;
  value: unknown;
}

/** Apply a change to a scenario; the result is validated like a scenario file. */
export function applyLever(scenario: Scenario, path: string, value: unknown): Validated<Scenario> {
  const changed = withPath(scenario, path, value);
  if (!changed.ok) return changed;
  return validateScenario(changed.value);
}

/**
 * Paths a lever may change while a run goes on. The population and the initial state shape month 0
 * only, so changing them mid-run would mean nothing: they are set in the scenario and apply on reset.
 */
export function isLivePath(path: string): boolean {
  return !/^(population|initialState|calibration|sources|citations|name|description|\$schema|extends)(\.|$)/.test(path);
}

/** The well-formed entries of a timeline with their index in it, and the issues of the others. */
function leverEntries(data: unknown): { entries: { index: number; change: LeverChange }[]; issues: ValidationIssue[] } {
  if (!Array.isArray(data)) return { entries: [], issues: [issue('', 'a list of lever changes [{"month", "path", "value"}]', describeFound(data))] };
  const issues: ValidationIssue[] = [];
  const entries: { index: number; change: LeverChange }[] = [];
  data.forEach((entry: unknown, k) => {
    const at = (field: string) => joinPath([k, field]);
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      issues.push(issue(joinPath([k]), 'an object {"month", "path", "value"}', describeFound(entry)));
      return;
    }
    const e = entry as Record<string, unknown>;
    const before = issues.length;
    for (const key of Object.keys(e)) {
      if (!['month', 'path', 'value'].includes(key)) issues.push(issue(at(key), 'no such field (known fields: month, path, value)', describeFound(e[key])));
    }
    const month = Object.hasOwn(e, 'month') ? e.month : undefined;
    if (!Number.isSafeInteger(month) || (month as number) < 1) {
      issues.push(issue(at('month'), 'a whole number >= 1 (the first month that uses the new value)', describeFound(month)));
    }
    const path = Object.hasOwn(e, 'path') ? e.path : undefined;
    const problem = typeof path === 'string' && path !== '' ? pathProblem(path) : undefined;
    if (typeof path !== 'string' || path === '') issues.push(issue(at('path'), 'a dotted path into the scenario, e.g. "policy.earlyHelp.budgetPerYear"', describeFound(path)));
    else if (problem) issues.push(issue(at('path'), problem.expected, problem.found));
    else if (!isLivePath(path)) issues.push(issue(at('path'), 'a path that can change during a run (policy and model parameters)', JSON.stringify(path)));
    if (!Object.hasOwn(e, 'value')) issues.push(issue(at('value'), 'a value', 'nothing (the field is missing)'));
    if (issues.length === before) entries.push({ index: k, change: { month: month as number, path: path as string, value: e.value } });
  });
  return { entries, issues };
}

export function checkLeverShape(data: unknown): Validated<LeverChange[]> {
  const { entries, issues } = leverEntries(data);
  if (issues.length > 0) return { ok: false, issues: capIssues(issues) };
  return { ok: true, value: entries.map((e) => e.change) };
}

export function parseLeverTimeline(text: string): Validated<LeverChange[]> {
  const parsed = parseJson(text, 'the lever timeline');
  if (!parsed.ok) return parsed;
  return checkLeverShape(parsed.value);
}

/**
 * A whole timeline against a scenario, every problem at once: malformed entries, and each
 * well-formed change applied in the order a run applies them (by month, then as listed), with its
 * index in the file. A change that fails is left out and the check goes on from the state before it.
 * Returns the changes in the order they apply.
 */
export function checkLeverTimeline(scenario: Scenario, data: unknown): Validated<LeverChange[]> {
  const { entries, issues } = leverEntries(data);
  const ordered = [...entries].sort((a, b) => a.change.month - b.change.month);
  let current = scenario;
  for (const { index, change } of ordered) {
    const next = applyLever(current, change.path, change.value);
    if (next.ok) current = next.value;
    else for (const i of next.issues) issues.push({ ...i, message: `levers[${index}] (month ${change.month}): ${i.message}` });
  }
  if (issues.length > 0) return { ok: false, issues: capIssues(issues) };
  return { ok: true, value: ordered.map((e) => e.change) };
}

/** Warnings for changes that a run of `months` months never reaches (their month is after the last). */
export function leversNeverApplied(levers: readonly LeverChange[], months: number): string[] {
  const late = levers.filter((l) => l.month > months);
  if (late.length === 0) return [];
  const shown = late.slice(0, 5).map((l) => `${l.path} at month ${l.month}`);
  return [
    `${late.length} lever change(s) come after the last month (${months}) and are never applied: ${shown.join(', ')}${late.length > 5 ? ', ...' : ''}`,
  ];
}
