/**
 * Bundles the command-line tools into build/cli/<name>.mjs (esbuild: one file each, every
 * dependency inside, plain JavaScript), so a run starts without compiling TypeScript: about 2.7 s
 * of CPU before the first month under tsx, a fraction of that from the bundle (docs/scaling.md).
 *
 * `npm run build:cli` runs this; `scripts/cli.mjs` (behind `npm run sim`, `compare`, `merge`) runs
 * it on demand when the bundle is missing or older than a file it was built from, which
 * build/cli/inputs.json lists. The container image builds it once (Dockerfile).
 *
 * The bundles sit two folders below the repository, as sim/node/files.ts does, because that module
 * finds the shipped scenarios at `../../scenarios` from its own address.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Each command and its TypeScript entry point (the `npm run` script of the same name). */
export const CLI_ENTRIES = {
  sim: 'sim/cli.ts',
  compare: 'scripts/compare.ts',
  merge: 'scripts/merge.ts',
  experiment: 'scripts/experiment.ts',
  sensitivity: 'scripts/sensitivity.ts',
  council: 'scripts/council.ts',
} as const;

/**
 * Bundles beside the commands that are not commands: the run pool's worker threads load
 * `run-pool-worker.mjs` (sim/node/run-pool.ts looks for it beside itself).
 */
export const WORKER_ENTRIES = { 'run-pool-worker': 'sim/node/run-task.ts' } as const;

/**
 * Left out of the bundles, loaded from node_modules: tinypool starts its threads from its own
 * files (its worker entry, found beside its module), which a bundle would not have. The image copies it.
 */
export const EXTERNAL_PACKAGES = ['tinypool'];

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI_BUNDLE_DIR = join(ROOT, 'build', 'cli');
/** What the launcher reads: the commands built and every file of the repository they came from. */
export const INPUTS_FILE = 'inputs.json';
/** `node build/cli/run.mjs <command> ARGS...`: the one entry point (the launcher's and the container's). */
export const DISPATCH_FILE = 'run.mjs';

function dispatcher(commands: readonly string[]): string {
  return `// Written by scripts/build-cli.ts: runs build/cli/<command>.mjs with the arguments after the command.
const commands = ${JSON.stringify(commands)};
const [name] = process.argv.splice(2, 1);
if (!commands.includes(name)) {
  process.stderr.write(\`\${name === undefined ? 'no command given' : \`no command "\${name}"\`}: the first argument is one of \${commands.join(', ')}\\n\`);
  process.exit(2);
}
await import(\`./\${name}.mjs\`);
`;
}

export interface BundleInputs {
  entries: string[];
  /** Paths relative to the repository; dependencies are stood for by package-lock.json. */
  inputs: string[];
}

/** Also stale when these change: how the bundle is built, and the installed dependencies. */
const ALWAYS_INPUTS = ['scripts/build-cli.ts', 'package-lock.json'];

export async function buildCli(): Promise<BundleInputs> {
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  // Built aside and renamed into place file by file: a process starting meanwhile (another shard's
  // task on a shared disk) reads either the old bundle or the new one, never half of one.
  const staging = mkdtempSync(join(ROOT, 'build', 'cli-staging-'));
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: { ...CLI_ENTRIES, ...WORKER_ENTRIES },
      external: EXTERNAL_PACKAGES,
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      metafile: true,
      logLevel: 'warning',
      // Bundled CommonJS dependencies (ajv, seedrandom) call `require` for Node's own modules.
      banner: { js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);" },
    });
    const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules/'));
    const described: BundleInputs = { entries: Object.keys(CLI_ENTRIES), inputs: [...new Set([...inputs, ...ALWAYS_INPUTS])].sort() };
    writeFileSync(join(staging, DISPATCH_FILE), dispatcher(described.entries));
    writeFileSync(join(staging, INPUTS_FILE), `${JSON.stringify(described, null, 1)}\n`);
    mkdirSync(CLI_BUNDLE_DIR, { recursive: true });
    // inputs.json last: its time is the build's time, which the launcher compares against.
    for (const file of [...described.entries.map((name) => `${name}.mjs`), ...Object.keys(WORKER_ENTRIES).map((name) => `${name}.mjs`), DISPATCH_FILE]) renameSync(join(staging, file), join(CLI_BUNDLE_DIR, file));
    renameSync(join(staging, INPUTS_FILE), join(CLI_BUNDLE_DIR, INPUTS_FILE));
    return described;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildCli();
  process.stderr.write(`built ${built.entries.map((e) => relative(ROOT, join(CLI_BUNDLE_DIR, `${e}.mjs`))).join(', ')} from ${built.inputs.length} files\n`);
}
