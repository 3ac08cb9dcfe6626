/**
 * Scenario switches, one at a time, the latest winning: the picker, the address and the run in the
 * worker always name the same scenario, however fast the user clicks.
 *
 * - Requests (switch to a scenario, reset, a lever change) run one after another, in click order.
 * - A switch not yet started when a newer switch arrives is dropped: it would be replaced at once.
 * - A result that a newer request has overtaken never updates the page; the newest request's end
 *   shows what the worker runs then, which is the last load that succeeded, whichever that was
 *   (a refused newest request leaves the previous good run, and the page shows that run).
 *
 * No DOM: `show` and `refuse` do the drawing, so any ordering of requests and answers is tested in Node.
 */
import type { Failure, Loaded, LoadResult, Replay, ScenarioSource } from './sim-link';

export interface SwitchDeps {
  load(source: ScenarioSource, seed: number, replay?: Replay): Promise<LoadResult>;
  reset(seed: number): Promise<LoadResult>;
  /** Show this run as the current one (picker, address, name, levers). Only ever the run the worker has now. */
  show(loaded: Loaded): void;
  /** The newest request was refused; `running` is what still runs (the picker goes back to it). */
  refuse(failure: Failure, running: Loaded | undefined): void;
}

/** A source, or a way to get one (reading an opened file takes a moment, but its turn is taken at the click). */
export type SourceRequest = ScenarioSource | (() => Promise<ScenarioSource | Failure>);

export class ScenarioSwitcher {
  private queue: Promise<unknown> = Promise.resolve();
  /** tickets: every request takes the next; `newestSwitch` is the newest switch's */
  private issued = 0;
  private newestSwitch = 0;
  /** the last run the worker accepted (in worker order, since requests run one at a time) */
  private accepted: Loaded | undefined;
  private shown: Loaded | undefined;
  /** requests taken and not yet finished */
  private pending = 0;

  constructor(private readonly deps: SwitchDeps) {}

  /** The run on show (the worker's, once no request is pending). */
  get current(): Loaded | undefined {
    return this.shown;
  }

  /** Whether a switch, reset or lever request has not finished yet. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /**
   * Switch scenario (with a link's levers and month to replay, if any); resolves to whether this
   * request is what the page now shows.
   */
  switchTo(request: SourceRequest, seed: number, replay?: Replay): Promise<boolean> {
    const ticket = ++this.issued;
    this.newestSwitch = ticket;
    return this.enqueue(ticket, async () => {
      const source = typeof request === 'function' ? await request() : request;
      if ('ok' in source) return source;
      return this.deps.load(source, seed, replay);
    });
  }

  /** Start the running scenario again with `seed`; dropped if a newer switch replaces the run anyway. */
  reset(seed: number): Promise<boolean> {
    return this.enqueue(++this.issued, () => this.deps.reset(seed));
  }

  /** Anything else that must not overtake a switch, such as a lever change: runs in turn, never dropped. */
  after<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A restarted worker runs `loaded`: show it now, unless a request under way will show what runs at its end. */
  restored(loaded: Loaded): void {
    this.accepted = loaded;
    if (!this.busy) this.display();
  }

  private enqueue(ticket: number, work: () => Promise<LoadResult>): Promise<boolean> {
    this.pending++;
    const turn = this.queue.then(async (): Promise<boolean> => {
      try {
        // Overtaken before it started: a newer switch replaces whatever this would do.
        if (ticket < this.newestSwitch) return false;
        const result = await work();
        if (result.ok) this.accepted = result;
        if (ticket !== this.issued) return false;
        this.display();
        if (!result.ok) this.deps.refuse(result, this.shown);
        return result.ok;
      } finally {
        this.pending--;
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private display(): void {
    if (this.accepted && this.accepted !== this.shown) {
      this.shown = this.accepted;
      this.deps.show(this.accepted);
    }
  }
}
