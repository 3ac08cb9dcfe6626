/**
 * The live run's side of comparisons: the comparison that "Compare scenarios" opens, with the live
 * run as B (its address itself is viz/url.ts, written by viz/address.ts).
 */
import { DEFAULT_SETTINGS } from '../../sim/comparison/request';
import type { LiveRun } from '../address';
import { writeComparisonLink } from './link';
import { FORM_DEFAULT_SCALE } from './form';

const BASELINE = 'north-east-baseline';
const POLICY = 'early-help-restored';

/** A comparison of the baseline (A) with the live run (B); the baseline as it ships is compared with restored early help. */
export function compareAddress(live: LiveRun): string {
  const { source } = live;
  const levers = [...live.levers];
  const plainBaseline = source.kind === 'shipped' && source.id === BASELINE && levers.length === 0;
  const origin = source.kind === 'shipped' ? { kind: 'shipped' as const, id: source.id } : { kind: 'file' as const, fileName: source.name, text: source.text };
  const b = plainBaseline ? { origin: { kind: 'shipped' as const, id: POLICY }, levers: [] } : { origin, levers, live: true };
  return writeComparisonLink('', { a: { origin: { kind: 'shipped', id: BASELINE }, levers: [] }, b, settings: { ...DEFAULT_SETTINGS, scale: FORM_DEFAULT_SCALE } }).href;
}
