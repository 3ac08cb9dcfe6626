/**
 * The address bar and the run on show: `liveAddress` is the address that reproduces a run (the
 * format is viz/url.ts), `addressKeeper` keeps the address bar on it, and `requestFromAddress` says
 * what a freshly opened address asks for (scenario or file, seed, levers, month), and what of it
 * cannot be restored.
 */
import type { LeverEntry } from '../sim/levers';
import { fileNameOf, type ScenarioSource } from './sim-link';
import { readRunFragment, readViewParams, writeFileParams, writeRunFragment, writeViewParams } from './url';

/** A live run as its address reproduces it. */
export interface LiveRun {
  source: ScenarioSource;
  seed: number;
  levers: readonly LeverEntry[];
  /** the month on show */
  month: number;
}

export interface AddressRequest {
  source: ScenarioSource;
  seed: number;
  /** the lever timeline to replay, and the month to step to (0: stay at the start) */
  levers: LeverEntry[];
  month: number;
  /** the shipped scenario to show if `source` cannot be loaded */
  fallback: ScenarioSource;
  /** for the error panel: what in the address could not be used */
  problem?: { title: string; messages: string[] };
  /** for the notice: what a reopened file's address restored */
  note?: string;
}

/** The address (query and fragment, relative) of `run`, keeping other query parameters of `search`; `notes` say what it leaves out. */
export function liveAddress(search: string, run: LiveRun): { href: string; notes: string[] } {
  const { source, seed, levers, month } = run;
  const query = source.kind === 'shipped' ? writeViewParams(search, { scenario: source.id, seed }) : writeFileParams(search, { file: source.name, seed });
  const { hash, notes } = writeRunFragment({ levers, month, file: source.kind === 'file' ? { name: source.name, text: source.text } : undefined });
  return { href: `${query}${hash ? `#${hash}` : ''}`, notes };
}

/** Make the address bar reproduce `run` (replacing the entry: the Back button leaves the app, as before). */
export function addressKeeper(): (run: LiveRun) => void {
  return (run) => history.replaceState(null, '', liveAddress(location.search, run).href);
}

function plural(n: number, one: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${one}s`;
}

export function requestFromAddress(search: string, hash: string, shipped: readonly string[], preferred: string): AddressRequest {
  const { params, problems } = readViewParams(search);
  const seed = params.seed ?? 1;
  const usual = shipped.includes(preferred) ? preferred : shipped[0];
  let fallback: ScenarioSource = { kind: 'shipped', id: usual };
  if (params.scenario !== undefined) {
    if (shipped.includes(params.scenario)) fallback = { kind: 'shipped', id: params.scenario };
    else if (!params.file) problems.push(`scenario in the address: no shipped scenario called "${params.scenario}" (shipped: ${shipped.join(', ')})`);
  }
  const fragment = readRunFragment(hash);
  problems.push(...fragment.problems);
  const { levers, month, text } = fragment.value;
  const usualName = fileNameOf(fallback);
  const understood = (): AddressRequest['problem'] => (problems.length > 0 ? { title: 'Part of the address was not understood.', messages: problems } : undefined);
  const file = params.file;
  if (!file) {
    if (fragment.damaged) problems.push(`The part of the link after # could not be read: ${fragment.damaged}. The lever changes and the month it carried are not applied.`);
    return { source: fallback, seed, levers, month, fallback, problem: understood() };
  }
  /** The usual scenario instead of the file, with why. */
  const instead = (title: string, why: string): AddressRequest => ({
    source: fallback,
    seed,
    levers: [],
    month: 0,
    fallback,
    problem: { title, messages: [why, `Showing ${usualName} with seed ${seed} meanwhile: open the file again with "Open file…" to go on with it.`, ...problems] },
  });
  if (fragment.damaged) {
    return instead(`The address names ${file}, a file opened from a computer, but its copy could not be read.`, `The copy of the file in the address is damaged: ${fragment.damaged}.`);
  }
  if (text === undefined) {
    return instead(`The address names ${file}, a file opened from a computer, which this page cannot reopen by itself.`, 'The file was too large for the address to carry a copy of it.');
  }
  const restored = [`seed ${seed}`, ...(levers.length > 0 ? [plural(levers.length, 'lever change')] : []), ...(month > 0 ? [`month ${month}`] : [])];
  return {
    source: { kind: 'file', name: file, text },
    seed,
    levers,
    month,
    fallback,
    problem: understood(),
    note: `Reopened ${file} from the copy the address carries, with ${restored.join(', ').replace(/, ([^,]*)$/, ' and $1')}.`,
  };
}
