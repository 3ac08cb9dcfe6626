/**
 * Reading scenario files: JSON parsing with readable errors (`json.ts`), `extends` chains (objects
 * merge, arrays and scalars replace, cycles are an error; which names may be followed is the rule
 * in `extends.ts`). Validation of the merged result and of its timeline follows in
 * `sim/load-scenario.ts`. File access is injected (`ScenarioLoader`), so the same code runs in
 * Node, the CLI and the browser.
 */
import { EXTENDS_EXPECTED, extendsTarget, MAX_EXTENDS_CHAIN } from './extends';
import { isForbiddenKey, parseJson } from './json';
import { describeFound, issue, type Validated, type ValidationIssue } from './validate';

export { parseJson };

/** A loader's answer when a file exists but may not be read; `reason` never quotes the file. */
export interface LoadRefused {
  refused: string;
}

/**
 * Returns a scenario file's text by file name (already checked by `extendsTarget`, `.json` added),
 * undefined if there is no such file, or why it may not be read.
 */
export type ScenarioLoader = (fileName: string) => string | undefined | LoadRefused;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Deep merge: `over` wins; nested objects merge key by key; arrays are replaced whole. Own fields
 * only; a prototype key (refused earlier by every reader) is an error here, never an assignment.
 */
export function mergeScenario(base: Record<string, Json>, over: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = { ...base };
  for (const key of Object.keys(over)) {
    if (isForbiddenKey(key)) throw new Error(`mergeScenario: refused the key ${JSON.stringify(key)}`);
    const value = over[key];
    const prior = Object.hasOwn(out, key) ? out[key] : undefined;
    out[key] = isObject(prior) && isObject(value) ? mergeScenario(prior, value) : value;
  }
  return out;
}

/** Ask the loader for `fileName`, turning every kind of failure into an issue that quotes no content. */
function loadParent(load: ScenarioLoader, name: string): Validated<string> {
  const target = extendsTarget(name, []);
  if (!target.ok) return target;
  let got: ReturnType<ScenarioLoader>;
  try {
    got = load(target.value.fileName);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { ok: false, issues: [issue('extends', EXTENDS_EXPECTED, `${JSON.stringify(name)} (it could not be read${typeof code === 'string' ? `: ${code}` : ''})`)] };
  }
  if (got === undefined) return { ok: false, issues: [issue('extends', 'the name of an existing scenario file', JSON.stringify(name))] };
  if (typeof got !== 'string') return { ok: false, issues: [issue('extends', EXTENDS_EXPECTED, `${JSON.stringify(name)} (${got.refused})`)] };
  return { ok: true, value: got };
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
    const same = (a: string, b: string) => a === b || a === `${b}.json` || `${a}.json` === b;
    if (chain.some((name) => same(name, parent))) {
      return { ok: false, issues: [issue('extends', 'a chain of scenarios without a cycle', [...chain, parent].join(' -> '))] };
    }
    if (chain.length >= MAX_EXTENDS_CHAIN) {
      return { ok: false, issues: [issue('extends', `a chain of at most ${MAX_EXTENDS_CHAIN} scenarios`, [...chain, parent].join(' -> '))] };
    }
    const text = loadParent(load, parent);
    if (!text.ok) return text;
    const parsed = parseJson(text.value, parent);
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

export { pathProblem, withPath } from './paths';

export type { ValidationIssue };
