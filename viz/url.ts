/**
 * The shareable part of the view, in the address:
 * - a shipped scenario: `?scenario=<file name without .json>&seed=<n>`;
 * - a file the user opened: `?file=<file name>&seed=<n>#file=<its text>`, the text compacted
 *   (JSON re-serialised without spaces), deflated and base64url-encoded, when that fits in
 *   `MAX_PACKED_CHARS` (any file that `extends` a shipped one does; a full copy of the North
 *   East baseline takes about 7,300). A larger file leaves the fragment out: a reload then names
 *   the file but cannot reopen it, and says so. The fragment never reaches a server.
 * Lever changes and the month are not in the address (Export levers saves a timeline).
 */
export interface ViewParams {
  scenario?: string;
  seed?: number;
  /** a file the user opened: its name, and its packed text when the address carries it */
  file?: { name: string; packed?: string };
}

export interface ReadParams {
  params: ViewParams;
  /** What could not be used, worded for the error panel. */
  problems: string[];
}

/** Longest packed file text the address carries: well inside every browser's address limit. */
export const MAX_PACKED_CHARS = 16_000;

export function readViewParams(search: string, hash = ''): ReadParams {
  const q = new URLSearchParams(search);
  const params: ViewParams = {};
  const problems: string[] = [];
  const scenario = q.get('scenario')?.trim();
  if (scenario) params.scenario = scenario.replace(/\.json$/i, '');
  const file = q.get('file')?.trim();
  if (file) {
    const packed = new URLSearchParams(hash.replace(/^#/, '')).get('file') ?? undefined;
    params.file = packed ? { name: file, packed } : { name: file };
    if (params.scenario) problems.push(`the address names both a scenario ("${params.scenario}") and a file ("${file}"): the file is used`);
  }
  const seedText = q.get('seed')?.trim();
  if (seedText !== undefined && seedText !== '') {
    if (/^\d{1,9}$/.test(seedText)) params.seed = Number(seedText);
    else problems.push(`seed in the address: expected a whole number >= 0, found ${JSON.stringify(seedText)}`);
  }
  return { params, problems };
}

/** Set `set`, drop `drop`, keep every other query parameter (e.g. test switches) as it was. */
function withParams(search: string, set: Record<string, string>, drop: string): string {
  const q = new URLSearchParams(search);
  q.delete(drop);
  for (const [key, value] of Object.entries(set)) q.set(key, value);
  return `?${q.toString()}`;
}

/** The query for a shipped scenario. */
export function writeViewParams(search: string, params: { scenario: string; seed: number }): string {
  return withParams(search, { scenario: params.scenario, seed: String(params.seed) }, 'file');
}

/** The query for an opened file (its text goes in the fragment, see `packText`). */
export function writeFileParams(search: string, params: { file: string; seed: number }): string {
  return withParams(search, { file: params.file, seed: String(params.seed) }, 'scenario');
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** A file's text for the fragment, or undefined when it is too long to carry. */
export async function packText(text: string): Promise<string | undefined> {
  let compact = text;
  try {
    compact = JSON.stringify(JSON.parse(text));
  } catch {
    // Not JSON (it would not have loaded, but stay safe): carry it as it is.
  }
  const packed = toBase64Url(await through(new TextEncoder().encode(compact), new CompressionStream('deflate-raw')));
  return packed.length <= MAX_PACKED_CHARS ? packed : undefined;
}

/** The text a fragment carries; throws (with a plain message) when it is damaged. */
export async function unpackText(packed: string): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await through(fromBase64Url(packed), new DecompressionStream('deflate-raw')));
  } catch {
    throw new Error('the copy of the file in the address is damaged (was the link cut short?)');
  }
}
