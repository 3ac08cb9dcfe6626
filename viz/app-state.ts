/**
 * What the page knows about the current run, apart from what is on screen: which scenario and
 * seed, the month rows received (for the CSV export), the lever timeline (for the markers and the
 * JSON export) and the chart history. No DOM here.
 */
import type { LeverChange, Snapshot } from '../sim/worker/contract';
import type { MarketRecord } from '../sim/records';
import type { Scenario } from '../sim/scenario/schema';
import type { RunRow } from './export';
import { RunHistory } from './history';

export class AppState {
  /** File name without `.json`, or the name of a file the user opened. */
  scenarioId = '';
  scenario: Scenario | undefined;
  seed = 1;
  playing = false;
  /** Every snapshot's records since the last load or reset: market figures for the CSV export. */
  readonly rows: RunRow[] = [];
  timeline: LeverChange[] = [];
  readonly history = new RunHistory();

  startRun(): void {
    this.rows.length = 0;
    this.history.clear();
  }

  addSnapshot(snapshot: Snapshot): void {
    const { record, market, coalesced, scale } = snapshot;
    // Rows stay in month order (`marketAt` searches them); the client already drops stale runs.
    const last = this.rows[this.rows.length - 1];
    if (last && record.month <= last.record.month) return;
    this.rows.push({ record, market, coalesced });
    this.history.add(record, market, scale, coalesced);
  }

  /** The market figures of a month the page showed (rows are in month order). */
  marketAt(month: number): MarketRecord | undefined {
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.rows[mid].record.month;
      if (m === month) return this.rows[mid].market;
      if (m < month) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Months of the lever changes, for the chart markers. */
  markerMonths(): number[] {
    return this.timeline.map((c) => c.month);
  }
}
