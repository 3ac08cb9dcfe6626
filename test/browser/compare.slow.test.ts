/**
 * The comparison view against the production build (vite build + vite preview): a 5-seed run of
 * the baseline against restored early help shows, figure for figure, what `npm run compare`
 * prints as JSON for the same seeds; its CSV, workbook and report download; its share link
 * reopens the same table in a new page.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { compareMain } from '../../sim/cli/compare';
import { OUTCOMES } from '../../sim/comparison/outcomes';
import type { OutcomeAtHorizon } from '../../sim/comparison/summary';
import { SCENARIO_DIR } from '../../sim/node/files';
import { launchChromium } from './chromium';
import { readTable } from './harness';
import { startPreview } from './preview';

const SETTINGS = { runs: 5, months: 120, seed: 3, scale: 0.05 };
const QUERY = `?a=north-east-baseline&b=early-help-restored&runs=${SETTINGS.runs}&months=${SETTINGS.months}&seed=${SETTINGS.seed}&scale=${SETTINGS.scale}`;

let browser: Browser | undefined;
let server: { url: string; close: () => Promise<void> } | undefined;
beforeAll(async () => {
  browser = await launchChromium();
  server = await startPreview();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function cliJson(): Promise<OutcomeAtHorizon[]> {
  let out = '';
  const args = ['north-east-baseline.json', 'early-help-restored.json'].map((f) => join(SCENARIO_DIR, f));
  const flags = ['--runs', SETTINGS.runs, '--months', SETTINGS.months, '--seed', SETTINGS.seed, '--scale', SETTINGS.scale].map(String);
  const code = await compareMain([...args, ...flags, '--format', 'json', '--quiet'], {}, { stdout: (t) => (out += t), stderr: () => undefined });
  expect(code).toBe(0);
  return (JSON.parse(out) as { outcomes: OutcomeAtHorizon[] }).outcomes;
}

async function openComparison(page: Page, href: string): Promise<void> {
  await page.goto(href);
  await page.waitForSelector('[data-testid="compare-status"][data-done="true"]', { timeout: 60_000 });
}

/** Every figure on the page, keyed outcome|month|series|stat. */
function readFigures(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const el of document.querySelectorAll<HTMLElement>('[data-outcome][data-stat]')) {
      const { outcome, month, series, stat, value } = el.dataset;
      out[`${outcome}|${month}|${series}|${stat}`] = Number(value);
    }
    return out;
  });
}

/** The CLI's JSON entries keyed as `readFigures` keys the page's. */
function asFigures(rows: readonly OutcomeAtHorizon[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) {
    for (const series of ['a', 'b'] as const) for (const stat of ['mean', 'median', 'low', 'high'] as const) out[`${row.id}|${row.month}|${series}|${stat}`] = row[series][stat];
    for (const stat of ['mean', 'low', 'high'] as const) out[`${row.id}|${row.month}|difference|${stat}`] = row.difference[stat];
  }
  return out;
}

async function download(page: Page, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  return readFileSync(await file.path());
}

describe('comparing scenarios in the browser', () => {
  it('shows the CLI figures, downloads CSV, workbook and report, and reopens from its share link', async () => {
    if (!browser || !server) throw new Error('harness not started');
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await openComparison(page, `${server.url}${QUERY}`);

    const figures = await readFigures(page);
    const expected = asFigures(await cliJson());
    // 3 horizons x every outcome x 11 figures (a, b: mean, median, low, high; difference: mean, low, high).
    expect(Object.keys(expected)).toHaveLength(3 * OUTCOMES.length * 11);
    expect(figures).toEqual(expected);

    const csv = (await download(page, 'CSV')).toString('utf8').split('\n');
    expect(csv[0]).toBe('section,outcome,label,unit,month,series,seed,statistic,value');
    const cp = csv.find((l) => l.startsWith('summary,childProtection,') && l.includes(',60,difference,,mean,'));
    expect(Number(cp?.split(',').pop())).toBe(expected['childProtection|60|difference|mean']);
    expect(csv.filter((l) => l.startsWith('seed,lookedAfter,'))).toHaveLength(2 * SETTINGS.runs * (SETTINGS.months + 1));
    expect((await download(page, 'Workbook (Excel)')).subarray(0, 2).toString()).toBe('PK');
    const report = (await download(page, 'Report (HTML)')).toString('utf8');
    expect(report).toContain('Early help restored');
    expect(report).toContain('<svg');
    expect(report).toContain('Early-help budget: £40.0m a year in A, £69.0m a year in B');

    const link = await page.locator('#compare-link').inputValue();
    expect(link).toContain(QUERY.slice(1));
    const again = await browser.newPage();
    await openComparison(again, link);
    expect(await readFigures(again)).toEqual(figures);
    expect(errors).toEqual([]);
  });

  it('re-runs a bundle made by the CLI and confirms its digest; refuses a tampered one with a message', async () => {
    if (!browser || !server) throw new Error('harness not started');
    const dir = mkdtempSync(join(tmpdir(), 'care-futures-bundle-'));
    try {
      const path = join(dir, 'bundle.json');
      const args = ['north-east-baseline.json', 'early-help-restored.json'].map((f) => join(SCENARIO_DIR, f));
      const code = await compareMain([...args, '--runs', '2', '--months', '12', '--scale', '0.05', '--format', 'json', '--bundle', path, '--quiet'], {}, { stdout: () => undefined, stderr: () => undefined });
      expect(code).toBe(0);
      const page = await browser.newPage();
      await openComparison(page, `${server.url}?a=north-east-baseline&b=north-east-baseline&runs=2&months=1&scale=0.05`);
      const chooser = page.locator('.compare-exports input[type="file"]');
      await chooser.setInputFiles(path);
      await page.waitForSelector('.bundle-check[data-confirmed]', { timeout: 60_000 });
      expect(await page.locator('.bundle-check').getAttribute('data-confirmed')).toBe('true');
      await expect(page.locator('.bundle-check').textContent()).resolves.toMatch(/^Confirmed/);
      writeFileSync(path, readFileSync(path, 'utf8').replace('"months": 12', '"months": 13'));
      await chooser.setInputFiles(path);
      await expect(page.getByRole('alert').textContent()).resolves.toContain('changed after it was made');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compares an opened file, and downloads each chart as SVG and PNG', async () => {
    if (!browser || !server) throw new Error('harness not started');
    const dir = mkdtempSync(join(tmpdir(), 'care-futures-open-'));
    try {
      const path = join(dir, 'my-plan.json');
      writeFileSync(path, JSON.stringify({ extends: 'north-east-baseline.json', name: 'My plan', description: 'More foster carers', policy: { fosterRecruitment: { extraPlacesPerYear: 120 } } }));
      const page = await browser.newPage({ acceptDownloads: true });
      await openComparison(page, `${server.url}?a=north-east-baseline&b=north-east-baseline&runs=2&months=12&scale=0.05`);
      await page.locator('.side-b input[type="file"]').setInputFiles(path);
      await expect(page.locator('#compare-b').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).resolves.toBe('Opened: My plan (my-plan.json)');
      await page.getByRole('button', { name: 'Run comparison' }).click();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('b') === 'file:my-plan.json');
      await page.waitForSelector('[data-testid="compare-status"][data-done="true"]', { timeout: 60_000 });
      await expect(page.locator('.summary-table thead').textContent()).resolves.toContain('B: My plan');
      const svg = await download(page, 'Download the A and B chart as SVG');
      expect(svg.toString('utf8')).toMatch(/^<svg[^>]*role="img"/);
      const png = await download(page, 'Download the B − A chart as PNG');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // The link carries the opened file: a new page runs the same comparison from it alone.
      const again = await browser.newPage();
      await openComparison(again, page.url());
      expect(await readFigures(again)).toEqual(await readFigures(page));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds seeds on request, keeping those run, and cancels a run with what finished kept', async () => {
    if (!browser || !server) throw new Error('harness not started');
    const page = await browser.newPage();
    await openComparison(page, `${server.url}?a=north-east-baseline&b=early-help-restored&runs=2&months=12&seed=5&scale=0.05`);
    await page.getByRole('button', { name: 'Run 2 more seeds' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('runs') === '4');
    await page.waitForSelector('[data-testid="compare-status"][data-done="true"]', { timeout: 60_000 });
    await expect(page.locator('.summary-table caption').textContent()).resolves.toMatch(/^4 paired seeds \(5–8\)/);

    await page.locator('#compare-runs').fill('200');
    await page.locator('#compare-months').fill('120');
    await page.getByRole('button', { name: 'Run comparison' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="compare-status"]')?.getAttribute('data-state') === 'running');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="compare-status"]')?.getAttribute('data-state') === 'cancelled');
    expect(await page.locator('[data-testid="compare-status"]').getAttribute('data-done')).toBe('false');
    await expect(page.locator('.progress-text').textContent()).resolves.toMatch(/^Cancelled after \d+ of 400 runs/);
  });

  it('explains a damaged link and still runs what its query names', async () => {
    if (!browser || !server) throw new Error('harness not started');
    const page = await browser.newPage();
    await openComparison(page, `${server.url}${QUERY.replace('runs=5', 'runs=2').replace('months=120', 'months=6')}#c1.not-a-real-fragment.zz`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('could not be read');
    expect(await page.locator('[data-stat]').count()).toBe(OUTCOMES.length * 11);
  });

  it('carries a live run (levers and month) in its link, and compares it as B', async () => {
    if (!browser || !server) throw new Error('harness not started');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}?scenario=north-east-baseline&seed=7&debug`);
    await page.waitForFunction(() => document.body.dataset.status === 'ready', undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => window.__careFutures?.setLever('policy.earlyHelp.budgetPerYear', 60_000_000))).toBe(true);
    for (let k = 0; k < 3; k++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="month"]')?.getAttribute('data-month') === '3');
    await page.waitForFunction(() => location.hash.length > 1);
    const shown = await readTable(page);
    const again = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await again.goto(page.url());
    await again.waitForFunction(() => document.querySelector('[data-testid="month"]')?.getAttribute('data-month') === '3', undefined, { timeout: 60_000 });
    expect(await readTable(again)).toEqual(shown);
    // The debugging handle is exposed once start-up has finished, which may be after the month shows.
    await again.waitForFunction(() => window.__careFutures !== undefined);
    expect(await again.evaluate(() => window.__careFutures?.timeline())).toEqual([{ month: 1, path: 'policy.earlyHelp.budgetPerYear', value: 60_000_000 }]);

    const href = await page.locator('#compare-open').getAttribute('href');
    await openComparison(page, `${server.url}${href?.replace('runs=20', 'runs=2').replace('months=120', 'months=12')}`);
    const chosen = await page.locator('#compare-b').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent);
    expect(chosen).toContain('with 1 lever change');
    const b = await page.locator('[data-outcome="earlyHelpInYear"][data-series="b"][data-stat="mean"]').getAttribute('data-value');
    const a = await page.locator('[data-outcome="earlyHelpInYear"][data-series="a"][data-stat="mean"]').getAttribute('data-value');
    expect(Number(b)).toBeGreaterThan(Number(a));
    // The CLI reproduces a comparison with the live run: its timeline, exported, applied to B only.
    const dir = mkdtempSync(join(tmpdir(), 'care-futures-live-'));
    try {
      const levers = join(dir, 'levers.json');
      writeFileSync(levers, JSON.stringify(await again.evaluate(() => window.__careFutures?.timeline())));
      const settings = new URL(page.url()).searchParams;
      const flags = ['runs', 'months', 'seed', 'scale'].flatMap((k) => [`--${k}`, settings.get(k) ?? '']);
      let out = '';
      const base = join(SCENARIO_DIR, 'north-east-baseline.json');
      expect(await compareMain([base, base, ...flags, '--levers-b', levers, '--format', 'json', '--quiet'], {}, { stdout: (t) => (out += t), stderr: () => undefined })).toBe(0);
      expect(await readFigures(page)).toEqual(asFigures((JSON.parse(out) as { outcomes: OutcomeAtHorizon[] }).outcomes));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
