/**
 * Render benchmark: frame time of the pathway map in headless Chromium for 0 (empty scene), 5k,
 * 20k and 50k particles, fed synthetic snapshots (no engine). `npm run bench:render`.
 *
 * Headless Chromium draws WebGL with SwiftShader, a CPU rasteriser, so absolute figures are far
 * below a laptop GPU's; the ratio to the empty scene is the comparable number. Chromium's frame
 * rate limit is lifted so frames take as long as they really cost instead of snapping to 60 fps.
 *
 * Options: --particles=0,5000,20000,50000  --seconds=4  --size=1920x1080  --json
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import type { FrameStats } from './render-protocol';
import { launchChromium } from '../test/browser/chromium';

interface Row extends FrameStats {
  /** Script and garbage collection on the page's main thread per frame, from a CPU profile. */
  jsMs: number;
  /** Native calls made from script per frame: mostly WebGL calls, which block while the GPU process is busy. */
  nativeMs: number;
}

/** Where a CPU-profile sample's time went. */
function classify(node: { callFrame: { functionName: string; url: string } }): 'js' | 'native' | 'other' {
  const name = node.callFrame.functionName;
  if (name === '(idle)' || name === '(program)' || name === '(root)') return 'other';
  if (name === '(garbage collector)' || node.callFrame.url !== '') return 'js';
  return 'native';
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Options {
  particles: number[];
  seconds: number;
  width: number;
  height: number;
  json: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { particles: [0, 5_000, 20_000, 50_000], seconds: 4, width: 1920, height: 1080, json: false };
  for (const arg of argv) {
    const [key, value = ''] = arg.replace(/^--/, '').split('=');
    if (key === 'particles') options.particles = value.split(',').map(Number);
    else if (key === 'seconds') options.seconds = Number(value);
    else if (key === 'size') [options.width, options.height] = value.split('x').map(Number);
    else if (key === 'json') options.json = true;
    else throw new Error(`bench:render: unknown option ${arg} (known: --particles=, --seconds=, --size=WxH, --json)`);
  }
  const bad = options.particles.find((n) => !Number.isInteger(n) || n < 0);
  if (bad !== undefined) throw new Error(`bench:render: --particles expects whole numbers >= 0, found ${bad}`);
  if (!(options.seconds > 0)) throw new Error(`bench:render: --seconds expects a number > 0, found ${options.seconds}`);
  if (!(options.width > 0 && options.height > 0)) throw new Error('bench:render: --size expects WIDTHxHEIGHT, e.g. 1920x1080');
  return options;
}

async function measure(browser: Browser, base: string, n: number, options: Options): Promise<Row> {
  const page = await browser.newPage({ viewport: { width: options.width, height: options.height }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${base}bench/render.html?n=${n}&interval=500`);
    await page.waitForFunction(() => window.renderBench !== undefined, undefined, { timeout: 120_000 });
    await page.evaluate(() => window.renderBench?.ready);
    // Warm-up: shader compilation, text textures and the JIT settle before we count.
    await page.evaluate(() => window.renderBench?.measure(1_500));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    const stats = await page.evaluate((ms) => window.renderBench?.measure(ms), options.seconds * 1000);
    const { profile } = await cdp.send('Profiler.stop');
    if (!stats) throw new Error('bench page did not answer');
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const kind = new Map(profile.nodes.map((node) => [node.id, classify(node)]));
    const deltas = profile.timeDeltas ?? [];
    const samples = profile.samples ?? [];
    const micros = { js: 0, native: 0, other: 0 };
    for (let i = 0; i < samples.length; i++) micros[kind.get(samples[i]) ?? 'other'] += deltas[i] ?? 0;
    const perFrame = (us: number): number => us / 1000 / Math.max(stats.frames, 1);
    return { ...stats, jsMs: perFrame(micros.js), nativeMs: perFrame(micros.native) };
  } finally {
    await page.close();
  }
}

function table(rows: readonly Row[]): string {
  const empty = rows.find((r) => r.particles === 0)?.meanMs ?? rows[0]?.meanMs ?? 1;
  const head = ['particles', 'frames', 'mean ms', 'p95 ms', 'fps', 'x empty', 'JS ms/frame', 'GL calls ms/frame'];
  const body = rows.map((r) => [
    r.particles.toLocaleString('en-GB'),
    String(r.frames),
    r.meanMs.toFixed(2),
    r.p95Ms.toFixed(2),
    r.fps.toFixed(1),
    (r.meanMs / empty).toFixed(2),
    r.jsMs.toFixed(2),
    r.nativeMs.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await createServer({
      root: ROOT,
      logLevel: 'error',
      server: { port: 0, strictPort: false, host: '127.0.0.1', hmr: false, watch: null },
    });
    await server.listen();
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('vite dev server has no local address');

    // Let frames run as fast as they can, so the interval is the frame's real cost.
    browser = await launchChromium(['--disable-frame-rate-limit', '--disable-gpu-vsync']);
    const version = browser.version();
    const rows: Row[] = [];
    for (const n of options.particles) rows.push(await measure(browser, base, n, options));

    if (options.json) {
      console.log(JSON.stringify({ chromium: version, width: options.width, height: options.height, rows }, null, 2));
    } else {
      console.log(`Pathway map render, headless Chromium ${version} (WebGL on SwiftShader, CPU), ` +
        `${options.width}x${options.height}, ${options.seconds} s per row, a snapshot every 500 ms`);
      console.log(table(rows));
      console.log(
        'mean/p95 ms: time between frames (rasterising on the CPU dominates). JS ms/frame: script and GC on the main ' +
          'thread (map, pixi, and the bench page\'s synthetic snapshots), what a GPU does not take away. GL calls ' +
          'ms/frame: native calls from script, mostly WebGL, which wait here for the CPU rasteriser.',
      );
    }
  } finally {
    await browser?.close();
    await server?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
