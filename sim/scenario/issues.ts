/**
 * Validation issues: one message per problem, naming the JSON path, what was expected and what was
 * found. Every reader (scenario, lever timeline, merge parts) reports through these.
 */

export interface ValidationIssue {
  /** Dotted JSON path, e.g. `policy.earlyHelp.budgetPerYear` or `sources[2].id`; `(root)` for the top level. */
  path: string;
  expected: string;
  found: string;
  /** `path: expected ..., found ...` (and a hint where one helps). */
  message: string;
  /** set only on the last line of a capped list: how many issues were left out */
  more?: number;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** Longest list of issues any reader returns: the rest are counted in one closing line. */
export const MAX_ISSUES = 50;

/** The first `max` issues and, if any were left out, a line saying how many. */
export function capIssues(issues: readonly ValidationIssue[], max = MAX_ISSUES, total = issues.length): ValidationIssue[] {
  if (total <= max) return [...issues];
  const more = total - max;
  return [
    ...issues.slice(0, max),
    { path: '(root)', expected: `at most ${max} messages`, found: `${more} more`, message: `... and ${more} more (only the first ${max} are listed)`, more },
  ];
}

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

/**
 * JSON-like text of `value`, stopping soon after `limit` characters: a huge or deeply nested value
 * costs no more than a small one (each level adds a bracket, so the walk is at most `limit` deep).
 */
function preview(value: unknown, limit: number): string {
  let out = '';
  const emit = (v: unknown, inList: boolean): void => {
    if (out.length > limit) return;
    if (typeof v === 'string') out += JSON.stringify(v.length > limit ? v.slice(0, limit + 1) : v);
    else if (typeof v === 'number') out += Number.isFinite(v) ? JSON.stringify(v) : String(v);
    else if (typeof v === 'boolean' || v === null) out += String(v);
    else if (Array.isArray(v)) {
      out += '[';
      for (let k = 0; k < v.length && out.length <= limit; k++) {
        if (k > 0) out += ',';
        emit(v[k], true);
      }
      out += ']';
    } else if (typeof v === 'object') {
      out += '{';
      let first = true;
      for (const key of Object.keys(v)) {
        if (out.length > limit) break;
        const item = (v as Record<string, unknown>)[key];
        if (item === undefined || typeof item === 'function') continue;
        out += `${first ? '' : ','}${JSON.stringify(key.length > limit ? key.slice(0, limit + 1) : key)}:`;
        first = false;
        emit(item, false);
      }
      out += '}';
    } else out += inList ? 'null' : String(v);
  };
  emit(value, false);
  return out;
}

export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text = preview(value, 60);
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  if (Array.isArray(value)) return `a list ${text}`;
  if (value !== null && typeof value === 'object') return `an object ${text}`;
  return text;
}
