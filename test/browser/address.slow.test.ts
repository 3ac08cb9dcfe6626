/**
 * Issues 13 and 14 in Chromium: the picker, the address and the running scenario agree after any
 * clicks, an opened file is named in the address and reopened on reload at the month it showed (or
 * the page says it cannot), and the CSV export has every column of every month even when the page
 * drew only some months.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MarketRecord } from '../../sim/records';
import { runScenario } from '../../sim/run';
import { loadScenarioFile, SCENARIO_DIR } from '../../sim/node/files';
import { runToCsv } from '../../viz/export';
import { downloadText, parseCsv, setSpeed } from './actions';
import { waitForMonth } from './harness';
import { useApp } from './lifecycle';

const openPage = useApp();

const NAMES: Record<string, string> = {
  'north-east-baseline': 'North East baseline',
  'paradigm-shift': 'Paradigm shift',
  'early-help-restored': 'Early help restored',
  'child-poverty-reduced': 'Child poverty reduced',
  'homes-as-early-option': "Children's homes as an early option",
};

/** What the page shows, what the address says and what the worker runs. */
async function agreement(page: Page) {
  return page.evaluate(async () => {
    const status = await window.__careFutures?.link.client.fetchStatus();
    return {
      picker: (document.getElementById('scenario-picker') as HTMLSelectElement).value,
      pickerText: (document.getElementById('scenario-picker') as HTMLSelectElement).selectedOptions[0]?.textContent ?? '',
      name: document.getElementById('scenario-name')?.textContent ?? '',
      search: location.search,
      hash: location.hash,
      worker: status?.ok ? status.value.fileName : null,
      month: Number(document.querySelector('[data-testid="month"]')?.getAttribute('data-month')),
    };
  });
}

/** Wait until no switch is under way and the page has shown its end. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.status === 'ready');
  for (let k = 0; k < 3; k++) {
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  }
}

describe('scenario, address and export in Chromium', () => {
  it('keeps the picker, the address and the running scenario together after fast switches while playing', async () => {
    const { page, errors } = await openPage('?scenario=north-east-baseline&seed=3');
    await setSpeed(page, 12);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMonth(page, 2);
    // Clicks faster than any load: changes fired back to back, some with a moment between, Play among them.
    const last = await page.evaluate(async () => {
      const picker = document.getElementById('scenario-picker') as HTMLSelectElement;
      const play = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Play');
      const order = ['paradigm-shift', 'early-help-restored', 'north-east-baseline', 'child-poverty-reduced', 'paradigm-shift', 'homes-as-early-option'];
      const pauses = [0, 15, 0, 60, 1, 0];
      for (const [k, id] of order.entries()) {
        picker.value = id;
        picker.dispatchEvent(new Event('change'));
        if (k % 2 === 1) play?.click();
        if (pauses[k] > 0) await new Promise((resolve) => setTimeout(resolve, pauses[k]));
      }
      return order[order.length - 1];
    });
    await page.waitForFunction((id) => new URLSearchParams(location.search).get('scenario') === id, last, { timeout: 60_000 });
    await settled(page);
    const seen = await agreement(page);
    expect(seen).toMatchObject({ picker: last, pickerText: NAMES[last], name: NAMES[last], worker: `${last}.json` });
    expect(new URLSearchParams(seen.search).get('scenario')).toBe(last);
    expect(new URLSearchParams(seen.search).get('seed')).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the last of a shipped scenario and an opened file win, in either order, the address included', async () => {
    const { page } = await openPage('?scenario=north-east-baseline&seed=3');
    const mine = JSON.stringify({ extends: 'paradigm-shift.json', name: 'Mine' });
    const file = { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(mine) };
    // A shipped scenario, then a file at once: the file wins.
    await page.getByLabel('Scenario', { exact: true }).selectOption('early-help-restored');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.waitForFunction(() => new URLSearchParams(location.search).get('file') === 'mine.json');
    await settled(page);
    expect(await agreement(page)).toMatchObject({ pickerText: 'Mine (file)', worker: 'mine.json' });
    // A file, then a shipped scenario at once: the shipped one wins, and the file leaves the address.
    await page.locator('input[type="file"]').setInputFiles({ ...file, name: 'other.json' });
    await page.getByLabel('Scenario', { exact: true }).selectOption('child-poverty-reduced');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('scenario') === 'child-poverty-reduced');
    await settled(page);
    const seen = await agreement(page);
    expect(seen).toMatchObject({ picker: 'child-poverty-reduced', name: NAMES['child-poverty-reduced'], worker: 'child-poverty-reduced.json', hash: '' });
    expect(new URLSearchParams(seen.search).get('file')).toBeNull();
    await page.close();
  });

  it('names an opened file in the address and reopens it on reload at the month shown, saying what it restored', async () => {
    const { page } = await openPage('?scenario=north-east-baseline&seed=5');
    const mine = JSON.stringify({ extends: 'north-east-baseline.json', name: 'My early help', policy: { earlyHelp: { budgetPerYear: 9_000_000 } } });
    await page.locator('input[type="file"]').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(mine) });
    await page.waitForFunction(() => new URLSearchParams(location.search).get('file') === 'mine.json' && location.hash.startsWith('#c1.'));
    const opened = await agreement(page);
    expect(opened).toMatchObject({ pickerText: 'My early help (file)', worker: 'mine.json' });
    expect(opened.name).toContain('a local file');
    expect(new URLSearchParams(opened.search).get('scenario')).toBeNull();

    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitForMonth(page, 1);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.status === 'ready', undefined, { timeout: 60_000 });
    await waitForMonth(page, 1);
    const reopened = await agreement(page);
    expect(reopened).toMatchObject({ pickerText: 'My early help (file)', worker: 'mine.json', month: 1 });
    expect(new URLSearchParams(reopened.search).get('file')).toBe('mine.json');
    const notice = await page.locator('#notice').innerText();
    expect(notice).toContain('Reopened mine.json');
    expect(notice).toContain('with seed 5 and month 1');
    const budget = await page.evaluate(async () => {
      const scenario = await window.__careFutures?.link.client.scenario();
      return scenario?.ok ? scenario.value.policy.earlyHelp.budgetPerYear : null;
    });
    expect(budget).toBe(9_000_000);

    // Back to a shipped scenario: the file leaves the address.
    await page.getByLabel('Scenario', { exact: true }).selectOption('paradigm-shift');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('scenario') === 'paradigm-shift');
    const shipped = await agreement(page);
    expect(shipped.hash).toBe('');
    expect(new URLSearchParams(shipped.search).get('file')).toBeNull();
    await page.close();
  });

  it('says plainly that it cannot reopen a file too large for the address, and shows the baseline', async () => {
    const { page } = await openPage('?scenario=north-east-baseline&seed=5');
    // Pseudo-random digits (a fixed xorshift sequence) hardly compress: far more than the address carries.
    let x = 2463534242;
    const long = Array.from({ length: 40_000 }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return String((x >>> 0) % 10);
    }).join('');
    const big = JSON.stringify({ extends: 'north-east-baseline.json', name: 'Big notes', description: long });
    await page.locator('input[type="file"]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(big) });
    await page.waitForFunction(() => new URLSearchParams(location.search).get('file') === 'big.json');
    await settled(page);
    expect((await agreement(page)).hash).toBe('');
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.status === 'ready', undefined, { timeout: 60_000 });
    const alert = await page.getByRole('alert').innerText();
    expect(alert).toContain('big.json');
    expect(alert).toContain('cannot reopen');
    expect(alert).toContain('Open file');
    const after = await agreement(page);
    expect(after).toMatchObject({ picker: 'north-east-baseline', worker: 'north-east-baseline.json' });
    expect(new URLSearchParams(after.search).get('scenario')).toBe('north-east-baseline');
    await page.close();
  });

  it('exports every column of every month when months were coalesced while drawing', async () => {
    const { page } = await openPage('?scenario=north-east-baseline&seed=11');
    // One call of 48 months: the page draws far fewer snapshots than months.
    await page.evaluate(() => window.__careFutures?.link.step(48));
    await waitForMonth(page, 48);
    const drawn = await page.evaluate(() => window.__careFutures?.rows() ?? 0);
    expect(drawn).toBeLessThan(49);
    const csv = await downloadText(page, 'Export CSV');
    const rows = parseCsv(csv);
    expect(rows.map((r) => Number(r.month))).toEqual(Array.from({ length: 49 }, (_, m) => m));
    for (const row of rows) for (const [column, cell] of Object.entries(row)) expect(cell, `month ${row.month}, ${column}`).not.toBe('');

    // Exactly what a headless run writes, market figures included.
    const scenario = loadScenarioFile(`${SCENARIO_DIR}/north-east-baseline.json`);
    if (!scenario.ok) throw new Error('baseline did not load');
    const markets: MarketRecord[] = [];
    const cli = runScenario(scenario.value, { seed: 11, months: 48, onMonth: (_, market) => markets.push(market) });
    if (!cli.ok) throw new Error('headless run failed');
    expect(csv).toBe(runToCsv(cli.value, (m) => markets[m]));
    await page.close();
  });
});
