/**
 * Interned word types with everything the families ask about a word, computed once per type:
 * a reply's words are looked up once each instead of once per lexicon and family. Values are
 * exactly those of the per-family lookups they replace (same sets, same syllable counts), so
 * features do not change. Bounded: the table is reset between replies when it grows past
 * MAX_TYPES.
 *
 * Speed: words are looked up straight from [start, end) spans of the reply text (open addressing
 * on an FNV-1a hash of the char codes), so no string is built for a word whose type is known; the
 * per-type facts a reply pass needs (category bits, syllables, length) sit side by side in one
 * Int32Array, and tokenStats reads them in a single pass over the reply's tokens.
 */
import { syllable } from 'syllable';
import { ENGLISH_FUNCTION_WORDS } from '../lexicons/function-words.ts';
import { HEDGE_WORDS } from '../lexicons/hedges.ts';
import { FORMAL_WORDS, SLANG_WORDS } from '../lexicons/phrases.ts';
import { NEGATORS, VALENCE } from '../lexicons/sentiment.ts';
import { BOOSTER_WORDS, INTENSIFIER_WORDS } from '../lexicons/stance.ts';
import { FIRST_PLURAL, FIRST_SINGULAR, SECOND_PERSON } from '../lexicons/pronouns.ts';
import { LATIN_WORD } from '../text/language.ts';
import { hashWord, type TextScan } from '../text/word-scan.ts';
import { STYLE_BUCKETS, STYLE_WORDS, styleBucket } from './style-words.ts';

/** Word categories, one bit each; counted per reply by tokenStats. */
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
/** Flag bit (beyond the categories, so never counted) for types with an AFINN valence. */
const HAS_VALENCE = 1 << 16;

const CONTRACTION = /^[a-z]+(?:'|’)(?:s|re|ve|ll|d|m|t)$/;
const SETS: [number, ReadonlySet<string>][] = [
  [CAT.functionWord, ENGLISH_FUNCTION_WORDS], [CAT.hedge, HEDGE_WORDS], [CAT.booster, BOOSTER_WORDS],
  [CAT.intensifier, INTENSIFIER_WORDS], [CAT.firstSingular, FIRST_SINGULAR], [CAT.firstPlural, FIRST_PLURAL],
  [CAT.second, SECOND_PERSON], [CAT.slang, SLANG_WORDS], [CAT.formal, FORMAL_WORDS], [CAT.negator, NEGATORS],
];

const MAX_TYPES = 100_000;
/**
 * Per type, INFO_STRIDE ints side by side: what tokenStats reads (flags, syllables, length), the
 * style bucket, and what a lookup checks (hash, offset of the type's code units in `chars`).
 */
const INFO_STRIDE = 6;
const FLAGS = 0, SYLLABLES = 1, LENGTH = 2, BUCKET = 3, HASH = 4, CHARS_AT = 5;

let size = 0;
let info = new Int32Array(1024 * INFO_STRIDE);
let valence = new Float64Array(1024);
let strings: string[] = [];
/** Every type's code units, back to back (compared against the text without building a string). */
let chars = new Uint16Array(1 << 16);
let charsSize = 0;
/** Open-addressing slots: type id + 1, or 0 when empty; kept at most half full. */
let slots = new Int32Array(2048);

/** A copy of `a` with room for at least `need` elements (doubling). */
function ensure<T extends Int32Array | Float64Array | Uint16Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

function place(id: number): void {
  const mask = slots.length - 1;
  let s = info[id * INFO_STRIDE + HASH] & mask;
  while (slots[s] !== 0) s = (s + 1) & mask;
  slots[s] = id + 1;
}

function addType(w: string, hash: number): number {
  const id = size++;
  info = ensure(info, size * INFO_STRIDE, (n) => new Int32Array(n));
  valence = ensure(valence, size, (n) => new Float64Array(n));
  chars = ensure(chars, charsSize + w.length, (n) => new Uint16Array(n));
  let f = 0;
  for (const [bit, set] of SETS) if (set.has(w)) f |= 1 << bit;
  if (CONTRACTION.test(w)) f |= 1 << CAT.contraction;
  if (LATIN_WORD.test(w)) f |= 1 << CAT.latin;
  const v = VALENCE.get(w);
  if (v !== undefined) f |= HAS_VALENCE;
  const o = id * INFO_STRIDE;
  info[o + FLAGS] = f;
  info[o + SYLLABLES] = Math.max(1, syllable(w)) & 0xffff; // a 16-bit count, as stored before
  info[o + LENGTH] = w.length;
  info[o + BUCKET] = ENGLISH_FUNCTION_WORDS.has(w) || STYLE_WORDS.has(w) ? styleBucket(w, STYLE_BUCKETS) : -1;
  info[o + HASH] = hash;
  info[o + CHARS_AT] = charsSize;
  for (let i = 0; i < w.length; i++) chars[charsSize++] = w.charCodeAt(i);
  valence[id] = v ?? 0;
  strings[id] = w;
  if (2 * size > slots.length) {
    slots = new Int32Array(2 * slots.length);
    for (let t = 0; t < size; t++) place(t);
  } else place(id);
  return id;
}

/**
 * Type id of text[start, end) (lower-cased by the caller; h = hashWord of it), added to the
 * table if new. A slot's type matches when hash, length and every code unit agree.
 */
function intern(text: string, start: number, end: number, h: number): number {
  const mask = slots.length - 1;
  const length = end - start;
  for (let s = h & mask; ; s = (s + 1) & mask) {
    const e = slots[s];
    if (e === 0) return addType(text.slice(start, end), h);
    const o = (e - 1) * INFO_STRIDE;
    if (info[o + HASH] !== h || info[o + LENGTH] !== length) continue;
    const at = info[o + CHARS_AT] - start;
    let i = start;
    while (i < end && chars[at + i] === text.charCodeAt(i)) i++;
    if (i === end) return e - 1;
  }
}

/** Call between replies: keeps the table bounded without invalidating ids in use. */
export function maybeResetTable(): void {
  if (size < MAX_TYPES) return;
  size = 0;
  charsSize = 0;
  strings = [];
  slots.fill(0);
}

/** Type ids of lower-cased words. */
export function internAll(lowerWords: readonly string[]): Int32Array {
  const out = new Int32Array(lowerWords.length);
  for (let i = 0; i < lowerWords.length; i++) {
    const w = lowerWords[i];
    out[i] = intern(w, 0, w.length, hashWord(w, 0, w.length));
  }
  return out;
}

/** Type ids of the words `scan` found in `text`. */
export function internScanned(text: string, scan: TextScan): Int32Array {
  const out = new Int32Array(scan.count);
  for (let i = 0; i < scan.count; i++) out[i] = intern(text, scan.starts[i], scan.ends[i], scan.hashes[i]);
  return out;
}

/** What one pass over a reply's tokens tells every family. */
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

export function tokenStats(tokens: Int32Array): TokenStats {
  const categories = new Int32Array(CATEGORY_COUNT);
  let syllables = 0, chars = 0, sum = 0, flip = 0;
  const negator = 1 << CAT.negator;
  for (let i = 0; i < tokens.length; i++) {
    const id = tokens[i];
    const o = id * INFO_STRIDE;
    const flags = info[o + FLAGS];
    syllables += info[o + SYLLABLES];
    chars += info[o + LENGTH];
    if (flags & HAS_VALENCE) sum += flip > 0 ? -valence[id] : valence[id];
    flip = flags & negator ? 2 : Math.max(0, flip - 1);
    let f = flags & ~HAS_VALENCE;
    while (f !== 0) {
      categories[31 - Math.clz32(f & -f)]++;
      f &= f - 1;
    }
  }
  return { categories, syllables, chars, valence: sum };
}

export const typeCount = (): number => size;
/** The lower-cased word of a type id. */
export const typeString = (id: number): string => strings[id];
export const styleBucketOf = (id: number): number => info[id * INFO_STRIDE + BUCKET];
