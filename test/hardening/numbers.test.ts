import { describe, expect, it } from 'vitest';
import { firstNonFinite } from '../../sim/finite';
import type { MonthRecord } from '../../sim/records';
import { runScenario } from '../../sim/run';
import { ScenarioSchema, type Scenario } from '../../sim/scenario/schema';
import { validateScenario } from '../../sim/scenario/validate';
import { loadShipped } from '../helpers';

interface Node {
  type?: string;
  unit?: string;
  maximum?: number;
  properties?: Record<string, Node>;
  patternProperties?: Record<string, Node>;
  anyOf?: Node[];
  items?: Node;
}

/** Every number in the schema, with its path. */
function numbers(node: Node, path: readonly string[] = []): { path: string; schema: Node }[] {
  const children = [
    ...Object.entries(node.properties ?? {}).map(([k, v]) => [v, [...path, k]] as const),
    ...Object.values(node.patternProperties ?? {}).map((v) => [v, [...path, '*']] as const),
    ...(node.anyOf ?? []).map((v) => [v, path] as const),
    ...(node.items ? [[node.items, [...path, '[]']] as const] : []),
  ];
  const own = node.type === 'number' || node.type === 'integer' ? [{ path: path.join('.'), schema: node }] : [];
  return [...own, ...children.flatMap(([v, p]) => numbers(v, p))];
}

const base = loadShipped('north-east-baseline.json', { 'population.scale': 0.002 });
/** The baseline with a small workshop script, so the script's numbers are checked as well. */
const WORKSHOP = { title: 't', months: 12, monthsPerSecond: 12, steps: [{ month: 1, title: 'a', prompt: 'p' }] };
const doc = () => structuredClone({ ...base, workshop: WORKSHOP }) as unknown as Record<string, unknown>;
/** Set a dotted path in a plain copy of a scenario. */
function setIn(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, root);
  parent[keys[keys.length - 1]] = value;
}
const messages = (data: unknown) => {
  const r = validateScenario(data);
  return r.ok ? [] : r.issues.map((i) => i.message);
};

describe('every number of the scenario format is bounded', () => {
  const all = numbers(ScenarioSchema as unknown as Node);

  it('gives every number a maximum and a unit', () => {
    expect(all.length).toBeGreaterThan(100);
    for (const { path, schema } of all) {
      expect(schema.maximum, path).toBeTypeOf('number');
      expect(schema.unit, path).toBeTypeOf('string');
    }
  });

  it('refuses a value above the maximum of any number, naming its path, limit and unit', () => {
    for (const { path, schema } of all.filter((n) => !n.path.includes('*') && !n.path.includes('[]'))) {
      const d = doc();
      setIn(d, path, 1e308);
      const found = messages(d);
      expect(found.some((m) => m.startsWith(`${path}: expected a `) && m.includes(`(${schema.unit})`) && m.endsWith('found 1e+308')), `${path}: ${found.join(' | ')}`).toBe(true);
    }
  });

  it('refuses the inputs that hung, overflowed or crashed the engine', () => {
    const set = (path: string, value: number) => {
      const d = doc();
      setIn(d, path, value);
      return messages(d);
    };
    expect(set('population.birthsPerYear', 1e308)).toEqual(['population.birthsPerYear: expected a number >= 0 and <= 2,000,000 (births per year), found 1e+308']);
    expect(set('population.children', 1e308)).toEqual(['population.children: expected a whole number >= 1 and <= 20,000,000 (children), found 1e+308']);
    expect(set('initialState.looked_after', 20_000)).toEqual(['initialState.looked_after: expected a number >= 0 and <= 10,000 (per 10,000 children), found 20000']);
    expect(set('placements.secure.costPerWeek', 1e308)).toEqual(['placements.secure.costPerWeek: expected a number >= 0 and <= 100,000 (pounds per week), found 1e+308']);
  });

  it('refuses initial states that add up to more than the population', () => {
    const d = doc();
    setIn(d, 'initialState.early_help', 6000);
    setIn(d, 'initialState.child_in_need', 6000);
    expect(messages(d)).toEqual([
      'initialState: expected rates that add up to at most 10,000 per 10,000 children (the rest start in universal services), found a sum of 12254',
    ]);
  });

  it('runs a scenario with every cost, place and budget at its maximum to finite figures', () => {
    const d = structuredClone(base);
    for (const p of Object.values(d.placements)) {
      p.costPerWeek = 100_000;
      if (p.places !== null) p.places = 1_000_000;
    }
    d.policy.earlyHelp.budgetPerYear = 10_000_000_000;
    d.earlyHelp.costPerFamilyPerYear = 1_000_000;
    d.socialWork.costPerWorkerPerYear = 10_000_000;
    d.market.outOfAreaPremium = 10;
    d.market.highCostPerWeek = 1_000_000;
    d.councilHomes.capitalCostPerPlace = 100_000_000;
    d.careLeavers.costPerYear = 10_000_000;
    d.permanence.allowancePerWeek = 1_000_000;
    d.prices.inflationPerYear = { staffPay: 1, placementPrices: 1, allowances: 1, earlyHelp: 1 };
    const valid = validateScenario(d);
    expect(valid.ok).toBe(true);
    if (valid.ok) expect(runScenario(valid.value, { seed: 1, months: 12 }).ok).toBe(true);
  });
});

describe('figures that are not finite stop a run', () => {
  const run = runScenario(base, { seed: 1, months: 1 });
  const record = (): MonthRecord => structuredClone((run as { value: MonthRecord[] }).value[1]);

  it('names the first figure of a month record or market record that is not finite', () => {
    expect(firstNonFinite(record())).toBeUndefined();
    const spend = record();
    spend.spend.secure = Infinity;
    expect(firstNonFinite(spend)).toBe('spend.secure');
    const total = record();
    total.spendTotal = NaN;
    expect(firstNonFinite(total)).toBe('spendTotal');
    const stock = record();
    stock.stocks.universal = -Infinity;
    expect(firstNonFinite(stock)).toBe('stocks.universal');
    // The pathway detail is checked too: ages, legal status, reasons for leaving, re-entries, unaccompanied children.
    const broken: [string, (r: MonthRecord) => void][] = [
      ['lookedAfterByAge.16_plus', (r) => (r.lookedAfterByAge['16_plus'] = Infinity)],
      ['careEntriesByAge.under_1', (r) => (r.careEntriesByAge.under_1 = NaN)],
      ['lookedAfterByLegalStatus.V2', (r) => (r.lookedAfterByLegalStatus.V2 = Infinity)],
      ['careExitsByReason.adopted', (r) => (r.careExitsByReason.adopted = NaN)],
      ['careReEntries', (r) => (r.careReEntries = Infinity)],
      ['uascLookedAfter', (r) => (r.uascLookedAfter = NaN)],
    ];
    for (const [name, breakIt] of broken) {
      const r = record();
      breakIt(r);
      expect(firstNonFinite(r)).toBe(name);
    }
    expect(firstNonFinite(record(), { privateResidentialPricePerWeek: Infinity } as never)).toBe('market.privateResidentialPricePerWeek');
    // no limit (no social workers, free early help, places: null): the engine's answer, not an overflow
    expect(firstNonFinite(record(), { socialWorkCaseload: Infinity, earlyHelpCapacity: Infinity, privateResidentialPlaces: Infinity } as never)).toBeUndefined();
    expect(firstNonFinite(record(), { socialWorkCaseload: NaN } as never)).toBe('market.socialWorkCaseload');
  });

  it('runs a scenario with no limits (no social workers, free early help, unlimited places) to the end', () => {
    const none = structuredClone(base);
    none.socialWork.workers = 0;
    none.earlyHelp.costPerFamilyPerYear = 0;
    for (const p of Object.values(none.placements)) p.places = null;
    expect(runScenario(none, { seed: 1, months: 6 }).ok).toBe(true);
  });

  it('stops runScenario at the month where a figure overflows, naming the figure and the month', () => {
    // Past validation (e.g. an engine bug or a scenario built in code): the run itself refuses to go on.
    const broken = structuredClone(base) as Scenario;
    broken.placements.secure.costPerWeek = 1e308;
    broken.placements.private_residential.costPerWeek = 1e308;
    const r = runScenario(broken, { seed: 1, months: 12 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0].message).toMatch(/^(spend\.\w+|spendTotal|market\.\w+): expected a finite number, found (Infinity|NaN) in month \d+ \(the scenario's figures are too large to compute/);
    }
  });
});
