/**
 * `window.__careFutures`: a handle for the browser tests and for debugging from the console.
 * Exposed by the dev server (and with `?debug` in a build); the app never reads it.
 */
import type { LeverChange, TestFault } from '../sim/worker/contract';
import type { SimulationLink } from './sim-link';

export interface CareFuturesHooks {
  /** The connection to the simulation worker (its API is the worker's own). */
  link: SimulationLink;
  /** The lever timeline as the page knows it. */
  timeline(): LeverChange[];
  /** Set a lever the way the controls do: refusals show in the error panel. Resolves to whether it applied. */
  setLever(path: string, value: unknown): Promise<boolean>;
  /** Month rows received since the last load or reset. */
  rows(): number;
  /** Redraw every chart at once (the frame loop normally does it). */
  drawCharts(): void;
  /** Dev server only: make the worker hang (`loop`), close itself or throw, to test recovery. */
  injectWorkerFault(fault: TestFault): void;
  /** What the page believes it shows, and the source the worker was last given. */
  shown(): { scenarioId: string; seed: number; running: string | undefined };
  /** Every text on the map with the size it is drawn at, in CSS pixels (the audience view's 18 px floor). */
  mapTextSizes(): { text: string; px: number }[];
}

declare global {
  interface Window {
    __careFutures?: CareFuturesHooks;
  }
}

export function exposeTestHooks(hooks: CareFuturesHooks): void {
  window.__careFutures = hooks;
}
