import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SIM = new URL('../../sim', import.meta.url).pathname;
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}
const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe('engine hygiene (the rules a linter would enforce)', () => {
  const files = sources(SIM).map((path) => ({ path, code: stripComments(readFileSync(path, 'utf8')) }));

  it('finds the engine sources', () => {
    expect(files.some((f) => f.path.endsWith('simulation.ts'))).toBe(true);
  });

  it('never calls Math.random: every draw comes from a seeded stream', () => {
    expect(files.filter((f) => /Math\.random/.test(f.code)).map((f) => f.path)).toEqual([]);
  });

  it('never imports the view or touches the DOM', () => {
    const offenders = files.filter((f) => /from ['"][./]*\/?viz\//.test(f.code) || /\b(document|window)\./.test(f.code));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });
});
