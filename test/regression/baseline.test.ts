import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarise, type Summary } from './summary';

describe('regression baseline', () => {
  it('reproduces the committed fixed-seed summary of every shipped scenario exactly', () => {
    const reference = JSON.parse(readFileSync(new URL('./baseline.json', import.meta.url), 'utf8')) as Summary;
    const now = summarise();
    // On a mismatch, show each changed figure (and any that appeared or vanished) as a ratio to the reference.
    const changes: string[] = [];
    for (const file of new Set([...Object.keys(reference), ...Object.keys(now)])) {
      const months = new Set([...Object.keys(reference[file] ?? {}), ...Object.keys(now[file] ?? {})]);
      for (const month of months) {
        const was = reference[file]?.[month] ?? {};
        const is = now[file]?.[month] ?? {};
        for (const key of new Set([...Object.keys(was), ...Object.keys(is)])) {
          const value = was[key];
          const current = is[key];
          if (current !== value) changes.push(`${file} ${month} ${key}: ${value} -> ${current} (x${value ? ((current ?? 0) / value).toFixed(3) : 'inf'})`);
        }
      }
    }
    expect(changes, 'the model changed; if on purpose, run `npm run update-baseline` and commit test/regression/baseline.json').toEqual([]);
  });
});
