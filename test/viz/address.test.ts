/**
 * Issues 13 and 14: the address reproduces the run on show. The query names the scenario or the
 * opened file and the seed; the fragment carries the levers, the month and an opened file's text;
 * a reload says what it can and cannot restore.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { liveAddress, requestFromAddress } from '../../viz/address';
import { compactText, MAX_FRAGMENT, readRunFragment, readViewParams, writeFileParams, writeRunFragment, writeViewParams } from '../../viz/url';

const SHIPPED = ['north-east-baseline', 'paradigm-shift'];
const SMALL_FILE = JSON.stringify({ extends: 'north-east-baseline.json', name: 'Mine', policy: { earlyHelp: { budgetPerYear: 9_000_000 } } }, null, 2);
const LEVERS = [{ month: 13, path: 'policy.earlyHelp.budgetPerYear', value: 69_000_000 }];

function split(href: string): { search: string; hash: string } {
  const url = new URL(href, 'http://127.0.0.1:5173/');
  return { search: url.search, hash: url.hash };
}

describe('the address of an opened file', () => {
  it('carries a small file\u2019s text in the fragment, compacted, and gives it back', () => {
    const { hash, notes } = writeRunFragment({ levers: [], month: 0, file: { name: 'mine.json', text: SMALL_FILE } });
    expect(notes).toEqual([]);
    expect(hash).toMatch(/^c1\.[A-Za-z0-9_-]+\.[0-9a-z]+$/);
    const read = readRunFragment(`#${hash}`);
    expect(read.value.text).toBe(compactText(SMALL_FILE));
    expect(JSON.parse(read.value.text ?? '')).toEqual(JSON.parse(SMALL_FILE));
  });

  it('carries a full copy of the baseline, and leaves out a file too large for an address', () => {
    const baseline = readFileSync(new URL('../../scenarios/north-east-baseline.json', import.meta.url), 'utf8');
    const full = writeRunFragment({ levers: LEVERS, month: 120, file: { name: 'copy.json', text: baseline } });
    expect(full.notes).toEqual([]);
    expect(full.hash.length).toBeLessThanOrEqual(MAX_FRAGMENT);
    expect(JSON.parse(readRunFragment(full.hash).value.text ?? '')).toEqual(JSON.parse(baseline));
    // Random digits do not compress: far past the limit.
    const huge = JSON.stringify({ notes: Array.from({ length: 40_000 }, (_, k) => (k * 7919) % 10007) });
    const alone = writeRunFragment({ levers: [], month: 0, file: { name: 'huge.json', text: huge } });
    expect(alone.hash).toBe('');
    expect(alone.notes[0]).toContain('cannot carry the opened file huge.json');
    // The levers and the month still travel without the file.
    const withLevers = writeRunFragment({ levers: LEVERS, month: 7, file: { name: 'huge.json', text: huge } });
    expect(withLevers.hash.length).toBeLessThanOrEqual(MAX_FRAGMENT);
    expect(readRunFragment(withLevers.hash).value).toEqual({ levers: LEVERS, month: 7 });
  });

  it('names a damaged copy plainly', () => {
    const { hash } = writeRunFragment({ levers: [], month: 0, file: { name: 'mine.json', text: SMALL_FILE } });
    expect(readRunFragment('#not-a-fragment').damaged).toContain('cut short');
    expect(readRunFragment(`#${hash.slice(0, hash.length - 8)}`).damaged).toMatch(/damaged|cut short|changed/);
  });

  it('writes ?file= for a file and ?scenario= for a shipped scenario, never both, keeping other parameters', () => {
    const file = writeFileParams('?debug=1&scenario=paradigm-shift&seed=2', { file: 'mine.json', seed: 4 });
    expect(file).toBe('?debug=1&seed=4&file=mine.json');
    expect(writeViewParams(file, { scenario: 'north-east-baseline', seed: 5 })).toBe('?debug=1&seed=5&scenario=north-east-baseline');
    expect(readViewParams('?file=mine.json&seed=4').params).toEqual({ file: 'mine.json', seed: 4 });
    expect(readViewParams('?file=mine.json&scenario=paradigm-shift').problems[0]).toContain('the file is used');
  });

  it('writes the whole live run: query for what it names, fragment for levers, month and the file', () => {
    const source = { kind: 'file' as const, name: 'mine.json', text: SMALL_FILE };
    const { search, hash } = split(liveAddress('?debug&a=x&b=y&runs=3', { source, seed: 4, levers: LEVERS, month: 30 }).href);
    expect(search).toBe('?debug=&file=mine.json&seed=4');
    expect(readRunFragment(hash).value).toEqual({ text: compactText(SMALL_FILE), levers: LEVERS, month: 30 });
    // A shipped scenario at its start, no levers: nothing after #.
    expect(liveAddress('?debug', { source: { kind: 'shipped', id: 'paradigm-shift' }, seed: 2, levers: [], month: 0 }).href).toBe('?debug=&scenario=paradigm-shift&seed=2');
  });
});

describe('a reload of the address', () => {
  it('reopens a file the address carries with its levers and month, and says so', () => {
    const { search, hash } = split(liveAddress('', { source: { kind: 'file', name: 'mine.json', text: SMALL_FILE }, seed: 4, levers: LEVERS, month: 3 }).href);
    const request = requestFromAddress(search, hash, SHIPPED, 'north-east-baseline');
    expect(request.source).toEqual({ kind: 'file', name: 'mine.json', text: JSON.stringify(JSON.parse(SMALL_FILE)) });
    expect(request.seed).toBe(4);
    expect(request.levers).toEqual(LEVERS);
    expect(request.month).toBe(3);
    expect(request.fallback).toEqual({ kind: 'shipped', id: 'north-east-baseline' });
    expect(request.problem).toBeUndefined();
    expect(request.note).toContain('Reopened mine.json');
    expect(request.note).toContain('seed 4, 1 lever change and month 3');
  });

  it('replays a shipped scenario\u2019s levers and month', () => {
    const { search, hash } = split(liveAddress('', { source: { kind: 'shipped', id: 'paradigm-shift' }, seed: 7, levers: LEVERS, month: 24 }).href);
    const request = requestFromAddress(search, hash, SHIPPED, 'north-east-baseline');
    expect(request).toMatchObject({ source: { kind: 'shipped', id: 'paradigm-shift' }, seed: 7, levers: LEVERS, month: 24, problem: undefined });
    expect(request.note).toBeUndefined();
  });

  it('says it cannot reopen a file whose copy the address does not carry, and shows the baseline', () => {
    const request = requestFromAddress('?file=big.json&seed=4', '', SHIPPED, 'north-east-baseline');
    expect(request.source).toEqual({ kind: 'shipped', id: 'north-east-baseline' });
    expect(request).toMatchObject({ levers: [], month: 0 });
    expect(request.problem?.title).toContain('big.json');
    expect(request.problem?.title).toContain('cannot reopen');
    expect(request.problem?.messages.join(' ')).toContain('Open file');
  });

  it('falls back on a damaged copy and on an unknown scenario, saying which', () => {
    const damaged = requestFromAddress('?file=mine.json', '#c1.zzzz.abc', SHIPPED, 'north-east-baseline');
    expect(damaged.source).toEqual({ kind: 'shipped', id: 'north-east-baseline' });
    expect(damaged.problem?.messages[0]).toContain('damaged');
    const unknown = requestFromAddress('?scenario=nowhere&seed=2', '', SHIPPED, 'north-east-baseline');
    expect(unknown.source).toEqual({ kind: 'shipped', id: 'north-east-baseline' });
    expect(unknown.problem?.messages[0]).toContain('nowhere');
    const shipped = requestFromAddress('?scenario=paradigm-shift&seed=2', '', SHIPPED, 'north-east-baseline');
    expect(shipped).toMatchObject({ source: { kind: 'shipped', id: 'paradigm-shift' }, seed: 2, problem: undefined });
  });

  it('runs what the query names when the fragment is damaged, without its levers, and says why', () => {
    const { search, hash } = split(liveAddress('', { source: { kind: 'shipped', id: 'paradigm-shift' }, seed: 7, levers: LEVERS, month: 24 }).href);
    const request = requestFromAddress(search, hash.slice(0, hash.length - 6), SHIPPED, 'north-east-baseline');
    expect(request).toMatchObject({ source: { kind: 'shipped', id: 'paradigm-shift' }, seed: 7, levers: [], month: 0 });
    expect(request.problem?.messages.join(' ')).toContain('could not be read');
  });
});
