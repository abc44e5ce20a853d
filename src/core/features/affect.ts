/** Sentiment, warmth and enthusiasm. English only (lexicons). */
import { NEGATORS, VALENCE } from '../lexicons/sentiment.ts';
import { INTENSIFIER_WORDS } from '../lexicons/stance.ts';
import { WARMTH_PATTERNS } from '../lexicons/phrases.ts';
import { countIn, countMatches, per100, type FeatureFamily } from './types.ts';

/** Mean AFINN valence per word; a negator flips the next two words. */
export function meanValence(words: readonly string[]): number {
  let sum = 0;
  let flip = 0;
  for (const w of words) {
    const v = VALENCE.get(w);
    if (v !== undefined) sum += flip > 0 ? -v : v;
    flip = NEGATORS.has(w) ? 2 : Math.max(0, flip - 1);
  }
  return words.length ? sum / words.length : 0;
}

export const affect: FeatureFamily = {
  family: 'affect',
  defs: [
    {
      name: 'sentiment', label: 'Sentiment', family: 'affect',
      description: 'Mean AFINN-165 valence per word (−5..+5 per scored word, 0 for unscored), with simple two-word negation.',
      unit: 'valence per word', range: [-1, 1],
      failureCases: ['Topic words carry valence: an answer about cancer or war scores negative while the tone is neutral.', 'Sarcasm and negation beyond two words.'],
      englishOnly: true,
    },
    {
      name: 'warmth_per_100w', label: 'Warmth', family: 'affect',
      description: 'Empathy and friendliness phrases ("I understand", "that\'s completely valid", "I hope this helps", thanks) per 100 words.',
      unit: 'per 100 words', range: [0, 5],
      failureCases: ['Formulaic closings ("feel free to ask") count as warmth in any persona.', '"I understand" inside technical text ("I understand the error is…").'],
      englishOnly: true,
    },
    {
      name: 'enthusiasm_per_100w', label: 'Enthusiasm', family: 'affect',
      description: 'Intensifiers and excitement words (so, very, amazing, love, …) plus exclamation marks, per 100 words.',
      unit: 'per 100 words', range: [0, 15],
      failureCases: ['"so" as a connective ("so the loop ends") counts as an intensifier.', 'Literal "love" in a reply about a love poem.'],
      englishOnly: true,
    },
  ],
  compute(ctx) {
    const n = ctx.words.length;
    const bangs = ctx.prose.split('!').length - 1;
    return {
      sentiment: meanValence(ctx.words),
      warmth_per_100w: per100(countMatches(ctx.lowerProse, WARMTH_PATTERNS), n),
      enthusiasm_per_100w: per100(countIn(ctx.words, INTENSIFIER_WORDS) + bangs, n),
    };
  },
};
