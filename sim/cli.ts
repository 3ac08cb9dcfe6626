/** Entry point of `npm run sim`: see `sim/cli/main.ts`. */
import { once } from 'node:events';
import { main } from './cli/main';
import { stdoutFailure } from './cli/stdout';

process.stdout.on('error', stdoutFailure);

const code = await main(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  drained: () => once(process.stdout, 'drain'),
});
process.exitCode = code;
