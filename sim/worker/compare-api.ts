/**
 * The comparison worker's API: one run of one side for one seed, returned as outcome series
 * (sim/comparison/outcomes.ts), a few kilobytes instead of every month record. `compare-worker.ts`
 * exposes it with comlink; tests call it directly or over a `MessageChannel`.
 */
import type { LeverChange } from '../levers';
import type { RunSeries } from '../comparison/outcomes';
import { runSide, type Side } from '../comparison/summary';
import type { Scenario } from '../scenario/schema';
import type { ApiResult } from './contract';

export interface CompareJob {
  side: Side;
  seed: number;
  months: number;
  /** validated on the page (sim/comparison/request.ts), scale applied */
  scenario: Scenario;
  levers: LeverChange[];
  /** echoed in the result: which task of a batch this is, where side and seed do not say (uncertainty runs) */
  tag?: number;
}

export interface CompareJobResult {
  side: Side;
  seed: number;
  tag?: number;
  series: RunSeries;
  /** milliseconds the run took in the worker (for the bench's efficiency figure) */
  elapsedMs: number;
}

export interface CompareApi {
  run(job: CompareJob): ApiResult<CompareJobResult>;
}

export function createCompareApi(): CompareApi {
  return {
    run(job) {
      const started = performance.now();
      try {
        const series = runSide({ scenario: job.scenario, levers: job.levers }, job.seed, job.months);
        if (!series.ok) return { ok: false, error: { kind: 'validation', message: series.issues.map((i) => i.message).join('\n'), issues: series.issues } };
        return { ok: true, value: { side: job.side, seed: job.seed, ...(job.tag === undefined ? {} : { tag: job.tag }), series: series.value, elapsedMs: performance.now() - started } };
      } catch (err) {
        return { ok: false, error: { kind: 'internal', message: err instanceof Error ? err.message : String(err) } };
      }
    },
  };
}

/** The buffers of a result, to transfer rather than copy. */
export function resultBuffers(result: CompareJobResult): ArrayBuffer[] {
  return Object.values(result.series).map((s) => s.buffer as ArrayBuffer);
}
