/**
 * Flow counts for one month, as a dense from x to matrix over the states plus the population's
 * sources and sinks; turned into the `from>to` record (non-zero entries, fixed order) on demand.
 */
import type { FlowKey } from '../records';
import { SINKS, SOURCES, STATES } from '../states';

const NAMES: readonly string[] = [...STATES, ...SOURCES, ...SINKS];
const N = NAMES.length;

export const SOURCE_BIRTH = STATES.length;
export const SOURCE_MOVED_IN = STATES.length + 1;
export const SINK_AGED_OUT = STATES.length + SOURCES.length;
export const SINK_LEFT_CARE = SINK_AGED_OUT + 1;

export class FlowCounter {
  private readonly counts = new Int32Array(N * N);

  add(from: number, to: number): void {
    this.counts[from * N + to]++;
  }

  clear(): void {
    this.counts.fill(0);
  }

  toRecord(): Record<FlowKey, number> {
    const out: Record<FlowKey, number> = {};
    for (let k = 0; k < this.counts.length; k++) {
      const n = this.counts[k];
      if (n !== 0) out[`${NAMES[Math.floor(k / N)]}>${NAMES[k % N]}`] = n;
    }
    return out;
  }
}
