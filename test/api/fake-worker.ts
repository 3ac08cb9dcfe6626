/**
 * A worker stand-in for the page-side tests, in one thread: the session exposed with comlink on
 * one end of a `MessageChannel`, the page's client on the other, the heartbeat posted beside
 * comlink's messages as `sim/worker/worker.ts` posts it. It can fail the three ways a browser
 * worker fails: hang (busy for ever: nothing in, nothing out), close itself (silence, no error
 * event) and throw (an `error` event).
 */
import * as Comlink from 'comlink';
import type { HeartbeatMessage, SimulationApi } from '../../sim/worker/contract';
import { createSimulationApi, type ApiOptions } from '../../sim/worker/session';
import type { WorkerLike } from '../../viz/worker-client';
import { nodeLoader } from './helpers';

export type Fault = 'hang' | 'close' | 'throw';

/** Ports opened by fake workers, to close after each test (an open port keeps Node running). */
export const openPorts: { close(): void }[] = [];

export class FakeWorker implements WorkerLike {
  readonly api: SimulationApi;
  private readonly inside: MessagePort;
  private readonly outside: MessagePort;
  private readonly failures = new EventTarget();
  terminated = false;
  hung = false;
  /** messages the page posted to this worker (comlink's, and any other) */
  readonly received: unknown[] = [];

  constructor(options: Omit<ApiOptions, 'heartbeat'> = {}) {
    const { port1, port2 } = new MessageChannel();
    openPorts.push(port1, port2);
    this.inside = port1;
    this.outside = port2;
    this.api = createSimulationApi(nodeLoader, {
      ...options,
      heartbeat: (beat) => {
        const message: HeartbeatMessage = { careFuturesHeartbeat: beat };
        if (!this.hung) this.inside.postMessage(message);
      },
    });
    Comlink.expose(this.api, port1);
    // The first beat says the worker is up, as worker.ts does.
    this.inside.postMessage({ careFuturesHeartbeat: { run: 0, month: 0, playing: false } } satisfies HeartbeatMessage);
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    this.received.push(message);
    // A hung worker never reads its messages.
    if (!this.hung) this.outside.postMessage(message, transfer as never);
  }
  addEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
    if (type === 'message') this.outside.addEventListener('message', listener as never);
    else this.failures.addEventListener(type, listener);
  }
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
    if (type === 'message') this.outside.removeEventListener('message', listener as never);
    else this.failures.removeEventListener(type, listener);
  }
  start(): void {
    this.outside.start();
  }
  terminate(): void {
    this.terminated = true;
    this.hung = true;
    this.api.pause();
    this.inside.close();
    this.outside.close();
  }
  fail(fault: Fault): void {
    switch (fault) {
      case 'hang':
        // Stuck in a loop: it neither answers nor plays nor beats. (Pausing the session stands in
        // for a thread that no longer runs anything.)
        this.hung = true;
        this.api.pause();
        this.api.unsubscribe();
        return;
      case 'close':
        // `self.close()`: the port closes without an error event; calls go unanswered.
        this.hung = true;
        this.api.pause();
        this.inside.close();
        return;
      case 'throw':
        // What a browser does when a worker throws outside any call.
        this.failures.dispatchEvent(new Event('error'));
        return;
    }
  }
}

/** Resolves when `predicate` holds, polling the event loop (messages arrive asynchronously). */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
