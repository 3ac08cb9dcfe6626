/**
 * Issue 13: a hung or lost worker is noticed and the user's run comes back, whatever the cause
 * (a loop, the worker closing itself, a thrown error) and whatever the page was doing (waiting
 * on a call, playing, or idle until the next call). One manual clock drives the worker's timers
 * and the page's watchdog; messages still travel over a real MessageChannel between its steps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LeverChange, Snapshot } from '../../sim/worker/contract';
import { Recovery } from '../../viz/recovery';
import { SimulationClient } from '../../viz/worker-client';
import { FakeClock } from '../viz/fake-clock';
import { FakeWorker, openPorts, until, type Fault } from './fake-worker';
import { SCALE, smallBaseline } from './helpers';

afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

/** Let messages cross the channel. */
const ticks = async (n = 3) => {
  for (let k = 0; k < n; k++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** Move the shared clock in small steps, letting messages through between them, as real time would. */
async function pass(clock: FakeClock, ms: number, stepMs = 50): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    clock.advance(stepMs);
    await ticks(2);
  }
}

function setUp(options: { sabotage?: (worker: FakeWorker, index: number) => void } = {}) {
  const clock = new FakeClock();
  const workers: FakeWorker[] = [];
  const crashes: { reason: string; shownMonth: number | undefined }[] = [];
  const notices: string[] = [];
  let shown: Snapshot | undefined;
  const client: SimulationClient = new SimulationClient({
    clock,
    createWorker: () => {
      const worker = new FakeWorker({ scheduler: clock });
      options.sabotage?.(worker, workers.length);
      workers.push(worker);
      return worker;
    },
    onSnapshot: (snapshot) => void (shown = snapshot),
    onCrash: (reason) => {
      crashes.push({ reason, shownMonth: shown?.record.month });
      recovery.crashed(reason);
    },
  });
  const recovery = new Recovery({
    clock,
    restart: () => client.restart(),
    isAlive: () => client.alive,
    onRestarted: (status) => notices.push(`restarted at month ${status.month}`),
    onGaveUp: (_, attempts) => notices.push(`gave up after ${attempts}`),
  });
  return { clock, workers, crashes, notices, client, shown: () => shown };
}

const LEVER: LeverChange = { month: 4, path: 'policy.earlyHelp.budgetPerYear', value: 5_000_000 };

/** Seed 9, three months, a lever, two more months: the run a restart must bring back. */
async function userRun(t: ReturnType<typeof setUp>): Promise<void> {
  // As an opened file: the restart must rebuild it from the file's text.
  const document = { extends: 'north-east-baseline.json', population: { scale: SCALE } };
  expect((await t.client.load({ fileName: 'small-baseline.json', text: JSON.stringify(document), seed: 9, sampleSize: 2000 })).ok).toBe(true);
  await t.client.step(3);
  expect((await t.client.setLever(LEVER.path, LEVER.value)).ok).toBe(true);
  await t.client.step(2);
  await until(() => t.shown()?.record.month === 5, 'month 5 on show');
}

async function expectRestored(t: ReturnType<typeof setUp>, month: number): Promise<void> {
  await until(() => t.notices.length > 0, 'a restart');
  expect(t.notices).toEqual([`restarted at month ${month}`]);
  const status = await t.client.fetchStatus();
  expect(status.ok && status.value).toMatchObject({ month, seed: 9, levers: 1, playing: false, fileName: 'small-baseline.json' });
  const timeline = await t.client.leverTimeline();
  expect(timeline.ok && timeline.value).toEqual([LEVER]);
  expect(t.workers[0].terminated).toBe(true);
}

const FAULTS: Fault[] = ['hang', 'close', 'throw'];

describe('a worker that stops, and the page that notices', () => {
  it.each(FAULTS)('notices a worker that fails (%s) while a call waits, and restores the run', async (fault) => {
    const t = setUp();
    await userRun(t);
    t.workers[0].fail(fault);
    const pending = t.client.step(1);
    await pass(t.clock, 3_000);
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(t.crashes).toHaveLength(1);
    if (fault !== 'throw') expect(t.crashes[0].reason).toContain('stopped responding');
    await expectRestored(t, 5);
  });

  it.each(FAULTS)('notices a worker that fails (%s) while the run plays, and restores the month on show', async (fault) => {
    const t = setUp();
    await userRun(t);
    await t.client.setSpeed(2);
    await t.client.play();
    await pass(t.clock, 2_000);
    t.workers[0].fail(fault);
    await pass(t.clock, 3_000);
    expect(t.crashes).toHaveLength(1);
    const month = t.crashes[0].shownMonth ?? -1;
    expect(month).toBeGreaterThan(5);
    await expectRestored(t, month);
  });

  it.each(['hang', 'close'] as const)('says nothing of a worker that fails (%s) while idle until the page next asks it something', async (fault) => {
    const t = setUp();
    await userRun(t);
    t.workers[0].fail(fault);
    await pass(t.clock, 10_000);
    expect(t.crashes).toEqual([]);
    void t.client.pause();
    await pass(t.clock, 3_000);
    expect(t.crashes).toHaveLength(1);
    await expectRestored(t, 5);
  });

  it('never takes a slowly playing worker for a hung one (a month every 2 s, beats between)', async () => {
    const t = setUp();
    await userRun(t);
    await t.client.setSpeed(0.5);
    await t.client.play();
    await pass(t.clock, 30_000);
    expect(t.crashes).toEqual([]);
    expect(t.shown()?.record.month).toBeGreaterThanOrEqual(18);
  });

  it('backs off and gives up, saying so, when every new worker hangs too; a new load starts afresh', async () => {
    // While sabotaging, every replacement hangs as soon as it has started: each restart's load goes unanswered.
    let sabotaging = true;
    const t = setUp({ sabotage: (worker, index) => sabotaging && index > 0 && worker.fail('hang') });
    await userRun(t);
    t.workers[0].fail('hang');
    void t.client.step(1);
    await pass(t.clock, 120_000, 250);
    expect(t.notices).toEqual(['gave up after 3']);
    expect(t.workers).toHaveLength(4);
    await pass(t.clock, 60_000, 1_000);
    expect(t.workers).toHaveLength(4);
    // The user picks a scenario: a fresh worker takes it.
    sabotaging = false;
    expect((await t.client.load(smallBaseline({ seed: 3 }))).ok).toBe(true);
    expect(t.workers).toHaveLength(5);
    expect(t.client.alive).toBe(true);
  });
});
