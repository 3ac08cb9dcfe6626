/**
 * Issue 13: the worker's heartbeat, on a fake clock. While it works (a long step, playing at any
 * speed) a beat goes out at least every half second of its own time; idle, it stays quiet.
 * (That a beat posted inside a synchronous loop really leaves the thread: heartbeat-thread.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { HEARTBEAT_INTERVAL_MS, type ApiResult, type Heartbeat } from '../../sim/worker/contract';
import { createSimulationApi } from '../../sim/worker/session';
import { ManualScheduler, nodeLoader, recorder, smallBaseline } from './helpers';

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** A clock that moves every time it is read, as real time does while the engine works. */
class BusyClock extends ManualScheduler {
  constructor(private readonly msPerRead: number) {
    super();
  }
  override now(): number {
    this.time += this.msPerRead;
    return this.time;
  }
}

function beating(clock: ManualScheduler) {
  const beats: { at: number; beat: Heartbeat }[] = [];
  const api = createSimulationApi(nodeLoader, { scheduler: clock, heartbeat: (beat) => beats.push({ at: clock.time, beat }) });
  return { api, beats };
}

const gaps = (times: readonly number[]) => times.slice(1).map((t, k) => t - times[k]);

describe('the worker heartbeat', () => {
  it('beats from inside a long step, at least every half second of the worker\u2019s time', () => {
    // 70 ms of work a month: a 120-month step is 8.4 s without a moment free for timers.
    const clock = new BusyClock(70);
    const { api, beats } = beating(clock);
    value(api.load(smallBaseline()));
    const start = clock.time;
    value(api.step(120));
    const times = [start, ...beats.map((b) => b.at), clock.time];
    expect(beats.length).toBeGreaterThanOrEqual(Math.floor((clock.time - start) / 500));
    expect(Math.max(...gaps(times))).toBeLessThanOrEqual(2 * HEARTBEAT_INTERVAL_MS);
    // The beats say how far the step has got.
    expect(beats.map((b) => b.beat.month)).toEqual([...beats.map((b) => b.beat.month)].sort((a, b) => a - b));
    expect(beats.at(-1)?.beat.month).toBeGreaterThan(100);
  });

  it('beats on a timer while playing slowly, between months, and stops when paused', () => {
    const clock = new ManualScheduler();
    const { api, beats } = beating(clock);
    value(api.load(smallBaseline()));
    clock.advance(5_000);
    expect(beats, 'loaded but idle: nothing to say').toEqual([]);
    value(api.setSpeed(0.5));
    value(api.play());
    const playFrom = clock.time;
    clock.advance(10_000);
    // The first month at once, then one every 2 s: months at 0, 2, 4, 6, 8 and 10 s.
    expect(value(api.status()).month).toBe(6);
    const times = [playFrom, ...beats.map((b) => b.at), clock.time];
    expect(Math.max(...gaps(times))).toBeLessThanOrEqual(HEARTBEAT_INTERVAL_MS);
    expect(beats.every((b) => b.beat.playing)).toBe(true);
    value(api.pause());
    const count = beats.length;
    clock.advance(10_000);
    expect(beats).toHaveLength(count);
    expect(clock.pendingTimers).toBe(0);
  });

  it('stops beating when the run stops by itself (untilMonth reached, a load replacing the run)', () => {
    const clock = new ManualScheduler();
    const { api, beats } = beating(clock);
    const seen = recorder();
    value(api.subscribe(seen.listener));
    value(api.load(smallBaseline()));
    value(api.setSpeed(2));
    value(api.play({ untilMonth: 3 }));
    clock.advance(5_000);
    expect(value(api.status())).toMatchObject({ month: 3, playing: false });
    const afterUntil = beats.length;
    clock.advance(5_000);
    expect(beats).toHaveLength(afterUntil);

    value(api.play());
    clock.advance(1_000);
    value(api.load(smallBaseline()));
    const afterLoad = beats.length;
    clock.advance(5_000);
    expect(beats).toHaveLength(afterLoad);
    expect(clock.pendingTimers).toBe(0);
  });

  it('never lets a failing post stop the simulation', () => {
    const clock = new BusyClock(300);
    const api = createSimulationApi(nodeLoader, {
      scheduler: clock,
      heartbeat: () => {
        throw new Error('the page is gone');
      },
    });
    value(api.load(smallBaseline()));
    expect(value(api.step(5)).month).toBe(5);
  });
});
