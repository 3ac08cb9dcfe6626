/**
 * Writes scenarios/scenario.schema.json from sim/scenario/schema.ts (the single source of truth).
 * `--check` fails if the committed file is out of date (run by `npm test`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileSchema } from '../sim/scenario/file-schema';

const target = new URL('../scenarios/scenario.schema.json', import.meta.url);
const text = `${JSON.stringify(fileSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== text) {
    console.error('scenarios/scenario.schema.json is out of date with sim/scenario/schema.ts: run `npm run schema` and commit it.');
    process.exit(1);
  }
  console.log('scenario.schema.json is up to date');
} else {
  writeFileSync(target, text);
  console.log('wrote scenarios/scenario.schema.json');
}
