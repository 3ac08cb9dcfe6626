/**
 * The observed (DfE) points on the trend charts: drawn, in the legend and in the text alternative
 * when the run's dates overlap the series (a run from April 2009), absent when they do not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './lifecycle';

const openPage = useApp();

/** The fixture starts the baseline in April 2009; a small sample keeps a few years quick. */
const FROM_2009 = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'observed', 'north-east-from-2009.json'), 'utf8')) as Record<string, unknown>;

interface ChartState {
  title: string;
  observed: number;
  drawn: number;
  legendShown: boolean;
  label: string;
}

/** Opens a scenario text through "Open file…", steps `months` and draws every chart. */
async function runFile(page: Page, scenario: Record<string, unknown>, name: string, months: number): Promise<ChartState[]> {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  await page.waitForFunction((id) => window.__careFutures?.shown().running === `file:${id}`, name, { timeout: 60_000 });
  await page.evaluate(async (n) => {
    const hooks = window.__careFutures;
    if (!hooks) throw new Error('no test hooks');
    await hooks.link.step(n);
  }, months);
  await page.waitForFunction((n) => document.querySelector('[data-testid="month"]')?.getAttribute('data-month') === String(n), months, { timeout: 60_000 });
  await page.evaluate(() => window.__careFutures?.drawCharts());
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#charts figure.chart')].map((figure) => ({
      title: figure.querySelector('.chart-title')?.textContent ?? '',
      observed: Number(figure.dataset.observed ?? 'NaN'),
      drawn: Number(figure.dataset.observedDrawn ?? '0'),
      legendShown: figure.querySelector<HTMLElement>('.chart-observed-legend')?.checkVisibility() ?? false,
      label: figure.querySelector('canvas')?.getAttribute('aria-label') ?? '',
    })),
  );
}

describe('observed history on the charts', () => {
  it('draws the observed North East points, with a legend entry and a text alternative, on a run from 2009', async () => {
    const { page, errors } = await openPage('?scenario=north-east-baseline&seed=3&particles=0');
    const charts = await runFile(page, { ...FROM_2009, population: { scale: 0.05 } }, 'from-2009.json', 40);
    const byTitle = Object.fromEntries(charts.map((c) => [c.title, c]));
    const care = byTitle['Children in care'];
    // Looked after, North East: 2016 and 2018 are in the file; the chart holds them, and has drawn
    // those inside its axis (40 months from April 2009 reach March 2012: none of them yet).
    expect(care.observed).toBe(2);
    expect(care.drawn).toBe(0);
    expect(care.legendShown).toBe(true);
    expect(care.label).toContain('observed (DfE), North East: 2016 84, 2018 95');
    const need = byTitle['Children in need'];
    // Children in need, North East: 2013 (derived) and 2014 ... from month 48 on.
    expect(need.observed).toBeGreaterThanOrEqual(2);
    expect(need.label).toContain('2013 452.2 (derived)');
    // Spend has no observed series.
    expect(byTitle.Spend.observed).toBe(0);
    expect(byTitle.Spend.legendShown).toBe(false);

    // Further on, the axis reaches March 2016 and March 2018 and the diamonds are drawn.
    await page.evaluate(async () => {
      await window.__careFutures?.link.step(70);
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="month"]')?.getAttribute('data-month') === '110', undefined, { timeout: 60_000 });
    await page.evaluate(() => window.__careFutures?.drawCharts());
    const drawn = await page.evaluate(() => Number(document.querySelector<HTMLElement>('#charts figure.chart')?.dataset.observedDrawn ?? '0'));
    expect(drawn).toBe(2);
    // For a look by eye (test-results/ is not committed).
    await page.locator('#charts').screenshot({ path: 'test-results/observed.png' });
    expect(errors).toEqual([]);
  });

  it('draws nothing observed when the run starts after the last observed figure', async () => {
    const { page, errors } = await openPage('?scenario=north-east-baseline&seed=3&particles=0');
    const charts = await runFile(page, { ...FROM_2009, startDate: '2030-04', population: { scale: 0.05 } }, 'from-2030.json', 24);
    for (const chart of charts) {
      expect(chart.observed, chart.title).toBe(0);
      expect(chart.drawn, chart.title).toBe(0);
      expect(chart.legendShown, chart.title).toBe(false);
      expect(chart.label, chart.title).not.toContain('observed');
    }
    expect(errors).toEqual([]);
  });

  it('replays the shipped back-cast (north-east-2009) to March 2020 with the observed series beside it', async () => {
    const { page, errors } = await openPage('?scenario=north-east-2009&seed=1&particles=0');
    await page.waitForFunction(() => window.__careFutures?.shown().running === 'north-east-2009', undefined, { timeout: 60_000 });
    await expect.poll(() => page.locator('#month-detail').textContent(), { timeout: 30_000 }).toBe('start: end of Mar 2009');
    await page.evaluate(async () => {
      await window.__careFutures?.link.step(132);
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="month"]')?.getAttribute('data-month') === '132', undefined, { timeout: 120_000 });
    await page.evaluate(() => window.__careFutures?.drawCharts());
    const care = await page.evaluate(() => {
      const figure = document.querySelector<HTMLElement>('#charts figure.chart');
      return { drawn: Number(figure?.dataset.observedDrawn ?? '0'), label: figure?.querySelector('canvas')?.getAttribute('aria-label') ?? '' };
    });
    // the North East's 2016 and 2018 figures lie inside April 2009 - March 2020
    expect(care.drawn).toBe(2);
    expect(care.label).toContain('observed (DfE), North East');
    expect(await page.locator('#month-detail').textContent()).toBe('Mar 2020, 2019-20');
    await page.locator('#charts').screenshot({ path: 'test-results/backcast.png' });
    expect(errors).toEqual([]);
  });
});
