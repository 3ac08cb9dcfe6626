/**
 * The app as a user meets it, in headless Chromium (see ./chromium): it loads the baseline, plays,
 * matches the CLI, marks lever changes, draws something, and survives bad input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LeverEntry } from '../../sim/worker/contract';
import { parseLeverTimeline } from '../../sim/levers';
import type { MonthRecord } from '../../sim/records';
import { STATES } from '../../sim/states';
import { cliRun, downloadText, parseCsv, pauseAndSettle, setSpeed } from './actions';
import { readMonth, readTable, waitForMonth } from './harness';
import { useApp } from './lifecycle';
import { analysePng } from './pixels';

const SCENARIO = 'north-east-baseline';
const SEED = 7;
const QUERY = `?scenario=${SCENARIO}&seed=${SEED}`;

const openPage = useApp();

async function open(query = QUERY): Promise<{ page: Page; errors: string[] }> {
  return openPage(query);
}

/** The CLI's records of the scenario and seed this file opens. */
const cliRecords = (months: number, levers: LeverEntry[] = []): MonthRecord[] => cliRun(SCENARIO, SEED, months, levers);

describe('the Care Futures app in Chromium', () => {
  it('loads the baseline named in the address, at month 0, with every state in the table', async () => {
    const { page, errors } = await open();
    expect(await page.getByLabel('Scenario', { exact: true }).inputValue()).toBe(SCENARIO);
    expect(await page.getByLabel('Seed').inputValue()).toBe(String(SEED));
    expect(await readMonth(page)).toBe(0);
    const { counts } = await readTable(page);
    expect(Object.keys(counts).sort()).toEqual([...STATES].sort());
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const children = Number(await page.locator('tr[data-state="total"] [data-count]').getAttribute('data-count'));
    expect(total).toBe(children);
    expect(counts.universal).toBeGreaterThan(0);
    for (const name of ['Play', 'Pause', 'Step', 'Reset']) {
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    }
    await expect(page.locator('#loading').isVisible()).resolves.toBe(false);

    // Every control has a name and is reached with Tab.
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, summary')]
        .filter((el) => el.tabIndex >= 0 && !el.closest('[hidden]') && !(el instanceof HTMLInputElement && el.type === 'file'))
        .map((el, i) => {
          el.dataset.probe = String(i);
          const labelled = el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? (el.labels?.length ?? 0) > 0 : false;
          const named = labelled || !!el.getAttribute('aria-label') || !!el.getAttribute('aria-labelledby') || (el.textContent ?? '').trim() !== '';
          return { probe: String(i), named, what: el.outerHTML.slice(0, 80) };
        }),
    );
    expect(controls.filter((c) => !c.named)).toEqual([]);
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let i = 0; i < controls.length + 5; i++) {
      await page.keyboard.press('Tab');
      const probe = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.probe);
      if (probe !== undefined) reached.add(probe);
    }
    // The free-form lever's fields sit in a closed <details>: reachable once it is opened.
    const inClosedDetails = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('details:not([open]) [data-probe]')].map((el) => el.dataset.probe));
    const missed = controls.filter((c) => !reached.has(c.probe) && !inClosedDetails.includes(c.probe));
    expect(missed).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reports an unknown scenario in the address and opens the baseline', async () => {
    const { page } = await open('?scenario=no-such-place&seed=3');
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.innerText()).toContain('no-such-place');
    expect(await page.getByLabel('Scenario', { exact: true }).inputValue()).toBe(SCENARIO);
    expect(await readMonth(page)).toBe(0);
    await page.close();
  });

  it('changes the counts in the table after playing 24 months, and they equal the CLI\u2019s month record', async () => {
    const { page, errors } = await open();
    const before = await readTable(page);
    await setSpeed(page, 48);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMonth(page, 24);
    await pauseAndSettle(page);
    const after = await readTable(page);
    expect(after.month).toBeGreaterThanOrEqual(24);
    const changed = STATES.filter((s) => after.counts[s] !== before.counts[s]);
    expect(changed.length).toBeGreaterThan(STATES.length / 2);

    const cli = cliRecords(after.month);
    expect(after.counts).toEqual(cli[after.month].stocks);

    // The CSV export holds every month of the run, equal to the CLI's records.
    const rows = parseCsv(await downloadText(page, 'Export CSV'));
    expect(rows.map((r) => Number(r.month))).toEqual(cli.map((r) => r.month));
    for (const record of cli) {
      const row = rows[record.month];
      for (const state of STATES) expect(Number(row[`stock_${state}`])).toBe(record.stocks[state]);
      expect(Number(row.spend_total)).toBeCloseTo(record.spendTotal, 6);
      for (const [key, n] of Object.entries(record.flows)) expect(Number(row[`flow_${key}`])).toBe(n);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('steps one month with the Step button and with →, and plays and pauses with space', async () => {
    const { page } = await open();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitForMonth(page, 1);
    await page.locator('body').press('ArrowRight');
    expect(await waitForMonth(page, 2)).toBe(2);
    // Keys typed into a field belong to the field.
    await page.getByLabel('Seed').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press(' ');
    await page.waitForTimeout(500);
    expect(await readMonth(page)).toBe(2);
    await setSpeed(page, 12);
    await page.locator('#map').click();
    await page.keyboard.press(' ');
    await waitForMonth(page, 4);
    await page.keyboard.press(' ');
    await page.waitForTimeout(400);
    const stopped = await readMonth(page);
    await page.waitForTimeout(600);
    expect(await readMonth(page)).toBe(stopped);
    await page.close();
  });

  it('adds a marker to the charts when the early-help slider moves', async () => {
    const { page, errors } = await open();
    const charts = page.locator('#charts');
    expect(await charts.getAttribute('data-markers')).toBe('0');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitForMonth(page, 1);
    const slider = page.getByRole('slider', { name: /Early-help budget/ });
    await slider.focus();
    await slider.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('#charts')?.getAttribute('data-markers') === '1');
    const markersPerChart = await page.locator('#charts figure.chart').evaluateAll((els) => els.map((e) => e.getAttribute('data-markers')));
    expect(markersPerChart.every((m) => m === '1')).toBe(true);
    const timeline = await page.evaluate(() => window.__careFutures?.timeline() ?? []);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ month: 2, path: 'policy.earlyHelp.budgetPerYear' });
    expect(typeof timeline[0].value).toBe('number');

    // The exported timeline replays in the CLI to the same month record.
    const exported = parseLeverTimeline(await downloadText(page, 'Export levers'));
    if (!exported.ok) throw new Error(exported.issues.map((i) => i.message).join('\n'));
    expect(exported.value).toEqual(timeline);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitForMonth(page, 2);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitForMonth(page, 3);
    const table = await readTable(page);
    expect(table.month).toBe(3);
    const withLever = cliRecords(3, exported.value);
    const without = cliRecords(3);
    expect(table.counts).toEqual(withLever[3].stocks);
    expect(withLever[3]).not.toEqual(without[3]);

    // Reset starts the scenario again: month 0, no lever changes, the slider back at the scenario's value.
    const budgetBefore = await slider.inputValue();
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('#charts')?.getAttribute('data-markers') === '0');
    await page.waitForFunction(() => document.querySelector('[data-testid="month"]')?.getAttribute('data-month') === '0');
    expect(Number(await slider.inputValue())).toBeLessThan(Number(budgetBefore));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves a screenshot of the map canvas that is not blank', async () => {
    const { page, errors } = await open();
    await setSpeed(page, 12);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMonth(page, 6);
    await pauseAndSettle(page);
    const canvas = page.locator('#map canvas').first();
    const png = await canvas.screenshot();
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/app.png', png);
    writeFileSync('test-results/app-page.png', await page.screenshot({ fullPage: false }));
    const stats = await analysePng(page, png);
    expect(stats.width).toBeGreaterThan(300);
    // A blank or single-colour canvas has 1 colour and no pixels off the background.
    expect(stats.distinctColours).toBeGreaterThan(50);
    expect(stats.nonBackgroundShare).toBeGreaterThan(0.03);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the validation message for a bad lever value, and the run goes on', async () => {
    const { page } = await open();
    await setSpeed(page, 8);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMonth(page, 2);
    await page.getByText('Set any lever').click();
    await page.getByLabel('Lever path').fill('policy.earlyHelp.budgetPerYear');
    await page.getByLabel('Value', { exact: true }).fill('-5');
    await page.getByRole('button', { name: 'Apply lever' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible' });
    const text = await alert.innerText();
    expect(text).toContain('policy.earlyHelp.budgetPerYear');
    expect(text).toContain('expected a number >= 0');
    const shown = await readMonth(page);
    await waitForMonth(page, shown + 3);
    expect(await page.locator('#charts').getAttribute('data-markers')).toBe('0');
    // The same through the API hook, as a script or a console user would.
    const accepted = await page.evaluate(() => window.__careFutures?.setLever('policy.profitCap.maxMargin', 'lots'));
    expect(accepted).toBe(false);
    expect(await alert.innerText()).toContain('policy.profitCap.maxMargin');
    const later = await readMonth(page);
    await waitForMonth(page, later + 2);
    await page.close();
  });

  it('refuses a lever that cannot change during a run in the notice line, saying why; the run and the controls go on as before', async () => {
    const { page, errors } = await open();
    await setSpeed(page, 8);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMonth(page, 2);
    const homes = page.locator('input[data-path="policy.councilHomes.targetPlaces"]');
    const homesBefore = await homes.inputValue();
    await page.getByText('Set any lever').click();
    await page.getByLabel('Lever path').fill('poverty.initialShare');
    await page.getByLabel('Value', { exact: true }).fill('0.5');
    await page.getByRole('button', { name: 'Apply lever' }).click();
    const notice = page.locator('#notice');
    await page.waitForFunction(() => (document.getElementById('notice')?.textContent ?? '').includes('initialShare'));
    const text = await notice.innerText();
    expect(text).toContain('Lever not changed');
    expect(text).toContain('"poverty.initialShare", which shapes month 0 only');
    expect(text).toContain('use poverty.entryPerYear, poverty.exitPerYear or policy.childPovertyReduction');
    // Through the page's own lever handler (as a slider would): refused, the slider keeps its value.
    const accepted = await page.evaluate(() => window.__careFutures?.setLever('placements.la_residential.places', 500));
    expect(accepted).toBe(false);
    expect(await notice.innerText()).toContain('use policy.councilHomes.targetPlaces');
    expect(await homes.inputValue()).toBe(homesBefore);
    expect(await page.evaluate(() => window.__careFutures?.timeline())).toEqual([]);
    expect(await page.locator('#charts').getAttribute('data-markers')).toBe('0');
    const shown = await readMonth(page);
    await waitForMonth(page, shown + 2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the validation messages for a bad scenario file, and the previous scenario keeps running', async () => {
    const { page } = await open();
    await setSpeed(page, 8);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMonth(page, 2);
    const bad = JSON.stringify({ extends: `${SCENARIO}.json`, name: 'Broken', policy: { earlyHelp: { budgetPerYer: 5 } } });
    await page.locator('input[type="file"]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.innerText()).toContain('did you mean "budgetPerYear"?');
    const shown = await readMonth(page);
    await waitForMonth(page, shown + 3);
    expect(await page.getByLabel('Scenario', { exact: true }).inputValue()).toBe(SCENARIO);
    await page.close();
  });
});
