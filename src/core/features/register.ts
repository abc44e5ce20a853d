/** Register / formality: contractions, slang, formal connectives. English only. */
// Word lists (lexicons/phrases.ts) and the contraction shape are looked up in the word table.
import { CAT, per100, type FeatureFamily } from './types.ts';

export const register: FeatureFamily = {
  family: 'register',
  defs: [
    {
      name: 'contractions_per_100w',
      label: 'Contractions',
      family: 'register',
      description: "Contractions (don't, it's, we'll) per 100 words: informal, spoken register.",
      unit: 'per 100 words',
      range: [0, 10],
      failureCases: ["Possessives (John's) count as contractions.", 'Sites that replace apostrophes with other characters.'],
      englishOnly: true,
    },
    {
      name: 'slang_per_100w',
      label: 'Slang',
      family: 'register',
      description: 'Chat-speak and casual words (gonna, yeah, hey, lol, awesome, cool, …) per 100 words: playful register.',
      unit: 'per 100 words',
      range: [0, 10],
      failureCases: ['"cool" as temperature, "hey" quoted in an example dialogue, "ok" in instructions.'],
      englishOnly: true,
    },
    {
      name: 'formal_per_100w',
      label: 'Formal markers',
      family: 'register',
      description: 'Formal connectives and latinate markers (furthermore, moreover, utilize, ensure, …) per 100 words.',
      unit: 'per 100 words',
      range: [0, 10],
      failureCases: ['Technical writing uses "ensure"/"significant" in a literal, non-register sense.'],
      englishOnly: true,
    },
  ],
  compute(ctx, out) {
    const n = ctx.wordCount;
    out.contractions_per_100w = per100(ctx.stats.categories[CAT.contraction], n);
    out.slang_per_100w = per100(ctx.stats.categories[CAT.slang], n);
    out.formal_per_100w = per100(ctx.stats.categories[CAT.formal], n);
  },
};
