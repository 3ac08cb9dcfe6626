/** Entry point of `npm run experiment`: see sim/cli/experiment.ts. */
import { experimentMain } from '../sim/cli/experiment';

process.exitCode = await experimentMain(process.argv.slice(2), process.env, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: process.stderr.isTTY === true,
});
