/**
 * `npm run compare -- --check-bundle FILE`: re-run a result bundle (from the app or `--bundle`) and
 * say whether its results are reproduced to the last bit, as the app's "Open bundle…" does.
 * Exit 0 when confirmed, 1 when the bundle is refused or the results differ.
 */
import { checkAgainst, MAX_BUNDLE_BYTES, readBundleBytes } from '../comparison/bundle';
import { resolveRequest } from '../comparison/request';
import { digestResults } from '../comparison/results';
import { runSide, seedsOf, summarise, type PairedResults } from '../comparison/summary';
import { directoryLoader, readFileBounded, SCENARIO_DIR } from '../node/files';
import { EXIT } from './exit-codes';
import { report, type CliIo } from './prepare';
import { terminalLines } from '../text/terminal';

export async function checkBundleFile(path: string, io: CliIo): Promise<number> {
  // A regular file, its size checked before reading; then the app's own reader.
  const file = readFileBounded(path, MAX_BUNDLE_BYTES);
  if (!file.ok) {
    io.stderr(`${path}: cannot be read: ${file.why}\n`);
    return EXIT.invalidInput;
  }
  const read = await readBundleBytes(file.bytes);
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
  const check = checkAgainst(read.bundle, {
    digest: await digestResults(results),
    summary: summarise(results, settings.months, read.bundle.settings.horizons).outcomes,
    names: { a: sides.value.a.name, b: sides.value.b.name },
  });
  io.stdout(terminalLines(`${[check.message, ...check.differences.map((d) => `  - ${d}`)].join('\n')}\n`));
  return check.confirmed ? EXIT.ok : EXIT.invalidInput;
}
