/**
 * The hand-written scanners (text/word-scan.ts) and line passes (text/markdown.ts) must give
 * exactly what the regex formulations they replace give: checked on generated texts built from
 * pieces that stress the edge cases (joiners, marks, surrogate pairs, end marks, closers, list
 * and header marks, other line breaks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTextScan, hashWord, hasLetterOrNumber, KEY_MAX_LENGTH, scanText, wordKey } from '../../../../src/core/text/word-scan.ts';
import { sentenceStats, words } from '../../../../src/core/text/segment.ts';
import { lineEnd, proseLines, stripMarkup } from '../../../../src/core/text/markdown.ts';

const PIECES = [
  'a',
  'I',
  'word',
  "don't",
  'don’t',
  'rock-n-roll',
  'abcdefghi',
  'abcdefghij',
  '123456789',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\v',
  'x_y',
  '-',
  '_',
  "'",
  '’',
  '--',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\n \n',
  '\r\n',
  '\u2028',
  '.',
  '. ',
  '!',
  '?',
  '?!',
  '…',
  '。',
  '！',
  '？',
  '"',
  '”',
  ')',
  ']',
  '*',
  '**',
  '__',
  '_x_',
  '`',
  '# ',
  '## ',
  '####### ',
  '- ',
  '* ',
  '+ ',
  '• ',
  '1. ',
  '12) ',
  '| a | b |',
  '|---|',
  '---',
  '[link](http://x.y)',
  'é',
  'e\u0301',
  'ß',
  'İ',
  'Ω',
  '٣',
  '²',
  'ª',
  '𝐀𝐁',
  '😀',
  '©',
  '\uD800',
  '\uDC00',
  'Привет',
  '5.5',
  'e.g.',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(''));
const RUNS = { numRuns: 400, seed: 7 };

describe('scanText', () => {
  it('finds the words of words(), with their hashes', () => {
    const scan = createTextScan(4); // small: exercises growing
    fc.assert(
      fc.property(text, (t) => {
        const lower = t.toLowerCase();
        expect(scanText(lower, scan)).toBe(true);
        const found = Array.from({ length: scan.count }, (_, i) => lower.slice(scan.starts[i], scan.ends[i]));
        expect(found).toEqual(words(lower));
        for (let i = 0; i < scan.count; i++) expect(scan.hashes[i]).toBe(hashWord(lower, scan.starts[i], scan.ends[i]));
        for (let i = 0; i < scan.count; i++) expect(scan.keys[i]).toBe(wordKey(lower, scan.starts[i], scan.ends[i]));
      }),
      RUNS,
    );
  });
  it('counts sentences and their end marks as sentenceStats does', () => {
    const scan = createTextScan();
    fc.assert(
      fc.property(text, (t) => {
        scanText(t.toLowerCase(), scan);
        expect(scan.sentences).toEqual(sentenceStats(t, false));
      }),
      RUNS,
    );
  });
  it('gives short words an exact key: equal keys only for equal words', () => {
    const short = fc.array(fc.constantFrom(..."ab9z'-_’é"), { minLength: 1, maxLength: KEY_MAX_LENGTH + 1 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(short, short, (a, b) => {
        const ka = wordKey(a, 0, a.length),
          kb = wordKey(b, 0, b.length);
        const keyed = (w: string) => w.length <= KEY_MAX_LENGTH && !w.includes('é');
        expect(ka !== 0).toBe(keyed(a));
        if (ka !== 0 && kb !== 0) expect(ka === kb).toBe(a === b);
        expect(Number.isSafeInteger(ka)).toBe(true);
      }),
      { numRuns: 2000, seed: 9 },
    );
  });
  it('declines scripts written without spaces', () => {
    expect(scanText('hello 我喜欢学习中文', createTextScan())).toBe(false);
    expect(scanText('hello ไทย', createTextScan())).toBe(false);
  });
  it('hasLetterOrNumber agrees with the Unicode regex', () => {
    fc.assert(
      fc.property(text, (t) => void expect(hasLetterOrNumber(t)).toBe(/[\p{L}\p{N}]/u.test(t))),
      RUNS,
    );
  });
});

describe('markdown line passes', () => {
  const reference = (prose: string) => {
    let s = prose;
    if (s.includes('#')) s = s.replace(/^[ \t]*#{1,6}[ \t]+/gm, '');
    return s.replace(/^[ \t]*(?:[-*+•]|\d+[.)])[ \t]+/gm, '');
  };
  it('stripMarkup removes header and list marks as the multiline regexes do', () => {
    // No other markup in these pieces, so only the line-mark step can differ.
    const marks = fc
      .array(fc.constantFrom('# ', '## x', '#x', '- ', '-x', '* ', '1. ', '1.x', '2) ', '## 1. ', ' \t- ', 'word', ' ', '\n', '\r', '\u2029'), {
        maxLength: 30,
      })
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(marks, (t) => void expect(stripMarkup(t)).toBe(reference(t))),
      RUNS,
    );
  });
  it('proseLines: non-blank lines and the paragraphs of split(/\\n\\s*\\n/)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const { starts, paragraphs } = proseLines(t);
        expect(Array.from(starts, (s) => t.slice(s, lineEnd(t, s)))).toEqual(t.split('\n').filter((l) => l.trim() !== ''));
        expect(paragraphs).toBe(t.split(/\n\s*\n/).filter((p) => /[\p{L}\p{N}]/u.test(p)).length);
      }),
      RUNS,
    );
  });
});
