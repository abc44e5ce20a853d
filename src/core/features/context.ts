/**
 * Builds the ReplyContext shared by every feature family: code stripped once, the prose
 * lower-cased once, words and sentences found in one pass (text/word-scan.ts) and each word looked
 * up once (word-table.ts), phrase patterns counted in one scan (phrase-scan.ts) or from the words'
 * types, prose lines found once (as offsets).
 */
import { proseLines, splitCode, stripMarkup, stripMarkupLower } from '../text/markdown.ts';
import { sentenceStats, words } from '../text/segment.ts';
import { createTextScan, scanText } from '../text/word-scan.ts';
import { englishFromCounts } from '../text/language.ts';
import { PHRASES, phraseCounts } from './phrase-lexicon.ts';
import { CAT, internAll, internCounted, maybeResetTable, tokenStats, type CountedWords } from './word-table.ts';
import type { ReplyContext } from './types.ts';

function countedStrings(lowerWords: readonly string[]): CountedWords {
  const tokens = internAll(lowerWords);
  return { tokens, stats: tokenStats(tokens), phraseRuns: new Int32Array(0), phraseRunCount: 0 };
}

/** Reused by every reply (buildContext copies out what it keeps). */
const scan = createTextScan();

export function buildContext(raw: string): ReplyContext {
  maybeResetTable();
  const split = splitCode(raw);
  const lowerProse = split.prose.toLowerCase();
  const { plain: lowerPlain, linesKept } = stripMarkupLower(split.prose, lowerProse);
  // One pass finds words and sentences; scripts without spaces go through the segmenter. Lower-
  // casing changes no character's script, letter/number class or sentence-end class, so the
  // lower-cased text has the sentences of the plain (markup-free) prose.
  const spaced = scanText(lowerPlain, scan);
  // Phrase patterns are matched on the lower-cased prose. Where stripping only removed line-start
  // marks and no pattern reads across a line, each line has the same matches in lowerPlain, whose
  // words already say where patterns can start: no second walk over the text.
  const fromWords = spaced && linesKept && PHRASES.lineLocal;
  const counted = spaced ? internCounted(lowerPlain, scan, fromWords) : countedStrings(words(lowerPlain));
  const { tokens, stats } = counted;
  const categories = stats.categories;
  return {
    raw,
    prose: split.prose,
    lowerProse,
    wordCount: tokens.length,
    tokens,
    stats,
    phrases: phraseCounts(fromWords ? PHRASES.countRuns(lowerPlain, counted.phraseRuns, counted.phraseRunCount, lowerProse) : PHRASES.count(lowerProse)),
    sentences: spaced ? { ...scan.sentences } : sentenceStats(stripMarkup(split.prose), true),
    lines: proseLines(split.prose),
    english: englishFromCounts(tokens.length, categories[CAT.functionWord], categories[CAT.latin]),
    codeBlocks: split.codeBlocks,
    codeChars: split.codeChars,
    inlineCode: split.inlineCode,
  };
}
