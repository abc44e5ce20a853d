/**
 * stripMarkupLower (text/markdown.ts) lower-cases once: stripping the lower-cased prose must give
 * stripMarkup(prose).toLowerCase(), and linesKept must say exactly whether stripping removed
 * nothing but line-start marks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripMarkup, stripMarkupLower } from '../../../../src/core/text/markdown.ts';

const PIECES = [
  'Word',
  'ABC',
  'x',
  ' ',
  '\n',
  '\r\n',
  '\u2028',
  '# ',
  '## ',
  '- ',
  '* ',
  '1. ',
  '2) ',
  '• ',
  '**',
  '*',
  '__',
  '_',
  '|',
  '---',
  '[Link](HTTP://X)',
  '![i](u)',
  'İ',
  'I',
  'Σ',
  'ΑΣ',
  'ΣΑ',
  'ς',
  'ΟΔΥΣΣΕΥΣ',
  'ẞ',
  'ǅ',
  'Ω',
  'e\u0301',
  '😀',
  '.',
  ':',
  "'",
  '3',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(''));
const lineMarksOnly = (s: string) => (s.includes('#') ? s.replace(/^[ \t]*#{1,6}[ \t]+/gm, '') : s).replace(/^[ \t]*(?:[-*+•]|\d+[.)])[ \t]+/gm, '');

describe('stripMarkupLower', () => {
  it('equals stripMarkup(prose).toLowerCase()', () => {
    fc.assert(
      fc.property(text, (t) => void expect(stripMarkupLower(t, t.toLowerCase()).plain).toBe(stripMarkup(t).toLowerCase())),
      { numRuns: 800, seed: 5 },
    );
  });
  it('reports linesKept exactly when only line marks were stripped (and no Σ)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const { linesKept } = stripMarkupLower(t, t.toLowerCase());
        expect(linesKept).toBe(!t.includes('Σ') && stripMarkup(t) === lineMarksOnly(t));
      }),
      { numRuns: 800, seed: 6 },
    );
  });
  it('needs its Σ guard: stripping around Σ can change its lower-case form', () => {
    const t = 'ΑΣ**Β**';
    expect(stripMarkup(t.toLowerCase())).not.toBe(stripMarkup(t).toLowerCase());
    expect(stripMarkupLower(t, t.toLowerCase()).plain).toBe(stripMarkup(t).toLowerCase());
  });
});
