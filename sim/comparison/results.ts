/**
 * Runs arrive in any order from a pool of workers; a seed enters the statistics once both of its
 * runs (A and B) are in, so every figure shown is a paired one.
 */
import { utf8, sha256Hex } from './codec';
import { OUTCOMES, type Outcome, type RunSeries } from './outcomes';
import type { PairedResults, Side } from './summary';

export class PairedStore {
  private readonly runs = new Map<number, { a?: RunSeries; b?: RunSeries }>();
  private finished = 0;

  constructor(private seeds: number[]) {}

  /** More seeds for the same comparison (the "more seeds" button): earlier results stay. */
  extend(seeds: readonly number[]): void {
    this.seeds = [...this.seeds, ...seeds.filter((s) => !this.seeds.includes(s))];
  }

  add(side: Side, seed: number, series: RunSeries): void {
    const entry = this.runs.get(seed) ?? {};
    if (entry[side] === undefined) this.finished++;
    entry[side] = series;
    this.runs.set(seed, entry);
  }

  /** Runs finished, counting A and B separately. */
  get finishedRuns(): number {
    return this.finished;
  }

  get totalRuns(): number {
    return this.seeds.length * 2;
  }

  /** The seeds with both runs in, in seed order. */
  paired(): PairedResults {
    const out: PairedResults = { seeds: [], a: [], b: [] };
    for (const seed of this.seeds) {
      const entry = this.runs.get(seed);
      if (entry?.a && entry.b) {
        out.seeds.push(seed);
        out.a.push(entry.a);
        out.b.push(entry.b);
      }
    }
    return out;
  }
}

/**
 * SHA-256 over every run's series (seed order, A then B, outcomes in registry order, months in
 * order, as little-endian doubles) and the seeds: equal digests mean equal results to the last bit.
 */
export async function digestResults(results: PairedResults, outcomes: readonly Outcome[] = OUTCOMES): Promise<string> {
  const parts: Uint8Array[] = [utf8(JSON.stringify({ seeds: results.seeds, outcomes: outcomes.map((o) => o.id) }))];
  for (let k = 0; k < results.seeds.length; k++) {
    for (const run of [results.a[k], results.b[k]]) {
      for (const o of outcomes) {
        const series = run[o.id];
        const bytes = new Uint8Array(series.length * 8);
        const view = new DataView(bytes.buffer);
        for (let m = 0; m < series.length; m++) view.setFloat64(m * 8, series[m], true);
        parts.push(bytes);
      }
    }
  }
  const total = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    total.set(p, at);
    at += p.length;
  }
  return `sha256:${await sha256Hex(total)}`;
}
