/**
 * Word and sentence segmentation.
 *
 * Intl.Segmenter is the reference segmenter, but it is slow (measured ~150k words/s in Node 20,
 * ~50x slower than a regex). Scripts written with spaces between words (Latin, Cyrillic, Greek,
 * Arabic, Hebrew, Devanagari…) segment identically with a Unicode regex, so the regex is the
 * fast path; text containing scripts without word spaces (Han, Kana, Thai, Lao, Khmer, Myanmar)
 * goes through Intl.Segmenter, which knows their dictionaries.
 */

const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
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
  if (needsSegmenter(text)) {
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
  const out: string[] = [];
  for (const m of text.match(SENTENCE_END) ?? []) {
    const t = m.trim();
    if (HAS_WORD.test(t)) out.push(t);
  }
  return out;
}
