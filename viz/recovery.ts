/**
 * What the page does when the simulation worker dies or hangs: restart it with the user's run
 * (`SimulationClient.restart`), but never in a loop. Attempts that keep failing, or workers that
 * keep dying soon after a restart, wait longer each time and then stop, saying so.
 *
 * No DOM: the notices go to callbacks and time is injected, so the policy is tested on a manual clock.
 */
import type { ApiResult, SimStatus } from '../sim/worker/contract';
import { realClock, type WatchdogClock } from './watchdog';

export interface RecoveryOptions {
  clock?: WatchdogClock;
  /** Start a fresh worker and rebuild the run in it. */
  restart(): Promise<ApiResult<SimStatus>>;
  /** Whether a worker is up: a user's load may have started a fresh one while a restart waited. */
  isAlive(): boolean;
  /** The wait before each attempt in a row; their number is the most attempts before giving up. */
  delaysMs?: readonly number[];
  /** A restarted worker that stays up this long is a fresh start: attempts count from zero again. */
  calmMs?: number;
  /** An attempt is due in `delayMs` (the first at once). */
  onRestarting?(reason: string, attempt: number, delayMs: number): void;
  onRestarted(status: SimStatus, reason: string, attempt: number): void;
  onGaveUp(reason: string, attempts: number): void;
  /**
   * What `onRestarting` or `onGaveUp` announced no longer holds: a run works again (a user's load
   * succeeded, or brought a worker back before the attempt). The page clears its notice.
   */
  onRecovered?(): void;
}

export const RESTART_DELAYS_MS = [0, 2_000, 10_000] as const;

export class Recovery {
  private readonly clock: WatchdogClock;
  private readonly delaysMs: readonly number[];
  private readonly calmMs: number;
  /** attempts since the run last stayed up for `calmMs` */
  private attempts = 0;
  private lastRestarted = -Infinity;
  /** an attempt is scheduled or running: further crashes are its concern */
  private busy = false;
  private timer: unknown;
  private disposed = false;
  /** `onRestarting` or `onGaveUp` has spoken and nothing has answered it since */
  private announced = false;

  constructor(private readonly options: RecoveryOptions) {
    this.clock = options.clock ?? realClock;
    this.delaysMs = options.delaysMs ?? RESTART_DELAYS_MS;
    this.calmMs = options.calmMs ?? 60_000;
  }

  /** Whether a restart is scheduled or under way. */
  get restarting(): boolean {
    return this.busy;
  }

  /** The worker died or hung. */
  crashed(reason: string): void {
    // The attempt under way talks to the worker that died: it fails, and tries again itself.
    if (this.busy || this.disposed) return;
    if (this.clock.now() - this.lastRestarted > this.calmMs) this.attempts = 0;
    this.next(reason);
  }

  /** The user started something new that worked (a load): earlier failures no longer count, and their notice goes. */
  forgive(): void {
    this.attempts = 0;
    this.recovered();
  }

  private recovered(): void {
    if (!this.announced) return;
    this.announced = false;
    this.options.onRecovered?.();
  }

  dispose(): void {
    this.disposed = true;
    this.clock.clearTimeout(this.timer);
  }

  private next(reason: string): void {
    if (this.attempts >= this.delaysMs.length) {
      this.announced = true;
      this.options.onGaveUp(reason, this.attempts);
      return;
    }
    const delay = this.delaysMs[this.attempts];
    this.attempts++;
    const attempt = this.attempts;
    this.busy = true;
    this.announced = true;
    this.options.onRestarting?.(reason, attempt, delay);
    this.timer = this.clock.setTimeout(() => void this.attempt(reason, attempt), delay);
  }

  private async attempt(reason: string, attempt: number): Promise<void> {
    if (this.disposed) return;
    if (this.options.isAlive()) {
      // Someone (a user's load) already brought a worker back: nothing to restore over it.
      this.busy = false;
      this.recovered();
      return;
    }
    const result = await this.options.restart();
    this.busy = false;
    if (this.disposed) return;
    if (result.ok) {
      this.lastRestarted = this.clock.now();
      // The page replaces the "restarting" notice with what was restored.
      this.announced = false;
      this.options.onRestarted(result.value, reason, attempt);
    } else {
      this.next(`${reason}; restarting failed: ${result.error.message}`);
    }
  }
}
