/**
 * Finding Chromium: the lookup order and its error, and (on Linux) that every shared library the
 * browser loads resolves, the npm-shipped NSS/NSPR before any system copy.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, mergeArgs, type LookupDeps } from './chromium';
import { extractTar, type NpmChromium } from './chromium-npm';

const SHIPPED: NpmChromium = {
  version: '0.0.0',
  dir: '/cache/0.0.0',
  executablePath: '/cache/0.0.0/chromium',
  libDir: '/cache/0.0.0/lib',
  fontConfig: '/cache/0.0.0/fonts.conf',
  packageArgs: ['--single-process', '--use-angle=swiftshader', '--headless=\'shell\'', '--enable-features=SharedArrayBuffer'],
};

/** A Linux x64 machine with the npm package installed and /usr/bin/chromium too. */
function machine(overrides: Partial<LookupDeps> = {}): Partial<LookupDeps> & { npmCalls: () => number } {
  let calls = 0;
  return {
    env: {},
    platform: 'linux',
    arch: 'x64',
    isExecutable: (path) => path === '/usr/bin/chromium' || path === '/opt/my-chrome',
    npmChromium: async () => {
      calls++;
      return SHIPPED;
    },
    ...overrides,
    npmCalls: () => calls,
  };
}

const FIXES = [/set CHROMIUM_PATH/, /npm install/, /@sparticuz\/chromium/, /install Chromium or Google Chrome/];

describe('finding Chromium', () => {
  it('takes CHROMIUM_PATH first, without unpacking the npm browser', async () => {
    const deps = machine({ env: { CHROMIUM_PATH: '/opt/my-chrome' } });
    const found = await findChromium(deps);
    expect(found).toMatchObject({ source: 'CHROMIUM_PATH', executablePath: '/opt/my-chrome' });
    expect(found.env.LD_LIBRARY_PATH).toBeUndefined();
    expect(deps.npmCalls()).toBe(0);
  });

  it('refuses a CHROMIUM_PATH that is not an executable, naming the three fixes, rather than falling back', async () => {
    const failure = findChromium(machine({ env: { CHROMIUM_PATH: '/opt/typo' } }));
    await expect(failure).rejects.toThrow(/CHROMIUM_PATH is \/opt\/typo, which is not an executable file/);
    for (const fix of FIXES) await expect(failure).rejects.toThrow(fix);
  });

  it('prefers the npm-shipped browser to a system one on Linux x64, its libraries first on LD_LIBRARY_PATH', async () => {
    const found = await findChromium(machine({ env: { LD_LIBRARY_PATH: '/usr/local/lib' } }));
    expect(found).toMatchObject({ source: '@sparticuz/chromium', executablePath: SHIPPED.executablePath });
    expect(found.env.LD_LIBRARY_PATH).toBe('/cache/0.0.0/lib:/usr/local/lib');
    expect(found.env.FONTCONFIG_FILE).toBe(SHIPPED.fontConfig);
  });

  it('uses a system browser where the npm one does not run, or is not installed', async () => {
    for (const deps of [machine({ arch: 'arm64' }), machine({ npmChromium: async () => undefined })]) {
      expect(await findChromium(deps)).toMatchObject({ source: 'system', executablePath: '/usr/bin/chromium' });
    }
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const found = await findChromium(machine({ platform: 'darwin', arch: 'arm64', isExecutable: (path) => path === mac }));
    expect(found.executablePath).toBe(mac);
  });

  it('names the three fixes when there is no browser at all', async () => {
    const failure = findChromium(machine({ npmChromium: async () => undefined, isExecutable: () => false }));
    for (const fix of [/No Chromium was found/, ...FIXES]) await expect(failure).rejects.toThrow(fix);
  });

  it('names the three fixes and the cause when the npm browser cannot be unpacked', async () => {
    const failure = findChromium(machine({ npmChromium: () => Promise.reject(new Error('ENOSPC: no space left on device')) }));
    for (const fix of [/Unpacking the Chromium in @sparticuz\/chromium failed: ENOSPC/, ...FIXES]) await expect(failure).rejects.toThrow(fix);
  });

  it("keeps our flags and the package's graphics flags, without the ones that would change what the page meets", () => {
    const args = mergeArgs(['--headless', '--no-sandbox'], SHIPPED.packageArgs);
    expect(args).toEqual(['--headless', '--no-sandbox', '--use-angle=swiftshader']);
  });
});

/** One tar entry: a GNU header (as in the package's archives) and its data padded to 512 bytes. */
function tarEntry(name: string, type: string, data = '', mode = 0o644): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write(`${mode.toString(8).padStart(7, '0')}\0`, 100);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar  \0', 257);
  return Buffer.concat([header, Buffer.from(data), Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

describe('unpacking the package\'s tar archives', () => {
  it('writes folders and files with their modes, and stops at the end-of-archive block', async () => {
    const into = mkdtempSync(join(tmpdir(), 'care-futures-tar-'));
    try {
      const archive = Buffer.concat([tarEntry('lib/', '5'), tarEntry('lib/a.so', '0', 'x'.repeat(600), 0o755), Buffer.alloc(1024)]);
      await extractTar(archive, into);
      expect(readFileSync(join(into, 'lib/a.so'), 'utf8')).toBe('x'.repeat(600));
      expect(statSync(join(into, 'lib/a.so')).mode & 0o777).toBe(0o755);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  it('refuses entries it does not understand or that point outside the folder', async () => {
    await expect(extractTar(tarEntry('link', '2'), tmpdir())).rejects.toThrow(/type 2/);
    await expect(extractTar(tarEntry('../escape', '0', 'x'), tmpdir())).rejects.toThrow(/outside the folder/);
  });
});

describe('the npm-shipped browser', () => {
  it('finds every shared library it and its SwiftShader load, NSS and NSPR from its own copies', async (context) => {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      context.skip(`the npm-shipped Chromium (and ldd) is for Linux x64; this is ${process.platform} ${process.arch}`);
    }
    // Without CHROMIUM_PATH, so a developer's own browser (often a wrapper script) does not stand in for it.
    const found = await findChromium({ env: { ...process.env, CHROMIUM_PATH: undefined } });
    expect(found.source).toBe('@sparticuz/chromium');
    const dir = join(found.executablePath, '..');
    const libraries = readdirSync(dir).filter((name) => /\.so(\.\d+)*$/.test(name)).map((name) => join(dir, name));
    expect(libraries.length).toBeGreaterThan(0);
    for (const binary of [found.executablePath, ...libraries]) {
      const ldd = execFileSync('ldd', [binary], { env: found.env, encoding: 'utf8' });
      expect(ldd.split('\n').filter((line) => line.includes('not found')), `${binary}:\n${ldd}`).toEqual([]);
    }
    // The bundled copies, not the system's: a fresh machine has none, and this shows ours suffice.
    const ldd = execFileSync('ldd', [found.executablePath], { env: found.env, encoding: 'utf8' });
    const libDir = found.env.LD_LIBRARY_PATH.split(':')[0];
    for (const library of ['libnspr4.so', 'libnss3.so', 'libnssutil3.so', 'libexpat.so.1']) {
      expect(ldd).toContain(`${library} => ${join(libDir, library)}`);
    }
  });
});
