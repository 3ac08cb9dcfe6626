/**
 * The comparison view's uncertainty option against the production build: a tiny comparison
 * (1% sample, 2 seeds, 12 months, 3 draws) of the baseline against restored early help, opened as
 * files whose ranges leave out the need hazards (see HAZARDS), gives, on
 * every figure of the summary table, the verdict `npm run compare -- --uncertainty` gives for the
 * same settings, a tornado with the CLI's parameters in the CLI's order, and a report that opens with
 * the headline sentences, names the assumptions the verdicts depend on, shows no loopback link,
 * draws its charts light on white and prints from Chromium to one A4 page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { compareMain } from '../../sim/cli/compare';
import { SCENARIO_DIR, loadScenarioFile } from '../../sim/node/files';
import { OUTCOMES } from '../../sim/comparison/outcomes';
import { launchChromium } from './chromium';
import { startPreview } from './preview';

const SETTINGS = { runs: 2, months: 12, seed: 3, scale: 0.01 };
const DRAWS = 3;
/**
 * Ranges left out of the files: with the hazard ratios at the high ends of their ranges together
 * (a Morris screen's corner, or a draw), the shipped baseline's most exposed family passes the
 * engine's bound of one need a month, so `npm run compare -- --uncertainty` stops on the shipped
 * scenarios; that is the ranges' question, not this view's.
 */
const HAZARDS = /hazard/i;
const FILES = ['north-east-baseline', 'early-help-restored'] as const;
let dir = '';

/** The shipped scenario, resolved, at SETTINGS.scale, without the hazard ranges, as a file. */
function writeScenario(name: string): string {
  const loaded = loadScenarioFile(join(SCENARIO_DIR, `${name}.json`));
  if (!loaded.ok) throw new Error(loaded.issues[0].message);
  const s = structuredClone(loaded.value);
  s.population.scale = SETTINGS.scale;
  const ranges = s.uncertainty?.ranges ?? {};
  for (const path of Object.keys(ranges)) if (HAZARDS.test(path)) delete ranges[path];
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(s));
  return file;
}

interface CliEntry {
  id: string;
  month: number;
  verdict: string;
  dependsOn?: string;
  tornado: { path: string }[];
}

let browser: Browser | undefined;
let server: { url: string; close: () => Promise<void> } | undefined;
beforeAll(async () => {
  browser = await launchChromium();
  server = await startPreview();
  dir = mkdtempSync(join(tmpdir(), 'care-futures-uncertainty-'));
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await browser?.close();
  await server?.close();
});

async function cliEntries(args: string[]): Promise<CliEntry[]> {
  let out = '';
  const flags = ['--runs', SETTINGS.runs, '--months', SETTINGS.months, '--seed', SETTINGS.seed, '--scale', SETTINGS.scale, '--draws', DRAWS].map(String);
  const code = await compareMain([...args, ...flags, '--uncertainty', '--format', 'json', '--quiet'], {}, { stdout: (t) => (out += t), stderr: () => undefined });
  expect(code).toBe(0);
  return (JSON.parse(out) as { outcomes: CliEntry[] }).outcomes;
}

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

describe('uncertainty in the comparison view', () => {
  it('shows the CLI verdicts and tornado, and prints a one-page report naming what the answers rest on', async () => {
    if (!browser || !server) throw new Error('harness not started');
    const files = FILES.map(writeScenario);
    const cli = await cliEntries(files);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // The print dialogue would wait for a person: the report is printed with page.pdf instead.
    await page.addInitScript(() => (window.print = () => undefined));
    // A comparison address opens the view (its tiny run is replaced by the one below).
    await page.goto(`${server.url}?a=north-east-baseline&b=north-east-baseline&runs=2&months=1&scale=0.05`);
    await page.locator('#compare-runs').waitFor();
    for (const [k, side] of (['a', 'b'] as const).entries()) {
      await page.locator(`fieldset.side-${side} input[type=file]`).setInputFiles(files[k]);
      await expect.poll(() => page.locator(`#compare-${side}`).inputValue()).toMatch(/^file:/);
    }
    await page.locator('#compare-runs').fill(String(SETTINGS.runs));
    await page.locator('#compare-months').fill(String(SETTINGS.months));
    await page.locator('#compare-seed').fill(String(SETTINGS.seed));
    await page.locator('#compare-scale').selectOption('own');
    await page.locator('#compare-uncertainty-on').check();
    await page.locator('#compare-draws').fill(String(DRAWS));
    await page.getByRole('button', { name: 'Run comparison' }).click();
    await page.waitForSelector('[data-testid="compare-status"][data-done="true"]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="compare-uncertainty"][data-state="done"]', { timeout: 300_000 });

    // Every figure carries its row's verdict, the CLI's, and the row says it in words.
    const figures = await page.locator('.summary-table .fig').evaluateAll((els) => els.map((el) => ({ ...(el as HTMLElement).dataset })));
    // A and B: median, 5%, 95% and mean; B − A: mean and its interval.
    expect(figures.length).toBe(cli.length * 11);
    for (const f of figures) {
      const entry = cli.find((e) => e.id === f.outcome && e.month === Number(f.month));
      expect(entry, `${f.outcome} at ${f.month}`).toBeDefined();
      expect(f.verdict, `${f.outcome} at ${f.month}`).toBe(entry?.verdict);
    }
    const words = await page.locator('.summary-table td[data-verdict]').evaluateAll((els) => els.map((el) => ({ verdict: (el as HTMLElement).dataset.verdict, text: el.textContent ?? '' })));
    expect(words.length).toBe(cli.length);
    for (const w of words) {
      if (w.verdict === 'no-difference') expect(w.text).toBe('no meaningful difference');
      else if (w.verdict === 'robust') expect(w.text).toBe('robust');
      else expect(w.text).toMatch(/^depends/);
    }

    // The tornado of the outcome on screen: a bar per parameter, in the CLI's order (largest swing first).
    const outcome = await page.locator('#compare-outcome').inputValue();
    expect(outcome).toBe(OUTCOMES[0].id);
    const last = Math.max(...cli.map((e) => e.month));
    const want = cli.find((e) => e.id === outcome && e.month === last);
    const bars = await page.locator('[data-testid="compare-uncertainty"] svg.tornado g.tornado-bar').evaluateAll((els) => els.map((el) => el.getAttribute('data-path')));
    expect(want?.tornado.length).toBeGreaterThan(0);
    expect(bars).toEqual(want?.tornado.map((t) => t.path));
    const swings = await page.locator('svg.tornado g.tornado-bar').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-swing'))));
    expect(swings).toEqual([...swings].sort((x, y) => y - x));
    expect(await page.locator('[data-testid="compare-uncertainty"] .break-even li').count()).toBeGreaterThan(0);

    // The report, printed in place: one A4 page, sentences first, every assumption depended on named.
    await page.getByRole('button', { name: 'Print report' }).click();
    const report = page.locator('.print-host .report');
    await report.waitFor({ state: 'attached' });
    const text = (await report.textContent()) ?? '';
    const firstItem = (await report.locator('section').first().locator('li').first().textContent()) ?? '';
    expect(firstItem).toMatch(/^(Spend since the start|Children in care)/);
    expect(firstItem).toMatch(/chance and assumptions/);
    for (const path of new Set(cli.filter((e) => e.verdict === 'depends').map((e) => e.dependsOn))) expect(text).toContain(path);
    const html = await report.innerHTML();
    expect(html).not.toMatch(/127\.0\.0\.1|localhost|\[::1\]/);
    const backgrounds = await report.locator('svg > rect:first-of-type').evaluateAll((els) => els.map((el) => el.getAttribute('fill')));
    // Two B − A charts and the tornado.
    expect(backgrounds.length).toBe(3);
    expect(new Set(backgrounds)).toEqual(new Set(['#ffffff']));
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdfPages(pdf)).toBe(1);
    expect(errors).toEqual([]);
  }, 600_000);
});
