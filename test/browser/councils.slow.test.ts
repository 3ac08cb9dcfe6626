/**
 * Councils in the app: the twelve-council North East is in the scenario picker; a copy of it at a
 * small scale, opened as a file, shows the "Council" picker, and choosing Hartlepool makes the table
 * and the looked-after chart read Hartlepool's own record (as a headless run of the same file
 * computes it), through play and pause; the small multiples list every council.
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
import { formatCount, formatRate } from '../../viz/format';
import { pauseAndSettle, setSpeed } from './actions';
import { readTable, waitForMonth } from './harness';
import { useApp } from './lifecycle';

const SEED = 3;
const HARTLEPOOL = 'E06000001';
const FILE = { name: 'councils-small.json', text: JSON.stringify({ extends: 'north-east-councils.json', name: 'North East councils, small', population: { scale: 0.05 } }) };
const openPage = useApp();

/** The headless run of the file the test opens, months 0..`months`. */
function headless(months: number): MonthRecord[] {
  const scenario = loadScenarioText(FILE.text, FILE.name, directoryLoader(SCENARIO_DIR));
  if (!scenario.ok) throw new Error(scenario.issues.map((i) => i.message).join('\n'));
  const run = runScenario(scenario.value, { seed: SEED, months });
  if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
  return run.value;
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
});
