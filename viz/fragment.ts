/**
 * The part of an address after `#`, for every link the app makes (a live run's, viz/url.ts; a
 * comparison's, viz/compare/link.ts): one JSON object, deflated, base64url-encoded and checked
 * (sim/comparison/codec.ts), at most `MAX_FRAGMENT` characters. The fragment never reaches a
 * server. Pure: no DOM, tested in Node.
 */
import { decodeFragment, encodeFragment } from '../sim/comparison/codec';

/**
 * Longest fragment a link carries: well inside every browser's address limit, and room for a full
 * copy of the North East baseline (about 9,400 characters encoded); a file that `extends` a
 * shipped one takes a few hundred.
 */
export const MAX_FRAGMENT = 16_000;

/** The object without its undefined entries. */
export const compact = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * The fragment for a payload, dropping opened files' text (one note per file, ending with
 * `instead`) when it would be longer than `MAX_FRAGMENT`.
 */
export function fragmentFor(build: (withText: boolean) => Record<string, unknown>, fileNames: string[], instead: string): { hash: string; notes: string[] } {
  const full = encodeFragment(build(true));
  if (full.length <= MAX_FRAGMENT || fileNames.length === 0) return { hash: full, notes: [] };
  const notes = fileNames.map((name) => `The link cannot carry the opened file ${name} (${Math.ceil(full.length / 1000)} kB encoded; a link holds at most ${MAX_FRAGMENT / 1000} kB): ${instead}`);
  return { hash: encodeFragment(build(false)), notes };
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Why a fragment could not be decoded (the codec's words), or its payload. */
export function decodePayload(hash: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const text = hash.replace(/^#/, '');
  if (text === '') return { ok: true, value: {} };
  const decoded = decodeFragment(text);
  if (!decoded.ok) return decoded;
  if (!isObject(decoded.value)) return { ok: false, message: 'it does not hold what a Care Futures link holds' };
  return { ok: true, value: decoded.value };
}

/** The fragment's payload, or an empty one with problems saying why it cannot be used. */
export function readFragment(hash: string, problems: string[]): Record<string, unknown> {
  const payload = decodePayload(hash);
  if (payload.ok) return payload.value;
  problems.push(`The part of the link after # could not be read: ${payload.message}. Levers and opened files it carried are not applied.`);
  return {};
}
