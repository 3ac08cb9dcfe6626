import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main } from '../../sim/cli/main';
import { SCENARIO_DIR } from '../../sim/node/files';
import type { MarketRecord } from '../../sim/records';
import { runScenario } from '../../sim/run';
import { runToCsv } from '../../viz/export';
import { loadShipped } from '../helpers';

describe('one tidy CSV for the app and the CLI', () => {
  it("gives the app's Export CSV and npm run sim --format csv of the same run, byte for byte", async () => {
    const scenario = loadShipped('early-help-restored.json', { 'population.scale': 0.02 });
    const markets: MarketRecord[] = [];
    const run = runScenario(scenario, { seed: 7, months: 14, onMonth: (_, market) => markets.push(market) });
    if (!run.ok) throw new Error('run failed');
    const app = runToCsv({ scenario: scenario.name, seed: 7, scale: 0.02 }, run.value, (m) => markets[m]);
    let cli = '';
    const code = await main([join(SCENARIO_DIR, 'early-help-restored.json'), '--scale', '0.02', '--months', '14', '--seed', '7', '--format', 'csv', '--quiet'], {}, { stdout: (t) => (cli += t), stderr: () => {} });
    expect(code).toBe(0);
    expect(cli).toBe(app);
    // Both carry the market figures, and a row per month and measure.
    expect(app.split('\n').filter((l) => l.includes(',market.socialWorkCaseload,'))).toHaveLength(15);
  });
});
