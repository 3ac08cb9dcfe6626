/** The pure mappings behind the comparison view's uncertainty: verdict words, the tornado chart, the report's assumptions and links, the run cost. */
import { describe, expect, it } from 'vitest';
import type { OutcomeUncertainty, TornadoBar, UncertaintyAnalysis } from '../../sim/uncertainty/analysis';
import { uncertaintyRunCost } from '../../sim/uncertainty/cost';
import { isLoopback } from '../../viz/compare/report';
import { PRINT_THEME } from '../../viz/compare/svg-chart';
import { tornadoExtent, tornadoRows, tornadoSvg } from '../../viz/compare/tornado-chart';
import { assumptionsDependedOn, breakEvenLines } from '../../viz/compare/uncertainty-figures';
import { verdictCell } from '../../viz/compare/verdicts';

const bar = (path: string, low: number, high: number): TornadoBar => ({ path, low: { value: 1, difference: low }, high: { value: 2, difference: high } });

const entry = (over: Partial<OutcomeUncertainty>): OutcomeUncertainty => ({
  id: 'lookedAfter',
  month: 120,
  uncertainty: { low: -3, high: 2, shareBLower: 0.75 },
  tornado: [],
  breakEven: [],
  verdict: 'robust',
  ...over,
});

const analysis = (outcomes: OutcomeUncertainty[]): UncertaintyAnalysis => ({
  parameters: [
    { path: 'earlyHelp.successShare', low: 0.6, high: 0.9, distribution: 'uniform', basis: 'assumption: cited range' },
    { path: 'costs.councilWeekly', low: 3500, high: 6100, distribution: 'uniform', basis: 'PSSRU' },
  ],
  draws: [],
  notCalibrated: [],
  outcomes,
  runs: 0,
});

describe('verdict words in the summary table', () => {
  it('says each verdict in words, naming the parameter a "depends" rests on and where its sign changes', () => {
    expect(verdictCell(entry({ verdict: 'robust' }), 'rate').words).toBe('robust');
    expect(verdictCell(entry({ verdict: 'no-difference' }), 'rate').words).toBe('no meaningful difference');
    const depends = verdictCell(entry({ verdict: 'depends', dependsOn: 'earlyHelp.successShare', breakEven: [{ path: 'earlyHelp.successShare', value: 0.7123 }] }), 'rate');
    expect(depends.verdict).toBe('depends');
    expect(depends.words).toBe('depends on earlyHelp.successShare');
    expect(depends.title).toContain('B lower in 75% of draws');
    expect(depends.title).toContain('the sign changes at 0.712');
  });
});

describe('the tornado chart', () => {
  const bars = [bar('small', 1, 2), bar('large', -5, 4), bar('nan', NaN, 1), bar('middle', 3, -1)];

  it('orders bars by swing, largest first, leaves out bars without both ends, and cuts to the count asked', () => {
    const rows = tornadoRows(bars);
    expect(rows.map((r) => r.path)).toEqual(['large', 'middle', 'small']);
    expect(rows.map((r) => r.swing)).toEqual([9, 4, 1]);
    expect(tornadoRows(bars, 2).map((r) => r.path)).toEqual(['large', 'middle']);
    // Equal swings fall back to the path, so the order never depends on the input's.
    expect(tornadoRows([bar('b', 0, 1), bar('a', 1, 2)]).map((r) => r.path)).toEqual(['a', 'b']);
  });

  it('spans every bar end, the centre and zero', () => {
    const [lo, hi] = tornadoExtent({ centre: 10, rows: tornadoRows([bar('p', 8, 12)]) });
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(12);
  });

  it('draws one group with data-path per bar, in swing order, on the theme background', () => {
    const svg = tornadoSvg({
      title: 'Children in care',
      unit: 'per 10,000',
      centre: 0.5,
      rows: tornadoRows(bars),
      format: String,
      formatValue: String,
      colours: { low: '#111', high: '#222' },
      width: 600,
      theme: PRINT_THEME,
      description: 'test',
    });
    expect([...svg.matchAll(/<g class="tornado-bar" data-path="([^"]+)"/g)].map((m) => m[1])).toEqual(['large', 'middle', 'small']);
    expect(svg).toMatch(/^<svg[^>]*><title[^>]*>[^<]*<\/title><desc[^>]*>[^<]*<\/desc><rect width="600" height="\d+" fill="#ffffff"\/>/);
  });
});

describe('what the report names', () => {
  it('lists each parameter a "depends" verdict rests on once, with its range, basis and the figures it decides', () => {
    const a = analysis([
      entry({ verdict: 'depends', dependsOn: 'earlyHelp.successShare', month: 60 }),
      entry({ verdict: 'depends', dependsOn: 'earlyHelp.successShare', month: 120 }),
      entry({ id: 'spendSinceStart', verdict: 'depends', dependsOn: 'costs.councilWeekly' }),
      entry({ id: 'childProtection', verdict: 'robust' }),
    ]);
    const named = assumptionsDependedOn(a);
    expect(named.map((n) => n.path)).toEqual(['earlyHelp.successShare', 'costs.councilWeekly']);
    expect(named[0]).toMatchObject({ range: '0.6–0.9', basis: 'assumption: cited range' });
    expect(named[0].outcomes).toHaveLength(2);
    expect(named[1].range).toBe('3,500–6,100');
  });

  it('writes break-even values, or says the sign holds over the stated range', () => {
    const lines = breakEvenLines(analysis([]), [
      { path: 'earlyHelp.successShare', value: 0.71 },
      { path: 'costs.councilWeekly', value: null },
    ]);
    expect(lines).toEqual(['earlyHelp.successShare: B − A crosses zero at 0.71 (stated range 0.6–0.9)', 'costs.councilWeekly: B − A keeps its sign over 3,500–6,100']);
  });

  it('treats addresses on this computer as loopback, and others not', () => {
    for (const href of ['http://127.0.0.1:4173/?a=x', 'http://localhost:5173/', 'http://app.localhost/', 'http://[::1]:8080/', 'http://0.0.0.0/']) expect(isLoopback(href), href).toBe(true);
    for (const href of ['https://carefutures.example/?a=x', 'http://128.0.0.1/', 'not a url']) expect(isLoopback(href), href).toBe(false);
  });
});

describe('the cost the option states', () => {
  it('counts 2 runs a draw, 4 a tornado parameter and seed, and the screen only above the cut', () => {
    expect(uncertaintyRunCost({ parameters: 4, seeds: 3, draws: 20 })).toEqual({ ensemble: 40, tornado: 48, screening: 0, atLeast: 88 });
    // 60 parameters, the default cut of 10 and 2 trajectories: 2 x 61 points x A and B.
    expect(uncertaintyRunCost({ parameters: 60, seeds: 10, draws: 20 })).toEqual({ ensemble: 40, tornado: 400, screening: 244, atLeast: 684 });
  });
});
