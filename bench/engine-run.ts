/**
 * One measured engine run in a fresh process (so peak memory is the engine's own):
 * `tsx bench/engine-run.ts [scenario file] [months] [scale]` prints a JSON line: `initMs` (set-up),
 * `stepMs` (the months), `totalMs` (both: what the bench compares), `cpuMs` (CPU time of the
 * process over the same span, GC and compiler threads included: steadier than wall time on a busy
 * machine), `maxRssMB` (peak resident memory), `work` (how much work the run did, by kind:
 * sim/engine/work-counts.ts). Used by bench/engine.ts, bundled with esbuild.
 */
import { loadScenarioFile } from '../sim/node/files';
import { toParams } from '../sim/params';
import { applyLever } from '../sim/run';
import { Simulation } from '../sim/simulation';

const [file = 'scenarios/north-east-baseline.json', monthsText = '120', scaleText = '1'] = process.argv.slice(2);
const loaded = loadScenarioFile(file);
if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
const scaled = applyLever(loaded.value, 'population.scale', Number(scaleText));
if (!scaled.ok) throw new Error(scaled.issues.map((i) => i.message).join('\n'));
const months = Number(monthsText);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const sim = new Simulation(toParams(scaled.value), 1);
const t1 = performance.now();
let childMonths = 0;
for (let m = 0; m < months; m++) {
  sim.step();
  childMonths += sim.record().children;
}
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    initMs: t1 - t0,
    stepMs: t2 - t1,
    totalMs: t2 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    childMonths,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    heapMB: process.memoryUsage().heapUsed / 1e6,
    work: sim.workCounts(),
  }),
);
