/**
 * Snapshots to the page, with back-pressure and buffer reuse.
 *
 * One listener receives events. The next snapshot goes only when the listener's returned promise
 * has settled (the acknowledgement); months simulated meanwhile are folded into the one pending
 * snapshot (flows, care exits and spend summed, stocks those at the end, the view merged), so
 * memory stays flat however far the page falls behind and every child is still counted. View
 * buffers travel as transferables and come back for reuse when the page hands them back.
 */
import * as Comlink from 'comlink';
import type { CouncilMonthRecord, MarketRecord, MonthRecord } from '../records';
import { isViewOfSize, mergeView, newView, viewBuffers, type AnimationView } from '../view/animation';
import type { SimEvent, SimListener, Snapshot } from './contract';

const MAX_POOLED_VIEWS = 2;

/** What a snapshot is made of: the run's latest month, and a way to draw its sample. */
export interface SnapshotSource {
  run: number;
  scale: number;
  sampleSize: number;
  record: MonthRecord;
  market: MarketRecord;
  writeView(view: AnimationView): void;
}

interface Pending {
  record: MonthRecord;
  coalesced: number;
  market: MarketRecord;
  view: AnimationView;
}

export function copyRecord(r: MonthRecord): MonthRecord {
  return structuredClone(r);
}

function addCounts<K extends string>(into: Record<K, number>, from: Record<K, number>): void {
  for (const key of Object.keys(from) as K[]) into[key] = (into[key] ?? 0) + from[key];
}

/**
 * Fold the next month into `total`: moves (flows, exits, entries, re-entries), placement moves and
 * money add up; everything that is a state (stocks, places and prices, children away, care
 * leavers, children in care by age and legal status, the date) is the period's end. Each council's
 * record folds the same way, so a council's figures add up to the region's in a coalesced snapshot
 * as in every month.
 */
export function addMonth(total: MonthRecord, next: MonthRecord): void {
  addFields(total, next);
  if (!next.councils) {
    delete total.councils;
    return;
  }
  const councils: Record<string, CouncilMonthRecord> = {};
  for (const code of Object.keys(next.councils)) {
    const sofar = total.councils?.[code];
    if (sofar) {
      addFields(sofar, next.councils[code]);
      councils[code] = sofar;
    } else {
      // A council first seen in this month (a record of another run never reaches here): its month alone.
      councils[code] = structuredClone(next.councils[code]);
    }
  }
  total.councils = councils;
}

function addFields(total: CouncilMonthRecord, next: CouncilMonthRecord): void {
  total.month = next.month;
  total.date = next.date;
  total.financialYear = next.financialYear;
  total.children = next.children;
  total.stocks = { ...next.stocks };
  addCounts(total.flows, next.flows);
  addCounts(total.careExits, next.careExits);
  addCounts(total.spend, next.spend);
  total.spendTotal += next.spendTotal;
  total.market = structuredClone(next.market);
  total.outOfArea = next.outOfArea;
  total.outOfAreaByType = { ...next.outOfAreaByType };
  total.outsideCouncil = next.outsideCouncil;
  total.outsideCouncilByType = { ...next.outsideCouncilByType };
  total.over20Miles = next.over20Miles;
  total.careLeavers = next.careLeavers;
  total.placementMoves += next.placementMoves;
  total.prices = { ...next.prices };
  addCounts(total.careExitsByReason, next.careExitsByReason);
  total.careReEntries += next.careReEntries;
  addCounts(total.careEntriesByAge, next.careEntriesByAge);
  total.lookedAfterByAge = { ...next.lookedAfterByAge };
  total.lookedAfterByLegalStatus = { ...next.lookedAfterByLegalStatus };
  total.uascLookedAfter = next.uascLookedAfter;
}

/** Hand a listener proxy's port back, so a replaced listener does not keep a MessagePort alive. */
function release(listener: SimListener | undefined): void {
  const remote = listener as (SimListener & Partial<Comlink.ProxyMethods>) | undefined;
  try {
    remote?.[Comlink.releaseProxy]?.();
  } catch {
    // already released or the page is gone: nothing left to free
  }
}

export class SnapshotChannel {
  private listener: SimListener | undefined;
  private pending: Pending | undefined;
  private pendingRun = 0;
  private pendingScale = 1;
  /** identifies the snapshot awaiting acknowledgement; 0 when none is */
  private inFlight = 0;
  private flightCounter = 0;
  private readonly pool: AnimationView[] = [];
  /** worker-owned view the engine writes into while months are being coalesced */
  private scratch: AnimationView = newView(0);
  private viewSize = 0;

  get listening(): boolean {
    return this.listener !== undefined;
  }

  /** Set the only listener (replacing any other); nothing pending or in flight carries over. */
  listen(listener: SimListener): void {
    if (this.listener !== listener) release(this.listener);
    this.listener = listener;
    this.forget();
  }

  stopListening(): void {
    release(this.listener);
    this.listener = undefined;
    this.forget();
  }

  /** A new run with views of `size` slots: a snapshot of the previous run may still be in flight, but the new one does not wait for it. */
  newRun(size: number): void {
    this.viewSize = size;
    if (this.scratch.state.length !== size) this.scratch = newView(size);
    const reusable = this.pool.filter((v) => isViewOfSize(v, size));
    this.pool.splice(0, this.pool.length, ...reusable);
    this.forget();
  }

  /** A snapshot of the month on show now (load, reset, subscribe). */
  queueCurrent(source: SnapshotSource): void {
    if (!this.listener) return;
    const view = this.takeView();
    source.writeView(view);
    this.setPending(source, { record: copyRecord(source.record), coalesced: source.record.month > 0 ? 1 : 0, market: source.market, view });
    this.flush();
  }

  /** The month just simulated: sent at once, or folded into the pending snapshot. */
  queueMonth(source: SnapshotSource): void {
    if (!this.listener) return;
    const pending = this.pending;
    if (!pending) {
      const view = this.takeView();
      source.writeView(view);
      this.setPending(source, { record: copyRecord(source.record), coalesced: 1, market: source.market, view });
    } else {
      addMonth(pending.record, source.record);
      pending.coalesced++;
      pending.market = source.market;
      source.writeView(this.scratch);
      mergeView(pending.view, this.scratch);
    }
    this.flush();
  }

  /** A view handed back by the page. */
  recycle(value: unknown): void {
    if (this.pool.length < MAX_POOLED_VIEWS && isViewOfSize(value, this.viewSize) && !this.pool.includes(value)) this.pool.push(value);
  }

  /** Fire-and-forget events (status, errors): they do not wait for an acknowledgement. */
  send(event: SimEvent): void {
    const listener = this.listener;
    if (!listener) return;
    try {
      Promise.resolve(listener(event)).catch(() => this.drop(listener));
    } catch {
      this.drop(listener);
    }
  }

  private setPending(source: SnapshotSource, pending: Pending): void {
    this.pending = pending;
    this.pendingRun = source.run;
    this.pendingScale = source.scale;
  }

  private forget(): void {
    this.pending = undefined;
    this.inFlight = 0;
  }

  private takeView(): AnimationView {
    return this.pool.pop() ?? newView(this.viewSize);
  }

  private flush(): void {
    const listener = this.listener;
    const pending = this.pending;
    if (!listener || !pending || this.inFlight !== 0) return;
    this.pending = undefined;
    const flight = ++this.flightCounter;
    this.inFlight = flight;
    const { view } = pending;
    const snapshot: Snapshot = { record: pending.record, coalesced: pending.coalesced, market: pending.market, scale: this.pendingScale, view };
    const event: SimEvent = { type: 'snapshot', run: this.pendingRun, snapshot };
    let ack: unknown;
    try {
      ack = listener(Comlink.transfer(event, viewBuffers(view)));
    } catch {
      this.drop(listener);
      return;
    }
    Promise.resolve(ack).then(
      (returned) => {
        this.recycle(returned);
        this.acknowledged(flight);
      },
      () => {
        // The page is gone or its listener broke: stop sending rather than pile up calls.
        this.drop(listener);
      },
    );
  }

  private acknowledged(flight: number): void {
    if (this.inFlight !== flight) return;
    this.inFlight = 0;
    this.flush();
  }

  private drop(listener: SimListener): void {
    if (this.listener !== listener) return;
    this.stopListening();
  }
}
