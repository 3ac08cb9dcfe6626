/**
 * Reading untrusted JSON: bytes -> text -> value, refusing what `JSON.parse` lets through or
 * chokes on. A UTF-8 byte-order mark is accepted; invalid UTF-8 is refused with its byte offset;
 * nesting deeper than `MAX_JSON_DEPTH` is refused before anything recursive runs; duplicate keys
 * and the keys `__proto__`, `constructor` and `prototype` are refused with their JSON path.
 *
 * Why a hand-written scanner: it runs once, linearly, with an explicit stack (so no input can
 * overflow the call stack), and it sees keys as they come, which `JSON.parse` does not. The
 * well-kept libraries that see keys (e.g. jsonc-parser) parse recursively and accept comments and
 * trailing commas, so they would need the same depth scan in front and options to undo. Values are
 * still built by the native `JSON.parse`, after the scan has accepted the text.
 *
 * No message ever quotes the input's text: a refused file's content is not echoed.
 */
import { capIssues, issue, joinPath, MAX_ISSUES, type Validated, type ValidationIssue } from './issues';

/** Deepest nesting of objects and lists accepted (a scenario needs 5). */
export const MAX_JSON_DEPTH = 64;

/** Keys that reach the prototype machinery of a JavaScript object; refused in every key and path. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

export const FORBIDDEN_KEY_EXPECTED = 'a field name other than __proto__, constructor or prototype';

/** Byte offset of the first invalid UTF-8 sequence, or -1 if the bytes are valid UTF-8. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0; // no overlong forms
      if (b === 0xed) high = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Decode a file's bytes as UTF-8: a leading byte-order mark is dropped, invalid bytes are refused. */
export function decodeUtf8(bytes: Uint8Array, fileName: string): Validated<string> {
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = invalidUtf8Offset(bytes);
    return { ok: false, issues: [issue('', `UTF-8 text in ${fileName}`, `bytes that are not UTF-8 at byte ${Math.max(at, 0)} (save the file as UTF-8)`)] };
  }
}

interface Frame {
  kind: 'object' | 'array';
  /** the key or index of the value being read in this container (none before an object's first key) */
  at?: string | number;
  keys?: Set<string>;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

class SyntaxProblem {
  constructor(
    readonly at: number,
    readonly expected: string,
  ) {}
}

/**
 * Check `text` for everything `JSON.parse` would not refuse or would overflow on. Returns the
 * issues (empty when the text is safe to hand to `JSON.parse`).
 */
export function scanJson(text: string, fileName: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const stack: Frame[] = [];
  const pathHere = () => joinPath(stack.flatMap((f) => (f.at === undefined ? [] : [f.at])));
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  /** index just after the string starting at `i` (a quote) */
  const stringEnd = (): number => {
    let k = i + 1;
    for (;;) {
      if (k >= text.length) throw new SyntaxProblem(k, 'the closing quote of a string');
      const c = text.charCodeAt(k);
      if (c === 0x22) return k + 1;
      if (c < 0x20) throw new SyntaxProblem(k, 'no raw control characters (line breaks, tabs) inside a string: write them as \\n, \\t');
      if (c === 0x5c) {
        const e = text[k + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(k + 2, k + 6))) throw new SyntaxProblem(k, 'four hex digits after \\u');
          k += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) k += 2;
        else throw new SyntaxProblem(k, 'one of the escapes \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX');
      } else k++;
    }
  };
  try {
    let state: 'value' | 'key' | 'after' = 'value';
    for (;;) {
      skip();
      if (state === 'value') {
        const c = text[i];
        if (c === '{' || c === '[') {
          if (stack.length >= MAX_JSON_DEPTH) {
            issues.push(issue(pathHere(), `at most ${MAX_JSON_DEPTH} levels of nested objects and lists in ${fileName}`, 'deeper nesting'));
            return issues;
          }
          i++;
          skip();
          if (c === '{') {
            stack.push({ kind: 'object', keys: new Set() });
            if (text[i] === '}') {
              i++;
              stack.pop();
              state = 'after';
            } else state = 'key';
          } else {
            stack.push({ kind: 'array', at: 0 });
            if (text[i] === ']') {
              i++;
              stack.pop();
              state = 'after';
            }
          }
          continue;
        }
        if (c === '"') i = stringEnd();
        else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          if (!m) throw new SyntaxProblem(i, 'a number');
          if (!Number.isFinite(Number(m[0]))) {
            issues.push(issue(pathHere(), 'a number JavaScript can hold (up to about 1.8e308)', 'a number too large (it would become Infinity)'));
          }
          i += m[0].length;
        } else {
          const word = LITERALS.find((w) => text.startsWith(w, i));
          if (!word) throw new SyntaxProblem(i, c === undefined ? 'a value, not the end of the text' : 'a value (an object, list, string, number, true, false or null)');
          i += word.length;
        }
        state = 'after';
      } else if (state === 'key') {
        if (text[i] !== '"') throw new SyntaxProblem(i, 'a field name in double quotes');
        const end = stringEnd();
        const key = JSON.parse(text.slice(i, end)) as string;
        i = end;
        const frame = stack[stack.length - 1];
        frame.at = key;
        if (isForbiddenKey(key)) issues.push(issue(pathHere(), FORBIDDEN_KEY_EXPECTED, JSON.stringify(key)));
        else if (frame.keys!.has(key)) issues.push(issue(pathHere(), `each field once in an object`, 'it a second time (the first would be silently lost)'));
        frame.keys!.add(key);
        skip();
        if (text[i] !== ':') throw new SyntaxProblem(i, 'a colon after the field name');
        i++;
        state = 'value';
      } else {
        const frame = stack[stack.length - 1];
        if (!frame) {
          if (i < text.length) throw new SyntaxProblem(i, 'the end of the text after the document');
          return issues;
        }
        const c = text[i];
        const close = frame.kind === 'object' ? '}' : ']';
        if (c === ',') {
          i++;
          if (frame.kind === 'array') {
            frame.at = (frame.at as number) + 1;
            state = 'value';
          } else state = 'key';
        } else if (c === close) {
          i++;
          stack.pop();
        } else throw new SyntaxProblem(i, `"," or "${close}"`);
      }
    }
  } catch (err) {
    if (!(err instanceof SyntaxProblem)) throw err;
    const before = text.slice(0, err.at);
    const line = before.split('\n').length;
    const column = err.at - before.lastIndexOf('\n');
    const where = stack.length > 0 ? ` (inside ${pathHere() || '(root)'})` : '';
    issues.push(issue('', `valid JSON in ${fileName}`, `a syntax error at line ${line}, column ${column}${where}: expected ${err.expected}`));
    return issues;
  }
}

/**
 * Parse JSON text from an untrusted source. A leading byte-order mark is dropped. Every issue
 * names its JSON path (`(root)` for the document and for syntax errors, which give line and column).
 */
export function parseJson(text: string, fileName: string): Validated<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const issues = scanJson(body, fileName);
  if (issues.length > 0) return { ok: false, issues: capIssues(issues) };
  return { ok: true, value: JSON.parse(body) };
}

/** Bytes -> value: strict UTF-8, then `parseJson`. */
export function parseJsonBytes(bytes: Uint8Array, fileName: string): Validated<unknown> {
  const text = decodeUtf8(bytes, fileName);
  return text.ok ? parseJson(text.value, fileName) : text;
}

/**
 * Check a value that did not come through `parseJson` (e.g. a document handed to the worker, or a
 * lever's value): nesting depth and forbidden keys, without recursion. Returns the issues found.
 */
export function checkPlainData(value: unknown, where: readonly (string | number)[] = []): ValidationIssue[] {
  interface Node {
    value: unknown;
    key?: string | number;
    parent?: Node;
    depth: number;
  }
  const pathOf = (node: Node, last?: string) => {
    const parts: (string | number)[] = last === undefined ? [] : [last];
    for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) parts.push(n.key);
    return joinPath([...where, ...parts.reverse()]);
  };
  const issues: ValidationIssue[] = [];
  let found = 0;
  const todo: Node[] = [{ value, depth: 0 }];
  while (todo.length > 0) {
    const node = todo.pop()!;
    const v = node.value;
    if (v === null || typeof v !== 'object') continue;
    if (node.depth >= MAX_JSON_DEPTH) {
      if (found++ < MAX_ISSUES) issues.push(issue(pathOf(node), `at most ${MAX_JSON_DEPTH} levels of nested objects and lists`, 'deeper nesting'));
      continue;
    }
    if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) todo.push({ value: v[k], key: k, parent: node, depth: node.depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      if (isForbiddenKey(key)) {
        if (found++ < MAX_ISSUES) issues.push(issue(pathOf(node, key), FORBIDDEN_KEY_EXPECTED, JSON.stringify(key)));
      } else todo.push({ value: (v as Record<string, unknown>)[key], key, parent: node, depth: node.depth + 1 });
    }
  }
  return capIssues(issues, MAX_ISSUES, found);
}
