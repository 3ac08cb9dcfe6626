/**
 * Where a command's document goes: stdout, or a file that appears only when it is complete.
 *
 * A file is written to a temporary file in the same folder and renamed over the target at the end,
 * so a run that fails, is killed or fills the disk leaves the previous file as it was (and no
 * temporary file behind, when it fails in-process; a killed process may leave `.NAME.PID-XXXX.tmp`). Every write waits for the stream to drain when
 * its buffer is full, so memory stays flat however many runs are written. Every stream error
 * becomes an `OutputError` with a one-line message naming the file.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

/** A failure to write the output; its message is one line and names the file. */
export class OutputError extends Error {}

export interface Sink {
  /** Resolves once more may be written without growing memory. */
  write(text: string): Promise<void>;
  /** Everything is written: flush, close and move the file into place. */
  commit(): Promise<void>;
  /** Something failed: drop what was written (the target file is left as it was). */
  discard(): Promise<void>;
}

/** Opens the temporary file; tests inject a slow or failing stream here. */
export type OpenFile = (path: string) => Writable;

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
    async write(text) {
      if (write(text) === false && drained) await drained();
    },
    async commit() {},
    async discard() {},
  };
}

/**
 * A sink that writes `path` through a temporary file beside it, renamed over `path` on commit.
 * A device or pipe (e.g. /dev/null) is written directly: there is nothing to rename over it.
 * Rejects with `OutputError` if it cannot start.
 */
export async function fileSink(path: string, open: OpenFile = openFile): Promise<Sink> {
  let direct = false;
  try {
    const target = statSync(path);
    if (target.isDirectory()) throw new OutputError(`cannot write ${path}: it is a folder`);
    direct = !target.isFile();
  } catch (err) {
    if (err instanceof OutputError) throw err;
    if ((err as { code?: unknown }).code !== 'ENOENT') throw outputError(path, err);
  }
  const temp = direct ? path : join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const stream: Writable = direct ? createWriteStream(path) : open(temp);
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
    if (direct) return;
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already gone
    }
  };

  if ((stream as { pending?: boolean }).pending) {
    try {
      await until('ready');
    } catch (err) {
      removeTemp();
      throw err;
    }
  }
  return {
    async write(text) {
      if (failure !== undefined) throw outputError(path, failure);
      if (!stream.write(text)) await until('drain');
    },
    async commit() {
      const finished = until('finish');
      stream.end();
      try {
        await finished;
        if (!stream.closed) await until('close');
        if (!direct) renameSync(temp, path);
      } catch (err) {
        removeTemp();
        throw err instanceof OutputError ? err : outputError(path, err);
      }
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
}
