/** Shared by the hardening tests: the CLI in-process, a scratch folder, and a check that no global prototype changed. */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main, type CliIo } from '../../sim/cli/main';
import { mergeMain } from '../../sim/cli/merge';
import { SCENARIO_DIR } from '../../sim/node/files';

export const BASELINE = join(SCENARIO_DIR, 'north-east-baseline.json');
/** the smallest runs that still simulate something */
export const TINY = ['--scale', '0.002', '--months', '2', '--quiet'];

export const scratch = (name: string): string => mkdtempSync(join(tmpdir(), `care-futures-${name}-`));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: readonly string[], io: Partial<CliIo> = {}, env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, env, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 0, ...io });
  return { code, stdout, stderr };
}

export async function merge(args: readonly string[], io: Partial<CliIo> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await mergeMain(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...io });
  return { code, stdout, stderr };
}

/** Files in a folder that a failed write may have left behind. */
export const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** Expect a one-line failure on stderr: no stack trace. */
export function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/Error: /);
}

const PROTOTYPES: [string, object][] = [
  ['Object', Object.prototype],
  ['Array', Array.prototype],
  ['Function', Function.prototype],
  ['String', String.prototype],
  ['Number', Number.prototype],
  ['Boolean', Boolean.prototype],
];

type Snapshot = Map<string, PropertyDescriptor>;

/** Every own property of the built-in prototypes, with its descriptor (value, getter, setter). */
export function prototypeSnapshot(): Snapshot {
  const out: Snapshot = new Map();
  for (const [name, proto] of PROTOTYPES) {
    for (const key of Reflect.ownKeys(proto)) out.set(`${name}.${String(key)}`, Object.getOwnPropertyDescriptor(proto, key)!);
  }
  out.set('Object.getPrototypeOf({})', { value: Object.getPrototypeOf({}) });
  out.set('Object.getPrototypeOf([])', { value: Object.getPrototypeOf([]) });
  return out;
}

/** No prototype gained, lost or changed a property since `before`. */
export function expectNoPollution(before: Snapshot): void {
  const after = prototypeSnapshot();
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [key, was] of before) {
    const now = after.get(key)!;
    for (const field of ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'] as const) {
      expect(Object.is(now[field], was[field]), `${key}.${field} changed`).toBe(true);
    }
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
