/**
 * What the page knows about the current run, apart from what is on screen: which scenario and
 * seed, the snapshots received, the lever timeline (for the markers and the JSON export) and the
 * chart history. No DOM here. (The CSV export does not use what was received: snapshots may cover
 * several months; it asks the worker for every month, see `runRecords`.)
 */
import type { LeverChange, Snapshot } from '../sim/worker/contract';
import type { Scenario } from '../sim/scenario/schema';
import type { RunRow } from './export';
import type { ChartMarker } from './charts';
import { leverLabel } from './compare/describe';
import { leverSteps } from '../sim/comparison/parameters';
import { CareMixHistory } from './care-mix';
import { RunHistory } from './history';
import { recordFor, REGION } from './council-view';

export class AppState {
  /** File name without `.json`, or the name of a file the user opened. */
  scenarioId = '';
  scenario: Scenario | undefined;
  /** The scenario as loaded, before any lever of the run: what a marker's "from" value is read from. */
  base: Scenario | undefined;
  seed = 1;
  playing = false;
  /** Every snapshot since the last load or reset, in month order (one row may cover several months). */
  readonly rows: RunRow[] = [];
  timeline: LeverChange[] = [];
  readonly history = new RunHistory();
  /** Children in care by age and legal status, and the last year's entries and exits (the care panels). */
  readonly careMix = new CareMixHistory();
  /** The area the charts and figures show: `REGION` or a council's ONS code (viz/council-view.ts). */
  council = REGION;
  /** The run's sample scale, as its snapshots give it. */
  private scale = 1;

  startRun(): void {
    this.rows.length = 0;
    this.history.clear();
    this.careMix.clear();
  }

  addSnapshot(snapshot: Snapshot): void {
    const { record, market, coalesced, scale } = snapshot;
    // Rows stay in month order; the client already drops stale runs.
    const last = this.rows[this.rows.length - 1];
    if (last && record.month <= last.record.month) return;
    this.rows.push({ record, market, coalesced });
    this.scale = scale;
    this.addToHistory(record, market, scale, coalesced);
  }

  /**
   * Show another area: the charts' history is rebuilt from the snapshots received, so a council
   * chosen mid-run shows its whole run, not only the months since it was chosen.
   */
  showCouncil(choice: string, name: string | undefined): void {
    this.council = choice;
    this.careMix.area = name ?? 'whole region';
    this.history.clear();
    this.careMix.clear();
    const scale = this.scale;
    for (const { record, market, coalesced } of this.rows) this.addToHistory(record, market, scale, coalesced);
  }

  private addToHistory(record: Snapshot['record'], market: Snapshot['market'], scale: number, coalesced: number): void {
    const shown = recordFor(record, this.council);
    this.history.add(shown, market, scale, coalesced);
    this.careMix.add(shown, scale, coalesced);
  }

  /** The lever changes as chart markers, each saying what changed ("Early-help budget £40.0m a year → £69.0m a year"). */
  markers(): ChartMarker[] {
    const base = this.base;
    if (!base) return this.timeline.map((c) => ({ month: c.month, label: c.path }));
    return leverSteps(base, this.timeline).map(({ change, before }) => ({ month: change.month, label: leverLabel(change.path, before, change.value) }));
  }
}
