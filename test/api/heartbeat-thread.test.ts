/**
 * Issue 13: the heartbeat works where it matters, across threads. A beat posted from inside a
 * long synchronous `step` reaches the parent while the step is still running (the thread waits
 * for the parent's answer before going on; see fixtures/heartbeat-thread.ts). A comlink callback
 * could not do this: it needs the worker's event loop free to receive its reply.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { isHeartbeatMessage } from '../../sim/worker/contract';

interface Done {
  stepped: boolean;
  answer: string | undefined;
  monthOfFirstBeat: number;
  month: number;
}

describe('the heartbeat across threads', () => {
  it('reaches the parent while the worker is still inside a synchronous step', async () => {
    const shared = new SharedArrayBuffer(4);
    const flag = new Int32Array(shared);
    const months = 24;
    // The thread compiles its TypeScript with tsx, as `npm run sim` does.
    const entry = new URL('./fixtures/heartbeat-thread.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: { shared, months, waitMs: 60_000 } });
    const beats: number[] = [];
    const done = await new Promise<Done>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (data: unknown) => {
        if (isHeartbeatMessage(data)) {
          beats.push(data.careFuturesHeartbeat.month);
          Atomics.store(flag, 0, 1);
          Atomics.notify(flag, 0);
        } else if (data !== null && typeof data === 'object' && 'done' in data) {
          resolve((data as { done: Done }).done);
        }
      });
    });
    await worker.terminate();
    expect(done.stepped).toBe(true);
    expect(done.month).toBe(months);
    // The first beat went out after the first month of the step, and the parent's answer came back before the step went on.
    expect(done.monthOfFirstBeat).toBe(1);
    expect(['ok', 'not-equal']).toContain(done.answer);
    expect(beats[0]).toBe(1);
  });
});
