/**
 * The feature speed engine: everything that makes one reply's shared reading fast, behind one
 * object. It builds the ReplyContext every feature family reads: code stripped once, the prose
 * lower-cased once, words and sentences found in one pass (text/word-scan.ts), each word looked
 * up once in the engine's word table (word-table.ts), phrase patterns counted in one scan
 * (phrase-scan.ts) or from the words' types, prose lines found once (as offsets).
 *
 * All its state (word table, scan buffers, phrase scanner, scratch counts) is the object's: two
 * engines never share anything, and no module here holds mutable state. The feature registry
 * keeps one engine for the process, so word types learnt on one reply serve the next.
 */
import { proseLines, splitCode, stripMarkup, stripMarkupLower } from '../../text/markdown.ts';
import { sentenceStats, words } from '../../text/segment.ts';
import { createTextScan, scanText, type TextScan } from '../../text/word-scan.ts';
import { englishFromCounts } from '../../text/language.ts';
import { CAT, type ReplyContext, type TokenStats } from '../types.ts';
import { buildFeaturePhrases, phraseCounts } from './phrase-lexicon.ts';
import type { PhraseScanner } from './phrase-scan.ts';
import { WordTable, type CountedWords } from './word-table.ts';

export class FeatureEngine {
  /** The phrase lexicons, compiled once per engine. */
  readonly phrases: PhraseScanner = buildFeaturePhrases();
  private readonly table = new WordTable(this.phrases);
  /** Reused by every reply (context() copies out what it keeps). */
  private readonly scan: TextScan = createTextScan();
  /** Per-type scratch counts, all zero between replies (ReplyContext.typeCounts). */
  private counts = new Uint8Array(1024);

  /** The shared reading of one reply; valid until the next call (see ReplyContext). */
  context(raw: string): ReplyContext {
    const { table, scan, phrases } = this;
    table.maybeReset();
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
    const fromWords = spaced && linesKept && phrases.lineLocal;
    const counted = spaced ? table.internCounted(lowerPlain, scan, fromWords) : this.countedStrings(words(lowerPlain));
    const { tokens, stats } = counted;
    const categories = stats.categories;
    return {
      raw,
      prose: split.prose,
      lowerProse,
      wordCount: tokens.length,
      tokens,
      stats,
      typeCounts: this.typeCounts(),
      phrases: phraseCounts(fromWords ? phrases.countRuns(lowerPlain, counted.phraseRuns, counted.phraseRunCount, lowerProse) : phrases.count(lowerProse)),
      sentences: spaced ? { ...scan.sentences } : sentenceStats(stripMarkup(split.prose), true),
      lines: proseLines(split.prose),
      english: englishFromCounts(tokens.length, categories[CAT.functionWord], categories[CAT.latin]),
      codeBlocks: split.codeBlocks,
      codeChars: split.codeChars,
      inlineCode: split.inlineCode,
    };
  }

  /** Type ids of lower-cased words, in this engine's word table. */
  wordIds(lowerWords: readonly string[]): Int32Array {
    return this.table.internAll(lowerWords);
  }

  /** Category counts, syllables, lengths and valence of words by type id. */
  wordStats(tokens: Int32Array): TokenStats {
    return this.table.tokenStats(tokens);
  }

  /** The lower-cased word of a type id. */
  typeString(id: number): string {
    return this.table.typeString(id);
  }

  /** The style bucket of a type id (style-words.ts), or −1. */
  styleBucketOf(id: number): number {
    return this.table.styleBucketOf(id);
  }

  /** Zeroed scratch counts covering every type id of the table (grown as the table grows). */
  typeCounts(): Uint8Array {
    const need = this.table.typeCount;
    if (this.counts.length < need) this.counts = new Uint8Array(Math.max(need, 2 * this.counts.length));
    return this.counts;
  }

  private countedStrings(lowerWords: readonly string[]): CountedWords {
    const tokens = this.table.internAll(lowerWords);
    return { tokens, stats: this.table.tokenStats(tokens), phraseRuns: new Int32Array(0), phraseRunCount: 0 };
  }
}
