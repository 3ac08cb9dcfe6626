/** Entry point of `npm run sensitivity`: see sim/cli/sensitivity.ts. */
import { sensitivityMain } from '../sim/cli/sensitivity';

process.exitCode = await sensitivityMain(process.argv.slice(2), process.env, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
