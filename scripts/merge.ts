/** Entry point of `npm run merge`: see sim/cli/merge.ts. */
import { mergeMain } from '../sim/cli/merge';

process.exitCode = mergeMain(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
