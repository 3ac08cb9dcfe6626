/**
 * Untrusted input, at random: whatever the scenario reader, the lever-timeline reader and merge are
 * given, they never throw, never touch a global prototype, and every message names a JSON path
 * (readers) or a file (merge).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLeverTimeline, parseLeverTimeline } from '../../sim/levers';
import { directoryLoader, SCENARIO_DIR } from '../../sim/node/files';
import { decodeUtf8 } from '../../sim/scenario/json';
import { loadScenarioText } from '../../sim/load-scenario';
import type { Validated } from '../../sim/scenario/validate';
import { loadShipped } from '../helpers';
import { BASELINE, cli, expectNoPollution, merge, prototypeSnapshot, scratch, TINY } from './helpers';

const loader = directoryLoader(SCENARIO_DIR);
const baselineText = readFileSync(BASELINE, 'utf8');
const base = loadShipped('north-east-baseline.json', { 'population.scale': 0.002 });

/** Every message of a refusal names its path: `path: expected ..., found ...` (the closing "... and N more" aside). */
function expectPathNamed(result: Validated<unknown>): void {
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const i of result.issues) {
    if (i.more !== undefined) continue;
    expect(i.path.length).toBeGreaterThan(0);
    expect(i.message.startsWith(`${i.path}: expected `), i.message).toBe(true);
    expect(i.message).toMatch(/, found ./);
  }
}

/** Snippets that make JSON interesting: prototype keys, duplicates, deep nesting, huge numbers, marks. */
const SNIPPETS = [
  '"__proto__": {"polluted": 1},',
  '"constructor": {"prototype": {"polluted": 1}},',
  '"prototype": 1,',
  '"name": "again",',
  '"extends": "../../etc/passwd",',
  '"extends": "/dev/zero",',
  '"extends": "north-east-baseline",',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  '1e999',
  '-1e308',
  '\uFEFF',
  '\u0000',
  '"\\ud800"',
  '{',
  '}',
  ',',
  ':',
  '"',
];

const mutatedText = fc
  .array(
    fc.record({
      at: fc.nat(),
      cut: fc.nat({ max: 40 }),
      insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.json({ maxDepth: 3 }), fc.string({ maxLength: 8 })),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((edits) => {
    let text = baselineText;
    for (const e of edits) {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
    }
    return text;
  });

/** The baseline with a key added somewhere, as its own property (a prototype word among them). */
const mutatedDocument = fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'x', 'name'), fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([key, where, value]) => {
  const doc = JSON.parse(baselineText) as Record<string, unknown>;
  const objects: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      objects.push(node as Record<string, unknown>);
      Object.values(node).forEach(walk);
    }
  };
  walk(doc);
  Object.defineProperty(objects[where % objects.length], key, { value, enumerable: true, configurable: true, writable: true });
  return JSON.stringify(doc);
});

describe('the scenario reader, on random input', () => {
  const check = (text: string) => {
    const before = prototypeSnapshot();
    const result = loadScenarioText(text, 'random.json', loader);
    expectPathNamed(result);
    expectNoPollution(before);
  };

  it('never throws on random text or random JSON', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v) ?? '')), check), { numRuns: 300 });
  });

  it('never throws on mutations of a valid file', () => {
    fc.assert(fc.property(mutatedText, check), { numRuns: 300 });
  });

  it('refuses a prototype key added anywhere, and accepts harmless ones only where the format allows', () => {
    fc.assert(
      fc.property(mutatedDocument, (text) => {
        check(text);
        if (/"(__proto__|constructor|prototype)":/.test(text)) expect(loadScenarioText(text, 'random.json', loader).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on random bytes spliced into a valid file', () => {
    const bytes = new TextEncoder().encode(baselineText);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (flips) => {
        const copy = bytes.slice();
        for (const [at, b] of flips) copy[at % copy.length] = b;
        const text = decodeUtf8(copy, 'random.json');
        expectPathNamed(text);
        if (text.ok) check(text.value);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the lever-timeline reader, on random input', () => {
  const segment = fc.constantFrom('policy', 'earlyHelp', 'budgetPerYear', 'profitCap', 'enabled', 'maxMargin', 'population', 'scale', '__proto__', 'constructor', 'prototype', 'toString', '', 'x');
  const entry = fc.record(
    {
      month: fc.oneof(fc.integer({ min: -3, max: 40 }), fc.double(), fc.string({ maxLength: 3 })),
      path: fc.oneof(fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('.')), fc.string({ maxLength: 10 }), fc.integer()),
      value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.double({ min: -1e9, max: 1e12 }), fc.boolean()),
      extra: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  );

  it('never throws, never pollutes, and names every problem by path, checked against the scenario', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(entry, { maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), (timeline) => {
        const before = prototypeSnapshot();
        expectPathNamed(parseLeverTimeline(JSON.stringify(timeline) ?? ''));
        const checked = checkLeverTimeline(base, timeline);
        if (!checked.ok) {
          // a change refused by the scenario is prefixed with its entry's field and month; the rest names the scenario field
          const unprefixed = checked.issues.map((i) => {
            const message = i.message.replace(/^levers\[\d+\]\.(path|value) \([^)]*\): /, '');
            return { ...i, message, path: message === i.message ? i.path : message.split(': ')[0] };
          });
          expectPathNamed({ ok: false, issues: unprefixed });
        }
        expectNoPollution(before);
      }),
      { numRuns: 300 },
    );
  });
});

describe('merge, on random selections and damage of parts', () => {
  const dir = scratch('merge-random');
  const parts: string[] = [];
  let whole = '';
  beforeAll(async () => {
    whole = (await cli([BASELINE, ...TINY, '--runs', '5', '--seed', '2'])).stdout;
    for (let i = 0; i < 3; i++) {
      const part = join(dir, `part-${i}.json`);
      await cli([BASELINE, ...TINY, '--runs', '5', '--seed', '2', '--shard', `${i}/3`, '--out', part]);
      parts.push(part);
    }
  });

  it('merges exactly when given every shard once, undamaged; otherwise refuses naming a file or a shard', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 5 }),
        fc.option(fc.record({ part: fc.nat(), kind: fc.constantFrom('cut', 'flip'), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) })),
        async (picks, damage) => {
          const before = prototypeSnapshot();
          const files = picks.map((i) => parts[i]);
          if (damage && files.length > 0) {
            const k = damage.part % files.length;
            const bytes = readFileSync(files[k]);
            const at = damage.at % bytes.length;
            const damaged = damage.kind === 'cut' ? bytes.subarray(0, at) : Buffer.from(bytes.map((b, j) => (j === at ? b ^ damage.xor : b)));
            files[k] = join(dir, `damaged-${n++}.json`);
            writeFileSync(files[k], damaged);
          }
          const r = await merge(files);
          const complete = [...picks].sort().join() === '0,1,2' && !damage;
          if (complete) {
            expect(r.code).toBe(0);
            expect(r.stdout).toBe(whole);
          } else if (files.length === 0) {
            expect(r.code).toBe(2);
          } else {
            expect(r.code, r.stderr).toBe(1);
            expect(r.stdout).toBe('');
            expect(r.stderr).toMatch(/^cannot merge\n {2}- (\/\S+\.json|missing \d+ of 3 shards)/);
          }
          expectNoPollution(before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('copies of a part are told apart only by name: each shard once', async () => {
    const copy = join(dir, 'copy.json');
    copyFileSync(parts[0], copy);
    expect((await merge([copy, parts[1], parts[2]])).stdout).toBe(whole);
  });
});
