/**
 * `npm run council -- import` and `export`: councils to CSV and back, in DfE's local-authority
 * layout (docs/councils.md, "Import your council"). The fixture
 * test/cli/fixtures/dfe-cla-north-east-2021-2022.csv is an extract of DfE's
 * cla_number_and_rate_per_10k_children.csv (github.com/dfe-analytical-services/CSC_outcomes_and_enablers
 * @2f5d11a4, data-raw/): its byte-order mark and every column as DfE writes them, the North East's
 * rows looked after on 31 March for 2021 and 2022 with the national and regional rows of 2021, and
 * two columns added: `children` (a copy of population_estimate) and `looked_after_per_10k` (of rate_per_10000).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { councilMain } from '../../sim/cli/council-import';
import { loadScenarioFile, SCENARIO_DIR } from '../../sim/node/files';
import { yearOf } from '../../sim/outputs/council-csv';
import type { Council } from '../../sim/scenario/councils/schema';
import { captured } from './capture';

const dir = mkdtempSync(join(tmpdir(), 'care-futures-council-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => captured(councilMain, args);
const FIXTURE = join(import.meta.dirname, 'fixtures', 'dfe-cla-north-east-2021-2022.csv');

function shippedCouncils(): Council[] {
  const loaded = loadScenarioFile(join(SCENARIO_DIR, 'north-east-councils.json'));
  if (!loaded.ok) throw new Error(loaded.issues[0].message);
  return loaded.value.councils ?? [];
}

function councilsOf(path: string): Council[] {
  const loaded = loadScenarioFile(path);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.value.councils ?? [];
}

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** What a CSV carries of a council (not its sources, which cite the CSV, nor its calibration). */
const published = (c: Council) => ({ code: c.code, name: c.name, children: c.children, birthsPerYear: c.birthsPerYear, childPovertyShare: c.childPovertyShare, centroid: c.centroid, targets: c.targets, places: c.places });

const HEADER = 'time_period,new_la_code,la_name,children,looked_after_per_10k,cp_per_10k,cin_per_10k';

describe('npm run council -- export, then import', () => {
  it('round-trips the North East councils: codes, names, children, targets, places and centroids', async () => {
    const original = shippedCouncils();
    expect(original).toHaveLength(12);
    const csv = join(dir, 'ne.csv');
    const exported = await run(['export', '--out', csv]);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 12);
    // time_period from the scenario's startDate (2021-04: the year of its 31 March)
    expect(lines.slice(1).every((l) => l.startsWith('2021,Local authority,E0'))).toBe(true);

    const out = join(dir, 'ne-imported.json');
    const imported = await run(['import', csv, '--out', out]);
    expect(imported.code, imported.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.extends).toBe('north-east-councils.json');
    const back = councilsOf(out);
    expect(back.map(published)).toEqual(original.map(published));
    // calibration is the model's, kept from the base's council of the same code
    expect(back.map((c) => c.fit)).toEqual(original.map((c) => c.fit));
    expect(back[0].sources['targets.lookedAfterPer10k']).toBe('ne.csv line 2, column looked_after_per_10k (time_period 2021)');
  });

  it('reads the same councils from the file saved with a byte-order mark and CRLF line ends', async () => {
    const text = readFileSync(join(dir, 'ne.csv'), 'utf8');
    const windows = write('ne-windows.csv', `\ufeff${text.replace(/\n/g, '\r\n')}`);
    const out = join(dir, 'ne-windows.json');
    const r = await run(['import', windows, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(councilsOf(out).map(published)).toEqual(shippedCouncils().map(published));
  });

  it('extends a base of one\u2019s own in the same folder, taking its councils\u2019 centroids and calibration', async () => {
    const base = join(dir, 'own-base.json');
    const doc = JSON.parse(readFileSync(join(dir, 'ne-imported.json'), 'utf8'));
    doc.councils[0].fit = { need: 1.5, protection: 0.8, care: 1.2 };
    writeFileSync(base, JSON.stringify(doc));
    const out = join(dir, 'on-own-base.json');
    const r = await run(['import', FIXTURE, '--base', base, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).extends).toBe('own-base.json');
    const durham = councilsOf(out).find((c) => c.code === doc.councils[0].code);
    expect(durham?.fit).toEqual({ need: 1.5, protection: 0.8, care: 1.2 });
    expect(durham?.centroid).toEqual(doc.councils[0].centroid);
  });

  it('reads quoted fields: a name with a comma and a quote, and a formula-like name written safely', async () => {
    const csv = write('quoted.csv', `${HEADER}\n2021,E06000001,"Hartlepool, ""the"" town",19826,176,123.6,725.3\n2021,E06000002,"'=Middlesbrough",33231,172,170.6,882.3\n`);
    const out = join(dir, 'quoted.json');
    const r = await run(['import', csv, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(councilsOf(out).map((c) => c.name)).toEqual(['Hartlepool, "the" town', '=Middlesbrough']);
  });
});

describe('npm run council -- import refuses a bad file, naming each line and column', () => {
  it('reports an unclosed quote with its line from csv-parse, and writes nothing', async () => {
    const csv = write('unclosed.csv', `${HEADER}\n2021,E06000001,Hartlepool,19826,176,123.6,725.3\n2021,E06000002,"Middlesbrough,33231,172,170.6,882.3\n2021,E06000003,Redcar,27370,116,93.2,608.7\n`);
    const out = join(dir, 'unclosed.json');
    const r = await run(['import', csv, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unclosed\.csv line 4: expected well-formed CSV .*Quote Not Closed.* \(the field it leaves open starts on line 3\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('reports a non-number on line 5 and every other problem of the file at once', async () => {
    const csv = write(
      'bad-cells.csv',
      [
        HEADER,
        '2021,E06000001,Hartlepool,19826,176,123.6,725.3',
        '2021,E06000002,Middlesbrough,33231.5,172,170.6,882.3',
        '2021,E06000003,Redcar,27370,116,93.2',
        '2021,E06000004,Stockton,43310,133,abc,537.3',
        '2021,E06000001,Hartlepool again,19826,176,123.6,725.3',
        '2021,X123,,100,10001,1,1',
      ].join('\n'),
    );
    const out = write('bad-cells.json', '{"kept": true}');
    const r = await run(['import', csv, '--out', out]);
    expect(r.code).toBe(1);
    // ragged rows are found before any cell is read
    expect(r.stderr).toContain('bad-cells.csv line 4: expected 7 fields, as the header has, found 6');
    const again = await run(['import', write('bad-cells2.csv', readFileSync(csv, 'utf8').replace('Redcar,27370,116,93.2\n', 'Redcar,27370,116,93.2,608.7\n')), '--out', out]);
    expect(again.code).toBe(1);
    const e = again.stderr;
    expect(e).toContain('bad-cells2.csv line 5, column cp_per_10k: expected a number >= 0 and <= 10,000 (per 10,000 children) or a DfE suppression code, found "abc"');
    expect(e).toContain('bad-cells2.csv line 3, column children: expected a whole number >= 1');
    expect(e).toContain('found "33231.5"');
    expect(e).toContain('bad-cells2.csv line 6, column new_la_code: expected a council not already given for time_period 2021 (line 2 gives it), found "E06000001"');
    expect(e).toContain('bad-cells2.csv line 7, column new_la_code: expected an ONS code');
    expect(e).toContain('bad-cells2.csv line 7, column la_name: expected the council\'s name');
    expect(e).toContain('bad-cells2.csv line 7, column looked_after_per_10k: expected a number >= 0 and <= 10,000');
    // the file named by --out is left as it was
    expect(readFileSync(out, 'utf8')).toBe('{"kept": true}');
  });

  it('names a missing required column, and still checks the rows', async () => {
    const csv = write('no-code.csv', 'time_period,la_name,children,cp_per_10k\n2021,Hartlepool,19826,x\n2021,Darlington,22235,4\n2021,Gateshead,38564,4\n2021,Stockton,43310,abc\n');
    const r = await run(['import', csv, '--out', join(dir, 'no-code.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no-code.csv line 1: expected a column named new_la_code (required: time_period, new_la_code, la_name, children), found the columns "time_period", "la_name", "children", "cp_per_10k"');
    expect(r.stderr).toContain('no-code.csv line 5, column cp_per_10k: expected a number');
  });

  it('needs a centroid for a council the base does not have, and says where to put it', async () => {
    const csv = write('new-council.csv', `${HEADER}\n2021,E06000099,Nowhere,1000,50,40,300\n`);
    const r = await run(['import', csv, '--out', join(dir, 'new-council.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('new-council.csv line 2, column lat: expected the council\'s latitude (degrees), or a council E06000099 in north-east-councils.json to take it from, found no column lat');
    expect(r.stderr).toContain('column lon');
  });

  it('refuses arguments it cannot use (exit 2) and an unwritable --out (exit 74)', async () => {
    expect((await run(['import', FIXTURE])).stderr).toContain('--out: expected the scenario file to write, found nothing');
    expect((await run(['import', FIXTURE])).code).toBe(2);
    const elsewhere = await run(['import', FIXTURE, '--base', join(dir, 'ne-imported.json'), '--out', join(tmpdir(), 'x.json')]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('--base: expected a shipped scenario or a .json file in the folder of --out');
    const itself = await run(['import', FIXTURE, '--base', join(dir, 'ne-imported.json'), '--out', join(dir, 'ne-imported.json')]);
    expect(itself.code).toBe(2);
    expect(itself.stderr).toContain('--out: expected a file other than the base (it would extend itself)');
    expect((await run(['calibrate'])).code).toBe(2);
    expect((await run(['import', FIXTURE, '--out', dir])).code).toBe(74);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run council -- import/);
  });

  it('checks the scenario it would write as any scenario, naming the CSV line of the council at fault', async () => {
    // Each rate is within its bounds; together they count more children than there are.
    const csv = write('too-many.csv', `${HEADER}\n2021,E06000001,Hartlepool,19826,6000,5000,10000\n`);
    const out = join(dir, 'too-many.json');
    const r = await run(['import', csv, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('too-many.json: the imported scenario would be invalid (nothing written)');
    expect(r.stderr).toContain('too-many.csv line 2: councils[0] (E06000001, its scenario\'s initialState): expected rates that add up to at most 10,000 per 10,000 children');
    expect(existsSync(out)).toBe(false);
  });

  it('keeps escape sequences from the file off the terminal, and control characters out of names', async () => {
    const csv = write('escapes.csv', `${HEADER}\n2021,E06000001,"Hart\x1b[2Jlepool",19826,176,123.6,725.3\n2021,E06000002,"Middles"\x1b]0;pwned\x07,33231,172,170.6,882.3\n`);
    const r = await run(['import', csv, '--out', join(dir, 'escapes.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(r.stderr).toContain('escapes.csv line 3: expected well-formed CSV');
    const named = await run(['import', write('escapes2.csv', `${HEADER}\n2021,E06000001,"Hart\x1b[2Jlepool",19826,176,123.6,725.3\n`), '--out', join(dir, 'escapes2.json')]);
    expect(named.stderr).toContain('escapes2.csv line 2, column la_name: expected the council\'s name (1 to 200 characters, no control characters), found "Hart\\u001b[2Jlepool"');
  });

  it('warns when the base does not fit the councils: another year, or other children than its region', async () => {
    const csv = write('one.csv', `${HEADER}\n2022,E06000001,Hartlepool,19864,152,,\n`);
    const r = await run(['import', csv, '--year', '2022', '--out', join(dir, 'one.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: the figures are for time_period 2022, but north-east-councils.json starts in 2021-04');
    expect(r.stderr).toContain("warning: the councils have 19864 children and north-east-councils.json's region 525270");
    const whole = await run(['import', FIXTURE, '--out', join(dir, 'whole.json')]);
    expect(whole.stderr).not.toContain('warning');
  });

  it('reads DfE time periods: a year, and a financial year as the year of its 31 March', () => {
    expect(yearOf('2021')).toBe(2021);
    expect(yearOf('202021')).toBe(2021);
    expect(yearOf('199900')).toBe(2000);
    expect(yearOf('202022')).toBeUndefined();
    expect(yearOf('21')).toBeUndefined();
  });
});

describe('DfE suppression codes', () => {
  it('give null figures (the region\u2019s are used), each source naming the code, the line and the column', async () => {
    const csv = write('suppressed.csv', `${HEADER},lat,lon\n2021,E06000001,Hartlepool,19826,c,low,,54.69,-1.21\n2021,E06000005,Darlington,22235,122,z,387.2,54.52,-1.55\n`);
    const out = join(dir, 'suppressed.json');
    const r = await run(['import', csv, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const [hartlepool, darlington] = councilsOf(out);
    expect(hartlepool.targets).toEqual({ lookedAfterPer10k: null, childProtectionPer10k: null, childrenInNeedPer10k: null });
    expect(hartlepool.sources['targets.lookedAfterPer10k']).toBe("suppressed (c) in suppressed.csv line 2, column looked_after_per_10k: the region's figure is used");
    expect(hartlepool.sources['targets.childProtectionPer10k']).toBe("suppressed (low) in suppressed.csv line 2, column cp_per_10k: the region's figure is used");
    expect(hartlepool.sources['targets.childrenInNeedPer10k']).toBe("not given (empty) in suppressed.csv line 2, column cin_per_10k: the region's figure is used");
    expect(darlington.targets).toEqual({ lookedAfterPer10k: 122, childProtectionPer10k: null, childrenInNeedPer10k: 387.2 });
    expect(darlington.sources['targets.childProtectionPer10k']).toContain('suppressed (z) in suppressed.csv line 3');
    // columns the file does not have are null too, and said to be absent
    expect(darlington.places.la_residential).toBeNull();
    expect(darlington.sources['places.la_residential']).toBe("not in suppressed.csv (no column la_home_places): the region's figure is used");
    // the centroid the file gives, not the base's
    expect(darlington.centroid).toEqual({ lat: 54.52, lon: -1.55 });
  });

  it('are refused in a required column', async () => {
    const csv = write('suppressed-children.csv', `${HEADER}\n2021,E06000001,Hartlepool,c,176,123.6,725.3\n`);
    const r = await run(['import', csv, '--out', join(dir, 'suppressed-children.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('suppressed-children.csv line 2, column children: expected a whole number >= 1 and <= 20,000,000 (children), found "c"');
  });
});

describe('a file in DfE\u2019s own layout', () => {
  it('imports with only the documented columns added, skipping national and regional rows and other years', async () => {
    const out = join(dir, 'dfe-2021.json');
    const r = await run(['import', FIXTURE, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const shipped = new Map(shippedCouncils().map((c) => [c.code, c]));
    const councils = councilsOf(out);
    expect(councils).toHaveLength(12);
    for (const c of councils) {
      const s = shipped.get(c.code);
      expect(s, c.code).toBeDefined();
      // the shipped scenario gives the same DfE 2021 figures, read from the same release
      expect(c.children, c.code).toBe(s?.children);
      expect(c.targets.lookedAfterPer10k, c.code).toBe(s?.targets.lookedAfterPer10k);
      expect(c.centroid, c.code).toEqual(s?.centroid);
      expect(c.targets.childProtectionPer10k).toBeNull();
      expect(c.sources['targets.childProtectionPer10k']).toContain('no column cp_per_10k');
    }
    expect(councils.find((c) => c.code === 'E06000047')?.sources.centroid).toMatch(/^as in north-east-councils\.json for E06000047/);
  });

  it('takes the year asked for, and names the years it has when that one is absent', async () => {
    const out = join(dir, 'dfe-2022.json');
    const r = await run(['import', FIXTURE, '--year', '2022', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const durham = councilsOf(out).find((c) => c.code === 'E06000047');
    // DfE's 2022 row for County Durham: population_estimate 98961, rate_per_10000 99
    expect([durham?.children, durham?.targets.lookedAfterPer10k]).toEqual([98961, 99]);
    const none = await run(['import', FIXTURE, '--year', '2019', '--out', join(dir, 'dfe-2019.json')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('dfe-cla-north-east-2021-2022.csv: expected rows of councils (geographic_level "Local authority") for time_period 2019, found none (the file\'s years: 2021, 2022)');
  });
});
