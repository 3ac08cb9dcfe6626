/**
 * Lever timelines: `[{ "month": 12, "path": "policy.earlyHelp.budgetPerYear", "value": 5000000 }]`,
 * or with `"date": "2022-03"` instead of `"month"` (`scenario/when.ts` defines both). A timeline
 * makes a live session replayable: the worker records one, the CLI accepts it, and a scenario may
 * carry its own (`timeline`). Every problem of a timeline is reported at once: its shape, and each
 * change against the scenario, in the order a run applies them.
 */
import { refusalIssue, refusedChange } from './refused-levers';
import { capIssues, describeFound, issue, joinPath, type Validated, type ValidationIssue } from './scenario/issues';
import { parseJson } from './scenario/json';
import { pathProblem, withPath } from './scenario/paths';
import type { Scenario } from './scenario/schema';
import { validateScenario } from './scenario/validate';
import { runMonthOf, whenIssues, whenLabel, type When } from './scenario/when';

/** A live policy change: `path` into the scenario (e.g. `policy.earlyHelp.budgetPerYear`). */
export interface LeverChange {
  /** The month whose step first uses the new value (changes made after month m is shown take effect in month m + 1). */
  month: number;
  path: string;
  value: unknown;
}

/** A change as a file gives it: at a run month, or at a date of the scenario's calendar. */
export type LeverEntry = LeverChange | { date: string; path: string; value: unknown };

/** A change in a run's schedule: where it came from (for messages), and whether the scenario's own. */
export interface Scheduled extends LeverChange {
  /** the entry, for messages: `timeline[3]` or `levers[0]` */
  entry: string;
  /** when it applies, for messages: `2013-04, month 1` or `month 4` */
  when: string;
  fromScenario: boolean;
}

/** Apply a change to a scenario, as an edit of the file (e.g. `--scale`); validated like a scenario file. */
export function applyLever(scenario: Scenario, path: string, value: unknown): Validated<Scenario> {
  const changed = withPath(scenario, path, value);
  if (!changed.ok) return changed;
  return validateScenario(changed.value);
}

/** A refused path or a bad value, told apart so that messages name the entry's `path` or `value`. */
export type LeverProblem = { field: 'path' | 'value'; issues: ValidationIssue[] };

/**
 * Apply a change during a run: refused (`refused-levers.ts`) if it cannot take effect from the next
 * month, else applied and validated. Every issue names the scenario field it is about.
 */
export function applyLiveLever(scenario: Scenario, path: string, value: unknown): { ok: true; value: Scenario } | ({ ok: false } & LeverProblem) {
  const bad = pathProblem(path);
  if (bad) return { ok: false, field: 'path', issues: [bad] };
  const direct = refusedChange(path, scenario);
  if (direct) return { ok: false, field: 'path', issues: [refusalIssue(direct.path, direct)] };
  const changed = withPath(scenario, path, value);
  if (!changed.ok) return { ok: false, field: 'path', issues: changed.issues };
  const inside = refusedChange(path, scenario, changed.value);
  if (inside) return { ok: false, field: 'value', issues: [refusalIssue(inside.path, inside)] };
  const valid = validateScenario(changed.value);
  return valid.ok ? valid : { ok: false, field: 'value', issues: valid.issues };
}

interface Entry {
  index: number;
  when: When;
  path: string;
  value: unknown;
}

/** The well-formed entries of a timeline with their index in it, and the issues of the others. */
/**
 * The longest lever timeline accepted anywhere (a lever file, a scenario's timeline, a link, the
 * worker): a policy story has tens of changes; each change costs a month's work when it applies,
 * so a million would stall a run (and the page) for minutes.
 */
export const MAX_LEVER_CHANGES = 10_000;

function leverEntries(data: unknown, root: string): { entries: Entry[]; issues: ValidationIssue[] } {
  // `root` names the list in JSON paths: '' for a lever file (its top level), 'timeline' in a scenario.
  const where = (...parts: (string | number)[]) => joinPath(root === '' ? parts : [root, ...parts]);
  if (!Array.isArray(data)) return { entries: [], issues: [issue(where(), 'a list of lever changes [{"month" or "date", "path", "value"}]', describeFound(data))] };
  if (data.length > MAX_LEVER_CHANGES) return { entries: [], issues: [issue(where(), `at most ${MAX_LEVER_CHANGES.toLocaleString('en-GB')} lever changes`, `${data.length.toLocaleString('en-GB')} changes`)] };
  const issues: ValidationIssue[] = [];
  const entries: Entry[] = [];
  data.forEach((entry: unknown, k) => {
    const at = (field?: string) => (field === undefined ? where(k) : where(k, field));
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      issues.push(issue(at(), 'an object {"month" or "date", "path", "value"}', describeFound(entry)));
      return;
    }
    const e = entry as Record<string, unknown>;
    const before = issues.length;
    for (const key of Object.keys(e)) {
      if (!['month', 'date', 'path', 'value', 'source'].includes(key)) issues.push(issue(at(key), 'no such field (known fields: month, date, path, value, source)', describeFound(e[key])));
    }
    issues.push(...whenIssues(e, at));
    const path = Object.hasOwn(e, 'path') ? e.path : undefined;
    const problem = typeof path === 'string' && path !== '' ? pathProblem(path) : undefined;
    if (typeof path !== 'string' || path === '') issues.push(issue(at('path'), 'a dotted path into the scenario, e.g. "policy.earlyHelp.budgetPerYear"', describeFound(path)));
    else if (problem) issues.push(issue(at('path'), problem.expected, problem.found));
    else {
      const refused = refusedChange(path);
      if (refused) issues.push(refusalIssue(at('path'), refused));
    }
    if (!Object.hasOwn(e, 'value')) issues.push(issue(at('value'), 'a value', 'nothing (the field is missing)'));
    const when = (Object.hasOwn(e, 'date') ? { date: e.date } : { month: e.month }) as When;
    if (issues.length === before) entries.push({ index: k, when, path: path as string, value: e.value });
  });
  return { entries, issues };
}

const asEntry = (e: Entry): LeverEntry => ('date' in e.when ? { date: e.when.date, path: e.path, value: e.value } : { month: e.when.month, path: e.path, value: e.value });

/** The shape of a timeline (no scenario needed: dates stay dates). */
export function checkLeverShape(data: unknown): Validated<LeverEntry[]> {
  const { entries, issues } = leverEntries(data, '');
  if (issues.length > 0) return { ok: false, issues: capIssues(issues) };
  return { ok: true, value: entries.map(asEntry) };
}

export function parseLeverTimeline(text: string): Validated<LeverEntry[]> {
  const parsed = parseJson(text, 'the lever timeline');
  if (!parsed.ok) return parsed;
  return checkLeverShape(parsed.value);
}

/** Entries with their run months (dates read on the scenario's calendar), as scheduled changes. */
function scheduled(scenario: Scenario, data: unknown, root: string, name: string, fromScenario: boolean): { changes: Scheduled[]; issues: ValidationIssue[] } {
  const { entries, issues } = leverEntries(data, root);
  const changes: Scheduled[] = [];
  for (const e of entries) {
    const month = runMonthOf(e.when, scenario.startDate, (field) => joinPath(root === '' ? [e.index, field] : [root, e.index, field]));
    if (!month.ok) issues.push(...month.issues);
    else changes.push({ month: month.value, path: e.path, value: e.value, entry: joinPath([name, e.index]), when: whenLabel(e.when, month.value), fromScenario });
  }
  return { changes, issues };
}

/** By month, keeping the given order within a month (the sort is stable). */
export function byMonth<T extends LeverChange>(levers: readonly T[]): T[] {
  return [...levers].sort((a, b) => a.month - b.month);
}

/**
 * Apply a schedule (in month order) to a scenario, every change checked, all problems at once: a
 * change that fails is skipped and the check goes on from the state before it. The states after
 * each change, or the problems, each named `levers[k].value (month m): ...` (or `.path`).
 */
export function checkSchedule(scenario: Scenario, schedule: readonly Scheduled[]): Validated<Scenario[]> {
  const states: Scenario[] = [];
  const issues: ValidationIssue[] = [];
  let current = scenario;
  for (const change of schedule) {
    const next = applyLiveLever(current, change.path, change.value);
    if (next.ok) current = next.value;
    else {
      const at = `${change.entry}.${next.field}`;
      for (const i of next.issues) issues.push({ ...i, path: at, message: `${at} (${change.when}): ${i.message}` });
    }
    states.push(current);
  }
  return issues.length > 0 ? { ok: false, issues: capIssues(issues) } : { ok: true, value: states };
}

/** A schedule with the scenario after each of its changes (validated once, here), in the same order. */
export interface CheckedSchedule {
  schedule: Scheduled[];
  states: Scenario[];
}

/**
 * A run's schedule, checked in full: the scenario's own timeline, then the given levers, by month;
 * within a month the scenario's changes come first, then the user's as listed (so a user's change
 * of a path the scenario also changes that month wins). Every problem at once: malformed entries
 * and dates first, then each well-formed change as a run applies them. A run keeps the states, so
 * it applies each change without validating it again.
 */
export function checkedScheduleOf(scenario: Scenario, levers: unknown = []): Validated<CheckedSchedule> {
  const own = scheduled(scenario, scenario.timeline ?? [], 'timeline', 'timeline', true);
  const given = scheduled(scenario, levers, '', 'levers', false);
  const schedule = byMonth([...own.changes, ...given.changes]);
  const issues = [...own.issues, ...given.issues];
  const checked = checkSchedule(scenario, schedule);
  if (!checked.ok) issues.push(...checked.issues);
  if (issues.length > 0 || !checked.ok) return { ok: false, issues: capIssues(issues) };
  return { ok: true, value: { schedule, states: checked.value } };
}

/** The schedule alone (`checkedScheduleOf` without the states). */
export function scheduleOf(scenario: Scenario, levers: unknown = []): Validated<Scheduled[]> {
  const checked = checkedScheduleOf(scenario, levers);
  return checked.ok ? { ok: true, value: checked.value.schedule } : checked;
}

/** A lever file against a scenario (with the scenario's own timeline): the user's changes, with run months, in the order they apply. */
export function checkLeverTimeline(scenario: Scenario, data: unknown): Validated<LeverChange[]> {
  const schedule = scheduleOf(scenario, data);
  if (!schedule.ok) return schedule;
  return { ok: true, value: schedule.value.filter((c) => !c.fromScenario).map(({ month, path, value }) => ({ month, path, value })) };
}

/** The scenario's own timeline against the scenario: part of loading a scenario file. */
export function checkScenarioTimeline(scenario: Scenario): Validated<Scenario> {
  if (scenario.timeline === undefined) return { ok: true, value: scenario };
  const checked = checkLeverTimeline(scenario, []);
  return checked.ok ? { ok: true, value: scenario } : checked;
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
