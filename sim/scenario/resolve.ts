/**
 * Reading scenario files: JSON parsing with readable errors, `extends` chains (objects merge,
 * arrays and scalars replace, cycles are an error), then validation of the merged result.
 * File access is injected (`ScenarioLoader`), so the same code runs in Node, the CLI and the browser.
 */
import type { Scenario } from './schema';
import { describeFound, issue, validateScenario, type Validated, type ValidationIssue } from './validate';

/** Returns a scenario file's text by file name, or undefined if there is no such file. */
export type ScenarioLoader = (fileName: string) => string | undefined;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep merge: `over` wins; nested objects merge key by key; arrays are replaced whole. */
export function mergeScenario(base: Record<string, Json>, over: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] = isObject(prior) && isObject(value) ? mergeScenario(prior, value) : value;
  }
  return out;
}

export function parseJson(text: string, fileName: string): Validated<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, issues: [issue('', `valid JSON in ${fileName}`, `a syntax error: ${why}`)] };
  }
}

/** Follow `extends` from a parsed document and return the merged document (not yet validated). */
export function resolveExtends(doc: unknown, fileName: string, load: ScenarioLoader): Validated<Record<string, Json>> {
  const chain: string[] = [fileName];
  let merged: Record<string, Json> | undefined;
  let current: unknown = doc;
  const layers: Record<string, Json>[] = [];
  for (;;) {
    if (!isObject(current)) {
      return { ok: false, issues: [issue('', `a JSON object in ${chain[chain.length - 1]}`, describeFound(current))] };
    }
    layers.push(current);
    const parent = current.extends;
    if (parent === undefined) break;
    if (typeof parent !== 'string') return { ok: false, issues: [issue('extends', 'a file name', describeFound(parent))] };
    if (chain.includes(parent)) {
      return { ok: false, issues: [issue('extends', 'a chain of scenarios without a cycle', [...chain, parent].join(' -> '))] };
    }
    const text = load(parent);
    if (text === undefined) return { ok: false, issues: [issue('extends', 'the name of an existing scenario file', JSON.stringify(parent))] };
    const parsed = parseJson(text, parent);
    if (!parsed.ok) return parsed;
    chain.push(parent);
    current = parsed.value;
  }
  for (let i = layers.length - 1; i >= 0; i--) {
    const { extends: _parent, ...rest } = layers[i];
    merged = merged ? mergeScenario(merged, rest) : rest;
  }
  return { ok: true, value: merged ?? {} };
}

/** Parse, resolve `extends`, validate: the one way a scenario file becomes a `Scenario`. */
export function loadScenarioText(text: string, fileName: string, load: ScenarioLoader): Validated<Scenario> {
  const parsed = parseJson(text, fileName);
  if (!parsed.ok) return parsed;
  return loadScenarioDocument(parsed.value, fileName, load);
}

export function loadScenarioDocument(doc: unknown, fileName: string, load: ScenarioLoader): Validated<Scenario> {
  const resolved = resolveExtends(doc, fileName, load);
  if (!resolved.ok) return resolved;
  return validateScenario(resolved.value);
}

/** Set `path` (dotted) in a copy of the scenario: the basis of live levers. The result must be validated. */
export function withPath(scenario: Scenario, path: string, value: unknown): Validated<unknown> {
  const keys = path.split('.');
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = node[keys[i]];
    if (!isObject(next)) return { ok: false, issues: [issue(keys.slice(0, i + 1).join('.'), 'an object in the scenario', describeFound(next))] };
    node = next;
  }
  const last = keys[keys.length - 1];
  if (!(last in node)) return { ok: false, issues: [issue(path, 'the path of an existing scenario field', 'no such field')] };
  node[last] = value;
  return { ok: true, value: copy };
}

export type { ValidationIssue };
