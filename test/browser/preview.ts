/**
 * The production app for browser tests and benches: `vite build` into a folder of its own, then
 * `vite preview` on a free port, both in-process. Tests that must see what users get (workers
 * bundled, code split, no dev-server transforms) use this instead of the dev server.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Not `dist/`: a developer's own build is left alone. */
const OUT_DIR = 'node_modules/.care-futures-preview';

export async function startPreview(): Promise<{ url: string; close: () => Promise<void> }> {
  await build({ root: ROOT, logLevel: 'error', build: { outDir: OUT_DIR, emptyOutDir: true } });
  const server = await preview({ root: ROOT, logLevel: 'error', build: { outDir: OUT_DIR }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address) throw new Error('vite preview did not report its address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())),
  };
}
