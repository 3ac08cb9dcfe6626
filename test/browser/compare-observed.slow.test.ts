/**
 * Observed (DfE) figures on the comparison page: a comparison of runs from April 2009 (the shipped
 * back-cast against it with early help cut in March 2010) shows the North East's figures as
 * diamonds on the A and B chart of an outcome with a series, none on the B − A chart, and carries
 * them into the SVG download and the report. Two seeds of eight years at a 5% sample: seconds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ComparisonRequest } from '../../sim/comparison/request';
import { writeComparisonLink } from '../../viz/compare/link';
import { useBrowser } from './lifecycle';

// The dev server, as the app's observed test uses: no production build to wait for.
const started = useBrowser();

const REQUEST: ComparisonRequest = {
  a: { origin: { kind: 'shipped', id: 'north-east-2009' }, levers: [] },
  // A deep cut, so B differs from A (more early help than 2009's changes nothing: it is not the limit).
  b: { origin: { kind: 'shipped', id: 'north-east-2009' }, levers: [{ month: 12, path: 'policy.earlyHelp.budgetPerYear', value: 20_000_000 }] },
  // 96 months from April 2009 reach March 2016 (month 84), not March 2018 (month 108).
  settings: { runs: 2, months: 96, seed: 1, scale: 0.05, horizons: null },
};

/** The months of the observed diamonds on each chart, and the A and B chart's legend and description. */
function readCharts(page: Page): Promise<{ pair: number[]; difference: number[]; legend: string; desc: string }> {
  return page.evaluate(() => {
    const months = (key: string) => [...document.querySelectorAll(`figure[data-chart="${key}"] .observed-point`)].map((p) => Number(p.getAttribute('data-month')));
    const pair = document.querySelector('figure[data-chart="pair"] svg');
    return {
      pair: months('pair'),
      difference: months('difference'),
      legend: [...(pair?.querySelectorAll('text') ?? [])].map((t) => t.textContent).join('|'),
      desc: pair?.querySelector('desc')?.textContent ?? '',
    };
  });
}

async function download(page: Page, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  return readFileSync(await file.path(), 'utf8');
}

describe('observed figures on the comparison charts', () => {
  it('draws the observed diamonds on the A and B chart of runs from 2009, not on B − A, and carries them into the downloads', async () => {
    const { browser, url } = started();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(writeComparisonLink(url, REQUEST, { outcome: 'lookedAfter' }).href);
    await page.waitForSelector('[data-testid="compare-status"][data-done="true"]', { timeout: 60_000 });

    const looked = await readCharts(page);
    expect(looked.pair).toEqual([84]);
    expect(looked.difference).toEqual([]);
    expect(looked.legend).toContain('observed (DfE)');
    expect(looked.desc).toContain('observed (DfE), North East: 2016 84, 2018 95');
    // For a look by eye (test-results/ is not committed).
    await page.locator('.compare-charts').screenshot({ path: 'test-results/compare-observed.png' });

    // The SVG download and the report are the same markup.
    expect(await download(page, 'Download the A and B chart as SVG')).toContain('class="observed-point" data-month="84"');
    expect(await download(page, 'Report (HTML)')).toContain('class="observed-point" data-month="84"');

    // Children in need, North East: 31 March 2013 and 2014 (months 48 and 60) are inside the run.
    await page.locator('#compare-outcome').selectOption('childrenInNeed');
    expect((await readCharts(page)).pair).toEqual([48, 60]);
    // Referrals have no observed series.
    await page.locator('#compare-outcome').selectOption('referrals');
    const referrals = await readCharts(page);
    expect(referrals.pair).toEqual([]);
    expect(referrals.legend).not.toContain('observed');
    expect(errors).toEqual([]);
  });
});
