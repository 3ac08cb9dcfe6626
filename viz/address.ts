/**
 * The address bar and the run on show: `follow` keeps the address naming the run the page shows
 * (viz/url.ts has the format), and `requestFromAddress` says what a freshly opened address asks
 * for, and what of it cannot be restored.
 */
import { fileNameOf, type ScenarioSource } from './sim-link';
import { packText, readViewParams, unpackText, writeFileParams, writeViewParams } from './url';

export interface AddressRequest {
  source: ScenarioSource;
  seed: number;
  /** the shipped scenario to show if `source` cannot be loaded */
  fallback: ScenarioSource;
  /** for the error panel: what in the address could not be used */
  problem?: { title: string; messages: string[] };
  /** for the notice: what a reopened file's address restored and what not */
  note?: string;
}

/**
 * Make the address name `source` and `seed`. Packing a file's text takes a moment: only the newest
 * call writes, so fast switches never leave an older scenario in the address.
 */
export function addressKeeper(): (source: ScenarioSource, seed: number) => Promise<void> {
  let newest = 0;
  return async (source, seed) => {
    const ticket = ++newest;
    let query: string;
    let hash = '';
    if (source.kind === 'shipped') {
      query = writeViewParams(location.search, { scenario: source.id, seed });
    } else {
      query = writeFileParams(location.search, { file: source.name, seed });
      const packed = await packText(source.text).catch(() => undefined);
      if (packed) hash = `#file=${packed}`;
    }
    if (ticket === newest) history.replaceState(null, '', `${query}${hash}`);
  };
}

export async function requestFromAddress(search: string, hash: string, shipped: readonly string[], preferred: string): Promise<AddressRequest> {
  const { params, problems } = readViewParams(search, hash);
  const seed = params.seed ?? 1;
  const usual = shipped.includes(preferred) ? preferred : shipped[0];
  let fallback: ScenarioSource = { kind: 'shipped', id: usual };
  if (params.scenario !== undefined) {
    if (shipped.includes(params.scenario)) fallback = { kind: 'shipped', id: params.scenario };
    else problems.push(`scenario in the address: no shipped scenario called "${params.scenario}" (shipped: ${shipped.join(', ')})`);
  }
  const usualName = fileNameOf(fallback);
  const understood = problems.length > 0 ? { title: 'Part of the address was not understood.', messages: problems } : undefined;
  /** The usual scenario instead of the file, with why. */
  const instead = (title: string, why: string): AddressRequest => ({
    source: fallback,
    seed,
    fallback,
    problem: { title, messages: [why, `Showing ${usualName} with seed ${seed} meanwhile: open the file again with "Open file…" to go on with it.`, ...problems] },
  });
  const file = params.file;
  if (!file) return { source: fallback, seed, fallback, problem: understood };
  if (file.packed === undefined) {
    return instead(
      `The address names ${file.name}, a file opened from a computer, which this page cannot reopen by itself.`,
      'The file was too large for the address to carry a copy of it.',
    );
  }
  try {
    const text = await unpackText(file.packed);
    return {
      source: { kind: 'file', name: file.name, text },
      seed,
      fallback,
      problem: understood,
      note:
        `Reopened ${file.name} from the copy the address carries, with seed ${seed}. ` +
        'The address keeps the scenario and the seed only: lever changes and the month are not restored, and the run starts at month 0.',
    };
  } catch (err) {
    return instead(`The address names ${file.name}, a file opened from a computer, but its copy could not be read.`, err instanceof Error ? err.message : String(err));
  }
}
