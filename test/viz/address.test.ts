/**
 * Issue 13: the address names the scenario on show, an opened file included, and a reload says
 * what it can and cannot restore.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requestFromAddress } from '../../viz/address';
import { MAX_PACKED_CHARS, packText, readViewParams, unpackText, writeFileParams, writeViewParams } from '../../viz/url';

const SHIPPED = ['north-east-baseline', 'paradigm-shift'];
const SMALL_FILE = JSON.stringify({ extends: 'north-east-baseline.json', name: 'Mine', policy: { earlyHelp: { budgetPerYear: 9_000_000 } } }, null, 2);

describe('the address of an opened file', () => {
  it('carries a small file\u2019s text in the fragment, compacted, and gives it back', async () => {
    const packed = await packText(SMALL_FILE);
    expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(await unpackText(packed ?? ''))).toEqual(JSON.parse(SMALL_FILE));
  });

  it('carries a full copy of the baseline, and leaves out a file too large for an address', async () => {
    const baseline = readFileSync(new URL('../../scenarios/north-east-baseline.json', import.meta.url), 'utf8');
    expect((await packText(baseline))?.length).toBeLessThanOrEqual(MAX_PACKED_CHARS);
    // Random digits do not compress: far past the limit.
    const huge = JSON.stringify({ notes: Array.from({ length: 40_000 }, (_, k) => (k * 7919) % 10007) });
    expect(await packText(huge)).toBeUndefined();
  });

  it('names a damaged copy plainly', async () => {
    await expect(unpackText('not-a-deflated-text')).rejects.toThrow('damaged');
  });

  it('writes ?file= for a file and ?scenario= for a shipped scenario, never both, keeping other parameters', () => {
    const file = writeFileParams('?debug=1&scenario=paradigm-shift&seed=2', { file: 'mine.json', seed: 4 });
    expect(file).toBe('?debug=1&seed=4&file=mine.json');
    expect(writeViewParams(file, { scenario: 'north-east-baseline', seed: 5 })).toBe('?debug=1&seed=5&scenario=north-east-baseline');
    expect(readViewParams('?file=mine.json&seed=4', '#file=abc').params).toEqual({ file: { name: 'mine.json', packed: 'abc' }, seed: 4 });
  });
});

describe('a reload of the address', () => {
  it('reopens a file the address carries, and says that levers and the month are not restored', async () => {
    const packed = await packText(SMALL_FILE);
    const request = await requestFromAddress('?file=mine.json&seed=4', `#file=${packed}`, SHIPPED, 'north-east-baseline');
    expect(request.source).toEqual({ kind: 'file', name: 'mine.json', text: JSON.stringify(JSON.parse(SMALL_FILE)) });
    expect(request.seed).toBe(4);
    expect(request.fallback).toEqual({ kind: 'shipped', id: 'north-east-baseline' });
    expect(request.problem).toBeUndefined();
    expect(request.note).toContain('mine.json');
    expect(request.note).toContain('lever changes and the month are not restored');
  });

  it('says it cannot reopen a file whose copy the address does not carry, and shows the baseline', async () => {
    const request = await requestFromAddress('?file=big.json&seed=4', '', SHIPPED, 'north-east-baseline');
    expect(request.source).toEqual({ kind: 'shipped', id: 'north-east-baseline' });
    expect(request.problem?.title).toContain('big.json');
    expect(request.problem?.title).toContain('cannot reopen');
    expect(request.problem?.messages.join(' ')).toContain('Open file');
  });

  it('falls back on a damaged copy and on an unknown scenario, saying which', async () => {
    const damaged = await requestFromAddress('?file=mine.json', '#file=zzzz', SHIPPED, 'north-east-baseline');
    expect(damaged.source).toEqual({ kind: 'shipped', id: 'north-east-baseline' });
    expect(damaged.problem?.messages[0]).toContain('damaged');
    const unknown = await requestFromAddress('?scenario=nowhere&seed=2', '', SHIPPED, 'north-east-baseline');
    expect(unknown.source).toEqual({ kind: 'shipped', id: 'north-east-baseline' });
    expect(unknown.problem?.messages[0]).toContain('nowhere');
    const shipped = await requestFromAddress('?scenario=paradigm-shift&seed=2', '', SHIPPED, 'north-east-baseline');
    expect(shipped).toMatchObject({ source: { kind: 'shipped', id: 'paradigm-shift' }, seed: 2, problem: undefined });
  });
});
