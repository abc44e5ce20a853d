/**
 * Interned word types with everything the families ask about a word, computed once per type:
 * a reply's words are looked up once (one Map lookup per word) instead of once per lexicon and
 * family. Values are exactly those of the per-family lookups they replace (same sets, same
 * syllable counts), so features do not change. Bounded: the table is reset between replies
 * when it grows past MAX_TYPES.
 */
import { syllable } from 'syllable';
import { ENGLISH_FUNCTION_WORDS } from '../lexicons/function-words.ts';
import { HEDGE_WORDS } from '../lexicons/hedges.ts';
import { FORMAL_WORDS, SLANG_WORDS } from '../lexicons/phrases.ts';
import { NEGATORS, VALENCE } from '../lexicons/sentiment.ts';
import { BOOSTER_WORDS, INTENSIFIER_WORDS } from '../lexicons/stance.ts';
import { FIRST_PLURAL, FIRST_SINGULAR, SECOND_PERSON } from '../lexicons/pronouns.ts';
import { LATIN_WORD } from '../text/language.ts';
import { STYLE_BUCKETS, STYLE_WORDS, styleBucket } from './style-words.ts';

/** Word categories, one bit each; counted per reply by countCategories. */
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

const CONTRACTION = /^[a-z]+(?:'|’)(?:s|re|ve|ll|d|m|t)$/;
const SETS: [number, ReadonlySet<string>][] = [
  [CAT.functionWord, ENGLISH_FUNCTION_WORDS], [CAT.hedge, HEDGE_WORDS], [CAT.booster, BOOSTER_WORDS],
  [CAT.intensifier, INTENSIFIER_WORDS], [CAT.firstSingular, FIRST_SINGULAR], [CAT.firstPlural, FIRST_PLURAL],
  [CAT.second, SECOND_PERSON], [CAT.slang, SLANG_WORDS], [CAT.formal, FORMAL_WORDS], [CAT.negator, NEGATORS],
];

const MAX_TYPES = 100_000;
let ids = new Map<string, number>();
let size = 0;
let cap = 1024;
let flags = new Uint32Array(cap);
let valence = new Float64Array(cap);
let hasValence = new Uint8Array(cap);
let syllables = new Uint16Array(cap);
let lengths = new Uint32Array(cap);
/** Style-profile bucket of the type (STYLE_BUCKETS), or -1 when it is not a style word. */
let bucket = new Int32Array(cap);

function grow(): void {
  cap *= 2;
  const g = <T extends Uint32Array | Float64Array | Uint8Array | Uint16Array | Int32Array>(a: T, make: (n: number) => T): T => {
    const b = make(cap);
    b.set(a);
    return b;
  };
  flags = g(flags, (n) => new Uint32Array(n));
  valence = g(valence, (n) => new Float64Array(n));
  hasValence = g(hasValence, (n) => new Uint8Array(n));
  syllables = g(syllables, (n) => new Uint16Array(n));
  lengths = g(lengths, (n) => new Uint32Array(n));
  bucket = g(bucket, (n) => new Int32Array(n));
}

function addType(w: string): number {
  if (size === cap) grow();
  const id = size++;
  let f = 0;
  for (const [bit, set] of SETS) if (set.has(w)) f |= 1 << bit;
  if (CONTRACTION.test(w)) f |= 1 << CAT.contraction;
  if (LATIN_WORD.test(w)) f |= 1 << CAT.latin;
  flags[id] = f;
  const v = VALENCE.get(w);
  hasValence[id] = v === undefined ? 0 : 1;
  valence[id] = v ?? 0;
  syllables[id] = Math.max(1, syllable(w));
  lengths[id] = w.length;
  bucket[id] = ENGLISH_FUNCTION_WORDS.has(w) || STYLE_WORDS.has(w) ? styleBucket(w, STYLE_BUCKETS) : -1;
  ids.set(w, id);
  return id;
}

/** Call between replies: keeps the table bounded without invalidating ids in use. */
export function maybeResetTable(): void {
  if (size < MAX_TYPES) return;
  ids = new Map();
  size = 0;
}

/** Type ids of lower-cased words. */
export function internAll(lowerWords: readonly string[]): Int32Array {
  const out = new Int32Array(lowerWords.length);
  for (let i = 0; i < lowerWords.length; i++) {
    const w = lowerWords[i];
    const id = ids.get(w);
    out[i] = id === undefined ? addType(w) : id;
  }
  return out;
}

/** Number of words in each category (index = CAT value). */
export function countCategories(tokens: Int32Array): Int32Array {
  const counts = new Int32Array(CATEGORY_COUNT);
  for (let i = 0; i < tokens.length; i++) {
    let f = flags[tokens[i]];
    while (f !== 0) {
      const bit = 31 - Math.clz32(f & -f);
      counts[bit]++;
      f &= f - 1;
    }
  }
  return counts;
}

export const typeCount = (): number => size;
export const isNegator = (id: number): boolean => (flags[id] & (1 << CAT.negator)) !== 0;
export const valenceOf = (id: number): number | undefined => (hasValence[id] ? valence[id] : undefined);
export const syllablesOf = (id: number): number => syllables[id];
export const lengthOf = (id: number): number => lengths[id];
export const styleBucketOf = (id: number): number => bucket[id];
