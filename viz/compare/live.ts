/**
 * From the live run to the comparison view: the comparison address with the live run (its
 * scenario or opened file, and its lever timeline) as B against the shipped baseline as A.
 */
import { DEFAULT_SETTINGS, type Origin } from '../../sim/comparison/request';
import type { LeverChange } from '../../sim/levers';
import { writeComparisonLink } from './link';
import { FORM_DEFAULT_SCALE } from './form';

const BASELINE = 'north-east-baseline';
const POLICY = 'early-help-restored';

export interface LiveRun {
  origin: Extract<Origin, { kind: 'shipped' | 'file' }>;
  levers: LeverChange[];
}

/** A comparison of the baseline (A) with the live run (B); the baseline as it ships is compared with restored early help. */
export function compareAddress(live: LiveRun): string {
  const plainBaseline = live.origin.kind === 'shipped' && live.origin.id === BASELINE && live.levers.length === 0;
  const b = plainBaseline ? { origin: { kind: 'shipped' as const, id: POLICY }, levers: [] } : { origin: live.origin, levers: live.levers, live: true };
  return writeComparisonLink('', { a: { origin: { kind: 'shipped', id: BASELINE }, levers: [] }, b, settings: { ...DEFAULT_SETTINGS, scale: FORM_DEFAULT_SCALE } }).href;
}
