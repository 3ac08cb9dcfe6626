/**
 * The simulation worker: the API object of `sim/api.ts`, exposed with comlink, nothing else, so
 * everything testable is tested in Node. The page starts it with
 * `new Worker(new URL('../sim/worker.ts', import.meta.url), { type: 'module' })`.
 */
import * as Comlink from 'comlink';
import { createSimulationApi } from './api';
import { bundledLoader } from './scenario/bundled';

Comlink.expose(createSimulationApi(bundledLoader));
