/**
 * Issue 13 in Chromium: a simulation worker that hangs, closes itself or throws is noticed, and
 * the page brings back the same scenario, seed, lever timeline and month, and says so in its
 * notice line (role="status"). A worker busy with a long step is not mistaken for a hung one.
 * The faults come from the dev server's test-only hook (sim/worker/test-faults.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LeverChange, SimStatus, TestFault } from '../../sim/worker/contract';
import { cliRun, setSpeed } from './actions';
import { readMonth, readTable, waitForMonth } from './harness';
import { useApp } from './lifecycle';

const SCENARIO = 'north-east-baseline';
const SEED = 7;
const LEVER = { path: 'policy.earlyHelp.budgetPerYear', value: 5_000_000 };

const openPage = useApp();

interface PageView {
  picker: string;
  seedInput: string;
  month: number;
  markers: string | null;
  timeline: LeverChange[];
  status: SimStatus | null;
  notice: string;
  noticeRole: string | null;
}

async function view(page: Page): Promise<PageView> {
  return page.evaluate(async () => {
    const hooks = window.__careFutures;
    if (!hooks) throw new Error('test hooks missing');
    const status = await hooks.link.client.fetchStatus();
    const notice = document.getElementById('notice');
    return {
      picker: (document.getElementById('scenario-picker') as HTMLSelectElement).value,
      seedInput: (document.getElementById('seed') as HTMLInputElement).value,
      month: Number(document.querySelector('[data-testid="month"]')?.getAttribute('data-month')),
      markers: document.querySelector('#charts')?.getAttribute('data-markers') ?? null,
      timeline: hooks.timeline(),
      status: status.ok ? status.value : null,
      notice: notice?.textContent ?? '',
      noticeRole: notice?.getAttribute('role') ?? null,
    };
  });
}

async function fault(page: Page, kind: TestFault): Promise<void> {
  await page.evaluate((k) => window.__careFutures?.injectWorkerFault(k), kind);
}

async function waitForRestart(page: Page): Promise<void> {
  await page.waitForFunction(() => /restarted/.test(document.getElementById('notice')?.textContent ?? ''), undefined, { timeout: 60_000 });
}

/** Two months, a lever change, then one more month: the run a restart must bring back. */
async function userRun(page: Page): Promise<LeverChange[]> {
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await step.click();
  await waitForMonth(page, 1);
  await step.click();
  await waitForMonth(page, 2);
  expect(await page.evaluate((l) => window.__careFutures?.setLever(l.path, l.value), LEVER)).toBe(true);
  await step.click();
  await waitForMonth(page, 3);
  return page.evaluate(() => window.__careFutures?.timeline() ?? []);
}

/** The page after a restart shows the user's run: scenario, seed, levers, month, and the same counts as the CLI. */
async function expectRestored(page: Page, timeline: LeverChange[], month?: number): Promise<PageView> {
  const after = await view(page);
  if (month !== undefined) expect(after.month).toBe(month);
  expect(after).toMatchObject({ picker: SCENARIO, seedInput: String(SEED), markers: '1', timeline, noticeRole: 'status' });
  expect(after.status).toMatchObject({ fileName: `${SCENARIO}.json`, seed: SEED, levers: 1, month: after.month, playing: false });
  expect(after.notice).toContain(`seed ${SEED}, 1 lever change, month ${after.month}`);
  const table = await readTable(page);
  expect(table.month).toBe(after.month);
  expect(table.counts).toEqual(cliRun(SCENARIO, SEED, after.month, timeline)[after.month].stocks);
  return after;
}

describe('a simulation worker that stops, in Chromium', () => {
  it('recovers from a worker stuck in a loop while playing: same scenario, seed, levers and month, and says so', async () => {
    const { page } = await openPage(`?scenario=${SCENARIO}&seed=${SEED}`);
    const timeline = await userRun(page);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMonth(page, 5);
    await fault(page, 'loop');
    await waitForRestart(page);
    const after = await expectRestored(page, timeline);
    expect(after.month).toBeGreaterThanOrEqual(5);
    // The run goes on from there.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMonth(page, after.month + 2);
    await page.close();
  });

  it('recovers from a worker that closed itself, noticed when the page next asks something of it', async () => {
    const { page } = await openPage(`?scenario=${SCENARIO}&seed=${SEED}`);
    const timeline = await userRun(page);
    await fault(page, 'close');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitForRestart(page);
    // The step was not done, and the page says why; the run is back at month 3.
    await expectRestored(page, timeline, 3);
    expect(await page.getByRole('alert').innerText()).toContain('could not step');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    expect(await waitForMonth(page, 4)).toBe(4);
    await page.close();
  });

  it('recovers from a worker that threw', async () => {
    const { page } = await openPage(`?scenario=${SCENARIO}&seed=${SEED}`);
    const timeline = await userRun(page);
    await fault(page, 'throw');
    await waitForRestart(page);
    await expectRestored(page, timeline, 3);
    await page.close();
  });

  it('keeps a worker busy with a 240-month step: its heartbeats arrive during the step and nothing restarts', async () => {
    const { page, errors } = await openPage(`?scenario=${SCENARIO}&seed=${SEED}`);
    await setSpeed(page, 4);
    const result = await page.evaluate(async () => {
      const hooks = window.__careFutures;
      if (!hooks) throw new Error('test hooks missing');
      const before = hooks.link.client.heartbeats;
      const stepped = await hooks.link.step(240);
      return { ok: stepped.ok, beats: hooks.link.client.heartbeats - before, notice: document.getElementById('notice')?.textContent ?? '' };
    });
    expect(result).toMatchObject({ ok: true, notice: '' });
    expect(result.beats).toBeGreaterThan(0);
    await waitForMonth(page, 240, 120_000);
    expect(await readMonth(page)).toBe(240);
    expect(errors).toEqual([]);
    await page.close();
  });
});
