/**
 * `npm run screenshot`: the README's picture of the app (docs/screenshot.png), taken the way a new
 * user would see it: the baseline played for three years with the early-help budget raised after
 * the first, so the charts show a lever marker. It asks for the 20,000 dots a GPU laptop draws
 * (headless Chromium renders on the CPU, where the app would draw 5,000).
 */
import { launchChromium } from '../test/browser/chromium';
import { openApp, startServer, waitForMonth } from '../test/browser/harness';

const OUT = process.argv[2] ?? 'docs/screenshot.png';

const server = await startServer();
const browser = await launchChromium();
try {
  const { page, errors } = await openApp(browser, server.url, '?scenario=north-east-baseline&seed=1&particles=20000', { width: 1920, height: 1080 });
  await page.getByLabel('Speed').selectOption('12');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForMonth(page, 12);
  const applied = await page.evaluate(() => window.__careFutures?.setLever('policy.earlyHelp.budgetPerYear', 80_000_000));
  if (!applied) throw new Error('the early-help lever was refused');
  await waitForMonth(page, 36);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // Let the particles of the last month settle into their nodes.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: OUT });
  if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
