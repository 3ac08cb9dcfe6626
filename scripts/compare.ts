/** Entry point of `npm run compare`: see sim/cli/compare.ts. */
import { compareMain } from '../sim/cli/compare';

process.exitCode = await compareMain(process.argv.slice(2), process.env, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: process.stderr.isTTY === true,
});
