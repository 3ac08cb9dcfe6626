/**
 * Checks of the `councils` list that the JSON Schema cannot express: codes unique, and each
 * override naming a parameter a council may set, with a value of its kind. The derived council
 * scenarios are then validated like any scenario (validate.ts), so a value out of its field's
 * range is reported against the override that set it.
 */
import { describeFound, issue, joinPath, type ValidationIssue } from '../issues';
import { pathProblem, valueAtPath } from '../paths';
import type { Scenario } from '../schema';
import { isFromCouncilFields, isRegionOnly } from './lever-path';

export function councilIssues(s: Scenario): ValidationIssue[] {
  const councils = s.councils;
  if (!councils) return [];
  const out: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  councils.forEach((c, k) => {
    const first = seen.get(c.code);
    if (first !== undefined) out.push(issue(joinPath(['councils', k, 'code']), `a code not used by another council (councils[${first}] has it)`, JSON.stringify(c.code)));
    else seen.set(c.code, k);
    for (const [path, value] of Object.entries(c.overrides ?? {})) out.push(...overrideIssues(s, k, path, value));
  });
  return out;
}

function overrideIssues(s: Scenario, k: number, path: string, value: unknown): ValidationIssue[] {
  const at = joinPath(['councils', k, 'overrides', path]);
  const bad = pathProblem(path);
  if (bad) return [{ ...bad, path: at, message: `${at}: expected ${bad.expected}, found ${bad.found}` }];
  if (isRegionOnly(path)) return [issue(at, 'a parameter a council may set (the provider market, prices, scale and dates are the region\u2019s)', JSON.stringify(path))];
  if (isFromCouncilFields(path)) return [issue(at, 'a parameter not set from the council\u2019s own fields (set `children`, `birthsPerYear`, `childPovertyShare`, `targets` or `places` instead)', JSON.stringify(path))];
  const current = valueAtPath(s, path);
  if (typeof current !== 'number' && typeof current !== 'boolean') return [issue(at, 'the path of a numeric or true/false scenario parameter', current === undefined ? 'no such parameter' : describeFound(current))];
  if (typeof current !== typeof value) return [issue(at, typeof current === 'number' ? 'a number' : 'true or false', describeFound(value))];
  return [];
}

