/**
 * Text that travels in an address fragment: JSON, deflated (fflate: synchronous, the same bytes in
 * Node and every browser), base64url, with a CRC-32 of the JSON so a truncated or edited link is
 * refused with a message instead of running something else. Also SHA-256 digests (Web Crypto,
 * present in Node 20 and browsers) for results and bundles.
 *
 * Decoding is bounded, because a link is input from anyone: the fragment's length is checked
 * first, and it is inflated in small slices with a hard limit on the output, stopped as soon as
 * the limit is passed (deflate expands at most about 1,000 times, so a 545 kB link could otherwise
 * unpack to hundreds of megabytes and block the page).
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';

/** The version tag at the start of every encoded fragment; another tag is refused by name. */
export const FRAGMENT_VERSION = 'c1';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let k = 0; k < bytes.length; k++) c = CRC_TABLE[(c ^ bytes[k]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((ch, k) => [ch, k]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let k = 0; k < bytes.length; k += 3) {
    const n = (bytes[k] << 16) | ((bytes[k + 1] ?? 0) << 8) | (bytes[k + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - k) * 8) / 6));
    for (let j = 0; j < chars; j++) out += B64[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** The bytes, or undefined if `text` is not base64url (a mangled link). */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let at = 0;
  for (const ch of text) {
    const v = B64_INDEX.get(ch);
    if (v === undefined) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function encodeFragment(value: unknown): string {
  const json = strToU8(JSON.stringify(value));
  return `${FRAGMENT_VERSION}.${toBase64Url(deflateSync(json, { level: 9 }))}.${crc32(json).toString(36)}`;
}

/**
 * Longest fragment decoded: links the app makes hold at most 16,000 characters (viz/fragment.ts)
 * unless they carry many lever changes; 200,000 leaves room for the longest lever timeline.
 */
export const MAX_FRAGMENT_CHARS = 200_000;
/** Most bytes a fragment may unpack to: a scenario file (1 MB at most) and its lever timeline (1 MB). */
export const MAX_INFLATED_BYTES = 2_000_000;
/** Compressed bytes given to the inflater at a time: each slice unpacks to at most about 1 MB. */
const SLICE = 1024;

export type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'damaged'; consumed: number };

/** Inflate `bytes`, stopping as soon as the output passes `maxBytes`; `consumed` says how far it read. */
export function inflateBounded(bytes: Uint8Array, maxBytes: number): Inflated {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) over = true;
    else chunks.push(chunk);
  });
  let at = 0;
  try {
    while (at < bytes.length && !over) {
      const end = Math.min(at + SLICE, bytes.length);
      inflater.push(bytes.subarray(at, end), end === bytes.length);
      at = end;
    }
    if (bytes.length === 0) inflater.push(bytes, true);
  } catch {
    return { ok: false, reason: 'damaged', consumed: at };
  }
  if (over) return { ok: false, reason: 'too-large', consumed: at };
  const out = new Uint8Array(total);
  let k = 0;
  for (const c of chunks) {
    out.set(c, k);
    k += c.length;
  }
  return { ok: true, bytes: out };
}

export type Decoded = { ok: true; value: unknown } | { ok: false; message: string };

/** The value an `encodeFragment` made, or why this text is not one. */
export function decodeFragment(text: string): Decoded {
  const parts = text.split('.');
  if (parts.length !== 3) return { ok: false, message: 'the link is incomplete (it was probably cut short when it was copied)' };
  const [version, body, check] = parts;
  if (version !== FRAGMENT_VERSION) return { ok: false, message: `the link was made by another version of Care Futures (format "${version.slice(0, 20)}"; this one reads "${FRAGMENT_VERSION}")` };
  if (text.length > MAX_FRAGMENT_CHARS) return { ok: false, message: `the link is ${Math.round(text.length / 1000)} kB long; a Care Futures link is at most ${MAX_FRAGMENT_CHARS / 1000} kB, so it is not read` };
  const bytes = fromBase64Url(body);
  if (!bytes) return { ok: false, message: 'the link contains characters a Care Futures link never has (it was changed after it was made)' };
  const inflated = inflateBounded(bytes, MAX_INFLATED_BYTES);
  if (!inflated.ok) {
    return inflated.reason === 'too-large'
      ? { ok: false, message: `the link unpacks to more than ${MAX_INFLATED_BYTES / 1e6} MB, more than any Care Futures link holds, so it is not read` }
      : { ok: false, message: 'the link is damaged or cut short (its compressed part does not unpack)' };
  }
  const json = inflated.bytes;
  if (crc32(json).toString(36) !== check) return { ok: false, message: 'the link was changed or cut short after it was made (its check code does not match)' };
  try {
    return { ok: true, value: JSON.parse(strFromU8(json)) };
  } catch {
    return { ok: false, message: 'the link does not hold valid data' };
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // A copy on a plain ArrayBuffer: Web Crypto refuses views that might be shared memory.
  const plain = new Uint8Array(new ArrayBuffer(bytes.length));
  plain.set(bytes);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', plain);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const utf8 = (text: string): Uint8Array => strToU8(text);
