/**
 * The uncertainty analysis's runs for a command (`compare --uncertainty`, `sensitivity`): a pool
 * runner on `jobs` threads (sim/node/uncertainty-runner.ts), progress on stderr as the other
 * commands show it (the total grows as the analysis plans each step), and the threads ended
 * whatever happens.
 */
import { poolRunner } from '../node/uncertainty-runner';
import type { Runner } from '../uncertainty/runner';
import { runProgress, type CliIo } from './prepare';

export async function withPoolRunner<T>(io: CliIo, quiet: boolean, jobs: number, unit: string, work: (runner: Runner) => Promise<T>): Promise<T> {
  const progress = runProgress(io, quiet, 0, unit);
  const runner = poolRunner(jobs, (done, total) => progress.update(done, total));
  try {
    const result = await work(runner.run);
    progress.finish();
    return result;
  } finally {
    await runner.close();
  }
}
