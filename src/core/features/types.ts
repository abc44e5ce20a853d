/** Shapes shared by the feature families and the registry. */
import type { FeatureValues } from '../model/types.ts';
import type { ProseLines } from '../text/markdown.ts';
import type { SentenceStats } from '../text/segment.ts';

export interface FeatureDef {
  /** Stable snake_case key used in FeatureValues, CSV columns and stored analyses. */
  name: string;
  /** Short human label for legends. */
  label: string;
  family: string;
  description: string;
  unit: string;
  /** Typical range [min, max]; values outside are possible only where the unit allows. */
  range: [number, number];
  failureCases: string[];
  /** True when the feature relies on English word lists: null ("not applicable") otherwise. */
  englishOnly: boolean;
}

/** Everything a family needs, computed once per reply by the feature engine (engine/feature-engine.ts); valid until its next reply (line starts are a view of a reused buffer). */
export interface ReplyContext {
  raw: string;
  /** Text without code blocks or inline code. */
  prose: string;
  /** Lower-cased prose, for phrase patterns. */
  lowerProse: string;
  /** Number of words of the plain prose. */
  wordCount: number;
  /** Type ids of the plain prose's words, lower-cased, in the engine's word table (engine/word-table.ts). */
  tokens: Int32Array;
  /** Category counts, syllables, lengths and valence of the words, from one pass (engine/word-table.ts). */
  stats: TokenStats;
  /** Scratch counts indexed by type id (covering every id of `tokens`), all zero: a family that uses them leaves them zero. */
  typeCounts: Uint8Array;
  /** Phrase-pattern matches in lowerProse, per lexicon. */
  phrases: PhraseCounts;
  /** Sentence count and end marks of the plain prose (text/segment.ts). */
  sentences: SentenceStats;
  /** Non-blank prose lines and paragraph count (text/markdown.ts proseLines). */
  lines: ProseLines;
  english: boolean;
  codeBlocks: number;
  codeChars: number;
  inlineCode: number;
}

export interface PhraseCounts {
  flattery: number;
  apology: number;
  refusal: number;
  aiIdentity: number;
  otherIdentity: number;
  warmth: number;
  hedgePhrases: number;
}

export interface FeatureFamily {
  family: string;
  defs: FeatureDef[];
  /** Writes the family's features into `out`, which starts with every feature null (registry.ts). */
  compute(ctx: ReplyContext, out: FeatureValues): void;
}

/** Per-100-words rate with a floor of 1 word, so empty replies give 0 rather than NaN. */
export function per100(count: number, wordCount: number): number {
  return (100 * count) / Math.max(1, wordCount);
}

/** Number of matches of the global regex `re` in s (s.match(re).length, without building the array). */
export function countAll(re: RegExp, s: string): number {
  let n = 0;
  re.lastIndex = 0;
  while (re.test(s)) n++;
  return n;
}

/** Number of matches of every pattern in the text. */
export function countMatches(text: string, patterns: readonly RegExp[]): number {
  let n = 0;
  for (const p of patterns) {
    p.lastIndex = 0;
    const m = text.match(p);
    if (m) n += m.length;
  }
  return n;
}

/** Word categories, one bit each in the word table (engine/word-table.ts); counted per reply in TokenStats. */
export const CAT = {
  functionWord: 0,
  hedge: 1,
  booster: 2,
  intensifier: 3,
  firstSingular: 4,
  firstPlural: 5,
  second: 6,
  slang: 7,
  formal: 8,
  contraction: 9,
  /** Written in ASCII letters, digits and ' ’ _ - only (short-reply English check). */
  latin: 10,
  negator: 11,
} as const;
export const CATEGORY_COUNT = 12;

/** Word-category counts and sums of one reply, filled by the word table (engine/word-table.ts). */
export interface TokenStats {
  /** Number of words in each category (index = CAT value). */
  categories: Int32Array;
  /** Σ syllables (each word at least 1). */
  syllables: number;
  /** Σ word lengths in UTF-16 code units. */
  chars: number;
  /** Σ AFINN valence, a negator flipping the sign of the next two words. */
  valence: number;
}
