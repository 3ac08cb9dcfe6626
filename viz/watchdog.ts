/**
 * The page's watchdog on the simulation worker: silence while the page expects activity means the
 * worker is hung (a loop that never ends) or gone (closed itself, killed by the browser).
 *
 * The page expects activity while a call waits for its answer and while the run plays. A busy
 * worker posts a heartbeat at least every 250 ms (sim/worker/heartbeat.ts), and every message
 * counts as a sign of life, so about 2 s of silence is many missed beats, not a slow month.
 *
 * Two kinds of quiet are not the worker's fault, and must not restart it:
 * - before its first message the worker's module may still be loading (a cold dev server compiles
 *   it): a longer allowance applies until it has spoken once;
 * - when the page itself was frozen (a background tab whose timers are throttled, a laptop asleep,
 *   a long task on this thread), messages wait in the queue while the silence seems to grow: a
 *   check that comes much later than asked starts the silence again instead of blaming the worker.
 *
 * And one kind of slowness is the device's: the worker can only beat between months, and a month
 * of an England-sized population on a slow laptop may take longer than 2 s. The watchdog learns
 * the longest gap between messages it has seen from a working worker and allows `GAP_FACTOR` times
 * that (up to `MAX_LEARNED_MS`), so a slow device is not restarted over and over; a hung worker
 * is still noticed, a little later. `learnedGapMs` carries the pace over to a replacement worker.
 *
 * No DOM and no timers of its own: time is injected, so the tests drive it with a manual clock.
 */

/** Time and timers, injected so tests can use a manual clock. */
export interface WatchdogClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: WatchdogClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

export const SILENCE_MS = 2000;
/** Allowed silence as a multiple of the longest gap seen between a working worker's messages. */
export const GAP_FACTOR = 3;
const MAX_LEARNED_MS = 30_000;

export interface WatchdogTimings {
  /** Silence that means hung or gone while a call waits or the run plays. */
  silenceMs?: number;
  /** Allowance until the worker's first message (its module loading). */
  bootMs?: number;
  /** How often to look while expecting activity. */
  checkMs?: number;
  /** A check later than asked by more than this means the page was frozen, not the worker. */
  stallMs?: number;
}

export interface WatchdogOptions extends WatchdogTimings {
  clock?: WatchdogClock;
  /** a gap learned by a previous worker's watchdog (see `learnedGapMs`) */
  learnedGapMs?: number;
  /** Called once, when the silence has lasted too long; the watchdog is stopped by then. */
  onSilence(silentMs: number, waitingFor: string): void;
}

interface Wait {
  what: string;
  patienceMs: number;
}

export class Watchdog {
  private readonly clock: WatchdogClock;
  private readonly silenceMs: number;
  private readonly bootMs: number;
  private readonly checkMs: number;
  private readonly stallMs: number;
  private readonly waits = new Map<number, Wait>();
  private nextWait = 1;
  private playing = false;
  private booted = false;
  private stopped = false;
  private armed = false;
  private lastHeard = 0;
  private lastCheck = 0;
  private timer: unknown;
  private longestGap: number;
  /** the page stalled since the last message: the next gap says nothing about the worker */
  private stalled = false;

  constructor(private readonly options: WatchdogOptions) {
    this.clock = options.clock ?? realClock;
    this.silenceMs = options.silenceMs ?? SILENCE_MS;
    this.bootMs = options.bootMs ?? 30_000;
    this.checkMs = options.checkMs ?? 250;
    this.stallMs = options.stallMs ?? 1000;
    this.longestGap = options.learnedGapMs ?? 0;
  }

  /** The longest gap between messages seen from the working worker (ms). */
  get learnedGapMs(): number {
    return this.longestGap;
  }

  /** Whether the page is waiting on the worker now. */
  get expecting(): boolean {
    return this.playing || this.waits.size > 0;
  }

  /** Any message from the worker. */
  heard(): void {
    const now = this.clock.now();
    // Learn only from gaps while the worker owed regular signs of life: not at boot, not while a
    // long-patience call (a load) ran, not across a freeze of the page.
    if (this.armed && this.booted && !this.stalled && this.allowance().patienceMs <= this.regularLimit()) {
      this.longestGap = Math.min(MAX_LEARNED_MS, Math.max(this.longestGap, now - this.lastHeard));
    }
    this.stalled = false;
    this.booted = true;
    this.lastHeard = now;
  }

  /**
   * The page waits for an answer (a call); returns the function to call once it has one.
   * `patienceMs` is for work the worker cannot interrupt with a heartbeat, such as building a
   * population on load: that much silence is allowed while this wait lasts (never less than the
   * regular limit).
   */
  expect(what: string, patienceMs = 0): () => void {
    const id = this.nextWait++;
    this.waits.set(id, { what, patienceMs });
    this.update();
    return () => {
      if (this.waits.delete(id)) this.update();
    };
  }

  /** The run plays: the worker is busy and beating even when no call waits. */
  setPlaying(playing: boolean): void {
    if (playing === this.playing) return;
    this.playing = playing;
    this.update();
  }

  /** For good (the worker was terminated). */
  stop(): void {
    this.stopped = true;
    this.update();
  }

  private update(): void {
    const want = !this.stopped && this.expecting;
    if (want && !this.armed) {
      // Silence counts from when the page began to expect something, not from the last message.
      this.armed = true;
      this.lastHeard = this.clock.now();
      this.schedule();
    } else if (!want && this.armed) {
      this.armed = false;
      this.clock.clearTimeout(this.timer);
    }
  }

  private schedule(): void {
    this.lastCheck = this.clock.now();
    this.timer = this.clock.setTimeout(this.check, this.checkMs);
  }

  /** The silence allowed a working worker: about 2 s, more on a device seen to be slower. */
  private regularLimit(): number {
    return Math.max(this.silenceMs, GAP_FACTOR * this.longestGap);
  }

  /** The longest silence allowed now, and what the page waits for. */
  private allowance(): Wait {
    const regular = this.regularLimit();
    let limit: Wait = { what: 'the running simulation', patienceMs: this.playing ? regular : 0 };
    for (const wait of this.waits.values()) {
      const patience = Math.max(wait.patienceMs, regular);
      if (patience > limit.patienceMs) limit = { what: wait.what, patienceMs: patience };
    }
    if (!this.booted && limit.patienceMs < this.bootMs) limit = { what: `${limit.what} (the worker starting)`, patienceMs: this.bootMs };
    return limit;
  }

  private readonly check = (): void => {
    if (!this.armed) return;
    const now = this.clock.now();
    if (now - this.lastCheck > this.checkMs + this.stallMs) {
      this.lastHeard = now;
      this.stalled = true;
    }
    const silent = now - this.lastHeard;
    const limit = this.allowance();
    if (silent > limit.patienceMs) {
      this.stopped = true;
      this.armed = false;
      this.options.onSilence(silent, limit.what);
      return;
    }
    this.schedule();
  };
}
