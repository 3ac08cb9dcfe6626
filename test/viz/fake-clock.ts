/**
 * A manual clock for timing logic on either side (the worker's player and heartbeat, the page's
 * watchdog and recovery): time moves only when told, and it can also jump without firing timers on
 * time, as a frozen tab does, so late timers can be tested.
 */
import type { Scheduler } from '../../sim/worker/scheduling';
import type { WatchdogClock } from '../../viz/watchdog';

export class FakeClock implements WatchdogClock, Scheduler {
  time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pendingTimers(): number {
    return this.timers.size;
  }
  /** Move forward, firing every timer on time, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (let due = this.nextDue(end); due; due = this.nextDue(end)) {
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].callback();
    }
    this.time = end;
  }
  /** Jump forward without firing anything on time (the page was frozen); overdue timers then fire late, now. */
  freeze(ms: number): void {
    this.time += ms;
    this.advance(0);
  }
  private nextDue(end: number): [number, { at: number; callback: () => void }] | undefined {
    let due: [number, { at: number; callback: () => void }] | undefined;
    for (const entry of this.timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
    return due;
  }
}
