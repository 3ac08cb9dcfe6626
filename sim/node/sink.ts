/**
 * Where a command's document goes: stdout, or a file that appears only when it is complete. This
 * is the one writer of every output file of the CLI (documents, CSV manifests, bundles, workbooks).
 *
 * - The target must be a regular file or not exist yet: a folder, a device (`/dev/null`), a pipe
 *   or a socket, and a symbolic link that leads out of its folder, are refused before anything is
 *   written (renaming over a device node would replace it with a file).
 * - The file is written to a temporary file in the same folder, flushed to the disk (fsync) and
 *   renamed over the target at the end, so a run that fails, is stopped or fills the disk leaves
 *   the previous file as it was.
 * - The temporary file is removed on every failure, and on SIGINT or SIGTERM (then the process
 *   ends by that signal, as it would have). Only SIGKILL (or a power cut) can leave
 *   `.NAME.PID-XXXX.tmp` behind.
 * - Several files that belong together (a CSV and its manifest) are finished first and renamed
 *   only when all are complete (`commitTogether`), so a full disk leaves the old pair.
 *
 * Every write waits for the stream to drain when its buffer is full, so memory stays flat however
 * many runs are written. Every failure becomes an `OutputError` with one line naming the file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, fsyncSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

/** A failure to write the output; its message is one line and names the file. */
export class OutputError extends Error {}

export interface Sink {
  /** Resolves once more may be written without growing memory. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Everything is written: flush to the disk and close; the file is not yet in place. */
  finish(): Promise<void>;
  /** Move a finished file into place (a rename in its own folder). */
  publish(): void;
  /** `finish` then `publish`. */
  commit(): Promise<void>;
  /** Something failed: drop what was written (the target file is left as it was). */
  discard(): Promise<void>;
}

/** Opens the temporary file; tests inject a slow or failing stream here. */
export type OpenFile = (path: string) => Writable;

// flush: fsync before close, so the rename never publishes a file whose bytes are still in memory.
const openFile: OpenFile = (path) => createWriteStream(path, { flags: 'wx', flush: true });

function reason(err: unknown, path: string): string {
  const code = (err as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return `no such folder: ${dirname(path)}`;
    case 'ENOTDIR':
      return `part of ${dirname(path)} is not a folder`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'it is a folder';
    case 'EPIPE':
      return 'the reader closed the pipe';
    default: {
      const text = err instanceof Error ? err.message.split('\n')[0] : String(err);
      return typeof code === 'string' ? `${code}: ${text}` : text;
    }
  }
}

export function outputError(path: string, err: unknown): OutputError {
  return new OutputError(`cannot write ${path}: ${reason(err, path)}`);
}

/** A sink over a function such as `process.stdout.write`: `false` from it means "wait for `drained`". */
export function functionSink(write: (text: string) => unknown, drained?: () => Promise<unknown>): Sink {
  return {
    async write(chunk) {
      if (typeof chunk !== 'string') throw new OutputError('cannot write binary output to stdout: name a file with --out');
      if (write(chunk) === false && drained) await drained();
    },
    async finish() {},
    publish() {},
    async commit() {},
    async discard() {},
  };
}

/** Temporary files being written now, removed if the process is told to stop. */
const live = new Set<string>();

function removeLive(signal: NodeJS.Signals): void {
  for (const temp of live) removeQuietly(temp);
  live.clear();
  stopWatching();
  // End as the signal would have ended the process (exit status 128 + signal number).
  process.kill(process.pid, signal);
}
const onSigint = () => removeLive('SIGINT');
const onSigterm = () => removeLive('SIGTERM');

function stopWatching(): void {
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigterm);
}

function track(temp: string): void {
  if (live.size === 0) {
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
  }
  live.add(temp);
}

function untrack(temp: string): void {
  live.delete(temp);
  if (live.size === 0) stopWatching();
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // never created, or already gone
  }
}

/**
 * The file to replace for `path`: `path` itself, or where a symbolic link in the same folder
 * points. Throws `OutputError` for anything but a regular file or a new name.
 */
export function outputTarget(path: string): string {
  let entry;
  try {
    entry = lstatSync(path);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return path;
    throw outputError(path, err);
  }
  let target = path;
  if (entry.isSymbolicLink()) {
    try {
      target = realpathSync(path);
    } catch (err) {
      throw new OutputError(`cannot write ${path}: a symbolic link to ${(err as { code?: unknown }).code === 'ENOENT' ? 'nothing' : 'what cannot be read'}`);
    }
    if (dirname(target) !== realpathSync(dirname(path))) throw new OutputError(`cannot write ${path}: a symbolic link out of its folder (to ${target})`);
    entry = statSync(target);
  }
  if (entry.isDirectory()) throw new OutputError(`cannot write ${path}: it is a folder`);
  if (!entry.isFile()) throw new OutputError(`cannot write ${path}: not a regular file (a device, pipe or socket); to send output there, leave out --out and redirect stdout`);
  return target;
}

/** Make a rename durable: fsync the folder (where the file system allows it). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported here (some file systems, Windows): the rename itself is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A sink that writes `path` through a temporary file beside it, renamed over `path` on publish.
 * Rejects with `OutputError`, before creating anything, if `path` is not a regular file or a new name.
 */
export async function fileSink(path: string, open: OpenFile = openFile): Promise<Sink> {
  const target = outputTarget(path);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  track(temp);
  let stream: Writable;
  try {
    stream = open(temp);
  } catch (err) {
    untrack(temp);
    throw outputError(path, err);
  }
  let failure: unknown;
  const waiting = new Set<(err: unknown) => void>();
  stream.on('error', (err: unknown) => {
    failure ??= err;
    for (const reject of waiting) reject(err);
  });
  /** Wait for `event`, or reject as soon as the stream fails. */
  const until = (event: string) =>
    new Promise<void>((resolve, reject) => {
      if (failure !== undefined) return reject(outputError(path, failure));
      const fail = (err: unknown) => done(() => reject(outputError(path, err)));
      const ok = () => done(resolve);
      const done = (then: () => void) => {
        waiting.delete(fail);
        stream.off(event, ok);
        then();
      };
      waiting.add(fail);
      stream.once(event, ok);
    });
  const removeTemp = () => {
    removeQuietly(temp);
    untrack(temp);
  };

  if ((stream as { pending?: boolean }).pending) {
    try {
      await until('ready');
    } catch (err) {
      removeTemp();
      throw err;
    }
  }
  let finished = false;
  const sink: Sink = {
    async write(chunk) {
      if (failure !== undefined) throw outputError(path, failure);
      if (!stream.write(chunk)) await until('drain');
    },
    async finish() {
      const ended = until('finish');
      stream.end();
      try {
        await ended;
        if (!stream.closed) await until('close');
        finished = true;
      } catch (err) {
        removeTemp();
        throw err instanceof OutputError ? err : outputError(path, err);
      }
    },
    publish() {
      if (!finished) throw new OutputError(`cannot write ${path}: published before it was finished`);
      try {
        // Checked again just before: the target may have been swapped for a device or a folder meanwhile.
        outputTarget(path);
        renameSync(temp, target);
      } catch (err) {
        removeTemp();
        throw err instanceof OutputError ? err : outputError(path, err);
      }
      untrack(temp);
      syncFolder(dirname(target));
    },
    async commit() {
      await sink.finish();
      sink.publish();
    },
    async discard() {
      if (!stream.destroyed) {
        const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
        stream.destroy();
        await closed;
      }
      removeTemp();
    },
  };
  return sink;
}

/**
 * Files that belong together (a CSV and its manifest): every one finished (written, flushed,
 * closed) before any is renamed into place, so a failure while writing (a full disk) leaves every
 * old file as it was. The renames that follow are in one folder and cannot run out of space; if one
 * fails even so, a merge refuses the mismatched pair by its digest.
 */
export async function commitTogether(sinks: readonly Sink[]): Promise<void> {
  try {
    for (const sink of sinks) await sink.finish();
    for (const sink of sinks) sink.publish();
  } catch (err) {
    for (const sink of sinks) await sink.discard();
    throw err;
  }
}
