/**
 * Self-contained: nothing that `npm test` or `npm start` runs may reach outside the repository.
 * Code and tests name no machine path and no sibling folder; the optional shared data folder is
 * named once, in scripts/shared-data.ts, and only benchmarks, training and optional tests use it.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const THE_ONE_SETTING = 'scripts/shared-data.ts';
/** A machine path, or a relative path that climbs out of the repo into a sibling `shared` folder. */
const OUTSIDE = [/\/work\//, /['"`(]\.\.\/(?:\.\.\/)*shared\b/];
const THIS_FILE = 'tests/unit/architecture/self-contained.test.ts';

describe('the repository is self-contained', () => {
  it('no source, test, bench or script file names a path outside the repo', () => {
    const files = execFileSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'tests', 'bench', 'scripts', 'demo', 'bin', '*.ts', '*.json'],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter(
        (f) => /\.(ts|tsx|mjs|js|json)$/.test(f) && !f.startsWith('tests/fixtures/') && f !== THE_ONE_SETTING && f !== THIS_FILE && f !== 'package-lock.json',
      );
    const hits = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return OUTSIDE.filter((re) => re.test(text)).map((re) => `${f} matches ${re}`);
    });
    expect(hits).toEqual([]);
  });

  it('the scan sees a planted machine path (so it can fail)', () => {
    expect(OUTSIDE.some((re) => re.test("const p = '/work/shared/fixtures/x.html';"))).toBe(true);
    expect(OUTSIDE.some((re) => re.test("resolve(process.env.X ?? '../shared')"))).toBe(true);
  });
});
