/**
 * Lever timelines: `[{ "month": 12, "path": "policy.earlyHelp.budgetPerYear", "value": 5000000 }]`.
 * A timeline makes a live session replayable: the worker records one, the CLI accepts it.
 */
import { parseJson } from './scenario/resolve';
import { describeFound, issue, joinPath, type Validated, type ValidationIssue } from './scenario/validate';

/** A live policy change: `path` into the scenario (e.g. `policy.earlyHelp.budgetPerYear`). */
export interface LeverChange {
  /** The month whose step first uses the new value (changes made after month m is shown take effect in month m + 1). */
  month: number;
  path: string;
  value: unknown;
}

/**
 * Paths a lever may change while a run goes on. The population and the initial state shape month 0
 * only, so changing them mid-run would mean nothing: they are set in the scenario and apply on reset.
 */
export function isLivePath(path: string): boolean {
  return !/^(population|initialState|calibration|sources|citations|name|description|\$schema|extends)(\.|$)/.test(path);
}

export function checkLeverShape(data: unknown): Validated<LeverChange[]> {
  if (!Array.isArray(data)) return { ok: false, issues: [issue('', 'a list of lever changes [{"month", "path", "value"}]', describeFound(data))] };
  const issues: ValidationIssue[] = [];
  const out: LeverChange[] = [];
  data.forEach((entry: unknown, k) => {
    const at = (field: string) => joinPath([k, field]);
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      issues.push(issue(joinPath([k]), 'an object {"month", "path", "value"}', describeFound(entry)));
      return;
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!['month', 'path', 'value'].includes(key)) issues.push(issue(at(key), 'no such field (known fields: month, path, value)', describeFound(e[key])));
    }
    const month = e.month;
    if (typeof month !== 'number' || !Number.isInteger(month) || month < 1) {
      issues.push(issue(at('month'), 'a whole number >= 1 (the first month that uses the new value)', describeFound(month)));
    }
    const path = e.path;
    if (typeof path !== 'string' || path === '') issues.push(issue(at('path'), 'a dotted path into the scenario, e.g. "policy.earlyHelp.budgetPerYear"', describeFound(path)));
    else if (!isLivePath(path)) issues.push(issue(at('path'), 'a path that can change during a run (policy and model parameters)', JSON.stringify(path)));
    if (!('value' in e)) issues.push(issue(at('value'), 'a value', 'nothing (the field is missing)'));
    if (typeof month === 'number' && typeof path === 'string') out.push({ month, path, value: e.value });
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: out };
}

export function parseLeverTimeline(text: string): Validated<LeverChange[]> {
  const parsed = parseJson(text, 'the lever timeline');
  if (!parsed.ok) return parsed;
  return checkLeverShape(parsed.value);
}
