/**
 * Issue 25 in the production app: a comparison link asking for too much work waits for Run; a
 * bundle over the size limit is refused before it is read; bidirectional controls in a bundle's
 * scenario name are shown visibly.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareMain } from '../../sim/cli/compare';
import { MAX_BUNDLE_BYTES } from '../../sim/comparison/bundle';
import { SCENARIO_DIR } from '../../sim/node/files';
import { useBrowser } from './lifecycle';
import { startPreview } from './preview';

const started = useBrowser(startPreview);
const dir = mkdtempSync(join(tmpdir(), 'care-futures-hardening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app, on input from others', () => {
  it('waits for Run before a linked comparison of 1,000 runs of 2,400 months, saying the figures', async () => {
    const { browser, url } = started();
    const page = await browser.newPage();
    await page.goto(`${url}?a=north-east-baseline&b=early-help-restored&runs=1000&months=2400&scale=0.05`);
    await page.waitForSelector('body[data-status="ready"]');
    await expect(page.locator('.bundle-check').textContent()).resolves.toContain('4,800,000 simulated months');
    await expect(page.locator('.bundle-check').textContent()).resolves.toContain('It has not started');
    await expect(page.locator('[data-testid="compare-status"]').getAttribute('data-done')).resolves.not.toBe('true');
    await expect(page.locator('[data-testid="compare-status"]').textContent()).resolves.toContain('press Run comparison');
  });

  it('refuses a bundle over the limit with the CLI\u2019s message, and shows bidirectional controls in a bundle\u2019s names visibly', async () => {
    const { browser, url } = started();
    const page = await browser.newPage();
    await page.goto(`${url}?a=north-east-baseline&b=north-east-baseline&runs=2&months=1&scale=0.05`);
    await page.waitForSelector('[data-testid="compare-status"][data-done="true"]', { timeout: 60_000 });
    const chooser = page.locator('.compare-exports input[type="file"]');
    await chooser.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(MAX_BUNDLE_BYTES + 1, 32) });
    await expect(page.getByRole('alert').textContent()).resolves.toContain(`a result bundle is at most ${MAX_BUNDLE_BYTES / 1e6} MB`);

    const path = join(dir, 'bundle.json');
    const args = ['north-east-baseline.json', 'early-help-restored.json'].map((f) => join(SCENARIO_DIR, f));
    expect(await compareMain([...args, '--runs', '2', '--months', '2', '--scale', '0.05', '--format', 'json', '--bundle', path, '--quiet'], {}, { stdout: () => undefined, stderr: () => undefined })).toBe(0);
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.a.scenario.name = 'Evil\u202eenilesab';
    doc.a.name = doc.a.scenario.name;
    delete doc.checksum;
    doc.checksum = `sha256:${createHash('sha256').update(JSON.stringify(doc)).digest('hex')}`;
    writeFileSync(path, JSON.stringify(doc));
    await chooser.setInputFiles(path);
    await page.waitForSelector('.bundle-check[data-confirmed]', { timeout: 60_000 });
    await expect(page.locator('.summary-table thead').textContent()).resolves.toContain('A: Evil[U+202E]enilesab');
    await expect(page.locator('#compare-a').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).resolves.toBe('From bundle: Evil[U+202E]enilesab');
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toContain('\u202e');
  });
});
