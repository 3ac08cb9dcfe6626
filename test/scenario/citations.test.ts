/**
 * Every number in the baseline is either sourced or an assumption that says why: a tool for testing
 * claims must show where each of its own figures comes from.
 */
import { describe, expect, it } from 'vitest';
import { loadShipped } from '../helpers';

const NOT_PARAMETERS = new Set(['$schema', 'name', 'description', 'sources', 'citations', 'calibration', 'extends', 'uncertainty']);

function numericLeaves(value: unknown, path: string, out: string[]): string[] {
  if (typeof value === 'number') out.push(path);
  else if (Array.isArray(value)) value.forEach((v, k) => numericLeaves(v, `${path}[${k}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (path === '' && NOT_PARAMETERS.has(key)) continue;
      numericLeaves(v, path === '' ? key : `${path}.${key}`, out);
    }
  }
  return out;
}

/** The citation that covers a path: its own, or the nearest enclosing object's. */
function citationFor(citations: Record<string, string>, path: string): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(citations)) {
    if ((path === key || path.startsWith(`${key}.`)) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : citations[best];
}

describe('citations of the baseline', () => {
  const baseline = loadShipped('north-east-baseline.json');
  const sourceIds = baseline.sources.map((s) => s.id);
  const leaves = numericLeaves(baseline, '', []);

  it('has numeric parameters to check', () => {
    expect(leaves.length).toBeGreaterThan(80);
  });

  it('cites a source for every numeric parameter, or marks it an assumption (or a calibration) and says why', () => {
    const problems: string[] = [];
    for (const path of leaves) {
      const text = citationFor(baseline.citations, path);
      if (text === undefined) {
        problems.push(`${path}: no citation`);
        continue;
      }
      const namesSource = sourceIds.some((id) => text.includes(id));
      const reasoned = /^(assumption|calibrated)\b[^:]*:\s*\S.{10,}/.test(text);
      if (!namesSource && !reasoned) problems.push(`${path}: "${text}" names no source and gives no reason`);
    }
    expect(problems).toEqual([]);
  });
});
