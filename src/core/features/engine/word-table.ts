/**
 * Interned word types with everything the families ask about a word, computed once per type:
 * a reply's words are looked up once each instead of once per lexicon and family. Values are
 * exactly those of the per-family lookups they replace (same sets, same syllable counts), so
 * features do not change. Bounded: the table is reset between replies when it grows past
 * MAX_TYPES. All state is the WordTable object's (one per FeatureEngine): nothing module-level.
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
import { ENGLISH_FUNCTION_WORDS } from '../../lexicons/function-words.ts';
import { HEDGE_WORDS } from '../../lexicons/hedges.ts';
import { FORMAL_WORDS, SLANG_WORDS } from '../../lexicons/phrases.ts';
import { NEGATORS, VALENCE } from '../../lexicons/sentiment.ts';
import { BOOSTER_WORDS, INTENSIFIER_WORDS } from '../../lexicons/stance.ts';
import { FIRST_PLURAL, FIRST_SINGULAR, SECOND_PERSON } from '../../lexicons/pronouns.ts';
import { LATIN_WORD } from '../../text/language.ts';
import { hashWord, wordKey, type TextScan } from '../../text/word-scan.ts';
import { STYLE_BUCKETS, STYLE_WORDS, styleBucket } from '../style-words.ts';
import { CAT, CATEGORY_COUNT, type TokenStats } from '../types.ts';
import { RUN_STRIDE as PHRASE_RUN_STRIDE, type PhraseScanner } from './phrase-scan.ts';

// Imported constants read in per-word loops, copied to module scope: where modules are compiled to
// CommonJS (tsx: the benchmarks) every read of an imported binding is a getter call.
const RUN_STRIDE = PHRASE_RUN_STRIDE;
const NEGATOR_BIT = 1 << CAT.negator;
const LATIN_SHIFT = CAT.latin;

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
 * Per type id (WordTable.info), INFO_STRIDE ints: category bits, syllables, length, style bucket, the offset of its
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

/** A copy of `a` with room for at least `need` elements (doubling). */
function ensure<T extends Int32Array | Float64Array | Uint16Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/** Offset of the first free slot for `hash` in `table`. */
function freeSlot(table: Int32Array, hash: number): number {
  const mask = table.length / SLOT_STRIDE - 1;
  let s = hash & mask;
  while (table[s * SLOT_STRIDE + S_ID] !== 0) s = (s + 1) & mask;
  return s * SLOT_STRIDE;
}

/** Length of the type in record r of `table` (`info`: the table's per-type ints). */
function recordLength(table: Int32Array, r: number, info: Int32Array): number {
  const length = table[r + S_KEY_HI] >>> KEY_HI_BITS;
  return length < LENGTH_CAP ? length : info[(table[r + S_ID] - 1) * INFO_STRIDE + LENGTH];
}

/** Whether record r of `table` (a word without exact key) is text[start, end): same length and code units. */
function sameChars(table: Int32Array, r: number, text: string, start: number, end: number, info: Int32Array, chars: Uint16Array): boolean {
  if ((table[r + S_KEY_HI] & KEY_HI_MASK) !== KEY_HI_NONE || recordLength(table, r, info) !== end - start) return false;
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
function find(table: Int32Array, text: string, start: number, end: number, h: number, key: number, info: Int32Array, chars: Uint16Array): number {
  const wrap = table.length - 1; // offsets step by SLOT_STRIDE and wrap around (length is a power of 2)
  const match = key !== 0 ? key | 0 : h;
  const hi = (key / TWO_32) | 0;
  for (let r = (h * SLOT_STRIDE) & wrap; ; r = (r + SLOT_STRIDE) & wrap) {
    if (table[r + S_ID] === 0) return -1 - r;
    if (table[r + S_MATCH] !== match) continue;
    if (key !== 0 ? (table[r + S_KEY_HI] & KEY_HI_MASK) === hi : sameChars(table, r, text, start, end, info, chars)) return r;
  }
}

/**
 * Recently used types: copies of `slots` records in a table small enough to stay in the CPU's
 * cache (256 KB), cleared when half full. The full table outgrows the caches (tens of thousands
 * of types, and a lookup reads one cache line), while the words of the conversation at hand are
 * a few thousand: looked up here first, most of them are found without a memory stall.
 */
const YOUNG_SLOTS = 1 << 14;

/** Categories every English word has or often has (counted without looping over bits) and the valence flag. */
const COMMON_FLAGS = (1 << CAT.functionWord) | (1 << CAT.latin) | HAS_VALENCE;

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

export class WordTable {
  private size = 0;
  private info = new Int32Array(1024 * INFO_STRIDE);
  private valence = new Float64Array(1024);
  private strings: string[] = [];
  /** Per type id: where phrase patterns can start inside the word (phrase-scan.ts startsIn), or null. */
  private phraseRuns: (Int32Array | null)[] = [];
  /** Every type's code units, back to back (compared against the text without building a string). */
  private chars = new Uint16Array(1 << 16);
  private charsSize = 0;
  private slots = new Int32Array(2048 * SLOT_STRIDE);
  private readonly young = new Int32Array(YOUNG_SLOTS * SLOT_STRIDE);
  private youngSize = 0;
  /** Per-token stats words (flags, syllables above FLAG_BITS) of the current reply; reused. */
  private packed = new Int32Array(1024);
  /** Phrase runs of the current reply (reused; internCounted copies out the ones it keeps). */
  private runs = new Int32Array(64 * RUN_STRIDE);

  /** `phrases` gives each new word type the places inside it where a phrase pattern can start. */
  constructor(private readonly phrases: Pick<PhraseScanner, 'startsIn'>) {}

  /** Doubles the slot table, moving every record (placed by the hash kept in `info`). */
  private growSlots(): void {
    const old = this.slots;
    const info = this.info;
    const slots = new Int32Array(2 * old.length);
    for (let o = 0; o < old.length; o += SLOT_STRIDE) {
      const id1 = old[o + S_ID];
      if (id1 !== 0) slots.set(old.subarray(o, o + SLOT_STRIDE), freeSlot(slots, info[(id1 - 1) * INFO_STRIDE + HASH]));
    }
    this.slots = slots;
  }

  /** Adds the type w (hash and key as the scanner gives them); returns its slot offset. */
  private addType(w: string, hash: number, key: number): number {
    const id = this.size++;
    const info = (this.info = ensure(this.info, this.size * INFO_STRIDE, (n) => new Int32Array(n)));
    this.valence = ensure(this.valence, this.size, (n) => new Float64Array(n));
    const chars = (this.chars = ensure(this.chars, this.charsSize + w.length, (n) => new Uint16Array(n)));
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
    info[o + CHARS_AT] = this.charsSize;
    info[o + HASH] = hash;
    for (let i = 0; i < w.length; i++) chars[this.charsSize++] = w.charCodeAt(i);
    this.valence[id] = v ?? 0;
    this.strings[id] = w;
    const runs = (this.phraseRuns[id] = this.phrases.startsIn(w));
    if (2 * this.size > this.slots.length / SLOT_STRIDE) this.growSlots();
    const slots = this.slots;
    const s = freeSlot(slots, hash);
    slots[s + S_ID] = id + 1;
    slots[s + S_MATCH] = key !== 0 ? key | 0 : hash;
    slots[s + S_KEY_HI] = (key !== 0 ? key / TWO_32 : KEY_HI_NONE) | (Math.min(w.length, LENGTH_CAP) << KEY_HI_BITS);
    slots[s + S_STATS] = f | (info[o + SYLLABLES] << FLAG_BITS) | (runs ? HAS_PHRASE_RUNS : 0);
    return s;
  }

  /** Copies record r of `slots` into `young` at free offset `at` (or after clearing it); returns its offset there. */
  private promote(r: number, at: number, text: string, start: number, end: number, h: number, key: number): number {
    const young = this.young;
    if (2 * (this.youngSize + 1) > YOUNG_SLOTS) {
      young.fill(0);
      this.youngSize = 0;
      at = -1 - find(young, text, start, end, h, key, this.info, this.chars);
    }
    young.set(this.slots.subarray(r, r + SLOT_STRIDE), at);
    this.youngSize++;
    return at;
  }

  /** Offset in `young` of the record of text[start, end) (see find), its type added to the table if new. */
  private youngSlotOf(text: string, start: number, end: number, h: number, key: number): number {
    const y = find(this.young, text, start, end, h, key, this.info, this.chars);
    if (y >= 0) return y;
    let r = find(this.slots, text, start, end, h, key, this.info, this.chars);
    if (r < 0) r = this.addType(text.slice(start, end), h, key);
    return this.promote(r, -1 - y, text, start, end, h, key);
  }

  /** Call between replies: keeps the table bounded without invalidating ids in use. */
  maybeReset(): void {
    if (this.size < MAX_TYPES) return;
    this.size = 0;
    this.charsSize = 0;
    this.strings = [];
    this.phraseRuns = [];
    this.slots.fill(0);
    this.young.fill(0);
    this.youngSize = 0;
  }

  /** Type ids of lower-cased words. */
  internAll(lowerWords: readonly string[]): Int32Array {
    const out = new Int32Array(lowerWords.length);
    for (let i = 0; i < lowerWords.length; i++) {
      const w = lowerWords[i];
      out[i] = this.young[this.youngSlotOf(w, 0, w.length, hashWord(w, 0, w.length), wordKey(w, 0, w.length)) + S_ID] - 1;
    }
    return out;
  }

  /**
   * TokenStats of n tokens: ids[i] and the i-th packed stats word; `chars` is the sum of their
   * lengths. One loop with its sums in locals, shared by tokenStats and internCounted.
   */
  private sumStats(ids: Int32Array, n: number, chars: number): TokenStats {
    const packed = this.packed;
    const valence = this.valence;
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
      flip = p & NEGATOR_BIT ? 2 : flip > 0 ? flip - 1 : 0; // a negator flips the next two words
      functionWords += p & 1;
      latin += (p >>> LATIN_SHIFT) & 1;
      for (let f = p & ((1 << FLAG_BITS) - 1) & ~COMMON_FLAGS; f !== 0; f &= f - 1) categories[31 - Math.clz32(f & -f)]++;
    }
    categories[CAT.functionWord] = functionWords;
    categories[CAT.latin] = latin;
    return { categories, syllables, chars, valence: sum };
  }

  private ensurePacked(n: number): Int32Array {
    if (this.packed.length < n) this.packed = new Int32Array(Math.max(n, 2 * this.packed.length));
    return this.packed;
  }

  tokenStats(tokens: Int32Array): TokenStats {
    const packed = this.ensurePacked(tokens.length);
    const info = this.info;
    let chars = 0;
    for (let i = 0; i < tokens.length; i++) {
      const o = tokens[i] * INFO_STRIDE;
      packed[i] = info[o + FLAGS] | (info[o + SYLLABLES] << FLAG_BITS);
      chars += info[o + LENGTH];
    }
    return this.sumStats(tokens, tokens.length, chars);
  }

  /** Appends type id's phrase runs, shifted to the word's start, at triple `count`; returns the new count. */
  private addPhraseRuns(id: number, wordStart: number, count: number): number {
    const own = this.phraseRuns[id]!;
    let runs = this.runs;
    if (count * RUN_STRIDE + own.length > runs.length) {
      const more = new Int32Array(2 * runs.length + own.length);
      more.set(runs);
      runs = this.runs = more;
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
  internCounted(text: string, scan: TextScan, withPhraseRuns = false): CountedWords {
    const n = scan.count;
    const tokens = new Int32Array(n);
    const packed = this.ensurePacked(n);
    const young = this.young;
    const { starts, ends, hashes, keys } = scan;
    let chars = 0;
    let runCount = 0;
    for (let i = 0; i < n; i++) {
      const s = this.youngSlotOf(text, starts[i], ends[i], hashes[i], keys[i]);
      const id = young[s + S_ID] - 1;
      const stats = young[s + S_STATS];
      tokens[i] = id;
      packed[i] = stats;
      chars += ends[i] - starts[i];
      if (withPhraseRuns && stats & HAS_PHRASE_RUNS) runCount = this.addPhraseRuns(id, starts[i], runCount);
    }
    return { tokens, stats: this.sumStats(tokens, n, chars), phraseRuns: this.runs.subarray(0, runCount * RUN_STRIDE), phraseRunCount: runCount };
  }

  /** Number of word types in the table (ids are below it). */
  get typeCount(): number {
    return this.size;
  }

  /** The lower-cased word of a type id. */
  typeString(id: number): string {
    return this.strings[id];
  }

  styleBucketOf(id: number): number {
    return this.info[id * INFO_STRIDE + BUCKET];
  }
}
