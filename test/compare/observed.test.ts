/**
 * Observed (DfE) figures on the comparison's charts: the SVG renderer draws the points inside its
 * months as diamonds with a legend entry and a sentence, and adds nothing without them; only the
 * A and B chart of an outcome with an observed series gets them, and only when A and B start together.
 */
import { describe, expect, it } from 'vitest';
import { OUTCOMES, outcomeById } from '../../sim/comparison/outcomes';
import { outcomeCharts } from '../../viz/compare/chart-view';
import { OBSERVED_MEASURE_OF_OUTCOME, observedFor, sharedStartDate } from '../../viz/compare/observed';
import { PRINT_THEME, svgChart } from '../../viz/compare/svg-chart';
import { chartSpec, paired, shipped } from './helpers';

const mid = Array.from({ length: 25 }, (_, m) => (m === 0 ? NaN : 100 + m));
const SPEC = chartSpec({
  title: 'Children in care: A and B',
  from: 1,
  to: 24,
  series: [
    { label: 'A: baseline', colour: '#59b', mid, low: mid.map((v) => v - 2), high: mid.map((v) => v + 2) },
    { label: 'B: option', colour: '#e90', mid: mid.map((v) => v + 1), low: mid.map((v) => v - 1), high: mid.map((v) => v + 3) },
  ],
  markers: [{ month: 6, label: 'B: Profit cap on providers off → on' }],
  width: 640,
  height: 300,
  description: 'At month 24, A 124 and B 125.',
});
// Months 0 and 30 lie outside 1..24; 150 is far above the runs, so the axis must reach it.
const OBSERVED = { months: Float64Array.from([0, 5, 12, 30]), values: Float64Array.from([90, 150, 110, 130]), description: 'observed (DfE), North East: 2016 84, 2018 95' };

const diamonds = (svg: string) => [...svg.matchAll(/<path class="observed-point" data-month="(\d+)"/g)].map((m) => Number(m[1]));
/** The y axis's tick values (the x axis's "month" is the other right-aligned muted text). */
const tickValues = (svg: string) => [...svg.matchAll(/text-anchor="end" fill="#555555">([^<]+)</g)].map((m) => Number(m[1].replace(/,/g, ''))).filter(Number.isFinite);

describe('observed figures on the comparison charts', () => {
  it('draws a hollow diamond for each observed point inside the months, with a legend entry and a sentence', () => {
    const svg = svgChart({ ...SPEC, observed: OBSERVED });
    expect(diamonds(svg)).toEqual([5, 12]);
    expect(svg).toMatch(/<path class="observed-point" data-month="5" d="M[^"]+Z" fill="#ffffff" stroke="#111111" stroke-width="2"\/>/);
    expect(svg).toContain('>observed (DfE)</text>');
    expect(svg).toMatch(/<desc id="[^"]+">At month 24, A 124 and B 125\. Diamonds: observed \(DfE\), North East: 2016 84, 2018 95\.<\/desc>/);
    // The y axis reaches the observed 150, though the runs stay below 130.
    expect(Math.max(...tickValues(svg))).toBeGreaterThanOrEqual(150);
    expect(Math.max(...tickValues(svgChart(SPEC)))).toBeLessThan(150);
  });

  it('adds nothing without observed points, or when none falls inside the months', () => {
    const plain = svgChart(SPEC);
    expect(diamonds(plain)).toEqual([]);
    expect(plain).not.toContain('observed');
    const outside = { ...OBSERVED, months: Float64Array.from([0, 25, 30]), values: Float64Array.from([1, 2, 3]) };
    expect(svgChart({ ...SPEC, observed: outside })).toBe(plain);
    // One series: no legend row before; the observed entry brings one.
    const single = { ...SPEC, series: SPEC.series.slice(0, 1) };
    expect(svgChart(single)).not.toContain('y="49"');
    expect(svgChart({ ...single, observed: OBSERVED })).toContain('>observed (DfE)</text>');
  });

  it('maps the three stock rates with a DfE series to their observed measures, placed by the shared start date', () => {
    for (const [id, measure] of OBSERVED_MEASURE_OF_OUTCOME) {
      expect(outcomeById(id)?.unit, id).toBe('per 10,000 children');
      expect(observedFor(id, '2009-04')?.description, measure).toMatch(/^observed \(DfE\), North East: /);
    }
    expect([...OBSERVED_MEASURE_OF_OUTCOME.keys()]).toEqual(['lookedAfter', 'childProtection', 'childrenInNeed']);
    // Looked after, North East: 31 March 2016 and 2018 are months 84 and 108 of a run from April 2009.
    expect([...(observedFor('lookedAfter', '2009-04')?.months ?? [])]).toEqual([84, 108]);
    for (const o of OUTCOMES.filter((x) => !OBSERVED_MEASURE_OF_OUTCOME.has(x.id))) expect(observedFor(o.id, '2009-04'), o.id).toBeUndefined();
    expect(observedFor('lookedAfter', undefined)).toBeUndefined();
    expect(sharedStartDate({ startDate: '2009-04' }, { startDate: '2009-04' })).toBe('2009-04');
    expect(sharedStartDate({}, { startDate: '2021-04' })).toBe('2021-04');
    expect(sharedStartDate({ startDate: '2009-04' }, {})).toBeUndefined();
  });

  it('puts the diamonds on the A and B chart only, for runs from 2009', () => {
    const from2009 = shipped('north-east-2009');
    const results = paired({ scenario: from2009, levers: [] }, { scenario: from2009, levers: [{ month: 6, path: 'policy.profitCap.enabled', value: true }] }, [1], 96);
    const data = { results, months: 96, names: { a: 'A', b: 'B' }, markers: [] };
    const looked = outcomeById('lookedAfter');
    const referrals = outcomeById('referrals');
    if (!looked || !referrals) throw new Error('outcomes renamed');
    const shown = outcomeCharts(looked, { ...data, startDate: '2009-04' }, PRINT_THEME, { width: 560, height: 180 });
    // March 2016 (month 84) is inside 96 months; March 2018 (108) is not.
    expect(diamonds(shown.pair)).toEqual([84]);
    expect(diamonds(shown.difference)).toEqual([]);
    expect(shown.difference).not.toContain('observed');
    expect(diamonds(outcomeCharts(referrals, { ...data, startDate: '2009-04' }, PRINT_THEME, { width: 560, height: 180 }).pair)).toEqual([]);
    // A and B on different calendars: no start date, no diamonds.
    expect(diamonds(outcomeCharts(looked, data, PRINT_THEME, { width: 560, height: 180 }).pair)).toEqual([]);
  });
});
