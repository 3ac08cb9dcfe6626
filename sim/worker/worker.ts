/**
 * The simulation worker: the session of `session.ts`, exposed with comlink, nothing else, so
 * everything testable is tested in Node. The page starts it with
 * `new Worker(new URL('../sim/worker/worker.ts', import.meta.url), { type: 'module' })`.
 */
import * as Comlink from 'comlink';
import { bundledLoader } from '../scenario/bundled';
import { createSimulationApi } from './session';

Comlink.expose(createSimulationApi(bundledLoader));
