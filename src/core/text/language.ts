/**
 * Cheap "is this English?" check, so English-lexicon features can say "not applicable" instead of
 * reporting nonsense on other languages. Uses the share of words that are common English function
 * words: English prose sits around 0.4–0.55; other Latin-script languages (Dutch, German, French,
 * Spanish) share few of them (~0.05–0.15). Known failure: very short replies (< 8 words) and
 * English text that is mostly a list of nouns or code identifiers; we call those English.
 */

export const MIN_WORDS_FOR_LANGUAGE_CHECK = 8;
export const ENGLISH_FUNCTION_SHARE = 0.2;

/** A word written only in a–z, digits and ' ’ _ - (lower-cased input). */
export const LATIN_WORD = /^[a-z0-9'’_-]+$/;

/**
 * The same decision from counts (the feature context already has them): `functionWords` words
 * are English function words, `latinWords` are written only in a–z, digits and ' ’ _ -.
 */
export function englishFromCounts(wordCount: number, functionWords: number, latinWords: number): boolean {
  // Too short to judge by word share; fall back to "written in Latin letters".
  if (wordCount < MIN_WORDS_FOR_LANGUAGE_CHECK) return latinWords === wordCount;
  return functionWords / wordCount >= ENGLISH_FUNCTION_SHARE;
}
