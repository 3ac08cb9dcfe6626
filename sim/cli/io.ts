/**
 * What every command does with its output and its failures: stdout or an `--out` file written
 * safely (`sim/node/sink.ts`), and one line on stderr with the right exit code for anything thrown.
 */
import { commitTogether, fileSink, functionSink, OutputError, type Sink } from '../node/sink';
import { EXIT } from './exit-codes';
import type { CliIo } from './prepare';
import { terminalLines } from '../text/terminal';

/**
 * The same channels, with stderr cleaned for a terminal: messages quote names, paths and values
 * from files, and an escape sequence among them must not reach the reader's terminal.
 */
export function terminalSafe(io: CliIo): CliIo {
  return { ...io, stderr: (text) => io.stderr(terminalLines(text)) };
}

/** Runs `body`; an `OutputError` becomes exit 74 and anything unexpected exit 70, each as one line. */
export async function guarded(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    return err instanceof OutputError ? EXIT.cannotWrite : EXIT.internal;
  }
}

/** stdout, or a file that appears when complete. */
export function openSink(io: CliIo, out: string | undefined): Promise<Sink> {
  return out !== undefined ? fileSink(out, io.openFile) : Promise.resolve(functionSink(io.stdout, io.drained));
}

/** Write `content` as a whole file (through its own temporary file): text, or a workbook's bytes. */
export function writeWhole(io: CliIo, path: string, content: string | Uint8Array): Promise<void> {
  return writeDocument(io, path, content);
}

/**
 * Finish a document written to `sink` and, for a CSV written to a file, its manifest beside it:
 * both replace the old pair, or (on any failure, a full disk included) neither does.
 */
export async function commitWithManifest(io: CliIo, sink: Sink, manifest?: { path: string; text: string }): Promise<void> {
  if (manifest === undefined) return sink.commit();
  const side = await fileSink(manifest.path, io.openFile);
  try {
    await side.write(manifest.text);
  } catch (err) {
    await side.discard();
    throw err;
  }
  await commitTogether([sink, side]);
}

/** Write a whole document to `--out` (replaced only when complete) or, without it, to stdout. */
export async function writeDocument(io: CliIo, out: string | undefined, text: string | Uint8Array): Promise<void> {
  const sink = await openSink(io, out);
  try {
    await sink.write(text);
    await sink.commit();
  } catch (err) {
    await sink.discard();
    throw err;
  }
}
