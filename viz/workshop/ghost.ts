/**
 * "Branch from now": the run on show (B) takes the next change; this second worker (A) replays the
 * same scenario, seed and lever timeline to the fork month and goes on without it, a step behind
 * B at most and level with it at every pause. Both draw the same random numbers (each child has
 * its own counter-based streams), so the gap between them is the change. Exact by construction: a
 * replay to the fork has the live run's state there (test/workshop/branch.test.ts).
 */
import { inCare } from '../../sim/measures';
import type { LeverChange, MonthRecord } from '../../sim/worker/contract';
import { RunHistory } from '../history';
import { createSimulationClient, type SimulationClient } from '../worker-client';

export interface GhostStart {
  fileName: string;
  text: string;
  seed: number;
  timeline: LeverChange[];
  month: number;
  scale: number;
}

export class Ghost {
  readonly history = new RunHistory();
  /** A's children in care (whole region) by month, from the fork on */
  private readonly care = new Map<number, number>();
  private readonly records = new Map<number, MonthRecord>();
  private month: number;
  private wanted: number;
  private busy = false;
  private disposed = false;

  private constructor(
    private readonly client: SimulationClient,
    readonly forkMonth: number,
    private readonly scale: number,
    private readonly onAdvance: () => void,
  ) {
    this.month = forkMonth;
    this.wanted = forkMonth;
  }

  /** A replay of the run to `month`, or why it could not be made. */
  static async start(from: GhostStart, onAdvance: () => void): Promise<Ghost | string> {
    const client = createSimulationClient({ onSnapshot: (snapshot) => snapshot.view });
    const loaded = await client.load({ fileName: from.fileName, text: from.text, seed: from.seed, levers: from.timeline });
    if (!loaded.ok) {
      client.dispose();
      return loaded.error.message;
    }
    if (from.month > 0) {
      const stepped = await client.step(from.month);
      if (!stepped.ok) {
        client.dispose();
        return stepped.error.message;
      }
    }
    const ghost = new Ghost(client, from.month, from.scale, onAdvance);
    const read = await ghost.readFrom(from.month);
    if (read !== true) {
      client.dispose();
      return read;
    }
    return ghost;
  }

  /** A's record at `month`, if it has reached it. */
  recordAt(month: number): MonthRecord | undefined {
    return this.records.get(month);
  }

  /** B − A children in care at `month` (whole region), once A has reached it. */
  gapAt(month: number, bRecord: MonthRecord): number | undefined {
    const a = this.care.get(month);
    return a === undefined ? undefined : inCare(bRecord.stocks) / this.scale - a;
  }

  /** Keep level with B: step A to `month` (one request at a time; the latest month wins). */
  follow(month: number): void {
    this.wanted = Math.max(this.wanted, month);
    void this.catchUp();
  }

  /** A later choice applies to both runs, so the gap stays the branch's own change. */
  async setLever(path: string, value: unknown): Promise<void> {
    await this.client.setLever(path, value);
  }

  dispose(): void {
    this.disposed = true;
    this.client.dispose();
  }

  private async catchUp(): Promise<void> {
    if (this.busy || this.disposed) return;
    this.busy = true;
    try {
      while (this.wanted > this.month && !this.disposed) {
        const from = this.month + 1;
        const stepped = await this.client.step(this.wanted - this.month);
        if (!stepped.ok) return;
        await this.readFrom(from);
      }
    } finally {
      this.busy = false;
    }
  }

  private async readFrom(from: number): Promise<true | string> {
    const run = await this.client.runRecords(from);
    if (!run.ok) return run.error.message;
    run.value.records.forEach((record, k) => {
      this.records.set(record.month, record);
      this.care.set(record.month, inCare(record.stocks) / this.scale);
      this.history.add(record, run.value.markets[k], this.scale, 1);
      this.month = Math.max(this.month, record.month);
    });
    if (!this.disposed) this.onAdvance();
    return true;
  }
}
