/**
 * Many runs on every core: `runMany(tasks, { jobs })` runs tasks (`run-task.ts`) in worker
 * threads from a tinypool pool and yields their results **in task order**, whatever order they
 * finish in, so a command's output is byte-identical whatever `jobs` is. Only a window of a few
 * tasks per thread is in flight or waiting to be yielded, and tasks are drawn lazily from an
 * iterable, so memory stays flat however many runs there are. `jobs: 1` runs in this thread (no
 * worker to start). `npm run sim`, `compare` and `experiment` use it, and through
 * `uncertainty-runner.ts` the uncertainty analysis (`compare --uncertainty`, `sensitivity`).
 *
 * Why tinypool: a maintained worker-thread pool with no dependencies that supports Node 20
 * (`engines: ^20 || >=22`); piscina would do too but brings a native optional dependency for a
 * feature (thread niceness) we do not use.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runTask, type RunTask, type RunTaskResult } from './run-task';

export interface RunManyOptions {
  /** worker threads; 1 runs in this thread */
  jobs: number;
  /** how many tasks there are (for progress), when `tasks` is not an array */
  total?: number;
  /** after each finished run, in the order they finish */
  onProgress?: (done: number, total: number) => void;
  /**
   * A pool kept open across calls (`openRunPool`), for a caller that runs many small batches (the
   * uncertainty analysis's calibration and bisection steps): threads start once, not per batch.
   * `runMany` leaves it open; its owner closes it.
   */
  pool?: RunPool;
}

/** Worker threads that outlive one `runMany` call. */
export interface RunPool {
  readonly jobs: number;
  run(task: RunTask): Promise<RunTaskResult>;
  close(): Promise<void>;
}

export async function openRunPool(jobs: number): Promise<RunPool> {
  // Loaded only when threads are wanted: a single-threaded run starts without it.
  const { default: Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: await workerModule(), name: 'runTask', minThreads: jobs, maxThreads: jobs, idleTimeout: 60_000 });
  return { jobs, run: (task) => pool.run(task) as Promise<RunTaskResult>, close: () => pool.destroy() };
}

/** The default `--jobs`: the cores Node may use. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Tasks waiting or running per thread: enough to keep every thread busy while a slow run holds back the order. */
const AHEAD_PER_JOB = 4;

/** The worker module's file name beside a bundled CLI: the bundle of `run-task.ts` (exporting `runTask`). */
export const BUNDLED_WORKER = 'run-pool-worker.mjs';

let built: Promise<string> | undefined;

/**
 * The module the worker threads load. A bundled CLI ships `run-pool-worker.mjs` beside the bundle
 * of this module. From sources (tsx, vitest) `run-task.ts` is bundled once per process with
 * esbuild into a temporary file: a worker thread on Node 20 does not inherit tsx's loader, and
 * registering tsx in every thread cost about 1.5 s of CPU per thread against 0.25 s for the bundle.
 */
export function workerModule(): Promise<string> {
  const beside = new URL(`./${BUNDLED_WORKER}`, import.meta.url);
  if (beside.protocol === 'file:' && existsSync(fileURLToPath(beside))) return Promise.resolve(beside.href);
  built ??= bundleWorker();
  return built;
}

async function bundleWorker(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'care-futures-pool-')), BUNDLED_WORKER);
  process.once('exit', () => rmSync(dirname(file), { recursive: true, force: true }));
  const { build, stop } = await import('esbuild');
  await build({ entryPoints: [fileURLToPath(new URL('./run-task.ts', import.meta.url))], outfile: file, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  // esbuild's service process is not needed again: end it now rather than leave it to outlive us.
  await stop();
  return pathToFileURL(file).href;
}

function sizeOf(tasks: Iterable<RunTask>, total: number | undefined): number {
  if (total !== undefined) return total;
  if (Array.isArray(tasks)) return tasks.length;
  throw new Error('runMany: give `total` with a task iterable that is not an array');
}

export async function* runMany(tasks: Iterable<RunTask>, options: RunManyOptions): AsyncGenerator<RunTaskResult> {
  const total = sizeOf(tasks, options.total);
  const jobs = Math.max(1, Math.min(Math.floor(options.pool?.jobs ?? options.jobs), total));
  let done = 0;
  const finished = () => options.onProgress?.(++done, total);
  if (jobs === 1) {
    for (const task of tasks) {
      const result = runTask(task);
      finished();
      yield result;
    }
    return;
  }
  const pool = options.pool ?? (await openRunPool(jobs));
  // Each task's outcome, settled so that a failure is not an unhandled rejection before it is its turn.
  const waiting = new Map<number, Promise<{ result?: RunTaskResult; error?: string }>>();
  const source = tasks[Symbol.iterator]();
  let submitted = 0;
  let exhausted = false;
  try {
    for (let next = 0; ; next++) {
      while (!exhausted && submitted - next < jobs * AHEAD_PER_JOB) {
        const item = source.next();
        if (item.done) {
          exhausted = true;
          break;
        }
        const task = item.value;
        const settled = pool.run(task).then(
          (result) => {
            finished();
            return { result };
          },
          (err: unknown) => ({ error: `the run of seed ${task.seed} failed in a worker thread: ${err instanceof Error ? err.message : String(err)}` }),
        );
        waiting.set(submitted++, settled);
      }
      const entry = waiting.get(next);
      if (entry === undefined) return;
      const { result, error } = await entry;
      waiting.delete(next);
      if (result === undefined) throw new Error(error);
      yield result;
    }
  } finally {
    if (pool !== options.pool) await pool.close();
  }
}
