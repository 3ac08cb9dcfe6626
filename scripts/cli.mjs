// Runs one command of the CLI from its bundle: `node scripts/cli.mjs sim ARGS...` (behind `npm run
// sim`, `compare` and `merge`). Plain JavaScript, so starting it compiles nothing; it rebuilds the
// bundle first (scripts/build-cli.ts) when it is missing or older than a file it was built from,
// so a fresh clone, a `git pull` or an edit needs no extra step.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundleDir = `${root}build/cli/`;

/** @returns {string | undefined} why the bundle must be rebuilt, or undefined when it is current */
function staleness() {
  let described;
  try {
    described = JSON.parse(readFileSync(`${bundleDir}inputs.json`, 'utf8'));
  } catch {
    return 'not built yet';
  }
  const builtAt = statSync(`${bundleDir}inputs.json`).mtimeMs;
  for (const input of described.inputs) {
    try {
      if (statSync(`${root}${input}`).mtimeMs > builtAt) return `${input} changed`;
    } catch {
      return `${input} is gone`;
    }
  }
  return undefined;
}

const why = staleness();
if (why !== undefined) {
  process.stderr.write(`building the CLI bundle (${why})\n`);
  // The build's own messages go to stderr: stdout carries only the command's document.
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-cli.ts'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (built.status !== 0) {
    process.stderr.write('error: could not build the CLI bundle (see above; `npm run build:cli` builds it alone)\n');
    process.exit(70);
  }
}
// build/cli/run.mjs takes the command from the arguments, as the container's entry point does.
await import(pathToFileURL(`${bundleDir}run.mjs`).href);
