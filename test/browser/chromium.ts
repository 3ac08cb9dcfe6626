/**
 * Which Chromium the browser tests, the render bench and `npm run screenshot` drive, and how to
 * launch it. Looked for in this order:
 *
 *   1. CHROMIUM_PATH, when set (and then it must be right: a typo is an error, not a fallback);
 *   2. on Linux x64, the Chromium inside the devDependency @sparticuz/chromium, so `npm install`
 *      is all a fresh machine needs (no root, no apt-get, no browser download);
 *   3. a system Chromium or Chrome in the usual places (macOS, Windows, Linux on ARM...).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { NPM_CHROMIUM_PACKAGE, npmChromium, type NpmChromium } from './chromium-npm';

/** Headless, no sandbox (root), software WebGL, and no calls out of this closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * The package's recommended flags we leave out, and why. Its remaining flags (SwiftShader through
 * ANGLE for WebGL 2, no zygote, in-process GPU, ...) are kept.
 */
const REFUSED_PACKAGE_FLAGS: ReadonlySet<string> = new Set([
  // Lambda forbids the sandbox's prctl; elsewhere the multi-process model works and is the one a
  // user's browser has, which the long-task test measures.
  '--single-process',
  // Would hide CORS and mixed-content errors a user's browser shows.
  '--disable-web-security',
  '--allow-running-insecure-content',
  // A second --disable-features / --enable-features replaces Playwright's own list instead of
  // adding to it; and SharedArrayBuffer without cross-origin isolation would hide a dependency
  // on it that the app must not have.
  '--disable-features',
  '--enable-features',
]);

export interface ChromiumLaunch {
  /** Where it was found, for messages and reports. */
  source: 'CHROMIUM_PATH' | typeof NPM_CHROMIUM_PACKAGE | 'system';
  executablePath: string;
  args: string[];
  /** The browser process's whole environment (Playwright replaces, not extends, with `env`). */
  env: Record<string, string>;
}

/** What the lookup reads from the machine; the tests swap these. */
export interface LookupDeps {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  isExecutable: (path: string) => boolean;
  npmChromium: () => Promise<NpmChromium | undefined>;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where a system browser usually lives, per platform. */
export function systemCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'].flatMap((app) => [
      join('/Applications', app),
      ...(env.HOME ? [join(env.HOME, 'Applications', app)] : []),
    ]);
  }
  if (platform === 'win32') {
    return [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]
      .filter((dir): dir is string => dir !== undefined)
      .map((dir) => join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
}

function howToFix(problem: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Error {
  return new Error(
    `${problem}\nThe browser tests, \`npm run bench:render\` and \`npm run screenshot\` need Chromium. Any one of these fixes it:\n` +
      '  1. set CHROMIUM_PATH to a Chromium or Chrome executable;\n' +
      `  2. on Linux x64, run \`npm install\` (or \`npm ci\`) with devDependencies, which brings ${NPM_CHROMIUM_PACKAGE}` +
      ' (unpacked into node_modules/.cache on first use);\n' +
      `  3. install Chromium or Google Chrome where it is looked for: ${systemCandidates(platform, env).join(', ')}.`,
  );
}

/** Our flags first, then the package's that we keep; for a flag given by both (--headless, --no-sandbox), ours wins. */
export function mergeArgs(ours: readonly string[], packageArgs: readonly string[]): string[] {
  const switchOf = (arg: string): string => arg.split('=')[0];
  const taken = new Set(ours.map(switchOf));
  const kept = packageArgs.filter((arg) => !REFUSED_PACKAGE_FLAGS.has(switchOf(arg)) && !taken.has(switchOf(arg)));
  return [...ours, ...kept];
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export async function findChromium(deps: Partial<LookupDeps> = {}): Promise<ChromiumLaunch> {
  const { env = process.env, platform = process.platform, arch = process.arch, isExecutable = isExecutableFile } = deps;
  const args = [...CHROMIUM_ARGS];
  const explicit = env.CHROMIUM_PATH;
  if (explicit !== undefined && explicit !== '') {
    if (!isExecutable(explicit)) throw howToFix(`CHROMIUM_PATH is ${explicit}, which is not an executable file.`, platform, env);
    return { source: 'CHROMIUM_PATH', executablePath: explicit, args, env: stringEnv(env) };
  }
  if (platform === 'linux' && arch === 'x64') {
    const shipped = await (deps.npmChromium ?? npmChromium)().catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw howToFix(`Unpacking the Chromium in ${NPM_CHROMIUM_PACKAGE} failed: ${reason}`, platform, env);
    });
    if (shipped) {
      // Only the browser gets the bundled NSS/NSPR: put in the test process, they would be loaded
      // by anything else it starts too.
      const libraryPath = [shipped.libDir, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
      return {
        source: NPM_CHROMIUM_PACKAGE,
        executablePath: shipped.executablePath,
        args: mergeArgs(args, shipped.packageArgs),
        env: { ...stringEnv(env), LD_LIBRARY_PATH: libraryPath, FONTCONFIG_FILE: shipped.fontConfig },
      };
    }
  }
  const system = systemCandidates(platform, env).find(isExecutable);
  if (system) return { source: 'system', executablePath: system, args, env: stringEnv(env) };
  throw howToFix('No Chromium was found.', platform, env);
}

/** Finds Chromium (see the top of this file) and starts it headless. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const { executablePath, args, env } = await findChromium();
  return chromium.launch({ executablePath, args: [...args, ...extraArgs], env });
}
