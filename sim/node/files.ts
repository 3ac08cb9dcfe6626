/**
 * Node-only: read input files from disk (the browser bundles the shipped scenarios instead).
 * Every input is read the same careful way: a regular file only (never a device, a pipe or a
 * folder), its size checked before reading and bounded while reading, decoded as strict UTF-8.
 * `extends` follows the rule in `sim/scenario/extends.ts`, and a local file must stay inside the
 * extending file's folder after symbolic links are followed.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { extendsTarget } from '../scenario/extends';
import { decodeUtf8, parseJson } from '../scenario/json';
import { type LoadRefused, type ScenarioLoader } from '../scenario/resolve';
import { loadScenarioText } from '../load-scenario';
import type { Scenario } from '../scenario/schema';
import type { Validated } from '../scenario/validate';
import { issue } from '../scenario/validate';

export const SCENARIO_DIR = resolve(dirname(new URL(import.meta.url).pathname), '../../scenarios');

/** Largest scenario file read (the North East baseline is about 20 kB). */
export const MAX_SCENARIO_BYTES = 1_000_000;
/** Largest lever timeline read (about 10,000 lever changes). */
export const MAX_LEVERS_BYTES = 1_000_000;

const SCHEMA_FILE = 'scenario.schema.json';

let shippedNames: string[] | undefined;
/** File names of the shipped scenarios (e.g. `north-east-baseline.json`), sorted. */
export function shippedScenarioNames(): string[] {
  shippedNames ??= readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json') && f !== SCHEMA_FILE)
    .sort();
  return shippedNames;
}

const megabytes = (n: number) => `${(n / 1e6).toLocaleString('en-GB')} MB`;

function describeError(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'a folder, not a file';
    case 'ELOOP':
      return 'a loop of symbolic links';
    default:
      return typeof code === 'string' ? `it could not be read (${code})` : 'it could not be read';
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`, or why not (never its content). The size is
 * checked before reading and the read stops one byte past the limit, so a file that grows
 * meanwhile (or a device that never ends) costs no more than the limit.
 */
export function readFileBounded(path: string, maxBytes: number): { ok: true; bytes: Uint8Array } | { ok: false; why: string } {
  let fd: number | undefined;
  try {
    const before = statSync(path);
    if (!before.isFile()) return { ok: false, why: before.isDirectory() ? 'a folder, not a file' : 'not a regular file (a device, pipe or socket)' };
    if (before.size > maxBytes) return { ok: false, why: `larger than ${megabytes(maxBytes)}` };
    // O_NONBLOCK: should the path have been swapped for a pipe since the stat, opening it does not hang.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return { ok: false, why: 'not a regular file (a device, pipe or socket)' };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) return { ok: false, why: `larger than ${megabytes(maxBytes)}` };
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (err) {
    return { ok: false, why: describeError(err) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The text of an input file named on the command line, decoded as strict UTF-8. */
function readInput(path: string, maxBytes: number, what: string): Validated<string> {
  const read = readFileBounded(path, maxBytes);
  if (!read.ok) return { ok: false, issues: [issue('', what, read.why === 'no such file' ? `no file at ${path}` : `${path}: ${read.why}`)] };
  return decodeUtf8(read.bytes, basename(path));
}

/** A JSON input file (lever timeline, manifest) parsed with every check of `parseJson`. */
export function readJsonFile(path: string, maxBytes: number, what: string): Validated<unknown> {
  const text = readInput(path, maxBytes, what);
  return text.ok ? parseJson(text.value, basename(path)) : text;
}

function insideFolder(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel);
}

/** Text of `fileName` in `folder` if, symbolic links followed, it is a regular file inside that folder. */
function readInFolder(folder: string, fileName: string): string | undefined | LoadRefused {
  let real: string;
  try {
    real = realpathSync(join(folder, fileName));
  } catch (err) {
    const why = describeError(err);
    return why === 'no such file' ? undefined : { refused: why };
  }
  if (!insideFolder(realpathSync(folder), real)) return { refused: 'a link to a file outside the folder' };
  const read = readFileBounded(real, MAX_SCENARIO_BYTES);
  if (!read.ok) return { refused: read.why };
  const text = decodeUtf8(read.bytes, fileName);
  return text.ok ? text.value : { refused: text.issues[0].found };
}

/**
 * The CLI's loader for `extends`: a shipped scenario's name reads `scenarios/`, any other plain
 * name reads `dir` (the extending file's folder).
 */
export function directoryLoader(dir: string): ScenarioLoader {
  return (name) => {
    const target = extendsTarget(name, shippedScenarioNames());
    if (!target.ok) return { refused: target.issues[0].found };
    return readInFolder(target.value.kind === 'shipped' ? SCENARIO_DIR : dir, target.value.fileName);
  };
}

export function loadScenarioFile(path: string): Validated<Scenario> {
  const text = readInput(path, MAX_SCENARIO_BYTES, 'a scenario file');
  if (!text.ok) return text;
  return loadScenarioText(text.value, basename(path), directoryLoader(dirname(resolve(path))));
}
