/**
 * `npm run bench` (worker part): the cost of the worker path at 1:1 North East scale.
 *
 * Compares, per simulated month, the plain engine (`step` + `record`, as the CLI runs it) with
 * the API object exposed by comlink on one end of a `MessageChannel` and a listener on the other
 * that acknowledges each snapshot and hands its buffers back, as the page does. Both ends share
 * this thread, so the page's receiving work is counted too: in the browser it runs in parallel on
 * the main thread, so this overstates the worker's overhead. Prints figures; asserts nothing.
 * Target (issue 4): the worker path within 10% of the plain engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Comlink from 'comlink';
import { createSimulationApi } from '../sim/worker/session';
import { DEFAULT_SAMPLE_SIZE, type SimEvent, type SimulationApi } from '../sim/worker/contract';
import type { Snapshot } from '../sim/worker/contract';
import { directoryLoader, loadScenarioFile, SCENARIO_DIR } from '../sim/node/files';
import { toParams } from '../sim/params';
import { Simulation } from '../sim/simulation';

const MONTHS = Number(process.env.BENCH_WORKER_MONTHS ?? 60);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const FILE = 'north-east-baseline.json';
const SEED = 1;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall and CPU milliseconds: on a busy machine CPU time shows the work, wall time the waiting too. */
interface Timing {
  wall: number;
  cpu: number;
}

function startTiming(): () => Timing {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - wall) / MONTHS, cpu: (used.user + used.system) / 1000 / MONTHS };
  };
}

function plainEngine(): Timing {
  const loaded = loadScenarioFile(join(SCENARIO_DIR, FILE));
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  const sim = new Simulation(toParams(loaded.value), SEED);
  const stop = startTiming();
  for (let m = 0; m < MONTHS; m++) {
    sim.step();
    sim.record();
  }
  return stop();
}

interface ApiRun {
  perMonth: Timing;
  snapshots: number;
  recordBytes: number;
  viewBytes: number;
}

/** The API behind comlink; `drive` simulates MONTHS months its own way. */
async function apiPath(drive: (api: Comlink.Remote<SimulationApi>) => Promise<unknown>): Promise<ApiRun> {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createSimulationApi(directoryLoader(SCENARIO_DIR)), port1);
  const api = Comlink.wrap<SimulationApi>(port2);
  let last: Snapshot | undefined;
  let snapshots = 0;
  let reached: () => void = () => {};
  const done = new Promise<void>((resolve) => (reached = resolve));
  const listener = Comlink.proxy((event: SimEvent) => {
    if (event.type !== 'snapshot') return undefined;
    last = event.snapshot;
    snapshots++;
    if (last.record.month === MONTHS) reached();
    // Acknowledge and hand the buffers back in one reply, as viz/worker-client.ts does.
    const { view } = event.snapshot;
    return Comlink.transfer(view, [view.state.buffer, view.prev.buffer, view.poor.buffer]);
  });
  await api.subscribe(listener);
  const loaded = await api.load({ fileName: FILE, text: readFileSync(join(SCENARIO_DIR, FILE), 'utf8'), seed: SEED, sampleSize: DEFAULT_SAMPLE_SIZE });
  if (!loaded.ok) throw new Error(loaded.error.message);
  const stop = startTiming();
  await drive(api);
  await done;
  const perMonth = stop();
  snapshots--; // month 0 came before the clock started
  const final = last as Snapshot;
  const recordBytes = Buffer.byteLength(JSON.stringify({ record: final.record, market: final.market, coalesced: final.coalesced, scale: final.scale }));
  const viewBytes = final.view.state.byteLength + final.view.prev.byteLength + final.view.poor.byteLength;
  await api.unsubscribe();
  api[Comlink.releaseProxy]();
  port1.close();
  port2.close();
  return { perMonth, snapshots, recordBytes, viewBytes };
}

/** One call per month, each acknowledged before the next: a snapshot every month, the most overhead. */
const monthByMonth = async (api: Comlink.Remote<SimulationApi>) => {
  for (let m = 0; m < MONTHS; m++) {
    const r = await api.step(1);
    if (!r.ok) throw new Error(r.error.message);
  }
};

/** Play at full speed: the timer loop of the app, acknowledgements arriving between ticks. */
const playFlatOut = async (api: Comlink.Remote<SimulationApi>) => {
  await api.setSpeed(Number.POSITIVE_INFINITY);
  const r = await api.play({ untilMonth: MONTHS });
  if (!r.ok) throw new Error(r.error.message);
};

const plain: Timing[] = [];
const stepped: ApiRun[] = [];
const played: ApiRun[] = [];
plainEngine(); // warm-up: JIT and scenario validation compiled before anything is timed
for (let k = 0; k < REPEATS; k++) {
  plain.push(plainEngine());
  stepped.push(await apiPath(monthByMonth));
  played.push(await apiPath(playFlatOut));
}

const wall = (runs: Timing[]) => median(runs.map((t) => t.wall));
const cpu = (runs: Timing[]) => median(runs.map((t) => t.cpu));
const base = { wall: wall(plain), cpu: cpu(plain) };
const row = (name: string, runs: Timing[], snapshots: string) => {
  const [w, c] = [wall(runs), cpu(runs)];
  console.log(
    `${name.padEnd(44)} ${w.toFixed(2).padStart(8)} ${(w / base.wall).toFixed(3).padStart(6)} ${c.toFixed(2).padStart(8)} ${(c / base.cpu).toFixed(3).padStart(6)} ${snapshots.padStart(9)}`,
  );
};

console.log(`\nWorker path benchmark: North East baseline at 1:1, ${MONTHS} months, ${REPEATS} runs each (median), animation sample ${DEFAULT_SAMPLE_SIZE} slots`);
const size = stepped[0];
console.log(
  `snapshot size: ${size.recordBytes + size.viewBytes} bytes = record and market ${size.recordBytes} bytes (JSON) + view ${size.viewBytes} bytes (3 transferred buffers)`,
);
console.log(`${'path'.padEnd(44)} ${'wall ms'.padStart(8)} ${'ratio'.padStart(6)} ${'cpu ms'.padStart(8)} ${'ratio'.padStart(6)} ${'snapshots'.padStart(9)}  (per month)`);
row('plain engine (step + record)', plain, '-');
row('API via comlink, step(1) + ack each month', stepped.map((r) => r.perMonth), String(median(stepped.map((r) => r.snapshots))));
row('API via comlink, play at full speed + acks', played.map((r) => r.perMonth), String(median(played.map((r) => r.snapshots))));
console.log('Both ends of the channel share one thread here; in the browser the page side runs in parallel.');
