import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarise, type Summary } from './summary';

describe('regression baseline', () => {
  it('reproduces the committed fixed-seed summary of the North East baseline exactly', () => {
    const reference = JSON.parse(readFileSync(new URL('./baseline.json', import.meta.url), 'utf8')) as Summary;
    const now = summarise();
    // On a mismatch, show each changed figure as a ratio to the reference before failing.
    const changes: string[] = [];
    for (const [month, row] of Object.entries(reference)) {
      for (const [key, value] of Object.entries(row)) {
        const current = now[month]?.[key];
        if (current !== value) changes.push(`${month} ${key}: ${value} -> ${current} (x${value ? ((current ?? 0) / value).toFixed(3) : 'inf'})`);
      }
    }
    expect(changes, 'the model changed; if on purpose, run `npm run update-baseline` and commit test/regression/baseline.json').toEqual([]);
  });
});
