/**
 * Workshop scripts (issue 23): the shipped workshop validates, bad steps are refused with messages
 * that name their JSON path, and a scripted workshop replayed with the same choices and seed gives
 * the same months (what rewinding to a step relies on).
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioDocument } from '../../sim/load-scenario';
import { loadScenarioFile, SCENARIO_DIR } from '../../sim/node/files';
import { choiceLevers, recapRows, runWorkshop, type ChoicesMade } from '../../sim/workshop/script';
import { inCare } from '../../sim/measures';
import { parameterRows } from '../../sim/comparison/parameters';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadShipped } from '../helpers';

const diskLoader = (fileName: string): string | undefined => {
  try {
    return readFileSync(join(SCENARIO_DIR, fileName), 'utf8');
  } catch {
    return undefined;
  }
};

function withSteps(steps: unknown, months = 60): ReturnType<typeof loadScenarioDocument> {
  return loadScenarioDocument({ extends: 'north-east-baseline.json', name: 'w', description: 'd', workshop: { title: 't', months, steps } }, 'w.json', diskLoader);
}

const messages = (result: ReturnType<typeof loadScenarioDocument>): string[] => (result.ok ? [] : result.issues.map((i) => i.message));

describe('a workshop script', () => {
  it('ships as north-east-workshop.json, extending the baseline, with steps in month order', () => {
    const loaded = loadScenarioFile(join(SCENARIO_DIR, 'north-east-workshop.json'));
    expect(messages(loaded)).toEqual([]);
    if (!loaded.ok) return;
    const workshop = loaded.value.workshop;
    expect(workshop?.steps.length).toBeGreaterThanOrEqual(5);
    const months = workshop?.steps.map((s) => s.month) ?? [];
    expect(months).toEqual([...months].sort((a, b) => a - b));
    expect(Math.max(...months)).toBeLessThanOrEqual(workshop?.months ?? 0);
    const titles = workshop?.steps.map((s) => s.title.toLowerCase()).join(' | ') ?? '';
    for (const topic of ['early help', 'poverty', 'council homes', 'providers']) expect(titles).toContain(topic);
  });

  it("runs the baseline's model unchanged: every parameter is the baseline's (the regression baseline covers it there)", () => {
    const differs = parameterRows(loadShipped('north-east-baseline.json'), loadShipped('north-east-workshop.json')).filter((r) => r.differs);
    expect(differs.map((r) => r.path)).toEqual([]);
  });

  it('refuses a step beyond the run, out of order, or with choices at the last month, naming the step', () => {
    const result = withSteps(
      [
        { month: 12, title: 'a', prompt: 'p' },
        { month: 6, title: 'b', prompt: 'p' },
        { month: 61, title: 'c', prompt: 'p' },
        { month: 60, title: 'd', prompt: 'p', choices: [{ label: 'x', levers: [] }, { label: 'y', levers: [] }] },
      ],
      60,
    );
    const text = messages(result);
    expect(text.some((m) => m.startsWith('workshop.steps[1].month: expected a month after the previous step'))).toBe(true);
    expect(text.some((m) => m.startsWith('workshop.steps[2].month: expected a month within the workshop') && m.endsWith('found 61'))).toBe(true);
    expect(text.some((m) => m.startsWith('workshop.steps[3].choices: expected no choices at the run\'s last month'))).toBe(true);
  });

  it('refuses one choice or four, and a choice without a label', () => {
    const one = withSteps([{ month: 1, title: 'a', prompt: 'p', choices: [{ label: 'x', levers: [] }] }]);
    expect(messages(one).some((m) => m.startsWith('workshop.steps[0].choices'))).toBe(true);
    const four = withSteps([{ month: 1, title: 'a', prompt: 'p', choices: ['a', 'b', 'c', 'd'].map((label) => ({ label, levers: [] })) }]);
    expect(messages(four).some((m) => m.startsWith('workshop.steps[0].choices'))).toBe(true);
    const unlabelled = withSteps([{ month: 1, title: 'a', prompt: 'p', choices: [{ levers: [] }, { label: 'y', levers: [] }] }]);
    expect(messages(unlabelled).some((m) => m.startsWith('workshop.steps[0].choices[0]') && m.includes('label'))).toBe(true);
  });

  it("checks each choice's levers like live lever changes, naming the choice, the lever and the field", () => {
    const result = withSteps([
      {
        month: 3,
        title: 'a',
        prompt: 'p',
        choices: [
          { label: 'bad value', levers: [{ path: 'policy.earlyHelp.budgetPerYear', value: 'lots' }] },
          { label: 'month-0 only', levers: [{ path: 'population.children', value: 10 }] },
          { label: 'no such field', levers: [{ path: 'policy.earlyHelp.budget', value: 1 }] },
        ],
      },
    ]);
    const text = messages(result);
    expect(text.find((m) => m.startsWith('workshop.steps[0].choices[0].levers[0].value:'))).toContain('"lots"');
    expect(text.find((m) => m.startsWith('workshop.steps[0].choices[1].levers[0].path:'))).toContain('population.children');
    expect(text.find((m) => m.startsWith('workshop.steps[0].choices[2].levers[0].path:'))).toContain('budget');
  });

  it('stands for lever changes from the month after each step, leaving out what rewinding or the recap leaves out', () => {
    const scenario = loadShipped('north-east-workshop.json');
    const workshop = scenario.workshop!;
    const choices: ChoicesMade = [null, 1, 1, 2, 1, null];
    const levers = choiceLevers(workshop, choices);
    const early = workshop.steps[1];
    expect(levers.filter((l) => l.month === early.month + 1).map((l) => l.path)).toEqual(['policy.earlyHelp.budgetPerYear', 'policy.earlyHelp.statutoryDuty']);
    expect(new Set(levers.map((l) => l.month))).toEqual(new Set([7, 19, 31, 43]));
    expect(choiceLevers(workshop, choices, { before: 2 }).every((l) => l.month === 7)).toBe(true);
    expect(choiceLevers(workshop, choices, { omit: 1 }).some((l) => l.month === 7)).toBe(false);
    // "Keep £40m" is a choice that changes nothing.
    expect(choiceLevers(workshop, [null, 0])).toEqual([]);
  });
});

describe('a scripted workshop replayed', () => {
  // A 2% sample keeps this test quick; the mechanism is the same at any scale.
  const SCALE = 0.02;
  const scenario = loadShipped('north-east-workshop.json', { 'population.scale': SCALE });
  const choices: ChoicesMade = [null, 1, 1, 2, 1, null];

  it('gives identical months with the same choices and seed, and different ones with other choices', () => {
    const first = runWorkshop(scenario, 11, choices);
    const again = runWorkshop(scenario, 11, [...choices]);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(first.value).toHaveLength(61);
    expect(JSON.stringify(again.value)).toBe(JSON.stringify(first.value));
    const other = runWorkshop(scenario, 11, [null, 2, 0, 0, 0, null]);
    if (!other.ok) throw new Error('other choices did not run');
    // Before the first choice the runs are the same children; after it they differ.
    expect(JSON.stringify(other.value.slice(0, 7))).toBe(JSON.stringify(first.value.slice(0, 7)));
    expect(JSON.stringify(other.value[60])).not.toBe(JSON.stringify(first.value[60]));
  });

  it('recaps each choice against the same seed without it, in whole-region figures', () => {
    const all = runWorkshop(scenario, 5, choices);
    if (!all.ok) throw new Error('run failed');
    const withoutRuns = new Map<number, ReturnType<typeof runWorkshop>>();
    const without = (k: number) => {
      if (!withoutRuns.has(k)) withoutRuns.set(k, runWorkshop(scenario, 5, choices, { omit: k }));
      const r = withoutRuns.get(k)!;
      if (!r.ok) throw new Error('run failed');
      return r.value;
    };
    const rows = recapRows(scenario, choices, all.value, without);
    expect(rows.map((r) => r.step)).toEqual([1, 2, 3, 4]);
    const early = rows[0];
    expect(early.choice).toContain('£69m');
    const end = all.value[60];
    expect(early.care.with).toBeCloseTo(inCare(end.stocks) / SCALE, 6);
    const alt = without(1)[60];
    expect(early.cp.without).toBeCloseTo(alt.stocks.child_protection / SCALE, 6);
    // Spend from month 7 on, summed month by month here, whole region.
    let pounds = 0;
    for (let m = 7; m <= 60; m++) pounds += all.value[m].spendTotal;
    expect(early.spend.with).toBeCloseTo(pounds / SCALE, 0);
    // More early help costs more over the years that follow.
    expect(early.spend.with).toBeGreaterThan(early.spend.without);
  });
});
