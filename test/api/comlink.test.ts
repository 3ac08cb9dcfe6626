/**
 * Issue 4: the comlink wiring, over a Node `MessageChannel` (Vitest has no `Worker`): the API
 * exposed on one port exactly as `sim/worker/worker.ts` does, the page's client on the other.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulationApi } from '../../sim/worker/session';
import { type SimEvent, type SimulationApi } from '../../sim/worker/contract';
import type { AnimationView, Snapshot } from '../../sim/worker/contract';
import { bundledLoader, bundledScenarioNames } from '../../sim/scenario/bundled';
import { SimulationClient } from '../../viz/worker-client';
import { FakeWorker, openPorts, until } from './fake-worker';
import { nodeLoader, smallBaseline } from './helpers';

const open: { close(): void }[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const port of [...open.splice(0), ...openPorts.splice(0)]) port.close();
});

function channel() {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  return { port1, port2 };
}

// The global (DOM-typed) MessageChannel: in Node it is worker_threads' and works with comlink as is.

describe('the API over comlink', () => {
  it('answers calls, streams snapshots to a proxied listener and sends the view buffers as transferables', async () => {
    const { port1, port2 } = channel();
    // Sizes of the buffers in each transfer list, read at the call (a transferred buffer reads 0 afterwards).
    const transferLists: number[][] = [];
    const post = MessagePort.prototype.postMessage;
    vi.spyOn(MessagePort.prototype, 'postMessage').mockImplementation(function (this: MessagePort, message: unknown, transfer?: unknown) {
      if (Array.isArray(transfer)) transferLists.push(transfer.map((b: unknown) => (b instanceof ArrayBuffer ? b.byteLength : -1)));
      return post.call(this, message, transfer as never);
    });
    Comlink.expose(createSimulationApi(nodeLoader), port1);
    const api = Comlink.wrap<SimulationApi>(port2);
    const snapshots: Snapshot[] = [];
    const listener = Comlink.proxy((event: SimEvent) => {
      if (event.type === 'snapshot') snapshots.push(event.snapshot);
    });
    expect((await api.subscribe(listener)).ok).toBe(true);
    const loaded = await api.load(smallBaseline({ seed: 2 }));
    expect(loaded.ok && loaded.value.month).toBe(0);
    expect((await api.step(3)).ok).toBe(true);
    await until(() => snapshots.at(-1)?.record.month === 3, 'month 3');
    expect(snapshots[0].view.state).toBeInstanceOf(Uint8Array);
    expect(snapshots[0].view.state).toHaveLength(2000);
    expect(snapshots.reduce((s, snap) => s + snap.coalesced, 0)).toBe(3);
    // The worker side posted three buffers of the view's size in a transfer list: moved, not copied.
    const viewTransfers = transferLists.filter((sizes) => sizes.length === 3 && sizes.every((n) => n === 2000));
    expect(viewTransfers.length).toBeGreaterThanOrEqual(snapshots.length);
    api[Comlink.releaseProxy]();
  });

  it('brings validation errors across as typed results, not exceptions', async () => {
    const { port1, port2 } = channel();
    Comlink.expose(createSimulationApi(nodeLoader), port1);
    const api = Comlink.wrap<SimulationApi>(port2);
    const result = await api.load({ fileName: 'bad.json', document: { extends: 'north-east-baseline.json', policy: { earlyHelp: { budgetPerYear: 'lots' } } } });
    expect(result.ok).toBe(false);
    if (result.ok || result.error.kind !== 'validation') throw new Error('expected a validation error');
    expect(result.error.issues[0]).toMatchObject({ path: 'policy.earlyHelp.budgetPerYear', found: '"lots"' });
    api[Comlink.releaseProxy]();
  });

  it('serves the shipped scenarios from the bundle, as the worker does', () => {
    const names = bundledScenarioNames();
    expect(names).toContain('north-east-baseline.json');
    expect(names).toContain('paradigm-shift.json');
    expect(names).not.toContain('scenario.schema.json');
    const api = createSimulationApi(bundledLoader);
    for (const name of names) {
      expect(bundledLoader(name), name).toBeTypeOf('string');
      // Through `extends`, at a small scale: each file resolves and validates from the bundle alone.
      const loaded = api.load({ fileName: `small-${name}`, document: { extends: name, population: { scale: 0.02 } }, sampleSize: 0 });
      expect(loaded.ok && loaded.value.scenarioName, name).toBe(JSON.parse(bundledLoader(name) ?? '{}').name);
    }
  });
});

describe('the page-side client', () => {
  it('delivers snapshots, hands buffers back and mirrors the lever timeline', async () => {
    const workers: FakeWorker[] = [];
    const snapshots: Snapshot[] = [];
    const returned: AnimationView[] = [];
    const client = new SimulationClient({
      createWorker: () => {
        workers.push(new FakeWorker());
        return workers[workers.length - 1];
      },
      onSnapshot: (snapshot) => {
        snapshots.push(snapshot);
        returned.push(snapshot.view);
        return snapshot.view;
      },
    });
    expect((await client.load(smallBaseline({ seed: 4 }))).ok).toBe(true);
    expect((await client.step(2)).ok).toBe(true);
    const set = await client.setLever('policy.earlyHelp.budgetPerYear', 4_000_000);
    // The answer carries the worker's timeline after the change: the page needs no second call.
    const change = { month: 3, path: 'policy.earlyHelp.budgetPerYear', value: 4_000_000 };
    expect(set.ok && set.value).toEqual({ change, timeline: [change] });
    await until(() => snapshots.at(-1)?.record.month === 2, 'month 2');
    // Handing the view back transferred its buffers to the worker: the page's copy is detached.
    expect(returned[0].state.byteLength).toBe(0);
    const timeline = await client.leverTimeline();
    expect(timeline.ok && timeline.value).toEqual([{ month: 3, path: 'policy.earlyHelp.budgetPerYear', value: 4_000_000 }]);
    client.dispose();
    expect(workers[0].terminated).toBe(true);
  });

  it('turns a dead worker into typed errors, then restarts it with the same scenario, seed, levers and month', async () => {
    const workers: FakeWorker[] = [];
    const crashes: string[] = [];
    const runsStarted: number[] = [];
    let shown: Snapshot | undefined;
    const client = new SimulationClient({
      createWorker: () => {
        workers.push(new FakeWorker());
        return workers[workers.length - 1];
      },
      onSnapshot: (snapshot) => void (shown = snapshot),
      onRunStart: (run) => runsStarted.push(run),
      onCrash: (reason) => crashes.push(reason),
    });
    expect((await client.load(smallBaseline({ seed: 12 }))).ok).toBe(true);
    await client.step(3);
    await client.setLever('policy.earlyHelp.statutoryDuty', true);
    await client.step(4);
    await until(() => shown?.record.month === 7, 'month 7');
    const before = await client.records();
    if (!before.ok) throw new Error(before.error.message);

    workers[0].fail('throw');
    expect(crashes).toHaveLength(1);
    expect(client.alive).toBe(false);
    const refused = await client.step();
    expect(refused).toEqual({ ok: false, error: { kind: 'state', message: expect.stringContaining('restart') } });

    const restarted = await client.restart();
    expect(restarted.ok).toBe(true);
    if (!restarted.ok) return;
    expect(restarted.value).toMatchObject({ month: 7, seed: 12, levers: 1, playing: false, fileName: 'small-baseline.json' });
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    const after = await client.records();
    expect(after.ok && JSON.stringify(after.value)).toBe(JSON.stringify(before.value));
    const timeline = await client.leverTimeline();
    expect(timeline.ok && timeline.value).toEqual([{ month: 4, path: 'policy.earlyHelp.statutoryDuty', value: true }]);
    await until(() => shown?.record.month === 7 && runsStarted.length === 2, 'the restored run');
    client.dispose();
  });

  it('ends a call that the worker will never answer when the worker dies', async () => {
    let worker: FakeWorker | undefined;
    const client = new SimulationClient({
      createWorker: () => (worker = new FakeWorker()),
      onSnapshot: () => undefined,
    });
    await client.load(smallBaseline());
    // A long call in flight when the worker fails must not hang the page.
    const pending = client.step(600);
    worker?.fail('throw');
    const result = await pending;
    expect(result.ok).toBe(false);
    client.dispose();
  });
});
