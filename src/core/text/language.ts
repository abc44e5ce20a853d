/**
 * Cheap "is this English?" check, so English-lexicon features can say "not applicable" instead of
 * reporting nonsense on other languages. Uses the share of words that are common English function
 * words: English prose sits around 0.4–0.55; other Latin-script languages (Dutch, German, French,
 * Spanish) share few of them (~0.05–0.15). Known failure: very short replies (< 8 words) and
 * English text that is mostly a list of nouns or code identifiers; we call those English.
 */
import { ENGLISH_FUNCTION_WORDS } from '../lexicons/function-words.ts';

export const MIN_WORDS_FOR_LANGUAGE_CHECK = 8;
export const ENGLISH_FUNCTION_SHARE = 0.2;

/** `lowerWords` must already be lower-cased. */
export function isLikelyEnglish(lowerWords: readonly string[]): boolean {
  if (lowerWords.length < MIN_WORDS_FOR_LANGUAGE_CHECK) {
    // Too short to judge by word share; fall back to "written in Latin letters".
    return lowerWords.every((w) => /^[a-z0-9'’_-]+$/.test(w));
  }
  let hits = 0;
  for (const w of lowerWords) if (ENGLISH_FUNCTION_WORDS.has(w)) hits++;
  return hits / lowerWords.length >= ENGLISH_FUNCTION_SHARE;
}
