/**
 * Issue 13: the page's watchdog on a manual clock. Silence while the page expects activity (a call
 * waiting, the run playing) means hung or gone; silence otherwise means nothing, and neither does
 * quiet that is the page's own fault (a frozen tab) or a worker still starting.
 */
import { describe, expect, it } from 'vitest';
import { GAP_FACTOR, SILENCE_MS, Watchdog, type WatchdogTimings } from '../../viz/watchdog';
import { FakeClock } from './fake-clock';

function watch(timings: WatchdogTimings = {}, booted = true) {
  const clock = new FakeClock();
  const alarms: { silentMs: number; waitingFor: string; at: number }[] = [];
  const dog = new Watchdog({ clock, ...timings, onSilence: (silentMs, waitingFor) => alarms.push({ silentMs, waitingFor, at: clock.time }) });
  if (booted) dog.heard();
  return { clock, dog, alarms };
}

/** Beat every `everyMs` for `forMs`. */
function beat(clock: FakeClock, dog: Watchdog, everyMs: number, forMs: number): void {
  for (let t = 0; t < forMs; t += everyMs) {
    clock.advance(everyMs);
    dog.heard();
  }
}

describe('the watchdog', () => {
  it('says nothing however long the worker is quiet while nothing is expected of it', () => {
    const { clock, alarms } = watch();
    clock.advance(60_000);
    expect(alarms).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('raises the alarm after about 2 s of silence while a call waits, once, naming the call', () => {
    const { clock, dog, alarms } = watch();
    dog.expect('stepping 1 month(s)');
    clock.advance(SILENCE_MS - 100);
    expect(alarms).toEqual([]);
    clock.advance(600);
    expect(alarms).toHaveLength(1);
    expect(alarms[0].waitingFor).toBe('stepping 1 month(s)');
    expect(alarms[0].silentMs).toBeGreaterThan(SILENCE_MS);
    clock.advance(60_000);
    expect(alarms).toHaveLength(1);
  });

  it('is satisfied by an answer, and counts silence only from when the page starts waiting', () => {
    const { clock, dog, alarms } = watch();
    clock.advance(30_000);
    const answered = dog.expect('pausing');
    clock.advance(1_500);
    answered();
    clock.advance(10_000);
    expect(alarms).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps a worker that beats alive through a call of any length, then notices when the beats stop', () => {
    const { clock, dog, alarms } = watch();
    dog.expect('stepping 1200 month(s)');
    beat(clock, dog, 250, 120_000);
    expect(alarms).toEqual([]);
    clock.advance(2_500);
    expect(alarms).toHaveLength(1);
  });

  it('expects beats while the run plays, and none once it is paused', () => {
    const { clock, dog, alarms } = watch();
    dog.setPlaying(true);
    beat(clock, dog, 400, 20_000);
    expect(alarms).toEqual([]);
    dog.setPlaying(false);
    clock.advance(20_000);
    expect(alarms).toEqual([]);
    dog.setPlaying(true);
    clock.advance(2_500);
    expect(alarms.map((a) => a.waitingFor)).toEqual(['the running simulation']);
  });

  it('allows the longer patience of a call that cannot beat (building a population), and no more', () => {
    const { clock, dog, alarms } = watch();
    dog.setPlaying(true);
    dog.expect('loading a scenario', 20_000);
    clock.advance(19_000);
    expect(alarms).toEqual([]);
    clock.advance(1_500);
    expect(alarms.map((a) => a.waitingFor)).toEqual(['loading a scenario']);
  });

  it('gives a worker that has not spoken yet time to start, then the usual limit', () => {
    const { clock, dog, alarms } = watch({ bootMs: 30_000 }, false);
    dog.expect('subscribing');
    clock.advance(25_000);
    expect(alarms).toEqual([]);
    dog.heard();
    clock.advance(2_500);
    expect(alarms).toHaveLength(1);

    const never = watch({ bootMs: 30_000 }, false);
    never.dog.expect('subscribing');
    never.clock.advance(31_000);
    expect(never.alarms[0].waitingFor).toContain('starting');
  });

  it('does not blame the worker when the page itself was frozen (a late check starts the silence again)', () => {
    const { clock, dog, alarms } = watch();
    dog.setPlaying(true);
    clock.advance(1_000);
    // The tab was in the background or the laptop slept: the page's timers ran 30 s late.
    clock.freeze(30_000);
    expect(alarms).toEqual([]);
    dog.heard();
    beat(clock, dog, 250, 5_000);
    expect(alarms).toEqual([]);
    // A frozen page still notices a dead worker once it runs normally again.
    clock.freeze(10_000);
    clock.advance(2_500);
    expect(alarms).toHaveLength(1);
  });

  it('learns a slow device’s pace from a working worker, so a 2.5 s month is not a hang, and a hang is still noticed', () => {
    const { clock, dog, alarms } = watch();
    dog.setPlaying(true);
    // Months of 1.5 s: each gap is under the 2 s limit, and teaches the watchdog the pace.
    beat(clock, dog, 1_500, 15_000);
    expect(dog.learnedGapMs).toBe(1_500);
    clock.advance(2_500);
    dog.heard();
    expect(alarms).toEqual([]);
    // GAP_FACTOR x the longest gap seen (now 2.5 s): a hang is noticed after 7.5 s.
    clock.advance(7_000);
    expect(alarms).toEqual([]);
    clock.advance(1_000);
    expect(alarms).toHaveLength(1);
    // A replacement worker keeps the pace.
    const next = new Watchdog({ clock, learnedGapMs: dog.learnedGapMs, onSilence: () => alarms.push({ silentMs: 0, waitingFor: 'next', at: clock.time }) });
    next.heard();
    next.setPlaying(true);
    clock.advance(GAP_FACTOR * 2_500 - 500);
    expect(alarms).toHaveLength(1);
  });

  it('learns nothing from a freeze of the page or from a load’s long silence', () => {
    const { clock, dog } = watch();
    const loading = dog.expect('loading a scenario', 20_000);
    clock.advance(8_000);
    dog.heard();
    loading();
    dog.setPlaying(true);
    clock.advance(1_000);
    dog.heard();
    clock.freeze(20_000);
    dog.heard();
    expect(dog.learnedGapMs).toBe(1_000);
  });

  it('stops for good when told (the worker was terminated)', () => {
    const { clock, dog, alarms } = watch();
    dog.expect('stepping');
    dog.stop();
    clock.advance(10_000);
    dog.setPlaying(true);
    dog.expect('again');
    clock.advance(10_000);
    expect(alarms).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });
});
