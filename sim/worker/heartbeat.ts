/**
 * The worker's heartbeat: proof of life for the page's watchdog (`viz/watchdog.ts`).
 *
 * Two sources, because a worker can be busy in two ways:
 * - inside a long synchronous call (`step(1200)`, a flat-out play tick) the event loop is not free,
 *   so no timer can fire: the session calls `due()` after every month and a beat goes out if one is
 *   due. It is a plain `postMessage`, which leaves the worker at once, loop or no loop;
 * - between months while playing slowly (a month every 2 s at half a month a second) nothing runs
 *   at all, so a timer beats as well while the player plays.
 */
import { HEARTBEAT_INTERVAL_MS, type Heartbeat } from './contract';
import type { Scheduler } from './scheduling';

export type HeartbeatPost = (beat: Heartbeat) => void;

export class HeartbeatSender {
  private last = -Infinity;
  private timer: unknown;
  private ticking = false;

  constructor(
    private readonly post: HeartbeatPost | undefined,
    private readonly scheduler: Scheduler,
    private readonly where: () => Heartbeat,
    private readonly intervalMs = HEARTBEAT_INTERVAL_MS,
  ) {}

  /** Called from inside long work (once a month): posts a beat if the last one is `intervalMs` old. */
  due(): void {
    if (!this.post) return;
    const now = this.scheduler.now();
    if (now - this.last >= this.intervalMs) this.send(now);
  }

  /** Beat on a timer too (while playing); off again when the player stops. */
  setTicking(on: boolean): void {
    if (!this.post || on === this.ticking) return;
    this.ticking = on;
    if (on) {
      this.due();
      this.timer = this.scheduler.setTimeout(this.tick, this.intervalMs);
    } else {
      this.scheduler.clearTimeout(this.timer);
    }
  }

  private readonly tick = (): void => {
    if (!this.ticking) return;
    // Always beat here: skipping a beat because a month sent one moments ago could stretch the gap
    // to two intervals.
    this.send(this.scheduler.now());
    this.timer = this.scheduler.setTimeout(this.tick, this.intervalMs);
  };

  private send(now: number): void {
    this.last = now;
    try {
      this.post?.(this.where());
    } catch {
      // A beat that cannot be posted (the page is gone) must never stop the simulation.
    }
  }
}
