/** `npm run update-baseline`: rewrite the regression reference after a deliberate model change. */
import { writeFileSync } from 'node:fs';
import { summarise } from '../test/regression/summary';

writeFileSync(new URL('../test/regression/baseline.json', import.meta.url), `${JSON.stringify(summarise(), null, 2)}\n`);
console.log('wrote test/regression/baseline.json: commit it with the model change that explains it');
