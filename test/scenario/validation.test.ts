import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DIR } from '../../sim/node/files';
import { type ScenarioLoader } from '../../sim/scenario/resolve';
import { loadScenarioText } from '../../sim/load-scenario';
import { validateScenario } from '../../sim/scenario/validate';
import { parseLeverTimeline } from '../../sim/levers';
import { applyLever } from '../../sim/run';
import { loadShipped } from '../helpers';

const baselineText = readFileSync(join(SCENARIO_DIR, 'north-east-baseline.json'), 'utf8');
const baselineDoc = (): Record<string, unknown> => JSON.parse(baselineText);
const files = (extra: Record<string, string>): ScenarioLoader => (name) => extra[name] ?? (name === 'north-east-baseline.json' ? baselineText : undefined);
const messages = (r: ReturnType<typeof validateScenario>) => (r.ok ? [] : r.issues.map((i) => i.message));

describe('scenario validation messages', () => {
  it('names the path, what was expected (with its unit) and what was found', () => {
    const doc = baselineDoc() as { policy: { earlyHelp: { budgetPerYear: unknown } } };
    doc.policy.earlyHelp.budgetPerYear = 'lots';
    expect(messages(validateScenario(doc))).toEqual(['policy.earlyHelp.budgetPerYear: expected a number >= 0 and <= 10,000,000,000 (pounds per year), found "lots"']);
  });

  it('reports a value out of range', () => {
    const doc = baselineDoc() as { poverty: { initialShare: number } };
    doc.poverty.initialShare = 1.5;
    expect(messages(validateScenario(doc))).toEqual(['poverty.initialShare: expected a number >= 0 and <= 1 (share (0 to 1)), found 1.5']);
  });

  it('reports a missing field', () => {
    const doc = baselineDoc() as { socialWork: Record<string, unknown> };
    delete doc.socialWork.workers;
    expect(messages(validateScenario(doc))).toEqual(['socialWork.workers: expected a number >= 0 and <= 1,000,000 (FTE), found nothing (the field is missing)']);
  });

  it('rejects an unknown field and suggests the field that was meant', () => {
    const doc = baselineDoc() as { policy: { earlyHelp: Record<string, unknown> } };
    doc.policy.earlyHelp.budgetPerYaer = 5;
    const [message] = messages(validateScenario(doc));
    expect(message).toMatch(/^policy\.earlyHelp\.budgetPerYaer: expected no such field/);
    expect(message).toContain('did you mean "budgetPerYear"?');
  });

  it('reports every error, not only the first', () => {
    const doc = baselineDoc() as { population: Record<string, unknown>; care: Record<string, unknown> };
    doc.population.scale = 0;
    doc.care.reunificationPerYear = -1;
    const found = messages(validateScenario(doc));
    expect(found).toHaveLength(2);
    expect(found.some((m) => m.startsWith('population.scale: expected a number > 0 and <= 1'))).toBe(true);
    expect(found.some((m) => m.startsWith('care.reunificationPerYear: expected a number >= 0'))).toBe(true);
  });

  it('reports a wrong type of a nullable field as either type', () => {
    const doc = baselineDoc() as { placements: { secure: { places: unknown } } };
    doc.placements.secure.places = 'ten';
    expect(messages(validateScenario(doc))).toEqual(['placements.secure.places: expected a whole number >= 0 and <= 1,000,000 (places) or null, found "ten"']);
  });

  it('rejects a citation of a parameter that does not exist', () => {
    const doc = baselineDoc() as { citations: Record<string, string> };
    doc.citations['policy.earlyHelp.budget'] = 'x';
    expect(messages(validateScenario(doc))).toEqual([
      'citations["policy.earlyHelp.budget"]: expected a key that is the path of a parameter in this scenario, found "policy.earlyHelp.budget"',
    ]);
  });

  it('rejects entry-mix weights that are all zero', () => {
    const doc = baselineDoc() as { care: { entryMix: { under10: Record<string, number> } } };
    for (const k of Object.keys(doc.care.entryMix.under10)) doc.care.entryMix.under10[k] = 0;
    expect(messages(validateScenario(doc))[0]).toMatch(/^care\.entryMix\.under10: expected weights with a positive sum/);
  });
});

describe('scenario files and extends', () => {
  it('merges an override onto the scenario it extends', () => {
    const text = JSON.stringify({ extends: 'north-east-baseline.json', name: 'More early help', policy: { earlyHelp: { budgetPerYear: 1 } } });
    const r = loadScenarioText(text, 'x.json', files({}));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.name).toBe('More early help');
      expect(r.value.policy.earlyHelp.budgetPerYear).toBe(1);
      expect(r.value.policy.earlyHelp.statutoryDuty).toBe(false);
      expect(r.value.poverty.needHazardRatio).toBe(3);
    }
  });

  it('validates the fields an override adds', () => {
    const text = JSON.stringify({ extends: 'north-east-baseline.json', policy: { profitCap: { maxMargin: -1, typo: true } } });
    const r = loadScenarioText(text, 'x.json', files({}));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const found = r.issues.map((i) => i.path).sort();
      expect(found).toEqual(['policy.profitCap.maxMargin', 'policy.profitCap.typo']);
    }
  });

  it('rejects a cycle of extends, naming the chain', () => {
    const a = JSON.stringify({ extends: 'b.json' });
    const b = JSON.stringify({ extends: 'a.json' });
    const r = loadScenarioText(a, 'a.json', files({ 'a.json': a, 'b.json': b }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toBe('extends: expected a chain of scenarios without a cycle, found a.json -> b.json -> a.json');
  });

  it('rejects an extends of a file that does not exist', () => {
    const r = loadScenarioText(JSON.stringify({ extends: 'nowhere.json' }), 'x.json', files({}));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toBe('extends: expected the name of an existing scenario file, found "nowhere.json"');
  });

  it('reports invalid JSON with the file name', () => {
    const r = loadScenarioText('{ "name": ', 'broken.json', files({}));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toMatch(/^\(root\): expected valid JSON in broken\.json, found a syntax error/);
  });

  it('rejects a document that is not an object', () => {
    const r = loadScenarioText('[1, 2]', 'list.json', files({}));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toMatch(/expected a JSON object in list\.json, found a list/);
  });
});

describe('levers', () => {
  const base = loadShipped('north-east-baseline.json');

  it('applies a valid lever to a copy and leaves the original alone', () => {
    const r = applyLever(base, 'policy.earlyHelp.budgetPerYear', 123);
    expect(r.ok && r.value.policy.earlyHelp.budgetPerYear).toBe(123);
    expect(base.policy.earlyHelp.budgetPerYear).toBe(40_000_000);
  });

  it('rejects a lever value of the wrong type with the path', () => {
    const r = applyLever(base, 'policy.earlyHelp.statutoryDuty', 'yes');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toBe('policy.earlyHelp.statutoryDuty: expected true or false, found "yes"');
  });

  it('rejects a lever path that does not exist', () => {
    const r = applyLever(base, 'policy.earlyHelp.budget', 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toBe('policy.earlyHelp.budget: expected the path of an existing scenario field, found no such field');
  });

  it('parses a timeline and reports each malformed entry by index', () => {
    expect(parseLeverTimeline('[{"month": 12, "path": "policy.earlyHelp.budgetPerYear", "value": 5000000}]')).toEqual({
      ok: true,
      value: [{ month: 12, path: 'policy.earlyHelp.budgetPerYear', value: 5000000 }],
    });
    const bad = parseLeverTimeline('[{"month": 0, "path": "population.scale", "value": 1}, {"path": 3, "when": 1}]');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => i.path)).toEqual(['[0].month', '[0].path', '[1].when', '[1]', '[1].path', '[1].value']);
    }
  });
});
