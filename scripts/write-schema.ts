/**
 * Writes the published JSON schemas from their TypeBox sources (the single sources of truth):
 * scenarios/scenario.schema.json from sim/scenario/schema.ts and experiments/experiment.schema.json
 * from sim/experiment/schema.ts. `--check` fails if a committed file is out of date (run by `npm test`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { experimentFileSchema } from '../sim/experiment/file-schema';
import { fileSchema } from '../sim/scenario/file-schema';

const targets: [string, unknown, string][] = [
  ['scenarios/scenario.schema.json', fileSchema(), 'sim/scenario/schema.ts'],
  ['experiments/experiment.schema.json', experimentFileSchema(), 'sim/experiment/schema.ts'],
];
let stale = false;
for (const [file, schema, source] of targets) {
  const target = new URL(`../${file}`, import.meta.url);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing: reported below
    }
    if (current !== text) {
      console.error(`${file} is out of date with ${source}: run \`npm run schema\` and commit it.`);
      stale = true;
    } else console.log(`${file} is up to date`);
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
}
if (stale) process.exit(1);
