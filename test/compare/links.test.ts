import { describe, expect, it } from 'vitest';
import { bundleText, checkAgainst, ENGINE_VERSION, makeBundle, readBundle } from '../../sim/comparison/bundle';
import { decodeFragment, encodeFragment } from '../../sim/comparison/codec';
import { resolveRequest, type ComparisonRequest } from '../../sim/comparison/request';
import { digestResults } from '../../sim/comparison/results';
import { runSide, summarise, type PairedResults } from '../../sim/comparison/summary';
import { directoryLoader, SCENARIO_DIR } from '../../sim/node/files';
import { liveAddress, requestFromAddress } from '../../viz/address';
import { MAX_FRAGMENT, readComparisonLink, writeComparisonLink } from '../../viz/compare/link';
import { readRunFragment } from '../../viz/url';

const BASE = 'http://127.0.0.1:5173/';
const loader = directoryLoader(SCENARIO_DIR);
const opened = JSON.stringify({ extends: 'north-east-baseline.json', name: 'My plan', description: 'Early help up a bit', policy: { earlyHelp: { budgetPerYear: 50_000_000 } } });
const request: ComparisonRequest = {
  a: { origin: { kind: 'shipped', id: 'north-east-baseline' }, levers: [{ month: 13, path: 'policy.earlyHelp.budgetPerYear', value: 69_000_000 }], live: true },
  b: { origin: { kind: 'file', fileName: 'my-plan.json', text: opened }, levers: [] },
  settings: { runs: 3, months: 12, seed: 7, scale: 0.02, horizons: [6, 12] },
};

function split(href: string): { search: string; hash: string } {
  const url = new URL(href);
  return { search: url.search, hash: url.hash };
}

function run(req: ComparisonRequest): PairedResults {
  const resolved = resolveRequest(req, loader);
  if (!resolved.ok) throw new Error(resolved.issues.map((i) => i.message).join('\n'));
  const seeds = Array.from({ length: req.settings.runs }, (_, k) => req.settings.seed + k);
  const one = (side: 'a' | 'b', seed: number) => {
    const r = runSide(resolved.value[side], seed, req.settings.months);
    if (!r.ok) throw new Error('run failed');
    return r.value;
  };
  return { seeds, a: seeds.map((s) => one('a', s)), b: seeds.map((s) => one('b', s)) };
}

describe('share links', () => {
  it('round-trip a comparison: readable query keys, levers, the live flag and an opened file in the fragment', () => {
    const link = writeComparisonLink(BASE, request, { outcome: 'spendSinceStart' });
    expect(link.notes).toEqual([]);
    expect(link.href).toContain('?a=north-east-baseline&b=file%3Amy-plan.json&runs=3&months=12&seed=7&scale=0.02&at=6%2C12#c1.');
    const { search, hash } = split(link.href);
    const read = readComparisonLink(search, hash);
    expect(read.problems).toEqual([]);
    expect(read.value?.request).toEqual(request);
    expect(read.value?.view).toEqual({ outcome: 'spendSinceStart' });
  });

  it('keeps the query authoritative: a hand-edited seed count wins over nothing in the fragment', () => {
    const { search, hash } = split(writeComparisonLink(BASE, request).href);
    const read = readComparisonLink(search.replace('runs=3', 'runs=9'), hash);
    expect(read.value?.request.settings.runs).toBe(9);
  });

  it('refuses a tampered or truncated fragment with a message, and runs what the query still names', () => {
    const { search, hash } = split(writeComparisonLink(BASE, { ...request, b: { origin: { kind: 'shipped', id: 'early-help-restored' }, levers: [] } }).href);
    const body = hash.split('.')[1];
    const flipped = `${hash.split('.')[0]}.${body.slice(0, 10)}${body[10] === 'A' ? 'B' : 'A'}${body.slice(11)}.${hash.split('.')[2]}`;
    for (const bad of [flipped, hash.slice(0, hash.length - 5), hash.slice(0, 20), '#c9.abc.def', '#c1.!!!.x']) {
      const read = readComparisonLink(search, bad);
      expect(read.problems.length, bad).toBeGreaterThan(0);
      expect(read.problems[0]).toMatch(/could not be read: the link/);
      expect(read.value?.request.a.levers).toEqual([]);
    }
  });

  it('says so when a link names an opened file it does not carry', () => {
    const read = readComparisonLink('?a=north-east-baseline&b=file:my-plan.json', '');
    expect(read.value).toBeUndefined();
    expect(read.problems.join(' ')).toContain('does not carry its content');
  });

  it('leaves out an opened file too large for a link, and says why', () => {
    const big = JSON.stringify({ ...JSON.parse(opened), description: Array.from({ length: 4000 }, (_, k) => `note ${k * 7919}`).join(' ') });
    const link = writeComparisonLink(BASE, { ...request, b: { origin: { kind: 'file', fileName: 'big.json', text: big }, levers: [] } });
    expect(link.notes[0]).toContain('cannot carry the opened file big.json');
    expect(split(link.href).hash.length).toBeLessThanOrEqual(MAX_FRAGMENT + 1);
  });

  it('reports settings out of range in words and falls back to the defaults', () => {
    const read = readComparisonLink('?a=north-east-baseline&b=early-help-restored&runs=1&months=abc&scale=3', '');
    expect(read.problems).toHaveLength(3);
    expect(read.value?.request.settings).toMatchObject({ runs: 20, months: 120, scale: null });
  });

  it('round-trips a live run: file (or scenario) and seed in the query, levers, opened text and month in the fragment', () => {
    const live = { source: { kind: 'file' as const, name: 'my-plan.json', text: opened }, seed: 4, levers: request.a.levers, month: 30 };
    const link = liveAddress('?debug', live);
    expect(link.notes).toEqual([]);
    const { search, hash } = split(`${BASE}${link.href}`);
    expect(new URLSearchParams(search).get('file')).toBe('my-plan.json');
    expect(new URLSearchParams(search).get('scenario')).toBeNull();
    expect(new URLSearchParams(search).get('seed')).toBe('4');
    expect(readRunFragment(hash).value).toEqual({ text: opened, levers: live.levers, month: 30 });
    expect(requestFromAddress('?scenario=north-east-baseline', '#c1.xyz.abc', ['north-east-baseline'], 'north-east-baseline').problem?.messages[0]).toContain('could not be read');
  });

  it('encodes any JSON value and decodes it unchanged', () => {
    const value = { text: 'é ✓ "quotes"', n: [1.5, -2, 1e-9], nested: { ok: true } };
    expect(decodeFragment(encodeFragment(value))).toEqual({ ok: true, value });
  });
});

describe('result bundles', () => {
  const results = run(request);
  const summary = summarise(results, request.settings.months, [6, 12]);

  async function bundled(): Promise<string> {
    const resolved = resolveRequest(request, loader);
    if (!resolved.ok) throw new Error('unresolved');
    const settings = { ...request.settings, horizons: [6, 12] };
    return bundleText(await makeBundle(resolved.value, settings, results.seeds, await digestResults(results), summary.outcomes, '2026-01-01T00:00:00.000Z'));
  }

  it('re-run from the bundle alone and confirm its digest', async () => {
    const read = await readBundle(await bundled());
    if (!read.ok) throw new Error(read.message);
    expect(read.bundle.engineVersion).toBe(ENGINE_VERSION);
    const again = run(read.request);
    const check = checkAgainst(read.bundle, { digest: await digestResults(again), summary: summarise(again, 12, [6, 12]).outcomes, names: { a: read.bundle.a.name, b: read.bundle.b.name } });
    expect(check.confirmed).toBe(true);
    expect(check.message).toMatch(/^Confirmed/);
  });

  it('say what differs when the results do, naming another engine version', async () => {
    const read = await readBundle(await bundled());
    if (!read.ok) throw new Error(read.message);
    const other = { ...read.bundle, engineVersion: '0.0.9' };
    const changed = run({ ...read.request, settings: { ...read.request.settings, seed: 100 } });
    const check = checkAgainst(other, { digest: await digestResults(changed), summary: summarise(changed, 12, [6, 12]).outcomes, names: { a: other.a.name, b: other.b.name } });
    expect(check.confirmed).toBe(false);
    expect(check.message).toContain('engine version 0.0.9');
    expect(check.differences.length).toBeGreaterThan(0);
  });

  it('refuse a tampered, truncated or foreign file with a message', async () => {
    const text = await bundled();
    const tampered = text.replace('"runs": 3', '"runs": 4');
    expect(tampered).not.toBe(text);
    const cases: [string, RegExp][] = [
      [tampered, /changed after it was made/],
      [text.slice(0, text.length / 2), /not valid JSON/],
      ['{"format": "something-else"}', /not a Care Futures result bundle/],
      [text.replace('"schemaVersion": 1', '"schemaVersion": 99'), /format version 99/],
    ];
    for (const [bad, message] of cases) {
      const read = await readBundle(bad);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.message).toMatch(message);
    }
  });
});
