/**
 * What the browser tests do to the app, and the headless runs they compare it with: shared by
 * every test file so each action is written once.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { LeverEntry } from '../../sim/worker/contract';
import type { MonthRecord } from '../../sim/records';
import { runScenario } from '../../sim/run';
import { loadScenarioFile, SCENARIO_DIR } from '../../sim/node/files';
import { readMonth } from './harness';

/** The CLI's month records for a shipped scenario (months 0..`months`). */
export function cliRun(scenarioId: string, seed: number, months: number, levers: LeverEntry[] = []): MonthRecord[] {
  const scenario = loadScenarioFile(`${SCENARIO_DIR}/${scenarioId}.json`);
  if (!scenario.ok) throw new Error(scenario.issues.map((i) => i.message).join('\n'));
  const run = runScenario(scenario.value, { seed, months, levers });
  if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
  return run.value;
}

/** Click a button that downloads a file and return the file's text. */
export async function downloadText(page: Page, buttonName: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName, exact: true }).click()]);
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

export function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const keys = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v])));
}

export async function setSpeed(page: Page, monthsPerSecond: number): Promise<void> {
  await page.getByLabel('Speed').selectOption(String(monthsPerSecond));
}

/** Pause and wait for the month to stop moving, so the table and the month belong together. */
export async function pauseAndSettle(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  let last = await readMonth(page);
  for (;;) {
    await page.waitForTimeout(250);
    const now = await readMonth(page);
    if (now === last) return now;
    last = now;
  }
}
