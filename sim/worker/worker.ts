/**
 * The simulation worker: the session of `session.ts`, exposed with comlink, and its heartbeat
 * posted as plain messages (see `HeartbeatMessage` in contract.ts), so everything testable is
 * tested in Node. The page starts it with
 * `new Worker(new URL('../sim/worker/worker.ts', import.meta.url), { type: 'module' })`.
 */
import * as Comlink from 'comlink';
import { bundledLoader } from '../scenario/bundled';
import type { Heartbeat, HeartbeatMessage } from './contract';
import { createSimulationApi } from './session';
import { listenForTestFaults } from './test-faults';

const post = (beat: Heartbeat): void => {
  const message: HeartbeatMessage = { careFuturesHeartbeat: beat };
  globalThis.postMessage(message);
};

Comlink.expose(createSimulationApi(bundledLoader, { heartbeat: post }));
if (import.meta.env.DEV) listenForTestFaults(globalThis);
// The first beat says the worker is up: until it comes, the page allows for the module loading.
post({ run: 0, month: 0, playing: false });
