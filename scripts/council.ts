/** Entry point of `npm run council`: see sim/cli/council-import.ts. */
import { councilMain } from '../sim/cli/council-import';

process.exitCode = await councilMain(process.argv.slice(2), process.env, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
