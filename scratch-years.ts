import { meanCouncilRates, runFitWindow, targetsOf } from './sim/council-fit/fit';
import { loadScenarioFile } from './sim/node/files';
const s = loadScenarioFile('scenarios/north-east-councils.json'); if (!s.ok) throw 0;
const runs = runFitWindow(s.value, { seeds: [11, 12], months: 60, scale: 0.25 }); if (!runs.ok) throw 0;
for (const c of s.value.councils!) {
  const t = targetsOf(s.value, c.code);
  const row = [0,1,2,3,4].map(y => meanCouncilRates(runs.value, y*12, y*12+12)[c.code]);
  const first = meanCouncilRates(runs.value, 0, 1)[c.code];
  console.log(c.name.padEnd(22), 'LA', t.lookedAfter, first.lookedAfter.toFixed(0), row.map(r=>r.lookedAfter.toFixed(0)).join(' '), '| CP', t.childProtection, row.map(r=>r.childProtection.toFixed(0)).join(' '), '| CIN', t.childrenInNeed, row.map(r=>r.childrenInNeed.toFixed(0)).join(' '));
}
