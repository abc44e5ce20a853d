/**
 * Readability on stripped prose (code and Markdown removed first). Formulas were calibrated on
 * passages; chat replies are short and list-heavy, so values are noisy under ~100 words.
 */
import { CAT, type FeatureFamily } from './types.ts';
// Syllables (the `syllable` package, at least 1) are counted once per word type in the word table.

export const readability: FeatureFamily = {
  family: 'readability',
  defs: [
    {
      name: 'flesch_reading_ease',
      label: 'Reading ease',
      family: 'readability',
      description:
        'Flesch Reading Ease = 206.835 − 1.015·(words/sentence) − 84.6·(syllables/word), on prose only (syllables from the `syllable` package). Higher = easier.',
      unit: 'Flesch score',
      range: [-50, 120],
      failureCases: [
        'Unreliable under ~100 words or 3 sentences.',
        'Lists make sentences short and inflate ease.',
        'Numbers and acronyms get odd syllable counts.',
      ],
      englishOnly: true,
    },
    {
      name: 'syllables_per_word',
      label: 'Syllables/word',
      family: 'readability',
      description: 'Mean syllables per prose word: latinate, technical vocabulary scores higher.',
      unit: 'syllables/word',
      range: [1, 3],
      failureCases: ['Acronyms and identifiers left in prose ("JSON", "getElementById").'],
      englishOnly: true,
    },
    {
      name: 'function_word_share',
      label: 'Function words',
      family: 'readability',
      description: 'Share of words that are English function words (the, of, it, …): topic-robust style marker (Burrows/Kestemont).',
      unit: 'fraction',
      range: [0, 0.7],
      failureCases: ['Telegraphic lists and tables have very few function words whatever the persona.'],
      englishOnly: true,
    },
  ],
  compute(ctx, out) {
    const n = ctx.wordCount;
    if (n === 0) return; // no words: the features stay null
    const spw = ctx.stats.syllables / n;
    const wps = n / Math.max(1, ctx.sentences.count);
    out.flesch_reading_ease = 206.835 - 1.015 * wps - 84.6 * spw;
    out.syllables_per_word = spw;
    out.function_word_share = ctx.stats.categories[CAT.functionWord] / n;
  },
};
