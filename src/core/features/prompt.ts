/**
 * What the user's message asks for, as a small numeric vector. Reply length and structure depend
 * heavily on the request (on alpaca_eval the prompt explains about half the variance of reply
 * length across generators), so the detector subtracts the part of each reply feature that the
 * request predicts (detect/prompt-predictor.ts, whose input includes these cues) before looking for persona changes.
 * Generic request cues only; no prompt is memorised. English cues; other languages give mostly 0s.
 */
import { words } from '../text/segment.ts';

const CUES: readonly [string, RegExp][] = [
  ['list', /\b(?:list|steps?|ways|tips|ideas|examples|suggestions|options|reasons|names|bullet)\b/],
  ['short', /\b(?:short|brief|briefly|one (?:word|sentence|line)|in a sentence|concise|tweet|slogan|title|headline|name (?:a|one|the))\b/],
  ['long', /\b(?:essay|story|article|blog|guide|detailed|in detail|explain|describe|elaborate|write a|poem|letter|speech|plan)\b/],
  ['code', /\b(?:code|function|python|javascript|sql|script|program|regex|class|implement|c\+\+|java)\b/],
  ['fact', /^(?:what|who|when|where|which|how (?:many|much|old|long|far))\b/],
  [
    'classify',
    /\b(?:classify|categori[sz]e|identify|choose|pick|is (?:it|this)|true or false|yes or no|correct the|fix the grammar|rewrite|paraphrase|translate)\b/,
  ],
  ['compare', /\b(?:compare|difference|differences|pros and cons|versus|vs\.?)\b/],
  ['math', /\d+\s*[-+*/x×^]\s*\d+|\b(?:calculate|solve|equation)\b/],
];

export const PROMPT_FEATURE_NAMES: readonly string[] = ['bias', 'words_log', 'question', ...CUES.map(([n]) => n)];

export function promptFeatures(userText: string): number[] {
  const lower = userText.toLowerCase();
  return promptFeaturesOfLower(lower, words(lower).length);
}

/** promptFeatures() from the lower-cased request and its word count (for callers that already split it). */
export function promptFeaturesOfLower(lower: string, wordCount: number): number[] {
  return [1, Math.log10(1 + wordCount), /\?\s*$/.test(lower.trim()) ? 1 : 0, ...CUES.map(([, re]) => (re.test(lower) ? 1 : 0))];
}
