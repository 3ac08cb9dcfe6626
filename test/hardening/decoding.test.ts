import { Deflate } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeFragment, encodeFragment, inflateBounded, MAX_FRAGMENT_CHARS, MAX_INFLATED_BYTES, toBase64Url, crc32 } from '../../sim/comparison/codec';
import { checkLeverShape, checkLeverTimeline, MAX_LEVER_CHANGES } from '../../sim/levers';
import { readRunFragment } from '../../viz/url';
import { shipped } from '../compare/helpers';

/** Deflated zeros: `megabytes` MB of output from a few kilobytes of input (a decompression bomb). */
function bomb(megabytes: number): Uint8Array {
  const out: Uint8Array[] = [];
  const deflater = new Deflate({ level: 9 }, (chunk) => out.push(chunk));
  const zeros = new Uint8Array(1_000_000).fill(0x20); // spaces: still valid JSON padding
  for (let k = 0; k < megabytes; k++) deflater.push(zeros, k === megabytes - 1);
  const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of out) (bytes.set(c, at), (at += c.length));
  return bytes;
}

describe('bounded decoding of links', () => {
  it('stops inflating as soon as the output passes the limit, having read only the start of the input', () => {
    const compressed = bomb(40);
    const result = inflateBounded(compressed, MAX_INFLATED_BYTES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('too-large');
    // 40 MB unpacks from all of the input; stopping at 2 MB reads about 5% of it (plus one slice).
    expect(result.consumed).toBeLessThan(compressed.length / 5);
  });

  it('refuses a link that unpacks past the limit, with a message', () => {
    const compressed = bomb(10);
    const fragment = `c1.${toBase64Url(compressed)}.${crc32(new Uint8Array(0)).toString(36)}`;
    expect(fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    const decoded = decodeFragment(fragment);
    expect(decoded).toEqual({ ok: false, message: `the link unpacks to more than ${MAX_INFLATED_BYTES / 1e6} MB, more than any Care Futures link holds, so it is not read` });
  });

  it('refuses a link longer than the limit before unpacking it', () => {
    const long = `c1.${'A'.repeat(545_000)}.0`;
    const decoded = decodeFragment(long);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.message).toContain(`at most ${MAX_FRAGMENT_CHARS / 1000} kB`);
  });

  it('still reads every link the app makes', () => {
    const value = { text: 'x'.repeat(100_000), levers: [{ month: 1, path: 'policy.profitCap.enabled', value: true }] };
    expect(decodeFragment(encodeFragment(value))).toEqual({ ok: true, value });
  });
});

describe('lever timelines have a stated maximum length', () => {
  const many = (n: number) => Array.from({ length: n }, (_, k) => ({ month: 1 + (k % 12), path: 'policy.profitCap.enabled', value: k % 2 === 0 }));

  it(`refuses more than ${MAX_LEVER_CHANGES.toLocaleString('en-GB')} changes in a lever file, a link or the worker's shape check, saying how many`, () => {
    const scenario = shipped('north-east-baseline');
    const tooMany = many(MAX_LEVER_CHANGES + 1);
    const checked = checkLeverTimeline(scenario, tooMany);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues[0].message).toContain(`at most ${MAX_LEVER_CHANGES.toLocaleString('en-GB')} lever changes`);
    expect(checkLeverShape(tooMany).ok).toBe(false);
    expect(checkLeverShape(many(MAX_LEVER_CHANGES)).ok).toBe(true);
    const link = readRunFragment(encodeFragment({ levers: many(MAX_LEVER_CHANGES + 1) }));
    expect(link.value.levers).toEqual([]);
    expect(link.problems.join(' ')).toContain('at most 10,000 lever changes');
  });
});

describe('a comparison link asking for a lot of work waits for the user', () => {
  it('asks to confirm 2,000 runs of 2,400 months, with the figures, and starts the default comparison at once', async () => {
    const { workToConfirm, CONFIRM_RUN_MONTHS, DEFAULT_SETTINGS } = await import('../../sim/comparison/request');
    expect(workToConfirm({ runs: 2000, months: 2400 })).toBe(
      'This link asks for 2,000 runs of A and of B over 2,400 months: 9,600,000 simulated months, 2,000 times the default comparison. It has not started; check the settings and press Run to start it.',
    );
    expect(workToConfirm(DEFAULT_SETTINGS)).toBeUndefined();
    expect(workToConfirm({ runs: 100, months: 240 })).toBeUndefined(); // exactly the stated amount
    expect(100 * 240 * 2).toBe(CONFIRM_RUN_MONTHS);
    expect(workToConfirm({ runs: 101, months: 240 })).toContain('48,480 simulated months');
  });
});
