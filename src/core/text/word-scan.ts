/**
 * Hand-written scanners over char codes, for the feature extractor's hot paths: the words of
 * `words()` (segment.ts) as [start, end) spans with a hash each, and a letter-or-number test.
 * Characters are classified by the same Unicode property regexes the regex-based code uses,
 * once per code point (cached), so a scan reads one table entry per character.
 *
 * Words are the same as the WORD pattern of segment.ts: a word starts at a letter or number,
 * runs over letters, marks, numbers and ' ’ _ -, and ends at its last letter, mark or number.
 * No string is built per word: the feature extractor interns words straight from the spans
 * (features/engine/word-table.ts). Text that needs a dictionary segmenter (see needsSegmenter) is
 * reported, not scanned.
 *
 * Everything the loops touch lives in this module: under tsx (CommonJS output) every read of an
 * imported binding is a getter call, far too slow per character.
 */

/** Scripts written without spaces between words: they need a dictionary segmenter. */
export const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

// One bit each.
const LETTER_OR_NUMBER = 1;
const MARK = 2;
/** ' ’ _ - : may sit inside a word, never start or end one. */
const JOINER = 4;
const NO_SPACE = 8;
/** Added by classAt for a surrogate pair: the code point takes two code units. */
const WIDE = 16;
/** . ! ? … 。 ！ ？ : end a sentence (segment.ts SENTENCE_END); \n ends one too. */
const END_MARK = 32;
const NEWLINE = 64;
/** A BMP code unit not classified yet. */
const UNKNOWN = 0x80;

const LN = /[\p{L}\p{N}]/u;
const M = /\p{M}/u;
const JOINERS = "'’_-";
const END_MARKS = '.!?…。！？';

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (
    (LN.test(ch) ? LETTER_OR_NUMBER : 0) |
    (M.test(ch) ? MARK : 0) |
    (JOINERS.includes(ch) ? JOINER : 0) |
    (NO_SPACE_SCRIPT.test(ch) ? NO_SPACE : 0) |
    (END_MARKS.includes(ch) ? END_MARK : 0) |
    (ch === '\n' ? NEWLINE : 0)
  );
}

const bmp = new Uint8Array(0x10000).fill(UNKNOWN);
const astral = new Map<number, number>();
/** ASCII classes up front: the scanners' hot path is `c < 0x80 ? ASCII_CLASS[c] : classAt(…)`. */
const ASCII_CLASS = Uint8Array.from({ length: 0x80 }, (_, c) => classify(c));

/** Class of the code unit c = text.charCodeAt(i), reading the pair when c is a high surrogate. */
function classAt(text: string, i: number, c: number): number {
  if ((c & 0xfc00) === 0xd800 && i + 1 < text.length) {
    const lo = text.charCodeAt(i + 1);
    if ((lo & 0xfc00) === 0xdc00) {
      const cp = (c - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
      let k = astral.get(cp);
      if (k === undefined) astral.set(cp, (k = classify(cp)));
      return k | WIDE;
    }
  }
  const k = bmp[c];
  return k === UNKNOWN ? (bmp[c] = classify(c)) : k; // a lone surrogate classifies as none of the classes
}

/** Whether text[start, end) contains a letter or number (as /[\p{L}\p{N}]/u.test would say). */
export function hasLetterOrNumber(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const k = c < 0x80 ? ASCII_CLASS[c] : classAt(text, i, c);
    if (k & LETTER_OR_NUMBER) return true;
    if (k & WIDE) i++;
  }
  return false;
}

/** Sentence count and end marks, as sentenceStats (segment.ts) gives them. */
export interface SentenceStats {
  /** sentences(text).length */
  count: number;
  /** Sentences whose end mark (the last character before closing quotes, brackets, emphasis) is ? or ？, and ! or ！. */
  questions: number;
  exclamations: number;
}

/** What one pass over a text finds (reusable buffers, grown as needed). */
export interface TextScan {
  /** Word i is [starts[i], ends[i]), i < count. */
  starts: Int32Array;
  ends: Int32Array;
  /** hashWord of each word's code units (lets an interner skip a second pass over the text). */
  hashes: Int32Array;
  /** wordKey of each word: exact for short words, so an interner need not compare their characters. */
  keys: Float64Array;
  count: number;
  sentences: SentenceStats;
}

export function createTextScan(capacity = 1024): TextScan {
  return {
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    hashes: new Int32Array(capacity),
    keys: new Float64Array(capacity),
    count: 0,
    sentences: { count: 0, questions: 0, exclamations: 0 },
  };
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a (32-bit) of text[start, end)'s code units: the hash scanText stores per word. */
export function hashWord(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Word keys: a word of at most KEY_MAX_LENGTH characters from a–z, 0–9 and ' - _ ’ is a number in
 * bijective base 41 (digits 1–40), exact in a double (41⁹ < 2⁵³), so equal keys mean equal words;
 * 0 for every other word. Any other character makes the running key Infinity (never exact).
 */
export const KEY_MAX_LENGTH = 9;
const KEY_BASE = 41;
const ASCII_KEY_DIGIT = Float64Array.from({ length: 0x80 }, (_, c) => {
  const at = "abcdefghijklmnopqrstuvwxyz0123456789'-_".indexOf(String.fromCharCode(c));
  return at < 0 ? Infinity : at + 1;
});
const keyDigit = (c: number): number => (c < 0x80 ? ASCII_KEY_DIGIT[c] : c === 0x2019 ? 40 : Infinity);
/** The key of a word whose running key is `key` and length `length` (0: no exact key). */
const finalKey = (key: number, length: number): number => (length <= KEY_MAX_LENGTH && key !== Infinity ? key : 0);

/** The key scanText stores for text[start, end). */
export function wordKey(text: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end && key !== Infinity; i++) key = key * KEY_BASE + keyDigit(text.charCodeAt(i));
  return finalKey(key, end - start);
}

function grow(scan: TextScan): void {
  const more = <T extends Int32Array | Float64Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(a.length * 2);
    b.set(a);
    return b;
  };
  scan.starts = more(scan.starts);
  scan.ends = more(scan.ends);
  scan.hashes = more(scan.hashes);
  scan.keys = more(scan.keys);
}

/**
 * Ends the sentence open at text[i], an end mark or \n (class k), and counts it; returns where
 * scanning goes on. SENTENCE_END's pieces are runs of other characters closed by a run of end
 * marks (plus closing quotes/brackets, which hold no letter and no end mark), by line breaks or
 * by the end of text; a piece counts when its run has a letter or number, i.e. a word started
 * in it, and its end mark is the last of the closing end-mark run.
 */
function endSentence(text: string, i: number, k: number, s: SentenceStats): number {
  s.count++;
  if (k & NEWLINE) return i + 1;
  let last = text.charCodeAt(i);
  let j = i + 1;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (!((c < 0x80 ? ASCII_CLASS[c] : classAt(text, j, c)) & END_MARK)) break;
    last = c;
  }
  if (last === 0x3f || last === 0xff1f)
    s.questions++; // ? ？
  else if (last === 0x21 || last === 0xff01) s.exclamations++; // ! ！
  return j;
}

/**
 * Fills `scan` with the words and sentence counts of `text` and returns true, or returns false
 * (scan unspecified) when the text contains a script written without spaces (use the segmenter
 * path instead). Sentences are counted as sentenceStats counts them (segment.ts).
 */
export function scanText(text: string, scan: TextScan): boolean {
  let count = 0;
  const n = text.length;
  const sentences = scan.sentences;
  sentences.count = sentences.questions = sentences.exclamations = 0;
  let inSentence = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c < 0x80 ? ASCII_CLASS[c] : classAt(text, i, c);
    if (k & NO_SPACE) return false;
    if (!(k & LETTER_OR_NUMBER)) {
      if (inSentence && k & (END_MARK | NEWLINE)) {
        i = endSentence(text, i, k, sentences);
        inSentence = false;
      } else i += k & WIDE ? 2 : 1;
      continue;
    }
    inSentence = true;
    const start = i;
    let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
    let key = keyDigit(c);
    if (k & WIDE) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
    i += k & WIDE ? 2 : 1;
    let end = i;
    let hEnd = h;
    let keyEnd = key;
    while (i < n) {
      const d = text.charCodeAt(i);
      const kd = d < 0x80 ? ASCII_CLASS[d] : classAt(text, i, d);
      if (kd & NO_SPACE) return false;
      if (!(kd & (LETTER_OR_NUMBER | MARK | JOINER))) break;
      h = Math.imul(h ^ d, FNV_PRIME);
      key = key * KEY_BASE + keyDigit(d);
      if (kd & WIDE) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
      i += kd & WIDE ? 2 : 1;
      // A word ends at its last letter, mark or number: trailing joiners are not part of it.
      if (!(kd & JOINER)) {
        end = i;
        hEnd = h;
        keyEnd = key;
      }
    }
    if (count === scan.starts.length) grow(scan);
    scan.starts[count] = start;
    scan.ends[count] = end;
    scan.hashes[count] = hEnd;
    scan.keys[count] = finalKey(keyEnd, end - start);
    count++;
    // Joiners between `end` and `i` cannot start a word; scanning on from `i` finds the same next word.
  }
  if (inSentence) sentences.count++;
  scan.count = count;
  return true;
}
