/**
 * Dotted paths into a scenario (`policy.earlyHelp.budgetPerYear`): checking one and setting the
 * field it names in a copy. Levers and the scenario's own timeline go through here; it lives apart
 * from `resolve.ts` so that loading a scenario may check its timeline without an import cycle.
 */
import { checkPlainData, FORBIDDEN_KEY_EXPECTED, isForbiddenKey } from './json';
import type { Scenario } from './schema';
import { describeFound, issue, type Validated, type ValidationIssue } from './issues';
import { councilLeverPath, isFromCouncilFields, isRegionOnly } from './councils/lever-path';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Why a dotted path cannot name a scenario field, or undefined if its parts are well formed. */
export function pathProblem(path: string): ValidationIssue | undefined {
  const keys = path.split('.');
  if (keys.some((k) => k === '')) return issue(path, 'a dotted path of field names, e.g. "policy.earlyHelp.budgetPerYear"', 'an empty part');
  if (keys.some(isForbiddenKey)) return issue(path, `a path whose parts are each ${FORBIDDEN_KEY_EXPECTED}`, JSON.stringify(path));
  return undefined;
}

/** The value at a dotted path, own fields only (undefined where there is none). */
export function valueAtPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (!isObject(node) || isForbiddenKey(key) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * Set `path` (dotted) in a copy of the scenario: the basis of live levers. The result must be
 * validated. Walks own fields only: an inherited member (`toString`, `__proto__`) is no field.
 */
export function withPath(scenario: Scenario, path: string, value: unknown): Validated<unknown> {
  const council = councilLeverPath(path);
  if (council) return withCouncilPath(scenario, path, council, value);
  const bad = pathProblem(path);
  if (bad) return { ok: false, issues: [bad] };
  const unsafe = checkPlainData(value, path.split('.'));
  if (unsafe.length > 0) return { ok: false, issues: unsafe };
  const keys = path.split('.');
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = Object.hasOwn(node, keys[i]) ? node[keys[i]] : undefined;
    if (!isObject(next)) return { ok: false, issues: [issue(keys.slice(0, i + 1).join('.'), 'an object in the scenario', describeFound(next))] };
    node = next;
  }
  const last = keys[keys.length - 1];
  if (!Object.hasOwn(node, last)) return { ok: false, issues: [issue(path, 'the path of an existing scenario field', 'no such field')] };
  node[last] = value;
  return { ok: true, value: copy };
}

/**
 * `councils[<code>].<path>`: the council's own value of a scenario parameter, kept in its
 * `overrides` (councils/lever-path.ts). The value is checked when the scenario is validated.
 */
function withCouncilPath(scenario: Scenario, path: string, { code, rest }: { code: string; rest: string }, value: unknown): Validated<unknown> {
  const councils = scenario.councils ?? [];
  const k = councils.findIndex((c) => c.code === code);
  if (k < 0) {
    const known = councils.slice(0, 20).map((c) => c.code).join(', ');
    return { ok: false, issues: [issue(path, councils.length > 0 ? `a council of this scenario (${known}${councils.length > 20 ? ', ...' : ''})` : 'a path without councils[...] (this scenario has no councils)', `no council ${JSON.stringify(code)}`)] };
  }
  const bad = pathProblem(rest);
  if (bad) return { ok: false, issues: [issue(path, bad.expected, bad.found)] };
  if (isRegionOnly(rest)) return { ok: false, issues: [issue(path, 'a parameter a council may set (the provider market, prices, scale and dates are the region\u2019s)', JSON.stringify(rest), `set ${rest} for the whole region instead`)] };
  if (isFromCouncilFields(rest)) return { ok: false, issues: [issue(path, 'a parameter not set from the council\u2019s own figures', JSON.stringify(rest), 'edit the council\u2019s children, birthsPerYear, childPovertyShare, targets or places in the scenario file')] };
  const current = valueAtPath(scenario, rest);
  if (typeof current !== 'number' && typeof current !== 'boolean') return { ok: false, issues: [issue(path, 'the path of a numeric or true/false scenario parameter after councils[...]', current === undefined ? 'no such parameter' : describeFound(current))] };
  const unsafe = checkPlainData(value, path.split('.'));
  if (unsafe.length > 0) return { ok: false, issues: unsafe };
  const copy = structuredClone(scenario);
  const council = copy.councils![k];
  council.overrides = { ...(council.overrides ?? {}), [rest]: value as number | boolean };
  return { ok: true, value: copy };
}
