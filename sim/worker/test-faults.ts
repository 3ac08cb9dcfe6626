/**
 * Test only: faults the dev-server worker takes on request, so the browser tests can check that the
 * page notices a worker that hangs, closes itself or throws, and recovers the user's run.
 * `worker.ts` installs this only under the dev server (`import.meta.env.DEV`): a production build
 * drops it, and a page cannot ask a built worker to fail.
 */
import type { TestFault, TestFaultMessage } from './contract';

/** Long enough for any test, short enough not to burn a core for ever if nobody terminates the worker. */
const LOOP_MS = 10 * 60_000;

function isTestFault(data: unknown): data is TestFaultMessage {
  return data !== null && typeof data === 'object' && 'careFuturesTestFault' in data;
}

export function haveFault(fault: TestFault): void {
  switch (fault) {
    case 'loop': {
      // A synchronous loop, like an engine that never finishes a month: no call, timer or heartbeat gets through.
      const end = Date.now() + LOOP_MS;
      while (Date.now() < end) {
        // busy on purpose
      }
      return;
    }
    case 'close':
      // The worker ends itself: the page gets no error event, only silence.
      globalThis.close();
      return;
    case 'throw':
      // Uncaught, outside any comlink call: the page's Worker gets an `error` event.
      setTimeout(() => {
        throw new Error('test fault: an uncaught error in the simulation worker');
      }, 0);
      return;
  }
}

/** Listen for `{ careFuturesTestFault }` messages on the worker's own scope. */
export function listenForTestFaults(scope: { addEventListener(type: 'message', listener: (event: MessageEvent) => void): void }): void {
  scope.addEventListener('message', (event) => {
    if (isTestFault(event.data)) haveFault(event.data.careFuturesTestFault);
  });
}
