/**
 * The Chromium shipped inside the npm package @sparticuz/chromium (Linux x64), unpacked once per
 * package version into node_modules/.cache/care-futures-chromium/<version>/ with everything it
 * loads beside it:
 *
 *   chromium                      the headless shell (about 190 MB unpacked)
 *   libEGL.so, libGLESv2.so, ...  SwiftShader: Chromium looks for them next to its binary
 *   lib/                          NSS, NSPR and expat built for the binary; the package unpacks
 *                                 them only on AWS Lambda, so we do it ourselves
 *   fonts/, fonts.conf            Open Sans plus the system's fonts, for machines with none
 *
 * Not the package's own `executablePath()`: it unpacks into fixed paths in the temp folder
 * (/tmp/chromium, ...) whatever its version, so a leftover from another version crashes the
 * browser, and a second process can find a half-written binary there.
 */
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompress, createBrotliDecompress } from 'node:zlib';

export const NPM_CHROMIUM_PACKAGE = '@sparticuz/chromium';
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/care-futures-chromium/', import.meta.url));
/** A temporary folder older than this belongs to an unpacking that died, not one under way. */
const STALE_MS = 60 * 60 * 1000;

export interface NpmChromium {
  version: string;
  /** The folder everything was unpacked into. */
  dir: string;
  executablePath: string;
  /** The folder of NSS, NSPR and expat, to put first on the browser's LD_LIBRARY_PATH. */
  libDir: string;
  /** For FONTCONFIG_FILE. */
  fontConfig: string;
  /** The flags the package recommends, unfiltered. */
  packageArgs: string[];
}

/** The package's folder and version, or undefined when it is not installed (e.g. `npm install --omit=dev`). */
function findPackage(): { root: string; version: string } | undefined {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(NPM_CHROMIUM_PACKAGE);
  } catch {
    return undefined;
  }
  // Its exports hide package.json, so walk up from the entry point to the folder that has it.
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === NPM_CHROMIUM_PACKAGE && version) return { root: dir, version };
  }
  throw new Error(`${NPM_CHROMIUM_PACKAGE} resolved to ${entry} but its package.json was not found above it`);
}

/** Unpacks (first time only) and returns the npm-shipped Chromium, or undefined if the package is absent. */
export async function npmChromium(): Promise<NpmChromium | undefined> {
  const found = findPackage();
  if (!found) return undefined;
  const { default: Chromium } = await import('@sparticuz/chromium');
  const dir = join(CACHE, found.version);
  if (!existsSync(join(dir, 'chromium'))) await unpack(join(found.root, 'bin'), dir);
  return {
    version: found.version,
    dir,
    executablePath: join(dir, 'chromium'),
    libDir: join(dir, 'lib'),
    fontConfig: join(dir, 'fonts.conf'),
    packageArgs: Chromium.args,
  };
}

/**
 * Unpacks into a temporary folder beside `dir` and renames it into place, so a concurrent test run
 * either sees the whole browser or none of it; the loser of the race drops its copy.
 */
async function unpack(bin: string, dir: string): Promise<void> {
  await mkdir(CACHE, { recursive: true });
  const tmp = await mkdtemp(join(CACHE, '.tmp-'));
  try {
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(tmp, 'chromium'), { mode: 0o755 }));
    for (const archive of ['swiftshader.tar.br', 'al2023.tar.br', 'fonts.tar.br']) {
      await extractTar(await promisify(brotliDecompress)(await readFile(join(bin, archive))), tmp);
    }
    // The package's fonts.conf names Lambda's folders (/tmp/fonts, /var/task/fonts); ours adds the
    // bundled Open Sans to the system's fonts, so text is drawn on a machine with none installed.
    await writeFile(join(tmp, 'fonts.conf'), fontConfig(dir));
    // mkdtemp made it private; the browser is no secret, and other users of this checkout may run it.
    await chmod(tmp, 0o755);
    await rename(tmp, dir);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if (existsSync(join(dir, 'chromium'))) return;
    throw error;
  }
  await removeOthers(dir);
}

function fontConfig(dir: string): string {
  const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${xml(join(dir, 'fonts'))}</dir>`,
    `  <cachedir>${xml(join(dir, 'fonts-cache'))}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

/** Other versions' browsers and dead unpackings: 200 MB each, never used again. */
async function removeOthers(keep: string): Promise<void> {
  for (const name of await readdir(CACHE)) {
    const path = join(CACHE, name);
    if (path === keep) continue;
    // Another process may finish or drop its temporary folder meanwhile: then there is nothing to do.
    const changed = (await stat(path).catch(() => undefined))?.mtimeMs ?? 0;
    if (name.startsWith('.tmp-') && Date.now() - changed < STALE_MS) continue;
    await rm(path, { recursive: true, force: true });
  }
}

/**
 * Writes the regular files and folders of a tar archive (ustar or GNU, as the package's are) under
 * `into`. Anything else (links, long names, pax headers) is refused rather than half-understood.
 */
export async function extractTar(archive: Buffer, into: string): Promise<void> {
  const field = (at: number, length: number, offset: number): string =>
    archive.subarray(offset + at, offset + at + length).toString('utf8').replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const name = field(0, 100, offset);
    if (name === '') return;
    const prefix = field(257, 6, offset) === 'ustar' ? field(345, 155, offset) : '';
    const path = normalize(prefix ? `${prefix}/${name}` : name);
    if (isAbsolute(path) || path.split(sep)[0] === '..') throw new Error(`tar entry ${path} points outside the folder`);
    const size = parseInt(field(124, 12, offset).trim() || '0', 8);
    const mode = parseInt(field(100, 8, offset).trim() || '644', 8) & 0o777;
    const type = field(156, 1, offset) || '0';
    const data = archive.subarray(offset + 512, offset + 512 + size);
    if (type === '5') await mkdir(join(into, path), { recursive: true });
    else if (type === '0') {
      await mkdir(dirname(join(into, path)), { recursive: true });
      await writeFile(join(into, path), data, { mode });
    } else throw new Error(`tar entry ${path} has type ${type}, which this reader does not handle`);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}
