import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulationApi } from '../../sim/worker/session';
import { checkLeverTimeline, parseLeverTimeline } from '../../sim/levers';
import { directoryLoader, loadScenarioFile, SCENARIO_DIR } from '../../sim/node/files';
import { applyLever } from '../../sim/run';
import { mergeScenario, withPath } from '../../sim/scenario/resolve';
import { loadScenarioDocument, loadScenarioText } from '../../sim/load-scenario';
import { validateScenario } from '../../sim/scenario/validate';
import { loadShipped } from '../helpers';
import { BASELINE, cli, expectNoPollution, prototypeSnapshot, scratch, TINY } from './helpers';

const base = loadShipped('north-east-baseline.json', { 'population.scale': 0.002 });
const loader = directoryLoader(SCENARIO_DIR);
const dir = scratch('proto');

/** Lever paths that reach the prototype machinery, in every position. */
const PATHS = [
  '__proto__.toString',
  '__proto__.polluted',
  'constructor.prototype.polluted',
  'policy.__proto__.polluted',
  'policy.constructor.prototype.polluted',
  'policy.earlyHelp.__proto__',
  'policy.earlyHelp.constructor',
  'policy.earlyHelp.toString',
  'policy.earlyHelp.hasOwnProperty',
  'prototype',
];

/** Scenario files whose keys reach the prototype machinery: overrides, citations, nested values. */
const FILES = [
  '{"extends": "north-east-baseline", "__proto__": {"polluted": 1}}',
  '{"extends": "north-east-baseline", "policy": {"__proto__": {"polluted": 1}}}',
  '{"extends": "north-east-baseline", "policy": {"earlyHelp": {"constructor": {"prototype": {"polluted": 1}}}}}',
  '{"extends": "north-east-baseline", "citations": {"__proto__": "x"}}',
  '{"extends": "north-east-baseline", "citations": {"constructor": "x"}}',
  '{"extends": "north-east-baseline", "citations": {"constructor.prototype.polluted": "x"}}',
  '{"extends": "north-east-baseline", "citations": {"policy.__proto__": "x"}}',
  '{"extends": "north-east-baseline", "sources": [{"id": "a", "citation": "b", "prototype": 1}]}',
];

describe('prototype keys are refused everywhere, and nothing global changes', () => {
  it('refuses every prototype path as a lever (applyLever, withPath), naming the path', () => {
    const before = prototypeSnapshot();
    for (const path of PATHS) {
      for (const value of [5, 'x', { polluted: 1 }, null]) {
        const lever = applyLever(base, path, value);
        expect(lever.ok, path).toBe(false);
        if (!lever.ok) expect(lever.issues[0].message.startsWith(`${lever.issues[0].path}: expected `), path).toBe(true);
        expect(withPath(base, path, value).ok, path).toBe(false);
      }
    }
    expectNoPollution(before);
  });

  it('refuses a lever value that carries a prototype key', () => {
    const before = prototypeSnapshot();
    const value = JSON.parse('{"__proto__": {"polluted": 1}, "under10": {}}');
    const lever = applyLever(base, 'care.entryMix', value);
    expect(lever.ok).toBe(false);
    if (!lever.ok) expect(lever.issues[0].message).toBe('care.entryMix.__proto__: expected a field name other than __proto__, constructor or prototype, found "__proto__"');
    expectNoPollution(before);
  });

  it('refuses prototype paths in a lever timeline, at the CLI and in the checker, with nothing written', async () => {
    const before = prototypeSnapshot();
    const timeline = PATHS.map((path, k) => ({ month: k + 1, path, value: 5 }));
    const file = join(dir, 'levers.json');
    writeFileSync(file, JSON.stringify(timeline));
    const r = await cli([BASELINE, ...TINY, '--levers', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // every entry reported at once: a prototype word as malformed, an inherited member as no field
    PATHS.forEach((path, k) => {
      if (/__proto__|constructor|prototype/.test(path)) expect(r.stderr).toContain(`[${k}].path: expected a path whose parts are each a field name other than`);
      else expect(r.stderr).toContain(`levers[${k}].path (month ${k + 1}): ${path}: expected the path of an existing scenario field, found no such field`);
    });
    expect(checkLeverTimeline(base, timeline).ok).toBe(false);
    expect(parseLeverTimeline(JSON.stringify(timeline)).ok).toBe(false);
    expectNoPollution(before);
  });

  it('refuses prototype keys in scenario text, overrides and citations, naming their path', () => {
    const before = prototypeSnapshot();
    for (const text of FILES) {
      const r = loadScenarioText(text, 'x.json', loader);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.issues[0].message, text).toMatch(/^[^:]+: expected /);
        expect(r.issues[0].message, text).toMatch(/__proto__|constructor|prototype/);
      }
    }
    expectNoPollution(before);
  });

  it('refuses prototype keys in a document handed over already parsed (as the worker receives it)', () => {
    const before = prototypeSnapshot();
    for (const text of FILES) {
      const r = loadScenarioDocument(JSON.parse(text), 'x.json', loader);
      expect(r.ok, text).toBe(false);
    }
    const whole = JSON.parse(JSON.stringify(base));
    whole.citations = JSON.parse('{"__proto__": "x"}');
    expect(validateScenario(whole).ok).toBe(false);
    expectNoPollution(before);
  });

  it('refuses a prototype key in a file reached through extends', () => {
    const before = prototypeSnapshot();
    writeFileSync(join(dir, 'parent.json'), '{"extends": "north-east-baseline", "policy": {"__proto__": {"polluted": 1}}}');
    writeFileSync(join(dir, 'child.json'), '{"extends": "parent"}');
    const r = loadScenarioFile(join(dir, 'child.json'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toBe('policy.__proto__: expected a field name other than __proto__, constructor or prototype, found "__proto__"');
    expectNoPollution(before);
  });

  it('merges documents by own fields only, and refuses to assign a prototype key', () => {
    const before = prototypeSnapshot();
    expect(() => mergeScenario({}, JSON.parse('{"__proto__": {"polluted": 1}}'))).toThrow(/refused the key "__proto__"/);
    expect(mergeScenario({ a: { b: 1 } }, { a: { c: 2 } })).toEqual({ a: { b: 1, c: 2 } });
    expectNoPollution(before);
  });

  it('refuses prototype paths through the worker API ("set any lever" in the app)', () => {
    const before = prototypeSnapshot();
    const api = createSimulationApi(loader);
    expect(api.load({ fileName: 'small.json', document: { extends: 'north-east-baseline.json', population: { scale: 0.002 } }, sampleSize: 0 }).ok).toBe(true);
    for (const path of PATHS) expect(api.setLever(path, 5).ok, path).toBe(false);
    expect(api.setLever('policy.earlyHelp.budgetPerYear', 5).ok).toBe(true);
    expectNoPollution(before);
  });
});
