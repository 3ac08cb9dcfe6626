import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { comparisonCsv } from '../../sim/comparison/csv';
import { summarise } from '../../sim/comparison/summary';
import { comparisonWorkbook } from '../../sim/comparison/workbook';
import { csvCell, csvLine } from '../../sim/text/csv';
import { terminalLines, terminalText } from '../../sim/text/terminal';
import { paired, shipped } from '../compare/helpers';
import { BASELINE, cli, scratch, TINY } from './helpers';

/** Text a spreadsheet would run as a formula, one for each leading character OWASP lists. */
const FORMULAS = ['=HYPERLINK("http://x","y")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

/** A CSV line split into cells as a spreadsheet reads it (RFC 4180: quoted cells, doubled quotes). */
function readCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = '';
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') (cell += '"'), (i += 2);
        else if (line[i] === '"') break;
        else cell += line[i++];
      }
      cells.push(cell);
      i += 2;
    } else {
      const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i);
      cells.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}

/** What a spreadsheet would treat as a formula: a cell whose first character is one of OWASP's. */
const runsAsFormula = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell) && !/^-?\d/.test(cell);

describe('one CSV cell writer (sim/text/csv.ts)', () => {
  it('puts a quote before text that begins like a formula, and quotes what needs quoting', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=a,"b"')).toBe(`"'=a,""b"""`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a "b"')).toBe('"a ""b"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it('leaves numbers as numbers, a negative one included, and writes a non-finite or missing value empty', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(-0.000001)).toBe('-0.000001');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(Infinity)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvLine(['=x', -1, 'y'])).toBe("'=x,-1,y");
  });

  it('reads back, cell for cell, as the text it was given with only the quote added', () => {
    for (const text of FORMULAS) {
      const cells = readCsvLine(csvLine(['a', text, 'b']));
      expect(cells).toEqual(['a', `'${text}`, 'b']);
    }
  });
});

describe('formula-leading text in every CSV and workbook the project writes', () => {
  it('npm run sim --format csv: a scenario named like a formula is neutralised on every row', async () => {
    const dir = scratch('formula');
    const file = join(dir, 'evil.json');
    const scenario = JSON.parse(readFileSync(BASELINE, 'utf8'));
    for (const name of FORMULAS) {
      writeFileSync(file, JSON.stringify({ ...scenario, name }));
      const r = await cli([file, ...TINY, '--format', 'csv']);
      expect(r.code).toBe(0);
      const rows = r.stdout.trim().split('\n').slice(1).map(readCsvLine);
      expect(rows.length).toBeGreaterThan(10);
      for (const row of rows) {
        expect(row[0]).toBe(`'${name}`);
        expect(row.filter(runsAsFormula)).toEqual([]);
      }
    }
  });

  const a = { scenario: { ...shipped('north-east-baseline'), name: '=A()' }, levers: [] };
  const b = { scenario: { ...shipped('early-help-restored'), name: '@B()' }, levers: [{ month: 1, path: 'policy.profitCap.enabled', value: true }] };
  const results = paired(a, b, [1, 2], 3);
  const summary = summarise(results, 3, [3]);

  it('the comparison CSV: no cell runs as a formula, and negative differences stay numbers', () => {
    const rows = comparisonCsv(summary, results).trim().split('\n').map(readCsvLine);
    for (const row of rows) expect(row.filter(runsAsFormula)).toEqual([]);
    const values = rows.slice(1).map((r) => r[r.length - 1]).filter((v) => v !== '');
    expect(values.every((v) => Number.isFinite(Number(v)))).toBe(true);
  });

  it('the comparison workbook: names, citations and lever values beginning like a formula are shown as text with a quote', async () => {
    const withSource = { ...b.scenario, sources: [...(b.scenario.sources ?? []), { id: '+evil', citation: '-2+3+cmd|calc' }] };
    const blob = await comparisonWorkbook({ a: { name: '=A()', ...a }, b: { name: '@B()', ...b, scenario: withSource }, summary, results, facts: [['made by', '=cmd|calc']] });
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    const sheets = Object.keys(files).filter((f) => f.startsWith('xl/worksheets/') || f === 'xl/sharedStrings.xml');
    const texts = sheets.flatMap((f) => [...strFromU8(files[f]).matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1]));
    expect(texts).toContain("'=A()");
    expect(texts).toContain("'@B()");
    expect(texts).toContain("'+evil");
    expect(texts).toContain("'-2+3+cmd|calc");
    expect(texts).toContain("'=cmd|calc");
    const decoded = texts.map((t) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'));
    expect(decoded.filter(runsAsFormula)).toEqual([]);
    for (const f of sheets) expect(strFromU8(files[f])).not.toContain('<f>');
  });
});

describe('terminal text (sim/text/terminal.ts)', () => {
  const ESC = '\u001b';
  const hostile = [
    `${ESC}[2J${ESC}[H`, // clear screen, cursor home
    `${ESC}]0;owned${'\u0007'}`, // window title (OSC ... BEL)
    `${ESC}]8;;http://evil${ESC}\\link${ESC}]8;;${ESC}\\`, // hyperlink (OSC ... ST)
    `${ESC}P+q${ESC}\\`, // DCS
    `\u009b31m`, // 8-bit CSI
    `${ESC}c`, // reset
    `a\rb\bc\u007f`, // carriage return, backspace, DEL
    `\u202eevil\u202c\u2066x\u2069`, // bidi override and isolate
    `${ESC}]0;unterminated`,
  ];

  it('removes every escape sequence and control character, keeping the printable text', () => {
    const out = hostile.map(terminalText);
    for (const line of out) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out[0]).toBe('');
    expect(out[1]).toBe('');
    expect(out[2]).toBe('link');
    expect(out[4]).toBe('');
    expect(out[6]).toBe('abc');
    expect(out[7]).toBe('evilx');
    expect(terminalText('North East — £40.0m, 5%')).toBe('North East — £40.0m, 5%');
    expect(terminalText('two\nlines')).toBe('twolines');
    expect(terminalLines(`one\n${ESC}[31mtwo\n`)).toBe('one\ntwo\n');
  });
});

describe('terminal output carries no escape sequence from input', () => {
  it('npm run compare (text) and a scenario error: a name with escape sequences is printed without them', async () => {
    const { compareMain } = await import('../../sim/cli/compare');
    const dir = scratch('escape');
    const file = join(dir, 'escape.json');
    const scenario = JSON.parse(readFileSync(BASELINE, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...scenario, name: '\u001b[2J\u001b]0;owned\u0007\u202eNorth' }));
    let out = '';
    const code = await compareMain([file, BASELINE, '--runs', '2', '--months', '2', '--scale', '0.002', '--quiet'], {}, { stdout: (t) => (out += t), stderr: (t) => (out += t) });
    expect(code).toBe(0);
    expect(out).toContain('A: North');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    writeFileSync(file, JSON.stringify({ ...scenario, name: 1, '\u001b[31mbad': true }));
    const r = await cli([file, ...TINY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[31mbad');
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('bidirectional controls in the app (sim/text/bidi.ts)', () => {
  it('shows every embedding, override and isolate visibly instead of obeying it, and leaves other text alone', async () => {
    const { visibleText } = await import('../../sim/text/bidi');
    expect(visibleText('Baseline\u202eflah')).toBe('Baseline[U+202E]flah');
    const all = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    expect(visibleText(all)).toBe('[U+202A][U+202B][U+202C][U+202D][U+202E][U+2066][U+2067][U+2068][U+2069]');
    expect(visibleText('North East — B − A: £40.0m, עברית')).toBe('North East — B − A: £40.0m, עברית');
  });
});
