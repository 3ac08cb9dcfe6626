/**
 * Councils in the scenario format: bad council data is refused with the JSON path; a lever names a
 * council by its ONS code and takes effect there only, or is refused with a reason; and a region
 * of one council is that council, draw for draw.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '../../sim/run';
import { validateScenario } from '../../sim/scenario/validate';
import type { Scenario } from '../../sim/scenario/schema';
import { loadShipped } from '../helpers';
import { councilsScenario, runEach } from './helpers';

const HARTLEPOOL = 'E06000001';

function issuesOf(edit: (s: Scenario & Record<string, unknown>) => void): string[] {
  const s = structuredClone(councilsScenario()) as Scenario & Record<string, unknown>;
  edit(s);
  const checked = validateScenario(s);
  return checked.ok ? [] : checked.issues.map((i) => i.message);
}

describe('councils in the scenario format', () => {
  it('validates the North East as its twelve councils', () => {
    const s = councilsScenario();
    expect(s.councils).toHaveLength(12);
    expect(validateScenario(s).ok).toBe(true);
  });

  it('names the JSON path, what was expected and what was found for bad council data', () => {
    expect(issuesOf((s) => (s.councils![2].code = 'E6000001'))).toEqual([expect.stringMatching(/^councils\[2\]\.code: expected .*found "E6000001"/)]);
    expect(issuesOf((s) => (s.councils![4].code = s.councils![0].code))).toEqual([expect.stringMatching(/^councils\[4\]\.code: expected a code not used by another council \(councils\[0\] has it\)/)]);
    expect(issuesOf((s) => (s.councils![1].children = -5))[0]).toMatch(/^councils\[1\]\.children: expected a whole number >= 1/);
    expect(issuesOf((s) => (s.councils![1].targets.lookedAfterPer10k = 'many' as never))[0]).toMatch(/^councils\[1\]\.targets\.lookedAfterPer10k: expected .*found "many"/);
    expect(issuesOf((s) => delete (s.councils![0] as { centroid?: unknown }).centroid)[0]).toMatch(/^councils\[0\]\.centroid: expected an object, found nothing/);
    expect(issuesOf((s) => (s.councils![3].overrides = { 'policy.earlyHelp.budgetPerYeer': 1 }))[0]).toMatch(/^councils\[3\]\.overrides\["policy\.earlyHelp\.budgetPerYeer"\]: expected the path of a numeric or true\/false scenario parameter, found no such parameter/);
    expect(issuesOf((s) => (s.councils![3].overrides = { 'market.private_residential.baseMargin': 0.5 }))[0]).toMatch(/provider market.*region/);
    expect(issuesOf((s) => (s.councils![3].overrides = { 'population.children': 5 }))[0]).toMatch(/council.s own fields/);
    // a value out of its field's range is reported at the override that set it
    expect(issuesOf((s) => (s.councils![3].overrides = { 'earlyHelp.successShare': 1.5 }))[0]).toMatch(/^councils\[3\]\.overrides\["earlyHelp\.successShare"\] \(E06000001, its scenario's earlyHelp\.successShare\): expected a number >= 0 and <= 1/);
  });
});

describe('council levers', () => {
  it('refuses a lever naming a council the scenario does not have, or a parameter only the region has, with the reason', () => {
    const run = Run.start(councilsScenario(0.02), 1);
    if (!run.ok) throw new Error('no run');
    const unknown = run.value.setLever('councils[E09999999].policy.earlyHelp.budgetPerYear', 1e6);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.issues[0].message).toMatch(/a council of this scenario \(E06000047, .*found no council "E09999999"/);
    const market = run.value.setLever(`councils[${HARTLEPOOL}].policy.profitCap.maxMargin`, 0.1);
    expect(market.ok).toBe(false);
    if (!market.ok) expect(market.issues[0].message).toMatch(/region/);
    const setup = run.value.setLever(`councils[${HARTLEPOOL}].riskFactors.domesticAbuse.prevalence`, 0.1);
    expect(setup.ok).toBe(false);
    if (!setup.ok) expect(setup.issues[0].message).toMatch(/a path that can change during a run/);
    const noCouncils = Run.start(loadShipped('north-east-baseline.json', { 'population.scale': 0.02 }), 1);
    if (!noCouncils.ok) throw new Error('no run');
    const none = noCouncils.value.setLever(`councils[${HARTLEPOOL}].policy.earlyHelp.budgetPerYear`, 1e6);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.issues[0].message).toMatch(/this scenario has no councils/);
  });

  it("moves only the named council's early-help budget, from the next month", () => {
    const s = councilsScenario(0.05);
    const before = runEach(s, 2, 3, () => {});
    const run = Run.start(s, 2);
    if (!run.ok) throw new Error('no run');
    run.value.step();
    run.value.step();
    const set = run.value.setLever(`councils[${HARTLEPOOL}].policy.earlyHelp.budgetPerYear`, 9_000_000);
    expect(set.ok).toBe(true);
    const after = run.value.step();
    const spent = (r: typeof after, code: string) => r.councils![code].spend.early_help + r.councils![code].spend.early_help_unused;
    // Hartlepool's early-help budget a month at scale 0.05, in pounds of the start date grown by the early-help index
    expect(spent(after, HARTLEPOOL)).toBeCloseTo((9_000_000 * 0.05 * after.prices.earlyHelp) / 12, 0);
    expect(spent(before[3], HARTLEPOOL)).not.toBeCloseTo(spent(after, HARTLEPOOL), 0);
    for (const code of Object.keys(after.councils!).filter((c) => c !== HARTLEPOOL)) expect(spent(after, code), code).toBe(spent(before[3], code));
  });
});

describe('a region of one council', () => {
  it("is that council: the same records, draw for draw, as the scenario without councils whose figures it repeats", () => {
    const region = loadShipped('north-east-baseline.json', { 'population.scale': 0.03 });
    const one = structuredClone(region);
    one.councils = [
      {
        code: 'E12000001',
        name: 'North East',
        children: region.population.children,
        birthsPerYear: null,
        childPovertyShare: null,
        centroid: { lat: 54.9, lon: -1.6 },
        targets: { lookedAfterPer10k: null, childProtectionPer10k: null, childrenInNeedPer10k: null },
        places: { la_residential: null, private_residential: null, inhouse_foster: null, agency_foster: null },
        sources: {},
      },
    ];
    expect(validateScenario(one).ok).toBe(true);
    const a = runEach(region, 4, 24, () => {});
    const b = runEach(one, 4, 24, () => {}).map(({ councils, ...rest }) => {
      expect(Object.keys(councils ?? {})).toEqual(['E12000001']);
      return rest;
    });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
