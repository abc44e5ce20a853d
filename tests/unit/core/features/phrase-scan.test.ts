/**
 * The phrase scanner (features/engine/phrase-scan.ts) against the full scans it replaces: every lexicon
 * regex run over the whole text and the reference hedge-phrase count. Checked both when the
 * scanner walks the text itself and when its candidate positions come from the words of the
 * markup-stripped text (buildContext's path when stripping only removed line-start marks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFeaturePhrases } from '../../../../src/core/features/engine/phrase-lexicon.ts';
import { countPhrases } from '../../../../src/core/features/engine/phrase-scan.ts';
import { WordTable } from '../../../../src/core/features/engine/word-table.ts';
import { countMatches } from '../../../../src/core/features/types.ts';
import { HEDGE_PHRASES } from '../../../../src/core/lexicons/hedges.ts';
import {
  AI_IDENTITY_PATTERNS,
  APOLOGY_PATTERNS,
  FLATTERY_PATTERNS,
  OTHER_IDENTITY_PATTERNS,
  REFUSAL_PATTERNS,
  WARMTH_PATTERNS,
} from '../../../../src/core/lexicons/phrases.ts';
import { stripMarkupLower } from '../../../../src/core/text/markdown.ts';
import { createTextScan, scanText } from '../../../../src/core/text/word-scan.ts';

const GROUPS = [FLATTERY_PATTERNS, APOLOGY_PATTERNS, REFUSAL_PATTERNS, AI_IDENTITY_PATTERNS, OTHER_IDENTITY_PATTERNS, WARMTH_PATTERNS];
const PHRASES = buildFeaturePhrases();
const reference = (lower: string) => [...GROUPS.map((g) => countMatches(lower, g)), countPhrases(lower, HEDGE_PHRASES)];

// Pieces of the patterns (first words, their continuations, near misses) glued with separators
// that stress word boundaries: digits, joiners, non-ASCII letters, markup and line marks.
const PIECES = [
  'i',
  'I',
  'am',
  "'m",
  ' ',
  '  ',
  "i'm",
  'i am',
  'sorry',
  'so sorry',
  'but i',
  "can't",
  'cannot',
  'help',
  'assist',
  'you',
  "you're",
  'right',
  'absolutely',
  'great',
  'question',
  'questions',
  'what a',
  'such a',
  'the',
  'void',
  'the cosmos',
  'universe',
  'that',
  "that's",
  'it',
  'is',
  'not appropriate',
  'okay',
  'as an',
  'ai',
  'language model',
  'my',
  'name is',
  'apologies',
  'thank',
  'thanks',
  'thank you',
  'hope this helps',
  'feel free',
  "don't",
  'know',
  "don't hesitate",
  'in',
  'my opinion',
  'in general',
  'a bit',
  'and so forth',
  'and all that',
  'kind of',
  'sort of',
  'so far',
  'at least',
  'more or less',
  'whisper',
  'sacred',
  ',',
  '.',
  '!',
  '?',
  '-',
  '_',
  "'",
  '’',
  '3',
  '9i',
  'é',
  'ß',
  'x',
  'the-',
  'be',
  'would be',
  'against',
  'my guidelines',
  'seek',
  'a professional',
  '\n',
  '\n\n',
  '\n- ',
  '\n1. ',
  '\n## ',
  '**',
  '*',
  '__',
  '[link](u)',
  '|',
  '---',
  '`',
  '\r\n',
  'Σ',
  'ΑΣ',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((xs) => xs.join(''));
const RUNS = { numRuns: 500, seed: 3 };

describe('phrase scanner', () => {
  it('counts what full regex scans count, walking the text', () => {
    fc.assert(
      fc.property(text, (t) => void expect(PHRASES.count(t.toLowerCase())).toEqual(reference(t.toLowerCase()))),
      RUNS,
    );
  });

  it('counts the same from the words of the stripped text when only line marks were stripped', () => {
    const scan = createTextScan();
    const table = new WordTable(PHRASES);
    let used = 0;
    fc.assert(
      fc.property(text, (t) => {
        const lowerProse = t.toLowerCase();
        const { plain, linesKept } = stripMarkupLower(t, lowerProse);
        if (!linesKept || !scanText(plain, scan)) return;
        used++;
        const words = table.internCounted(plain, scan, true);
        expect(PHRASES.countRuns(plain, words.phraseRuns, words.phraseRunCount, lowerProse)).toEqual(reference(lowerProse));
      }),
      RUNS,
    );
    expect(used).toBeGreaterThan(RUNS.numRuns / 4); // the path is exercised, not skipped
  });

  it('lexicon patterns never read across a line break (so the word path may be used)', () => {
    expect(PHRASES.lineLocal).toBe(true);
  });

  it('startsIn finds first words inside a word, not after a digit', () => {
    const runs = (w: string) => Array.from(PHRASES.startsIn(w) ?? []).filter((_, k) => k % 3 !== 2);
    expect(runs('i')).toEqual([0, 1]);
    expect(runs("i'm")).toEqual([0, 1]);
    expect(runs('x-the')).toEqual([2, 5]);
    expect(runs('9the')).toEqual([]);
    expect(PHRASES.startsIn('thesis')).toBeNull();
  });
});
