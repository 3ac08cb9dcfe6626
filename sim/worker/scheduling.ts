/**
 * Playing in time: months are simulated on a timer at the chosen speed, in ticks short enough that
 * calls and acknowledgements from the page get through between them.
 */

/** Time and timers, injected so tests can drive `play` with a manual clock. */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface Yield {
  callback: () => void;
  cancelled: boolean;
}

/**
 * Timers for real. A zero delay (playing flat out, or the engine slower than the speed) must yield
 * so waiting calls and acknowledgements get through, but cheaply: browsers clamp nested
 * `setTimeout(0)` to 4 ms, about a tenth of a month at 1:1. So: `setImmediate` where it exists
 * (Node, which would otherwise drain a self-posting port without ever yielding), else a message to
 * a private port (each message is its own task in a browser worker), else `setTimeout`.
 */
export function createRealScheduler(): Scheduler {
  let channel: MessageChannel | undefined;
  const queue: Yield[] = [];
  const postYield = (task: Yield) => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const next = queue.shift();
        if (next && !next.cancelled) next.callback();
      };
    }
    queue.push(task);
    channel.port2.postMessage(null);
  };
  return {
    now: () => performance.now(),
    setTimeout: (callback, ms) => {
      if (ms > 0) return setTimeout(callback, ms);
      const task: Yield = { callback, cancelled: false };
      const run = () => {
        if (!task.cancelled) task.callback();
      };
      if (typeof setImmediate === 'function') setImmediate(run);
      else if (typeof MessageChannel === 'function') postYield(task);
      else setTimeout(run, 0);
      return task;
    },
    clearTimeout: (handle) => {
      if (handle !== null && typeof handle === 'object' && 'cancelled' in handle) (handle as Yield).cancelled = true;
      else clearTimeout(handle as Parameters<typeof clearTimeout>[0]);
    },
  };
}

export interface PlayerOptions {
  scheduler?: Scheduler;
  /** While playing, simulate for at most this long before yielding so calls and acks get through (ms). */
  tickBudgetMs?: number;
  /** Upper bound on months per tick, whatever the clock says. */
  maxMonthsPerTick?: number;
}

/**
 * Calls `advance` once per month at `speed` months per second while playing. `advance` returns
 * false when the run cannot go on (the player then stops without a word: the caller reports).
 */
export class Player {
  playing = false;
  untilMonth: number | null = null;
  speed: number;
  private timer: unknown;
  private hasTimer = false;
  private nextDue = 0;
  private lastStepAt = 0;
  private readonly scheduler: Scheduler;
  private readonly tickBudgetMs: number;
  private readonly maxMonthsPerTick: number;

  constructor(
    private readonly advance: () => boolean,
    speed: number,
    options: PlayerOptions,
  ) {
    this.speed = speed;
    this.scheduler = options.scheduler ?? createRealScheduler();
    this.tickBudgetMs = options.tickBudgetMs ?? 25;
    this.maxMonthsPerTick = options.maxMonthsPerTick ?? 120;
  }

  /** Start playing (the first month comes at once: pressing Play should show something move). */
  start(): void {
    if (this.playing) return;
    this.playing = true;
    this.nextDue = this.scheduler.now();
    this.schedule(0);
  }

  /** Stop; returns whether it was playing. */
  stop(): boolean {
    if (this.hasTimer) this.scheduler.clearTimeout(this.timer);
    this.hasTimer = false;
    const was = this.playing;
    this.playing = false;
    this.untilMonth = null;
    return was;
  }

  setSpeed(monthsPerSecond: number): void {
    this.speed = monthsPerSecond;
    if (this.playing) {
      // Keep the cadence from the last month, at the new interval, rather than restarting it.
      this.nextDue = this.lastStepAt + 1000 / monthsPerSecond;
      this.schedule(Math.max(0, this.nextDue - this.scheduler.now()));
    }
  }

  private schedule(delayMs: number): void {
    if (this.hasTimer) this.scheduler.clearTimeout(this.timer);
    this.timer = this.scheduler.setTimeout(this.tick, delayMs);
    this.hasTimer = true;
  }

  private readonly tick = (): void => {
    this.hasTimer = false;
    if (!this.playing) return;
    const interval = 1000 / this.speed;
    const started = this.scheduler.now();
    let now = started;
    let months = 0;
    while (this.playing && this.nextDue <= now && months < this.maxMonthsPerTick) {
      if (!this.advance()) return;
      months++;
      this.lastStepAt = now;
      this.nextDue += interval;
      now = this.scheduler.now();
      if (now - started >= this.tickBudgetMs) break;
    }
    if (!this.playing) return;
    // When the engine cannot keep up, run flat out from now rather than banking a backlog to burst through later.
    if (this.nextDue < now) this.nextDue = now;
    this.schedule(this.nextDue - now);
  };
}
