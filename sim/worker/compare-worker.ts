/**
 * A comparison worker: `compare-api.ts` behind comlink, its result buffers transferred. The page's
 * pool starts several with
 * `new Worker(new URL('../../sim/worker/compare-worker.ts', import.meta.url), { type: 'module' })`.
 */
import * as Comlink from 'comlink';
import { createCompareApi, resultBuffers, type CompareApi } from './compare-api';

const api = createCompareApi();
const exposed: CompareApi = {
  run(job) {
    const result = api.run(job);
    return result.ok ? Comlink.transfer(result, resultBuffers(result.value)) : result;
  },
};
Comlink.expose(exposed);
