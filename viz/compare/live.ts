/**
 * The live run's side of links: the address that reproduces it (scenario and seed in the query;
 * lever timeline, an opened file and the month in the fragment), the comparison it opens with
 * the live run as B, and what a live address asks for at start-up.
 */
import { DEFAULT_SETTINGS } from '../../sim/comparison/request';
import type { LeverChange } from '../../sim/levers';
import { readLiveFragment, writeComparisonLink, writeLiveLink, type LiveLink } from './link';
import { FORM_DEFAULT_SCALE } from './form';

const BASELINE = 'north-east-baseline';
const POLICY = 'early-help-restored';

/** The address (relative: query and fragment) of the live run as it stands. */
export function liveAddress(search: string, live: LiveLink): string {
  return writeLiveLink('', search, live).href;
}

/** A comparison of the baseline (A) with the live run (B); the baseline as it ships is compared with restored early help. */
export function compareAddress(live: LiveLink): string {
  const plainBaseline = live.origin.kind === 'shipped' && live.origin.id === BASELINE && live.levers.length === 0;
  const b = plainBaseline ? { origin: { kind: 'shipped' as const, id: POLICY }, levers: [] } : { origin: live.origin, levers: live.levers, live: true };
  return writeComparisonLink('', { a: { origin: { kind: 'shipped', id: BASELINE }, levers: [] }, b, settings: { ...DEFAULT_SETTINGS, scale: FORM_DEFAULT_SCALE } }).href;
}

export interface LiveRequest {
  /** set when the address names an opened file (`scenario=file:NAME`) and carries its text */
  file?: { fileName: string; text: string };
  levers: LeverChange[];
  month: number;
  problems: string[];
}

export function readLiveAddress(search: string, hash: string): LiveRequest {
  const read = readLiveFragment(hash);
  const problems = [...read.problems];
  const scenario = new URLSearchParams(search).get('scenario') ?? '';
  const value = read.value ?? { levers: [], month: 0 };
  let file: LiveRequest['file'];
  if (scenario.startsWith('file:')) {
    const fileName = scenario.slice('file:'.length);
    if (value.text !== undefined) file = { fileName, text: value.text };
    else problems.push(`The link names an opened file (${fileName}) but does not carry its content (too large for a link, or the part after # was lost): open the file again.`);
  }
  return { file, levers: value.levers, month: value.month, problems };
}
