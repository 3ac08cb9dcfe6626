/**
 * Validation issues: what every check reports (a JSON path, what was expected, what was found), and
 * how paths and found values are written. Shared by the schema check, the semantic checks, the
 * file loaders and the lever reader, so every message reads the same.
 */

export interface ValidationIssue {
  /** Dotted JSON path, e.g. `policy.earlyHelp.budgetPerYear` or `sources[2].id`; `(root)` for the top level. */
  path: string;
  expected: string;
  found: string;
  /** `path: expected ..., found ...` (and a hint where one helps). */
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export function issue(path: string, expected: string, found: string, hint?: string): ValidationIssue {
  const where = path === '' ? '(root)' : path;
  return { path: where, expected, found, message: `${where}: expected ${expected}, found ${found}${hint ? ` (${hint})` : ''}` };
}

/** `["policy", "earlyHelp"]` -> `policy.earlyHelp`; odd keys and indices in brackets. */
export function joinPath(parts: readonly (string | number)[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  if (Array.isArray(value)) return `a list ${text}`;
  if (value !== null && typeof value === 'object') return `an object ${text}`;
  return text;
}
