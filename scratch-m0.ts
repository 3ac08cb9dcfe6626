import { ratesOf } from './sim/council-fit/fit';
import { loadScenarioFile } from './sim/node/files';
import { runScenario } from './sim/run';
const s = loadScenarioFile('scenarios/north-east-councils.json'); if (!s.ok) throw 0;
const sc = structuredClone(s.value); sc.population.scale = Number(process.argv[2] ?? 0.25);
for (const seed of [11, 12]) {
const r = runScenario(sc, { seed, months: 3 }); if (!r.ok) throw 0;
for (const code of ['E06000005', 'E06000001', 'E06000057']) console.log(seed, code, r.value.slice(0, 4).map(x => ratesOf(x.councils![code]).lookedAfter.toFixed(1)).join(' '), r.value[0].councils![code].children);
}
