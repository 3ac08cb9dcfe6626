import { createHash } from 'node:crypto';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareMain } from '../../sim/cli/compare';
import { bundleSizeProblem, MAX_BUNDLE_BYTES, readBundleBytes } from '../../sim/comparison/bundle';
import { SCENARIO_DIR } from '../../sim/node/files';
import { scratch } from './helpers';

async function compare(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await compareMain(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 1e9 });
  return { code, stdout, stderr };
}

const dir = scratch('bundle');
const original = join(dir, 'original.json');
type Doc = Record<string, unknown> & { a: { name: string }; b: { name: string }; summary: { id: string; month: number; difference: { mean: number } }[] };

/** What a forger does: edit the bundle, then recompute its checksum the way anyone can (SHA-256 of the rest as JSON). */
function forge(edit: (doc: Doc) => void): string {
  const doc = JSON.parse(readFileSync(original, 'utf8')) as Doc;
  edit(doc);
  delete doc.checksum;
  const checksum = `sha256:${createHash('sha256').update(JSON.stringify(doc)).digest('hex')}`;
  const path = join(dir, `forged-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, `${JSON.stringify({ ...doc, checksum }, null, 1)}\n`);
  return path;
}

beforeAll(async () => {
  const r = await compare([join(SCENARIO_DIR, 'north-east-baseline.json'), join(SCENARIO_DIR, 'early-help-restored.json'), '--runs', '2', '--months', '3', '--scale', '0.002', '--quiet', '--format', 'json', '--bundle', original]);
  expect(r.code).toBe(0);
});

describe('a result bundle proves its whole content', () => {
  it('confirms a bundle as made, and a copy whose checksum was recomputed without any edit', async () => {
    for (const path of [original, forge(() => undefined)]) {
      const r = await compare(['--check-bundle', path]);
      expect(r.stdout).toMatch(/^Confirmed/);
      expect(r.code).toBe(0);
    }
  });

  it('does not confirm a forged summary (every B − A set to −999), naming the figure that differs', async () => {
    const stated = JSON.parse(readFileSync(original, 'utf8')) as Doc;
    const first = stated.summary[0];
    const r = await compare(['--check-bundle', forge((doc) => doc.summary.forEach((row) => (row.difference.mean = -999)))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Not confirmed/);
    expect(r.stdout).toContain(`summary ${first.id} at month ${first.month}: difference.mean: re-run ${JSON.stringify(first.difference.mean)}, bundle -999`);
  });

  it('does not confirm swapped names of A and B, naming both', async () => {
    const r = await compare(['--check-bundle', forge((doc) => ([doc.a.name, doc.b.name] = [doc.b.name, doc.a.name]))]);
    const stated = JSON.parse(readFileSync(original, 'utf8')) as Doc;
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Not confirmed/);
    expect(r.stdout).toContain(`name of A: its scenario is ${JSON.stringify(stated.a.name)}, the bundle says ${JSON.stringify(stated.b.name)}`);
    expect(r.stdout).toContain(`name of B: its scenario is ${JSON.stringify(stated.b.name)}, the bundle says ${JSON.stringify(stated.a.name)}`);
  });

  it('does not confirm a summary row removed or added', async () => {
    const r = await compare(['--check-bundle', forge((doc) => doc.summary.push({ ...doc.summary[0], month: 999 }))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/at month 999: in the bundle, not in the re-run/);
  });

  it('prints no escape sequence from a bundle\u2019s engine version', async () => {
    const r = await compare(['--check-bundle', forge((doc) => ((doc.engineVersion = '\u001b[2J\u001b]0;owned\u0007 9.9'), (doc.schemaVersion = 99)))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('format version 99');
    expect(r.stderr + r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('one size limit and one reader for the app and the CLI', () => {
  it('refuses a bundle over the limit before reading it, with the same message in both', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 63_000_000); // sparse: the size the issue found accepted by the app
    const r = await compare(['--check-bundle', big]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`larger than ${MAX_BUNDLE_BYTES / 1e6} MB`);
    expect(bundleSizeProblem(63_000_000)).toContain(`at most ${MAX_BUNDLE_BYTES / 1e6} MB`);
    expect(bundleSizeProblem(MAX_BUNDLE_BYTES)).toBeUndefined();
    const read = await readBundleBytes(new Uint8Array(MAX_BUNDLE_BYTES + 1));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toBe(bundleSizeProblem(MAX_BUNDLE_BYTES + 1));
  });

  it('reads the same bundle bytes to the same request as the CLI', async () => {
    const read = await readBundleBytes(new Uint8Array(readFileSync(original)));
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.request.settings).toMatchObject({ runs: 2, months: 3, seed: 1, scale: 0.002 });
  });
});
