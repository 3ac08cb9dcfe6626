/**
 * What the CLI entry points do when stdout fails. A closed pipe (`npm run sim ... | head`) is the
 * reader's choice, not an error; anything else (a full disk behind a redirect) is one line on
 * stderr and exit 74, never a stack trace.
 */
import { EXIT } from './exit-codes';

export function stdoutFailure(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
  process.stderr.write(`error: cannot write to stdout: ${err.code ?? err.message.split('\n')[0]}\n`);
  process.exit(EXIT.cannotWrite);
}
