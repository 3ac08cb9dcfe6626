/**
 * `npm run compare -- --check-bundle FILE`: re-run a result bundle (from the app or `--bundle`) and
 * say whether its results are reproduced to the last bit, as the app's "Open bundle…" does.
 * Exit 0 when confirmed, 1 when the bundle is refused or the results differ.
 */
import { checkAgainst, readBundle } from '../comparison/bundle';
import { resolveRequest } from '../comparison/request';
import { digestResults } from '../comparison/results';
import { runSide, seedsOf, summarise, type PairedResults } from '../comparison/summary';
import { directoryLoader, readJsonFile, SCENARIO_DIR } from '../node/files';
import { EXIT } from './exit-codes';
import { report, type CliIo } from './prepare';

/** A bundle holds two scenarios and a summary: tens of kilobytes; anything near this is not one. */
const MAX_BUNDLE_BYTES = 20_000_000;

export async function checkBundleFile(path: string, io: CliIo): Promise<number> {
  // Read with the CLI's checks for input files (size, UTF-8, JSON); the bundle's checksum is over
  // its JSON as written, which parsing and writing again reproduces.
  const doc = readJsonFile(path, MAX_BUNDLE_BYTES, 'a result bundle');
  if (!doc.ok) {
    report(io, `${path}: cannot be read`, doc.issues);
    return EXIT.invalidInput;
  }
  const read = await readBundle(JSON.stringify(doc.value));
  if (!read.ok) {
    io.stderr(`${path}: ${read.message}\n`);
    return EXIT.invalidInput;
  }
  const sides = resolveRequest(read.request, directoryLoader(SCENARIO_DIR));
  if (!sides.ok) {
    report(io, `${path}: its scenarios cannot run here`, sides.issues);
    return EXIT.invalidInput;
  }
  const { settings } = read.request;
  const results: PairedResults = { seeds: seedsOf(settings), a: [], b: [] };
  for (const seed of results.seeds) {
    for (const side of ['a', 'b'] as const) {
      const run = runSide(sides.value[side], seed, settings.months);
      if (!run.ok) {
        report(io, `${path}: ${side.toUpperCase()}, seed ${seed}: run stopped`, run.issues);
        return EXIT.invalidInput;
      }
      results[side].push(run.value);
    }
  }
  const check = checkAgainst(read.bundle, await digestResults(results), summarise(results, settings.months, read.bundle.settings.horizons).outcomes);
  io.stdout(`${[check.message, ...check.differences.map((d) => `  - ${d}`)].join('\n')}\n`);
  return check.confirmed ? EXIT.ok : EXIT.invalidInput;
}
