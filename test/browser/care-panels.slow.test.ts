/**
 * Issues 10 and 11 in the app: after some months of the baseline, the children-in-care panels show
 * the five DfE age bands with shares that add up to 100% and match the month's record (as the CLI
 * computes it), and the five legal statuses, reasons for leaving care and unaccompanied children.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DFE_AGE_BANDS } from '../../sim/ages';
import { CARE_EXIT_REASONS, LEGAL_STATUSES } from '../../sim/states';
import { cliRun, pauseAndSettle, setSpeed } from './actions';
import { waitForMonth } from './harness';
import { useApp } from './lifecycle';

const SCENARIO = 'north-east-baseline';
const SEED = 3;
const openPage = useApp();

interface ShownRow {
  key: string;
  label: string;
  count: number;
  /** The share as shown, e.g. 18 for "18%". */
  shown: number;
  text: string;
}

/** The rows of a share table and the month on screen, read together (one snapshot). */
async function readShares(page: Page, table: string, group = 0): Promise<{ month: number; rows: ShownRow[] }> {
  return page.evaluate(
    ([name, g]) => {
      const rows = [...document.querySelectorAll<HTMLTableRowElement>(`table[data-table="${name}"] tbody tr[data-key]`)].map((tr) => {
        const count = tr.querySelector<HTMLElement>(`td[data-count][data-group="${g}"]`);
        const share = tr.querySelector<HTMLElement>(`td[data-share][data-group="${g}"]`);
        const text = share?.textContent ?? '';
        return { key: tr.dataset.key ?? '', label: tr.querySelector('th')?.textContent ?? '', count: Number(count?.dataset.count), shown: Number.parseFloat(text), text };
      });
      return { month: Number(document.querySelector('[data-testid="month"]')?.getAttribute('data-month')), rows };
    },
    [table, group] as const,
  );
}

describe('the children-in-care panels', () => {
  it('show children in care by age and legal status, matching the month\u2019s record', async () => {
    const { page, errors } = await openPage(`?scenario=${SCENARIO}&seed=${SEED}`);
    await expect(page.getByRole('heading', { name: 'Children in care by age' }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: 'Legal status and leaving care' }).count()).resolves.toBe(1);
    await setSpeed(page, 48);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMonth(page, 15);
    await pauseAndSettle(page);

    const ages = await readShares(page, 'care-age');
    const run = cliRun(SCENARIO, SEED, ages.month);
    const record = run[ages.month];
    expect(ages.month).toBeGreaterThanOrEqual(15);
    expect(ages.rows.map((r) => r.key)).toEqual([...DFE_AGE_BANDS]);
    expect(ages.rows.map((r) => r.label)).toEqual(['Under 1', '1 to 4', '5 to 9', '10 to 15', '16 and over']);
    // Shares as shown: whole percents adding up to 100, each within a point of the record's own share.
    const inCare = DFE_AGE_BANDS.reduce((n, b) => n + record.lookedAfterByAge[b], 0);
    expect(inCare).toBeGreaterThan(0);
    expect(ages.rows.reduce((n, r) => n + r.shown, 0)).toBe(100);
    for (const row of ages.rows) {
      const band = row.key as (typeof DFE_AGE_BANDS)[number];
      expect(row.text).toMatch(/^\d+%$/);
      expect(row.count, band).toBe(record.lookedAfterByAge[band]);
      expect(Math.abs(row.shown - (record.lookedAfterByAge[band] / inCare) * 100), band).toBeLessThan(1);
    }
    // Entries by age over the last 12 months (or the span the newest snapshots cover, as the heading says): the CLI's months summed.
    const entries = await readShares(page, 'care-age', 1);
    const heading = await page.locator('table[data-table="care-age"] thead th').nth(3).innerText();
    const span = Number(/last (\d+) months/.exec(heading)?.[1]);
    expect(span).toBeGreaterThanOrEqual(12);
    const year = run.slice(ages.month - span + 1);
    expect(year).toHaveLength(span);
    for (const row of entries.rows) {
      const band = row.key as (typeof DFE_AGE_BANDS)[number];
      expect(row.count, band).toBe(year.reduce((n, r) => n + r.careEntriesByAge[band], 0));
    }
    expect(entries.rows.reduce((n, r) => n + r.shown, 0)).toBe(100);

    const legal = await readShares(page, 'legal-status');
    expect(legal.month).toBe(ages.month);
    expect(legal.rows.map((r) => r.key)).toEqual([...LEGAL_STATUSES]);
    expect(legal.rows.map((r) => r.label)).toEqual(['Section 20 (V2)', 'Interim care order (C1)', 'Full care order (C2)', 'Placement order (E1)', 'Other']);
    for (const row of legal.rows) expect(row.count, row.key).toBe(record.lookedAfterByLegalStatus[row.key as (typeof LEGAL_STATUSES)[number]]);
    expect(legal.rows.reduce((n, r) => n + r.shown, 0)).toBe(100);

    const exits = await readShares(page, 'care-exits');
    expect(exits.rows.map((r) => r.key)).toEqual([...CARE_EXIT_REASONS]);
    for (const row of exits.rows) {
      const reason = row.key as (typeof CARE_EXIT_REASONS)[number];
      expect(row.count, reason).toBe(year.reduce((n, r) => n + r.careExitsByReason[reason], 0));
    }
    const uasc = await page.locator('[data-figure="uasc"] .kpi-value').getAttribute('data-count');
    expect(Number(uasc)).toBe(record.uascLookedAfter);
    const reEntries = await page.locator('[data-figure="re-entries"] .kpi-value').getAttribute('data-count');
    expect(Number(reEntries)).toBe(year.reduce((n, r) => n + r.careReEntries, 0));

    // The charts describe themselves for screen readers, with the latest month's figures.
    const label = await page.locator('.care-detail canvas').first().getAttribute('aria-label');
    expect(label).toContain(`month ${ages.month}`);
    expect(label).toContain('16 and over');
    // For a person to look at: the panels as drawn.
    await page.evaluate(() => window.__careFutures?.drawCharts());
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/care-panels.png', await page.locator('.care-detail').screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });
});
