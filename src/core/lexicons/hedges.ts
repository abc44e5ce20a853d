/**
 * Hedges (v1): wooorm's `hedges` package (MIT, v2.0.1), split into single words and multi-word
 * phrases. Known false positives: the package lists very common words ("can", "about", "around",
 * "always", "clear"), so raw hedge rates are high in any prose; use them relative to the same
 * conversation, never as absolute "uncertainty".
 */
import { hedges } from 'hedges';

// Words in the package that are far more often literal than hedging in assistant replies.
const TOO_COMMON = new Set(['can', 'about', 'around', 'always', 'clear', 'clearly', 'certain', 'certainly', 'sure', 'be sure', 'actually', 'think', 'know']);

const kept = hedges.filter((h) => !TOO_COMMON.has(h));
export const HEDGE_WORDS: ReadonlySet<string> = new Set(kept.filter((h) => !h.includes(' ')));
export const HEDGE_PHRASES: readonly string[] = kept.filter((h) => h.includes(' '));
