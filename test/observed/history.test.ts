import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DIR } from '../../sim/node/files';
import { observedHistory, pointAt, seriesOf } from '../../sim/observed/history';
import { OBSERVED_MEASURES, OBSERVED_REGIONS, type ObservedHistory } from '../../sim/observed/types';
import { validateHistory } from '../../sim/observed/validate';

const text = readFileSync(join(SCENARIO_DIR, 'observed', 'history.json'), 'utf8');
const raw = (): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

function shipped(): ObservedHistory {
  const result = observedHistory();
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.value;
}

describe('the observed history file', () => {
  it('validates', () => {
    const result = validateHistory(raw());
    expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual([]);
  });

  it('gives every figure a source that exists, with a publisher, a title and a year', () => {
    const history = shipped();
    let figures = 0;
    for (const series of history.series) {
      for (const point of series.points) {
        if (point.value === null) continue;
        figures++;
        const source = history.sources[point.source ?? ''];
        expect(source, `${series.id} ${point.year}`).toBeDefined();
        expect(source.publisher.length).toBeGreaterThan(0);
        expect(source.title.length).toBeGreaterThan(0);
        expect(source.year).toBeGreaterThanOrEqual(point.year - 1);
      }
    }
    expect(figures).toBeGreaterThan(40);
  });

  it('says how every derived figure was computed, and never calls it published', () => {
    for (const series of shipped().series) {
      for (const point of series.points.filter((p) => p.kind === 'derived')) expect(point.derivation, `${series.id} ${point.year}`).toMatch(/=/);
    }
  });

  it('has a series per region and measure, each year once from 2009, gaps as null', () => {
    const history = shipped();
    for (const region of OBSERVED_REGIONS) for (const measure of OBSERVED_MEASURES) expect(seriesOf(history, region, measure)?.id).toBe(`${region}.${measure}`);
    const care = seriesOf(history, 'north-east', 'lookedAfter');
    expect(care?.points[0].year).toBe(2009);
    // The North East's 2009 level is not published here: it stays a gap, not a number made up from the 77% rise.
    expect(pointAt(care, 2009)?.value).toBeNull();
    expect(pointAt(care, 2016)).toMatchObject({ value: 84, kind: 'published' });
    expect(pointAt(seriesOf(history, 'england', 'childProtection'), 2018)?.value).toBe(45.3);
  });

  it('keeps the "during the year" children in need apart from the 31 March count', () => {
    const history = shipped();
    const during = seriesOf(history, 'north-east', 'childrenInNeedDuringYear');
    const atMarch = seriesOf(history, 'north-east', 'childrenInNeed');
    expect(pointAt(during, 2016)?.value).toBe(822.2);
    expect(pointAt(atMarch, 2016)?.value).toBeNull();
  });
});

describe('validateHistory', () => {
  const firstPoint = (doc: Record<string, unknown>): Record<string, unknown> => ((doc.series as Record<string, unknown>[])[1].points as Record<string, unknown>[])[1];

  it('names the path, what was expected and what was found for a figure without a source', () => {
    const doc = raw();
    delete firstPoint(doc).source;
    const result = validateHistory(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toMatch(/^series\[1\]\.points\[1\]\.source: expected the id of one of the sources \(.*\), found nothing$/);
  });

  it('refuses a derived figure without its derivation, a gap with a source, years out of order and unknown fields', () => {
    const doc = raw();
    const series = doc.series as { points: Record<string, unknown>[] }[];
    Object.assign(series[1].points[2], { kind: 'derived' });
    Object.assign(series[0].points[1], { source: 'DfE-CIN-2018' });
    series[2].points[3].year = 2009;
    series[3].points[0].vaule = 3;
    const result = validateHistory(doc);
    const messages = result.ok ? [] : result.issues.map((i) => i.message);
    expect(messages).toContainEqual(expect.stringMatching(/^series\[1\]\.points\[2\]\.derivation: expected how a derived figure was computed/));
    expect(messages).toContainEqual(expect.stringMatching(/^series\[0\]\.points\[1\]\.source: expected nothing for a gap \(value null\), found "DfE-CIN-2018"$/));
    expect(messages).toContainEqual(expect.stringMatching(/^series\[2\]\.points\[3\]\.year: expected a year after 2011/));
    expect(messages).toContainEqual(expect.stringMatching(/^series\[3\]\.points\[0\]\.vaule: expected no such field/));
  });

  it('refuses what is not an object, and a rate out of range', () => {
    expect(validateHistory([])).toMatchObject({ ok: false, issues: [{ path: '(root)', found: 'a list []' }] });
    const doc = raw();
    firstPoint(doc).value = -3;
    const result = validateHistory(doc);
    expect(result.ok ? '' : result.issues[0].message).toBe('series[1].points[1].value: expected a rate per 10,000 from 0 to 10000, or null for a gap, found -3');
  });
});
