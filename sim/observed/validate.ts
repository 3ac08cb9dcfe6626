/**
 * Checks a parsed observed-history file against `types.ts`: every figure has a known source and a
 * kind, a derived figure says how, years run in order, and a gap is a gap (null, no source). Every
 * problem is reported with its JSON path, what was expected and what was found; nothing throws.
 */
import { describeFound, issue, joinPath, type Validated, type ValidationIssue } from '../scenario/issues';
import { OBSERVED_MEASURES, OBSERVED_REGIONS, type ObservedHistory } from './types';

const KINDS = ['published', 'approximate', 'derived'] as const;
/** The publications start with the 2008-09 census year; a rate per 10,000 cannot pass 10,000. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
const MAX_RATE = 10_000;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** Fields not in `known` are errors: a misspelt `derivation` must not pass silently. */
function onlyKnown(value: Json, known: readonly string[], path: (string | number)[], out: ValidationIssue[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) out.push(issue(joinPath([...path, key]), `no such field (known fields: ${known.join(', ')})`, describeFound(value[key])));
  }
}

function checkSources(raw: unknown, out: ValidationIssue[]): Set<string> {
  const ids = new Set<string>();
  if (!isObject(raw)) {
    out.push(issue('sources', 'an object of sources keyed by id', describeFound(raw)));
    return ids;
  }
  for (const [id, source] of Object.entries(raw)) {
    const path = ['sources', id];
    ids.add(id);
    if (!isObject(source)) {
      out.push(issue(joinPath(path), 'an object {publisher, title, year, url?, note?}', describeFound(source)));
      continue;
    }
    onlyKnown(source, ['publisher', 'title', 'year', 'url', 'note'], path, out);
    for (const field of ['publisher', 'title'] as const) {
      if (!isText(source[field])) out.push(issue(joinPath([...path, field]), 'a non-empty string', describeFound(source[field])));
    }
    const year = source.year;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
      out.push(issue(joinPath([...path, 'year']), `a year from ${FIRST_YEAR} to ${LAST_YEAR}`, describeFound(year)));
    }
    if (source.url !== undefined && !(typeof source.url === 'string' && /^https?:\/\/\S+$/.test(source.url))) {
      out.push(issue(joinPath([...path, 'url']), 'an http(s) address', describeFound(source.url)));
    }
    if (source.note !== undefined && !isText(source.note)) out.push(issue(joinPath([...path, 'note']), 'a non-empty string', describeFound(source.note)));
  }
  return ids;
}

function checkPoint(point: unknown, path: (string | number)[], sources: Set<string>, out: ValidationIssue[]): number | undefined {
  if (!isObject(point)) {
    out.push(issue(joinPath(path), 'an object {year, value, source, kind, derivation?, note?}', describeFound(point)));
    return undefined;
  }
  onlyKnown(point, ['year', 'value', 'source', 'kind', 'derivation', 'note'], path, out);
  const { year, value, source, kind, derivation, note } = point;
  const at = (field: string) => joinPath([...path, field]);
  if (typeof year !== 'number' || !Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    out.push(issue(at('year'), `a year from ${FIRST_YEAR} to ${LAST_YEAR}`, describeFound(year)));
  }
  if (note !== undefined && !isText(note)) out.push(issue(at('note'), 'a non-empty string', describeFound(note)));
  if (value === null) {
    // A gap carries nothing that could be read as a figure.
    for (const [field, v] of [['source', source], ['kind', kind], ['derivation', derivation]] as const) {
      if (v !== undefined) out.push(issue(at(field), 'nothing for a gap (value null)', describeFound(v)));
    }
    return typeof year === 'number' ? year : undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_RATE) {
    out.push(issue(at('value'), `a rate per 10,000 from 0 to ${MAX_RATE}, or null for a gap`, describeFound(value)));
  }
  if (!isText(source) || !sources.has(source)) {
    out.push(issue(at('source'), `the id of one of the sources (${[...sources].join(', ')})`, describeFound(source)));
  }
  if (!(KINDS as readonly unknown[]).includes(kind)) out.push(issue(at('kind'), KINDS.map((k) => `"${k}"`).join(' or '), describeFound(kind)));
  if (kind === 'derived' && !isText(derivation)) out.push(issue(at('derivation'), 'how a derived figure was computed (a non-empty string)', describeFound(derivation)));
  if (kind !== 'derived' && derivation !== undefined) out.push(issue(at('derivation'), 'nothing unless kind is "derived"', describeFound(derivation)));
  return typeof year === 'number' ? year : undefined;
}

function checkSeries(raw: unknown, sources: Set<string>, out: ValidationIssue[]): void {
  if (!Array.isArray(raw)) {
    out.push(issue('series', 'a list of series', describeFound(raw)));
    return;
  }
  const seen = new Set<string>();
  raw.forEach((series: unknown, k) => {
    const path: (string | number)[] = ['series', k];
    if (!isObject(series)) {
      out.push(issue(joinPath(path), 'an object {id, region, measure, points}', describeFound(series)));
      return;
    }
    onlyKnown(series, ['id', 'region', 'measure', 'points'], path, out);
    const { id, region, measure, points } = series;
    if (!(OBSERVED_REGIONS as readonly unknown[]).includes(region)) out.push(issue(joinPath([...path, 'region']), OBSERVED_REGIONS.map((r) => `"${r}"`).join(' or '), describeFound(region)));
    if (!(OBSERVED_MEASURES as readonly unknown[]).includes(measure)) out.push(issue(joinPath([...path, 'measure']), OBSERVED_MEASURES.map((m) => `"${m}"`).join(' or '), describeFound(measure)));
    const wanted = `${String(region)}.${String(measure)}`;
    if (id !== wanted) out.push(issue(joinPath([...path, 'id']), `"${wanted}" (region.measure)`, describeFound(id)));
    else if (seen.has(wanted)) out.push(issue(joinPath([...path, 'id']), 'each series once', `a second "${wanted}"`));
    seen.add(wanted);
    if (!Array.isArray(points)) {
      out.push(issue(joinPath([...path, 'points']), 'a list of points', describeFound(points)));
      return;
    }
    let last = -Infinity;
    points.forEach((point: unknown, j) => {
      const year = checkPoint(point, [...path, 'points', j], sources, out);
      if (year === undefined) return;
      if (year <= last) out.push(issue(joinPath([...path, 'points', j, 'year']), `a year after ${last} (years in increasing order, each once)`, String(year)));
      last = Math.max(last, year);
    });
  });
}

/** The file's content checked against `ObservedHistory`, or every problem found. */
export function validateHistory(data: unknown): Validated<ObservedHistory> {
  const out: ValidationIssue[] = [];
  if (!isObject(data)) return { ok: false, issues: [issue('', 'an object {description, unit, sources, series}', describeFound(data))] };
  onlyKnown(data, ['$comment', 'description', 'unit', 'sources', 'series'], [], out);
  if (!isText(data.description)) out.push(issue('description', 'a non-empty string', describeFound(data.description)));
  if (data.unit !== 'per 10,000 children aged 0-17') out.push(issue('unit', '"per 10,000 children aged 0-17"', describeFound(data.unit)));
  const sources = checkSources(data.sources, out);
  checkSeries(data.series, sources, out);
  return out.length > 0 ? { ok: false, issues: out } : { ok: true, value: data as unknown as ObservedHistory };
}
