/**
 * Terms of the transcript search index (src/store/text-index.ts), the same function on the
 * text side and the query side. Pure.
 *
 * Folding is NFKC + toLowerCase, not toLocaleLowerCase: the index is persisted, so its terms
 * must not depend on the locale of whoever opens the dashboard. A word is a run of letters,
 * marks, digits and '_'. Chinese, Japanese and Korean script has no spaces between words, so
 * such runs become overlapping character pairs (a one-character run stays one term): a query
 * in those scripts matches wherever its pairs all occur. Terms are cut at MAX_TERM characters
 * on both sides, so a longer word still finds itself.
 */

export const MAX_TERM = 32;

const CJK = String.raw`\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}`;
/** A word character of those scripts (their punctuation, such as '。', is not). */
const CJK_CHAR = String.raw`(?=[\p{L}\p{M}\p{N}])[${CJK}]`;
/** A CJK run, or a run of other word characters. */
const WORD = new RegExp(String.raw`(?:${CJK_CHAR})+|(?:(?!${CJK_CHAR})[\p{L}\p{M}\p{N}_])+`, 'gu');
const IS_CJK = new RegExp(`^${CJK_CHAR}`, 'u');

export function foldForIndex(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Calls `emit` for every term occurrence of `text`, in order. */
function forEachTerm(text: string, emit: (term: string) => void): void {
  for (const [word] of foldForIndex(text).matchAll(WORD)) {
    if (IS_CJK.test(word)) {
      const chars = [...word];
      if (chars.length === 1) emit(chars[0]);
      for (let i = 0; i + 1 < chars.length; i++) emit(chars[i] + chars[i + 1]);
    } else {
      emit(word.length > MAX_TERM ? cut(word) : word);
    }
  }
}

/** The first MAX_TERM characters, never ending in half a surrogate pair. */
function cut(word: string): string {
  const end = word.charCodeAt(MAX_TERM - 1) >= 0xd800 && word.charCodeAt(MAX_TERM - 1) <= 0xdbff ? MAX_TERM - 1 : MAX_TERM;
  return word.slice(0, end);
}

/** Adds the term counts of `text` to `into`; returns the number of term occurrences. */
export function countTerms(text: string, into: Map<string, number>): number {
  let n = 0;
  forEachTerm(text, (t) => {
    into.set(t, (into.get(t) ?? 0) + 1);
    n++;
  });
  return n;
}

/** Distinct terms of a query, in order of first appearance. */
export function queryIndexTerms(query: string): string[] {
  const out = new Set<string>();
  forEachTerm(query, (t) => out.add(t));
  return [...out];
}
