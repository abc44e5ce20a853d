/**
 * Word and sentence segmentation.
 *
 * Intl.Segmenter is the reference segmenter, but it is slow (measured ~150k words/s in Node 20,
 * ~50x slower than a regex). Scripts written with spaces between words (Latin, Cyrillic, Greek,
 * Arabic, Hebrew, Devanagari…) segment identically with a Unicode regex, so the regex is the
 * fast path; text containing scripts without word spaces (Han, Kana, Thai, Lao, Khmer, Myanmar)
 * goes through Intl.Segmenter, which knows their dictionaries.
 */

import { hasLetterOrNumber, NO_SPACE_SCRIPT, type SentenceStats } from './word-scan.ts';

export type { SentenceStats } from './word-scan.ts';

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’_-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]/gu;

let wordSegmenter: Intl.Segmenter | null = null;
let sentenceSegmenter: Intl.Segmenter | null = null;

/** True when the text needs a dictionary-based segmenter (no spaces between words). */
export function needsSegmenter(text: string): boolean {
  return NO_SPACE_SCRIPT.test(text);
}

/** Words in reading order, as written (case kept; apostrophes kept inside words). */
export function words(text: string): string[] {
  if (!needsSegmenter(text)) return text.match(WORD) ?? [];
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  const out: string[] = [];
  for (const s of wordSegmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

// A sentence ends at . ! ? … (or CJK 。！？) followed by space/end, or at a blank line / line break.
const HAS_WORD = /[\p{L}\p{N}]/u;
const SENTENCE_END = /[^.!?…。！？\n]+(?:[.!?…。！？]+["'”’)\]]*|\n+|$)/g;

/** Sentences (trimmed, non-empty). Line breaks also end a sentence: list items are sentences. */
export function sentences(text: string): string[] {
  if (needsSegmenter(text)) return segmenterSentences(text);
  const out: string[] = [];
  for (const m of text.match(SENTENCE_END) ?? []) {
    const t = m.trim();
    if (HAS_WORD.test(t)) out.push(t);
  }
  return out;
}

function segmenterSentences(text: string): string[] {
  sentenceSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'sentence' });
  const out: string[] = [];
  for (const s of sentenceSegmenter.segment(text)) {
    for (const line of s.segment.split(/\n+/)) {
      const t = line.trim();
      if (t) out.push(t);
    }
  }
  return out;
}

/**
 * What the feature families need of sentences(text), without building the trimmed strings:
 * trimming removes only white space, which neither the letter test nor endMark looks at.
 * `segmented`: whether the text needs the segmenter (when the caller already knows).
 */
export function sentenceStats(text: string, segmented = needsSegmenter(text)): SentenceStats {
  const out = { count: 0, questions: 0, exclamations: 0 };
  // Segmenter sentences are all counted; regex pieces only when they contain a letter or number.
  const pieces = segmented ? segmenterSentences(text) : (text.match(SENTENCE_END) ?? []);
  for (const s of pieces) {
    if (!segmented && !hasLetterOrNumber(s)) continue;
    out.count++;
    const end = endMark(s);
    if (end === '?' || end === '？') out.questions++;
    else if (end === '!' || end === '！') out.exclamations++;
  }
  return out;
}

const TRAILING_SPACE = /\s/;

/** A closing quote, bracket, emphasis mark or white space, which may follow a sentence's end mark. */
function isTrailing(c: number): boolean {
  switch (c) {
    case 0x22:
    case 0x27:
    case 0x201d:
    case 0x2019:
    case 0x29:
    case 0x5d:
    case 0x2a:
    case 0x5f: // " ' ” ’ ) ] * _
    case 0x20:
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
      return true;
    default:
      return c > 0x7f && TRAILING_SPACE.test(String.fromCharCode(c));
  }
}

/** Last character of a sentence before trailing quotes/brackets/emphasis/space ('' if none). */
export function endMark(s: string): string {
  let j = s.length;
  while (j > 0 && isTrailing(s.charCodeAt(j - 1))) j--;
  return j > 0 ? s[j - 1] : '';
}
