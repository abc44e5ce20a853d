/**
 * The text reader's whitespace helpers (src/sites/text-tidy.ts) take fast paths; they must give
 * exactly what the plain formulations they replace give (per-node regex collapse, per-line
 * split/tidy/join, trim-based whitespace test): checked on generated texts made of pieces that
 * stress the edges (every kind of JS whitespace, line breaks, runs, text between them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpaces, isSpace, needsCollapse, tidyBlock, tidyLines } from '../../../src/sites/text-tidy.ts';

const PIECES = [
  'a',
  'word',
  '*',
  '|',
  '-',
  ' ',
  '  ',
  '   ',
  '\t',
  ' \t',
  '\n',
  '\n\n',
  '\n \n',
  ' \n',
  '\n ',
  '\r',
  '\r\n',
  '\v',
  '\f',
  '\u00a0',
  ' \u00a0',
  '\u00a0 ',
  '\u1680',
  '\u2000',
  '\u2003',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u0085',
  '\u001c',
  'é',
  '😀',
  '\u0000',
  '$1',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((xs) => xs.join(''));
const RUNS = { numRuns: 2000, seed: 11 };

/** The per-line tidy the reader used before: split on \n, fix each line's ends, join. */
function tidyLinesByLine(t: string, nbsp: boolean): string {
  return t
    .split('\n')
    .map((line) => {
      const last = line.charCodeAt(line.length - 1);
      if (last === 32 || last === 9 || (nbsp && last === 0xa0)) line = line.replace(nbsp ? /[ \t\u00a0]+$/ : /[ \t]+$/, '');
      return line.charCodeAt(0) === 32 ? line.replace(/^ (?=\S)/, '') : line;
    })
    .join('\n');
}

describe('text-tidy', () => {
  it('collapseSpaces is the plain regex collapse, with and without kept line breaks', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(collapseSpaces(t, false)).toBe(t.replace(/\s+/g, ' '));
        expect(collapseSpaces(t, true)).toBe(t.replace(/[^\S\n]+/g, ' '));
        expect(needsCollapse(t)).toBe(t.replace(/\s+/g, ' ') !== t);
      }),
      RUNS,
    );
  });

  it('tidyLines is the per-line tidy, with and without no-break spaces', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(tidyLines(t, false)).toBe(tidyLinesByLine(t, false));
        expect(tidyLines(t, true)).toBe(tidyLinesByLine(t, true));
      }),
      RUNS,
    );
  });

  it('tidyBlock is per-line tidy, blank-line cut and trim, with and without no-break spaces', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const nbsp of [false, true])
          expect(tidyBlock(t, nbsp)).toBe(
            tidyLinesByLine(t, nbsp)
              .replace(/\n{3,}/g, '\n\n')
              .trim(),
          );
      }),
      RUNS,
    );
  });

  it('isSpace is exactly \\s for every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) expect(isSpace(c), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it('examples: what the reader relies on', () => {
    expect(collapseSpaces('a \n\t b', false)).toBe('a b');
    expect(collapseSpaces('a \n\t b', true)).toBe('a \n b');
    expect(collapseSpaces('plain text', false)).toBe('plain text');
    expect(tidyLines('x  \n y\n  z\t', false)).toBe('x\ny\n  z');
    expect(tidyLines('x\u00a0\n', true)).toBe('x\n');
    expect(tidyLines('x\u00a0\n', false)).toBe('x\u00a0\n');
  });
});
