/**
 * Scenario validation: ajv checks the JSON Schema; this module turns ajv's errors into messages a
 * modeller can act on: the JSON path, what was expected (with its unit) and what was found.
 */
import type { ErrorObject } from 'ajv';
import { capIssues, describeFound, issue, joinPath, MAX_ISSUES, type Validated, type ValidationIssue } from './issues';
import { checkPlainData } from './json';
import { compiledFrom, validate as compiledValidate } from './scenario-validator.generated';
import { ScenarioSchema, type Scenario } from './schema';
import { schemaDigest } from './schema-digest';
import { checkSemantics } from './semantics';
import { councilScenario } from './councils/derive';

export { capIssues, describeFound, issue, joinPath, MAX_ISSUES, type Validated, type ValidationIssue };

interface SchemaNode {
  type?: string | string[];
  unit?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  enum?: readonly unknown[];
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

let current = false;
/** The validator compiled ahead of time from the schema (see compile-validator.ts): no run pays for ajv's compiler. */
function schemaValidator(): typeof compiledValidate {
  if (!current) {
    if (compiledFrom !== schemaDigest(ScenarioSchema)) {
      throw new Error('sim/scenario/scenario-validator.generated.js was compiled from an older sim/scenario/schema.ts: run `npm run schema`');
    }
    current = true;
  }
  return compiledValidate;
}

/** Validate a complete scenario (after `extends` is resolved). Never throws. */
export function validateScenario(data: unknown): Validated<Scenario> {
  // Depth and prototype keys first: what follows walks the data.
  const unsafe = checkPlainData(data);
  if (unsafe.length > 0) return { ok: false, issues: unsafe };
  const validate = schemaValidator();
  if (!validate(data)) return { ok: false, issues: formatErrors(validate.errors ?? [], data) };
  const semantic = checkSemantics(data as Scenario);
  if (semantic.length > 0) return { ok: false, issues: capIssues(semantic) };
  const councils = derivedCouncilIssues(data as Scenario);
  if (councils.length > 0) return { ok: false, issues: capIssues(councils) };
  return { ok: true, value: data as Scenario };
}

function pointerParts(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `10000000` -> `10,000,000`: limits are read by people. */
function grouped(x: number): string {
  return Number.isInteger(x) && Math.abs(x) >= 10_000 ? String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(x);
}

export function describeExpected(schema: SchemaNode | undefined): string {
  if (!schema) return 'a valid value';
  if (schema.anyOf) return schema.anyOf.map(describeExpected).join(' or ');
  if (schema.enum) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const limits: string[] = [];
  if (schema.minimum !== undefined) limits.push(`>= ${grouped(schema.minimum)}`);
  if (schema.exclusiveMinimum !== undefined) limits.push(`> ${grouped(schema.exclusiveMinimum)}`);
  if (schema.maximum !== undefined) limits.push(`<= ${grouped(schema.maximum)}`);
  const unit = schema.unit && !['text', 'list', 'true/false'].includes(schema.unit) ? ` (${schema.unit})` : '';
  switch (schema.type) {
    case 'number':
      return `a number${limits.length ? ' ' + limits.join(' and ') : ''}${unit}`;
    case 'integer':
      return `a whole number${limits.length ? ' ' + limits.join(' and ') : ''}${unit}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      return schema.minLength ? 'a non-empty string' : 'a string';
    case 'null':
      return 'null';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return 'a valid value';
  }
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = levenshtein(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** ajv's errors as messages that name the JSON path, what was expected and what was found (`what`: the document, for a message about the whole of it). */
export function formatErrors(errors: ErrorObject[], data: unknown, what = 'a valid scenario'): ValidationIssue[] {
  // A failed `anyOf` also reports each branch's failure at the same path: keep only the summary.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  let left = 0;
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && anyOfPaths.has(e.instancePath)) continue;
    if (out.length >= MAX_ISSUES) {
      left++;
      continue;
    }
    const parts = pointerParts(e.instancePath);
    const parent = e.parentSchema as SchemaNode | undefined;
    let result: ValidationIssue;
    if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      result = issue(joinPath([...parts, missing]), describeExpected(parent?.properties?.[missing]), 'nothing (the field is missing)');
    } else if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(parent?.properties ?? {});
      const guess = closestName(extra, known);
      result = issue(
        joinPath([...parts, extra]),
        `no such field (known fields: ${known.join(', ')})`,
        describeFound((e.data as Record<string, unknown>)[extra]),
        guess ? `did you mean "${guess}"?` : 'unknown fields are not allowed',
      );
    } else {
      result = issue(joinPath(parts), describeExpected(parent), describeFound(e.data));
    }
    if (!seen.has(result.message)) {
      seen.add(result.message);
      out.push(result);
    }
  }
  if (out.length === 0) out.push(issue('', what, describeFound(data)));
  return capIssues(out, MAX_ISSUES, out.length + left);
}

/**
 * Each council's derived scenario (councils/derive.ts) must be a valid scenario too: a council
 * override out of its field's range, or a council whose figures make no valid region, is reported
 * at the council (and at the override, where one set the field).
 */
function derivedCouncilIssues(s: Scenario): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  (s.councils ?? []).forEach((c, k) => {
    const derived = councilScenario(s, k);
    if (!derived.ok) {
      out.push(issue(joinPath(['councils', k, 'overrides', derived.path]), 'an override the council\u2019s scenario takes', derived.message));
      return;
    }
    const checked = validateScenario(derived.value);
    if (checked.ok) return;
    for (const i of checked.issues) {
      const override = Object.hasOwn(c.overrides ?? {}, i.path);
      const at = override ? joinPath(['councils', k, 'overrides', i.path]) : joinPath(['councils', k]);
      out.push({ ...i, path: at, message: `${at} (${c.code}, its scenario's ${i.path}): expected ${i.expected}, found ${i.found}` });
    }
  });
  return out;
}
