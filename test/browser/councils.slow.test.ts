/**
 * Councils in the app: the twelve-council North East is in the scenario picker; a copy of it at a
 * small scale, opened as a file, shows the "Council" picker, and choosing Hartlepool makes the table
 * and the looked-after chart read Hartlepool's own record (as a headless run of the same file
 * computes it), through play and pause; the small multiples list every council. "Levers act on"
 * Hartlepool shows Hartlepool's share of the early-help budget, and a new value reaches
 * Hartlepool's spending and no other council's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inCare, per10k } from '../../sim/measures';
import type { CouncilMonthRecord, MonthRecord } from '../../sim/records';
import { loadScenarioText } from '../../sim/load-scenario';
import { directoryLoader, SCENARIO_DIR } from '../../sim/node/files';
import { runScenario } from '../../sim/run';
import { STATES } from '../../sim/states';
import { DFE_AGE_BANDS } from '../../sim/ages';
import { formatCount, formatPounds, formatRate } from '../../viz/format';
import { pauseAndSettle, setSpeed } from './actions';
import { readTable, waitForMonth } from './harness';
import { useApp } from './lifecycle';
import type { Scenario } from '../../sim/scenario/schema';

const SEED = 3;
const HARTLEPOOL = 'E06000001';
const FILE = { name: 'councils-small.json', text: JSON.stringify({ extends: 'north-east-councils.json', name: 'North East councils, small', population: { scale: 0.05 } }) };
const openPage = useApp();

function loadSmall(): Scenario {
  const scenario = loadScenarioText(FILE.text, FILE.name, directoryLoader(SCENARIO_DIR));
  if (!scenario.ok) throw new Error(scenario.issues.map((i) => i.message).join('\n'));
  return scenario.value;
}

/** The headless run of the file the test opens, months 0..`months`. */
function headless(months: number): MonthRecord[] {
  const run = runScenario(loadSmall(), { seed: SEED, months });
  if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
  return run.value;
}

/** A council's early help this month, used and unused: its budget's monthly amount, in sample pounds. */
function earlyHelp(r: MonthRecord, code: string): number {
  const c = r.councils?.[code];
  if (!c) throw new Error(`month ${r.month} has no council ${code}`);
  return c.spend.early_help + c.spend.early_help_unused;
}

function hartlepool(r: MonthRecord): CouncilMonthRecord {
  const c = r.councils?.[HARTLEPOOL];
  if (!c) throw new Error(`month ${r.month} has no Hartlepool`);
  return c;
}

/** Play until at least `month`, then pause; the month on show. */
async function playTo(page: Page, month: number): Promise<number> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForMonth(page, month);
  return pauseAndSettle(page);
}

/** The looked-after chart's description (drawn now, so it is the latest month's). */
async function careChartLabel(page: Page): Promise<string> {
  await page.evaluate(() => window.__careFutures?.drawCharts());
  return (await page.locator('#charts canvas').first().getAttribute('aria-label')) ?? '';
}

describe('councils in the app', () => {
  it('shows Hartlepool\u2019s own figures when Hartlepool is chosen, through play and pause', async () => {
    const { page, errors } = await openPage(`?scenario=north-east-baseline&seed=${SEED}`);
    const picker = page.getByLabel('Council', { exact: true });
    // The shipped twelve-council scenario can be picked; a scenario without councils has no Council picker.
    expect(await page.locator('#scenario-picker option[value="north-east-councils"]').textContent()).toBe('North East baseline, as its twelve councils');
    expect(await picker.isVisible()).toBe(false);

    await page.locator('input[type="file"]').setInputFiles({ name: FILE.name, mimeType: 'application/json', buffer: Buffer.from(FILE.text) });
    await picker.waitFor({ state: 'visible' });
    const options = await picker.locator('option').allTextContents();
    expect(options).toHaveLength(13);
    expect(options[0]).toBe('North East (region)');
    expect(options).toContain('Hartlepool');
    expect(await page.locator('#map-caption').innerText()).toBe('Map: whole region');

    await setSpeed(page, 12);
    const first = await playTo(page, 4);
    const records = headless(first + 4);
    const region = await readTable(page);
    expect(region.month).toBe(first);
    for (const s of STATES) expect(region.counts[s], s).toBe(records[first].stocks[s]);

    await picker.selectOption({ label: 'Hartlepool' });
    const chosen = await readTable(page);
    const own = hartlepool(records[first]);
    for (const s of STATES) expect(chosen.counts[s], s).toBe(own.stocks[s]);
    expect(inCare(chosen.counts)).not.toBe(inCare(records[first].stocks));
    // Chosen while paused: the children-in-care panel redraws at the same month, for Hartlepool.
    const byAge = await page.locator('table[data-table="care-age"] tbody tr[data-key] td[data-count][data-group="0"]').evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.count)));
    expect(byAge).toEqual(DFE_AGE_BANDS.map((b) => own.lookedAfterByAge[b]));
    expect(await page.locator('table[data-table="care-age"] caption').innerText()).toContain('Hartlepool, from a 1 in 20 sample');
    const rate = per10k(inCare(own.stocks), own.children);
    expect(await careChartLabel(page)).toContain(`month ${first}: In care ${formatCount(rate)}`);
    expect(await page.locator('#map-caption').innerText()).toContain('Charts, tables and figures: Hartlepool');

    // Play on and pause again: still Hartlepool.
    const later = await playTo(page, first + 2);
    const more = later <= first + 4 ? records : headless(later);
    expect(await picker.inputValue()).toBe(HARTLEPOOL);
    const after = await readTable(page);
    expect(after.month).toBe(later);
    for (const s of STATES) expect(after.counts[s], s).toBe(hartlepool(more[later]).stocks[s]);

    // The small multiples: every council, Hartlepool's looked-after rate as computed from its record.
    await page.getByRole('button', { name: 'Councils', exact: true }).click();
    const rows = page.locator('table[data-table="councils"] tbody tr');
    expect(await rows.count()).toBe(12);
    const now = hartlepool(more[later]);
    const cell = page.locator(`table[data-table="councils"] tr[data-council="${HARTLEPOOL}"] td[data-looked-after]`);
    expect(Number(await cell.getAttribute('data-looked-after'))).toBeCloseTo(per10k(inCare(now.stocks), now.children), 9);
    expect(await cell.innerText()).toBe(formatRate(per10k(inCare(now.stocks), now.children)));

    // For a person to look at: the header with the picker, and the small multiples.
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/councils-header.png', await page.locator('.app-header').screenshot());
    writeFileSync('test-results/councils-panel.png', await page.locator('#council-panel').screenshot());

    await picker.selectOption({ label: 'North East (region)' });
    const back = await readTable(page);
    for (const s of STATES) expect(back.counts[s], s).toBe(more[later].stocks[s]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sets Hartlepool\u2019s early-help budget from the lever panel, and no other council\u2019s', async () => {
    const { page, errors } = await openPage(`?scenario=north-east-baseline&seed=${SEED}`);
    const actsOn = page.getByLabel('Levers act on', { exact: true });
    expect(await actsOn.isVisible()).toBe(false);
    await page.locator('input[type="file"]').setInputFiles({ name: FILE.name, mimeType: 'application/json', buffer: Buffer.from(FILE.text) });
    await actsOn.waitFor({ state: 'visible' });
    expect((await actsOn.locator('option').allTextContents()).slice(0, 2)).toEqual(['Whole region', 'County Durham']);

    // The shares worked out from the file's own figures: the region's budget by children.
    const scenario = loadSmall();
    const councils = scenario.councils ?? [];
    const total = councils.reduce((n, c) => n + c.children, 0);
    const share = (code: string) => (scenario.policy.earlyHelp.budgetPerYear * councils.find((c) => c.code === code)!.children) / total;
    const budget = page.locator('input[data-path="policy.earlyHelp.budgetPerYear"]');
    const budgetRow = page.locator('.lever', { has: budget });
    const cap = page.locator('input[data-path="policy.profitCap.enabled"]');
    const capRow = page.locator('.lever', { has: cap });
    expect(Number(await budget.inputValue())).toBe(scenario.policy.earlyHelp.budgetPerYear);

    await actsOn.selectOption({ label: 'Hartlepool' });
    expect(await budgetRow.locator('output').innerText()).toBe(`${formatPounds(share(HARTLEPOOL))} a year`);
    expect(await budgetRow.locator('.lever-hint').innerText()).toBe('pounds a year, Hartlepool');
    expect(await cap.isDisabled()).toBe(true);
    expect(await capRow.locator('.lever-reason').innerText()).toContain('whole region');
    expect(await budget.isDisabled()).toBe(false);
    mkdirSync('test-results', { recursive: true });
    await capRow.scrollIntoViewIfNeeded();
    writeFileSync('test-results/councils-levers.png', await page.screenshot());

    // Two months at the file's budget (month 0 spends nothing), then Hartlepool's new budget from month 3.
    await page.evaluate(() => window.__careFutures?.link.step(2));
    await waitForMonth(page, 2);
    const NEW_BUDGET = 3_000_000;
    await budget.evaluate((el, v) => {
      (el as HTMLInputElement).value = String(v);
      el.dispatchEvent(new Event('change'));
    }, NEW_BUDGET);
    await page.waitForFunction(() => (window.__careFutures?.timeline().length ?? 0) > 0);
    expect(await page.evaluate(() => window.__careFutures?.timeline())).toEqual([{ month: 3, path: `councils[${HARTLEPOOL}].policy.earlyHelp.budgetPerYear`, value: NEW_BUDGET }]);
    expect(await budgetRow.locator('output').innerText()).toBe(`${formatPounds(NEW_BUDGET)} a year`);
    await page.evaluate(() => window.__careFutures?.link.step(1));
    await waitForMonth(page, 3);
    const result = await page.evaluate(() => window.__careFutures?.link.records());
    if (!result?.ok) throw new Error('no records');
    const r = result.records;
    expect(r.map((x) => x.month)).toEqual([0, 1, 2, 3]);

    // Prices grow by the same factor each month: month 2's cost index per pound of budget, times one month's growth.
    const monthly = (perYear: number) => (perYear / 12) * scenario.population.scale;
    const index2 = earlyHelp(r[2], HARTLEPOOL) / monthly(share(HARTLEPOOL));
    const growth = earlyHelp(r[2], HARTLEPOOL) / earlyHelp(r[1], HARTLEPOOL);
    const close = (actual: number, expected: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(1e-4);
    close(earlyHelp(r[3], HARTLEPOOL), monthly(NEW_BUDGET) * index2 * growth);
    for (const other of ['E06000047', 'E06000005']) close(earlyHelp(r[3], other), monthly(share(other)) * index2 * growth);

    // Back to the whole region: the region's budget, the profit cap can be set again.
    await actsOn.selectOption({ label: 'Whole region' });
    expect(Number(await budget.inputValue())).toBe(scenario.policy.earlyHelp.budgetPerYear);
    expect(await budgetRow.locator('.lever-hint').innerText()).toBe('pounds a year, whole region');
    expect(await cap.isDisabled()).toBe(false);
    expect(await capRow.locator('.lever-reason').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
