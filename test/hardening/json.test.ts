import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeverTimeline, parseLeverTimeline } from '../../sim/levers';
import { directoryLoader, loadScenarioFile, SCENARIO_DIR } from '../../sim/node/files';
import { checkPlainData, decodeUtf8, invalidUtf8Offset, MAX_JSON_DEPTH, parseJson, parseJsonBytes } from '../../sim/scenario/json';
import { loadScenarioDocument, loadScenarioText } from '../../sim/load-scenario';
import { describeFound, MAX_ISSUES, validateScenario } from '../../sim/scenario/validate';
import { loadShipped } from '../helpers';
import { BASELINE, cli, scratch, TINY } from './helpers';

const dir = scratch('json');
const loader = directoryLoader(SCENARIO_DIR);
const baselineText = readFileSync(BASELINE, 'utf8');
const messages = (r: { ok: boolean; issues?: { message: string }[] }) => (r.ok ? [] : r.issues!.map((i) => i.message));
const encode = (text: string) => new TextEncoder().encode(text);

describe('the JSON reader', () => {
  it('accepts a UTF-8 byte-order mark, in bytes and in text', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('{"a": 1}')]);
    expect(parseJsonBytes(bom, 'x.json')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJson('\uFEFF{"a": 1}', 'x.json')).toEqual({ ok: true, value: { a: 1 } });
    const file = join(dir, 'bom.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ extends: 'north-east-baseline' }))]));
    expect(loadScenarioFile(file).ok).toBe(true);
  });

  it('refuses invalid UTF-8 with the offset of the first bad byte', () => {
    const bytes = encode('{"name": "caf_"}');
    bytes[14] = 0xe9; // Latin-1 é
    expect(messages(parseJsonBytes(bytes, 'latin1.json'))).toEqual([
      '(root): expected UTF-8 text in latin1.json, found bytes that are not UTF-8 at byte 14 (save the file as UTF-8)',
    ]);
    const file = join(dir, 'latin1.json');
    writeFileSync(file, bytes);
    expect(messages(loadScenarioFile(file))[0]).toContain('at byte 14');
  });

  it('finds the first invalid UTF-8 sequence of every kind', () => {
    const at = (...b: number[]) => invalidUtf8Offset(new Uint8Array(b));
    expect(at(0x61, 0xc3, 0xa9, 0x62)).toBe(-1); // é
    expect(at(0xf0, 0x9f, 0x98, 0x80)).toBe(-1); // an emoji
    expect(at(0x61, 0xc0, 0xaf)).toBe(1); // overlong
    expect(at(0x61, 0x62, 0xed, 0xa0, 0x80)).toBe(2); // a surrogate
    expect(at(0xe2, 0x82)).toBe(0); // cut off
    expect(at(0x61, 0x80)).toBe(1); // a lone continuation byte
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // above U+10FFFF
    expect(decodeUtf8(new Uint8Array([0x61, 0xff]), 'f').ok).toBe(false);
  });

  it('refuses 100,000 nested lists with a message naming the depth, without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const r = parseJson(deep, 'deep.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0].message).toMatch(new RegExp(`^(\\[0\\]){${MAX_JSON_DEPTH}}: expected at most ${MAX_JSON_DEPTH} levels of nested objects and lists in deep.json, found deeper nesting$`));
    }
    // also for a value built in memory (a document handed to the worker), and when describing it
    let value: unknown = [];
    for (let k = 0; k < 100_000; k++) value = [value];
    expect(checkPlainData(value)).toHaveLength(1);
    expect(loadScenarioDocument({ extends: 'north-east-baseline', sources: value }, 'x.json', loader).ok).toBe(false);
    expect(describeFound(value)).toBe(`a list ${'['.repeat(57)}...`);
  });

  it('refuses duplicate keys with their JSON path, every one of them', () => {
    const text = '{"extends": "north-east-baseline", "name": "a", "name": "b", "policy": {"earlyHelp": {"budgetPerYear": 1, "budgetPerYear": 2}}, "sources": [{"id": "x", "id": "y"}]}';
    expect(messages(loadScenarioText(text, 'dup.json', loader))).toEqual([
      'name: expected each field once in an object, found it a second time (the first would be silently lost)',
      'policy.earlyHelp.budgetPerYear: expected each field once in an object, found it a second time (the first would be silently lost)',
      'sources[0].id: expected each field once in an object, found it a second time (the first would be silently lost)',
    ]);
    // escapes do not hide a duplicate
    expect(parseJson('{"a": 1, "\\u0061": 2}', 'x.json').ok).toBe(false);
  });

  it('reports a syntax error by line and column without quoting the text', () => {
    const r = parseJson('{\n  "name": "secret",\n  "x": secret\n}', 'broken.json');
    expect(messages(r)).toEqual(['(root): expected valid JSON in broken.json, found a syntax error at line 3, column 8 (inside x): expected a value (an object, list, string, number, true, false or null)']);
    for (const text of ['', '{', '{"a" 1}', '[1,]', '{"a":1,}', '01', '"\u0001"', '"\\x"', 'nul', '{} {}', '[1 2]', '"abc']) {
      const bad = parseJson(text, 'f.json');
      expect(bad.ok, JSON.stringify(text)).toBe(false);
      if (!bad.ok) expect(bad.issues[0].message, JSON.stringify(text)).toMatch(/^\(root\): expected valid JSON in f\.json, found a syntax error at line \d+, column \d+/);
    }
  });

  it('refuses a number too large for JavaScript instead of reading Infinity', () => {
    expect(messages(parseJson('{"policy": {"x": 1e400}}', 'f.json'))).toEqual([
      'policy.x: expected a number JavaScript can hold (up to about 1.8e308), found a number too large (it would become Infinity)',
    ]);
  });

  it('reads everything JSON.parse reads, to the same value', () => {
    for (const text of ['0', '-0.5e-3', '"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"', '[]', '{}', ' [ 1 , { "a" : [ true , false , null ] } ] ', baselineText]) {
      expect(parseJson(text, 'f.json'), text.slice(0, 40)).toEqual({ ok: true, value: JSON.parse(text) });
    }
  });
});

describe('long lists of errors', () => {
  it(`stops at ${MAX_ISSUES} messages and counts the rest (500,000 unknown fields)`, () => {
    const doc = JSON.parse(baselineText);
    for (let k = 0; k < 500_000; k++) doc.policy[`x${k}`] = k;
    const r = validateScenario(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(MAX_ISSUES + 1);
      expect(r.issues[MAX_ISSUES].message).toBe(`... and ${500_000 - MAX_ISSUES} more (only the first ${MAX_ISSUES} are listed)`);
      expect(JSON.stringify(r.issues).length).toBeLessThan(50_000);
    }
  });

  it('caps duplicate keys, bad citations and bad lever entries the same way', () => {
    const dups = `{${Array.from({ length: 10_000 }, () => '"a": 1').join(',')}}`;
    expect(messages(parseJson(dups, 'f.json'))).toHaveLength(MAX_ISSUES + 1);
    const doc = JSON.parse(baselineText);
    for (let k = 0; k < 10_000; k++) doc.citations[`nowhere.${k}`] = 'x';
    expect(messages(validateScenario(doc))).toHaveLength(MAX_ISSUES + 1);
    const levers = Array.from({ length: 10_000 }, () => ({ month: 0 }));
    expect(messages(parseLeverTimeline(JSON.stringify(levers)))).toHaveLength(MAX_ISSUES + 1);
  });
});

describe('lever timelines', () => {
  const base = loadShipped('north-east-baseline.json', { 'population.scale': 0.002 });

  it('reports every error at once: malformed entries and each change against the scenario, by index in the file', () => {
    const timeline = [
      { month: 5, path: 'policy.profitCap.enabled', value: 'yes' },
      { month: 0, path: 'policy.earlyHelp.budgetPerYear', value: 1 },
      { month: 2, path: 'policy.earlyHelp.budgetPerYear', value: -1 },
      { month: 3, path: 'policy.nope', value: 1 },
      { month: 4, path: 'policy.earlyHelp.budgetPerYear', value: 5 },
    ];
    expect(messages(checkLeverTimeline(base, timeline))).toEqual([
      '[1].month: expected a whole number >= 1 (the first month that uses the new value), found 0',
      'levers[2].value (month 2): policy.earlyHelp.budgetPerYear: expected a number >= 0 and <= 10,000,000,000 (pounds per year), found -1',
      'levers[3].path (month 3): policy.nope: expected the path of an existing scenario field, found no such field',
      'levers[0].value (month 5): policy.profitCap.enabled: expected true or false, found "yes"',
    ]);
  });

  it('at the CLI: every error on stderr, nothing on stdout or in --out', async () => {
    const file = join(dir, 'levers.json');
    writeFileSync(file, JSON.stringify([{ month: 1, path: 'policy.profitCap.enabled', value: 'yes' }, { month: 2, path: 'policy.profitCap.maxMargin', value: -3 }]));
    const out = join(dir, 'never.json');
    for (const format of ['json', 'csv']) {
      const r = await cli([BASELINE, ...TINY, '--levers', file, '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('levers[0].value (month 1): policy.profitCap.enabled');
      expect(r.stderr).toContain('levers[1].value (month 2): policy.profitCap.maxMargin');
    }
    expect((await cli([BASELINE, ...TINY, '--levers', file, '--out', out])).code).toBe(1);
    expect(() => readFileSync(out)).toThrow();
  });

  it('warns on stderr about changes after the last month, which a run never applies', async () => {
    const file = join(dir, 'late.json');
    writeFileSync(file, JSON.stringify([{ month: 1, path: 'policy.profitCap.enabled', value: true }, { month: 30, path: 'policy.profitCap.maxMargin', value: 0.2 }]));
    const r = await cli([BASELINE, ...TINY, '--levers', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: 1 lever change(s) come after the last month (2) and are never applied: policy.profitCap.maxMargin at month 30\n');
    expect(JSON.parse(r.stdout).runs).toHaveLength(1);
  });
});
