/**
 * Interned word types with everything the families ask about a word, computed once per type:
 * a reply's words are looked up once each instead of once per lexicon and family. Values are
 * exactly those of the per-family lookups they replace (same sets, same syllable counts), so
 * features do not change. Bounded: the table is reset between replies when it grows past
 * MAX_TYPES.
 *
 * Speed: words are looked up straight from [start, end) spans of the reply text (open addressing
 * on an FNV-1a hash of the char codes), so no string is built for a word whose type is known; a
 * word of up to 9 letters is matched on its exact numeric key, without reading characters. A
 * table of tens of thousands of types does not fit in the CPU caches, and a lookup that misses
 * them stalls on memory once per array it reads: so one 16-byte record per type holds all a reply
 * pass needs (key or hash, id, category bits, syllables, length), and the records of recently used
 * types are copied into a small table that stays in cache (`young`), searched first.
 */
import { syllable } from 'syllable';
import { ENGLISH_FUNCTION_WORDS } from '../lexicons/function-words.ts';
import { HEDGE_WORDS } from '../lexicons/hedges.ts';
import { FORMAL_WORDS, SLANG_WORDS } from '../lexicons/phrases.ts';
import { NEGATORS, VALENCE } from '../lexicons/sentiment.ts';
import { BOOSTER_WORDS, INTENSIFIER_WORDS } from '../lexicons/stance.ts';
import { FIRST_PLURAL, FIRST_SINGULAR, SECOND_PERSON } from '../lexicons/pronouns.ts';
import { LATIN_WORD } from '../text/language.ts';
import { hashWord, wordKey, type TextScan } from '../text/word-scan.ts';
import { STYLE_BUCKETS, STYLE_WORDS, styleBucket } from './style-words.ts';
import { PHRASES } from './phrase-lexicon.ts';
import { RUN_STRIDE } from './phrase-scan.ts';
import type { TokenStats } from './types.ts';

export type { TokenStats } from './types.ts';

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
const HAS_VALENCE = 1 << CATEGORY_COUNT;
/** Bits of the flags (categories and HAS_VALENCE). */
const FLAG_BITS = CATEGORY_COUNT + 1;

const CONTRACTION = /^[a-z]+(?:'|’)(?:s|re|ve|ll|d|m|t)$/;
const SETS: [number, ReadonlySet<string>][] = [
  [CAT.functionWord, ENGLISH_FUNCTION_WORDS],
  [CAT.hedge, HEDGE_WORDS],
  [CAT.booster, BOOSTER_WORDS],
  [CAT.intensifier, INTENSIFIER_WORDS],
  [CAT.firstSingular, FIRST_SINGULAR],
  [CAT.firstPlural, FIRST_PLURAL],
  [CAT.second, SECOND_PERSON],
  [CAT.slang, SLANG_WORDS],
  [CAT.formal, FORMAL_WORDS],
  [CAT.negator, NEGATORS],
];

const MAX_TYPES = 100_000;

/**
 * Per type id, INFO_STRIDE ints: category bits, syllables, length, style bucket, the offset of its
 * code units in `chars` and its hash. Read by id (tokenStats, styleBucketOf), when a long word is
 * compared and when the slot table grows.
 */
const INFO_STRIDE = 6;
const FLAGS = 0,
  SYLLABLES = 1,
  LENGTH = 2,
  BUCKET = 3,
  CHARS_AT = 4,
  HASH = 5;

/**
 * Open addressing, kept at most half full; SLOT_STRIDE ints (16 bytes, four slots per cache line)
 * per slot, so that a word's lookup and its stats take one memory read:
 * - S_ID: type id + 1 (0 = empty slot);
 * - S_MATCH, S_KEY_HI: a short word's exact key (text/word-scan.ts wordKey; 41⁹ < 2⁴⁹, so the high
 *   part fits in KEY_HI_BITS), or for any other word its hash and KEY_HI_NONE;
 *   S_KEY_HI also holds the word's length above KEY_HI_BITS (LENGTH_CAP: read it from `info`);
 * - S_STATS: the type's flags, its syllables above FLAG_BITS (SYLLABLE_MASK), and HAS_PHRASE_RUNS.
 */
const SLOT_STRIDE = 4;
const S_ID = 0,
  S_MATCH = 1,
  S_KEY_HI = 2,
  S_STATS = 3;
const KEY_HI_BITS = 17;
const KEY_HI_MASK = (1 << KEY_HI_BITS) - 1;
const KEY_HI_NONE = KEY_HI_MASK;
const LENGTH_CAP = (1 << (31 - KEY_HI_BITS)) - 1;
const TWO_32 = 4294967296;
const SYLLABLE_MASK = 0xffff;
/** S_STATS bit: some phrase pattern can start inside the type (phraseRuns[id]). */
const HAS_PHRASE_RUNS = 1 << (FLAG_BITS + 16);

let size = 0;
let info = new Int32Array(1024 * INFO_STRIDE);
let valence = new Float64Array(1024);
let strings: string[] = [];
/** Per type id: where phrase patterns can start inside the word (phrase-scan.ts startsIn), or null. */
let phraseRuns: (Int32Array | null)[] = [];
/** Every type's code units, back to back (compared against the text without building a string). */
let chars = new Uint16Array(1 << 16);
let charsSize = 0;
let slots = new Int32Array(2048 * SLOT_STRIDE);

/** A copy of `a` with room for at least `need` elements (doubling). */
function ensure<T extends Int32Array | Float64Array | Uint16Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/** The hash a slot is placed by: hashWord of the type's characters (kept in `info` for moving slots). */
const slotHash = (id: number): number => info[id * INFO_STRIDE + HASH];

/** Offset of the first free slot for `hash` in `table`. */
function freeSlot(table: Int32Array, hash: number): number {
  const mask = table.length / SLOT_STRIDE - 1;
  let s = hash & mask;
  while (table[s * SLOT_STRIDE + S_ID] !== 0) s = (s + 1) & mask;
  return s * SLOT_STRIDE;
}

/** Doubles the slot table, moving every record. */
function growSlots(): void {
  const old = slots;
  slots = new Int32Array(2 * old.length);
  for (let o = 0; o < old.length; o += SLOT_STRIDE) {
    const id1 = old[o + S_ID];
    if (id1 !== 0) slots.set(old.subarray(o, o + SLOT_STRIDE), freeSlot(slots, slotHash(id1 - 1)));
  }
}

/** Adds the type w (hash and key as the scanner gives them); returns its slot offset. */
function addType(w: string, hash: number, key: number): number {
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
  info[o + CHARS_AT] = charsSize;
  info[o + HASH] = hash;
  for (let i = 0; i < w.length; i++) chars[charsSize++] = w.charCodeAt(i);
  valence[id] = v ?? 0;
  strings[id] = w;
  phraseRuns[id] = PHRASES.startsIn(w);
  if (2 * size > slots.length / SLOT_STRIDE) growSlots();
  const s = freeSlot(slots, hash);
  slots[s + S_ID] = id + 1;
  slots[s + S_MATCH] = key !== 0 ? key | 0 : hash;
  slots[s + S_KEY_HI] = (key !== 0 ? key / TWO_32 : KEY_HI_NONE) | (Math.min(w.length, LENGTH_CAP) << KEY_HI_BITS);
  slots[s + S_STATS] = f | (info[o + SYLLABLES] << FLAG_BITS) | (phraseRuns[id] ? HAS_PHRASE_RUNS : 0);
  return s;
}

/** Length of the type in record r of `table`. */
function recordLength(table: Int32Array, r: number): number {
  const length = table[r + S_KEY_HI] >>> KEY_HI_BITS;
  return length < LENGTH_CAP ? length : info[(table[r + S_ID] - 1) * INFO_STRIDE + LENGTH];
}

/** Whether record r of `table` (a word without exact key) is text[start, end): same length and code units. */
function sameChars(table: Int32Array, r: number, text: string, start: number, end: number): boolean {
  if ((table[r + S_KEY_HI] & KEY_HI_MASK) !== KEY_HI_NONE || recordLength(table, r) !== end - start) return false;
  const at = info[(table[r + S_ID] - 1) * INFO_STRIDE + CHARS_AT] - start;
  let i = start;
  while (i < end && chars[at + i] === text.charCodeAt(i)) i++;
  return i === end;
}

/**
 * Offset of the record of text[start, end) in `table` (h = hashWord, key = wordKey of it), or, when
 * absent, −1 − the offset of the free slot where it belongs. A short word matches on its exact key
 * (no characters read), any other word on hash, length and every code unit.
 */
function find(table: Int32Array, text: string, start: number, end: number, h: number, key: number): number {
  const wrap = table.length - 1; // offsets step by SLOT_STRIDE and wrap around (length is a power of 2)
  const match = key !== 0 ? key | 0 : h;
  const hi = (key / TWO_32) | 0;
  for (let r = (h * SLOT_STRIDE) & wrap; ; r = (r + SLOT_STRIDE) & wrap) {
    if (table[r + S_ID] === 0) return -1 - r;
    if (table[r + S_MATCH] !== match) continue;
    if (key !== 0 ? (table[r + S_KEY_HI] & KEY_HI_MASK) === hi : sameChars(table, r, text, start, end)) return r;
  }
}

/**
 * Recently used types: copies of `slots` records in a table small enough to stay in the CPU's
 * cache (256 KB), cleared when half full. The full table outgrows the caches (tens of thousands
 * of types, and a lookup reads one cache line), while the words of the conversation at hand are
 * a few thousand: looked up here first, most of them are found without a memory stall.
 */
const YOUNG_SLOTS = 1 << 14;
const young = new Int32Array(YOUNG_SLOTS * SLOT_STRIDE);
let youngSize = 0;

/** Copies record r of `slots` into `young` at free offset `at` (or after clearing it); returns its offset there. */
function promote(r: number, at: number, text: string, start: number, end: number, h: number, key: number): number {
  if (2 * (youngSize + 1) > YOUNG_SLOTS) {
    young.fill(0);
    youngSize = 0;
    at = -1 - find(young, text, start, end, h, key);
  }
  young.set(slots.subarray(r, r + SLOT_STRIDE), at);
  youngSize++;
  return at;
}

/** Offset in `young` of the record of text[start, end) (see find), its type added to the table if new. */
function youngSlotOf(text: string, start: number, end: number, h: number, key: number): number {
  const y = find(young, text, start, end, h, key);
  if (y >= 0) return y;
  let r = find(slots, text, start, end, h, key);
  if (r < 0) r = addType(text.slice(start, end), h, key);
  return promote(r, -1 - y, text, start, end, h, key);
}

/** Call between replies: keeps the table bounded without invalidating ids in use. */
export function maybeResetTable(): void {
  if (size < MAX_TYPES) return;
  size = 0;
  charsSize = 0;
  strings = [];
  phraseRuns = [];
  slots.fill(0);
  young.fill(0);
  youngSize = 0;
}

/** Type ids of lower-cased words. */
export function internAll(lowerWords: readonly string[]): Int32Array {
  const out = new Int32Array(lowerWords.length);
  for (let i = 0; i < lowerWords.length; i++) {
    const w = lowerWords[i];
    out[i] = young[youngSlotOf(w, 0, w.length, hashWord(w, 0, w.length), wordKey(w, 0, w.length)) + S_ID] - 1;
  }
  return out;
}

/** Type ids of the words `scan` found in `text`. */
export function internScanned(text: string, scan: TextScan): Int32Array {
  return internCounted(text, scan).tokens;
}

/** What one pass over a reply's tokens tells every family. */

/** Categories every English word has or often has (counted without looping over bits) and the valence flag. */
const COMMON_FLAGS = (1 << CAT.functionWord) | (1 << CAT.latin) | HAS_VALENCE;

/** Per-token stats words (flags, syllables above FLAG_BITS) of the current reply; reused. */
let packed = new Int32Array(1024);

/**
 * TokenStats of n tokens: ids[i] and the i-th packed stats word; `chars` is the sum of their
 * lengths. One loop with its sums in locals, shared by tokenStats and internCounted.
 */
function sumStats(ids: Int32Array, n: number, chars: number): TokenStats {
  const categories = new Int32Array(CATEGORY_COUNT);
  let syllables = 0,
    sum = 0,
    flip = 0,
    functionWords = 0,
    latin = 0;
  for (let i = 0; i < n; i++) {
    const p = packed[i];
    syllables += (p >>> FLAG_BITS) & SYLLABLE_MASK;
    if (p & HAS_VALENCE) sum += flip > 0 ? -valence[ids[i]] : valence[ids[i]];
    flip = p & (1 << CAT.negator) ? 2 : flip > 0 ? flip - 1 : 0; // a negator flips the next two words
    functionWords += p & 1;
    latin += (p >>> CAT.latin) & 1;
    for (let f = p & ((1 << FLAG_BITS) - 1) & ~COMMON_FLAGS; f !== 0; f &= f - 1) categories[31 - Math.clz32(f & -f)]++;
  }
  categories[CAT.functionWord] = functionWords;
  categories[CAT.latin] = latin;
  return { categories, syllables, chars, valence: sum };
}

function ensurePacked(n: number): void {
  if (packed.length < n) packed = new Int32Array(Math.max(n, 2 * packed.length));
}

export function tokenStats(tokens: Int32Array): TokenStats {
  ensurePacked(tokens.length);
  let chars = 0;
  for (let i = 0; i < tokens.length; i++) {
    const o = tokens[i] * INFO_STRIDE;
    packed[i] = info[o + FLAGS] | (info[o + SYLLABLES] << FLAG_BITS);
    chars += info[o + LENGTH];
  }
  return sumStats(tokens, tokens.length, chars);
}

/** Words of one reply, looked up in the table (internCounted). */
export interface CountedWords {
  /** Type ids, in text order. */
  tokens: Int32Array;
  stats: TokenStats;
  /**
   * Where phrase patterns can start in the text (phrase-scan.ts runs: start, end, trie node; in
   * text order), from each word type's phraseRuns, so the text need not be walked again for them.
   * Only when asked for (else empty); a view of a buffer the next call overwrites.
   */
  phraseRuns: Int32Array;
  phraseRunCount: number;
}

/** Phrase runs of the current reply (reused; internCounted copies out the ones it keeps). */
let runs = new Int32Array(64 * RUN_STRIDE);

/** Appends type id's phrase runs, shifted to the word's start, at triple `count`; returns the new count. */
function addPhraseRuns(id: number, wordStart: number, count: number): number {
  const own = phraseRuns[id]!;
  if (count * RUN_STRIDE + own.length > runs.length) {
    const more = new Int32Array(2 * runs.length + own.length);
    more.set(runs);
    runs = more;
  }
  for (let k = 0; k < own.length; k += RUN_STRIDE) {
    const o = count * RUN_STRIDE + k;
    runs[o] = own[k] + wordStart;
    runs[o + 1] = own[k + 1] + wordStart;
    runs[o + 2] = own[k + 2];
  }
  return count + own.length / RUN_STRIDE;
}

/** Type ids of the words `scan` found in `text`, their tokenStats and phrase runs, from one read of each word's record. */
export function internCounted(text: string, scan: TextScan, withPhraseRuns = false): CountedWords {
  const n = scan.count;
  const tokens = new Int32Array(n);
  ensurePacked(n);
  let chars = 0;
  let runCount = 0;
  for (let i = 0; i < n; i++) {
    const s = youngSlotOf(text, scan.starts[i], scan.ends[i], scan.hashes[i], scan.keys[i]);
    const id = young[s + S_ID] - 1;
    const stats = young[s + S_STATS];
    tokens[i] = id;
    packed[i] = stats;
    chars += scan.ends[i] - scan.starts[i];
    if (withPhraseRuns && stats & HAS_PHRASE_RUNS) runCount = addPhraseRuns(id, scan.starts[i], runCount);
  }
  return { tokens, stats: sumStats(tokens, n, chars), phraseRuns: runs.subarray(0, runCount * RUN_STRIDE), phraseRunCount: runCount };
}

export const typeCount = (): number => size;
/** The lower-cased word of a type id. */
export const typeString = (id: number): string => strings[id];
export const styleBucketOf = (id: number): number => info[id * INFO_STRIDE + BUCKET];
