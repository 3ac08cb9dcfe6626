/** Entry point of `npm run merge`: see sim/cli/merge.ts. */
import { once } from 'node:events';
import { mergeMain } from '../sim/cli/merge';
import { stdoutFailure } from '../sim/cli/stdout';

process.stdout.on('error', stdoutFailure);
process.exitCode = await mergeMain(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  drained: () => once(process.stdout, 'drain'),
});
