/** Hedging versus certainty (stance). English only. */
// Lexicons: lexicons/hedges.ts (words via the engine's word table, phrases via its phrase scanner), lexicons/stance.ts.
import { CAT, per100, type FeatureFamily } from './types.ts';

export const stance: FeatureFamily = {
  family: 'stance',
  defs: [
    {
      name: 'hedge_per_100w',
      label: 'Hedges',
      family: 'stance',
      description: 'Hedge words and phrases (wooorm `hedges` list, minus a few very common words) per 100 words: tentative, qualified stance.',
      unit: 'per 100 words',
      range: [0, 15],
      failureCases: [
        'Literal uses: "appears on screen", "suggest a name", "approximately 5 km" (a fact, not a hedge).',
        'Lists of options ("you could… or could…") read as hedging.',
      ],
      englishOnly: true,
    },
    {
      name: 'booster_per_100w',
      label: 'Boosters',
      family: 'stance',
      description: 'Certainty boosters (definitely, clearly, always, must, …) per 100 words: assertive stance.',
      unit: 'per 100 words',
      range: [0, 10],
      failureCases: ['Instructions ("you must install X first", "always back up") read as certainty.', '"exactly" in "what exactly is…" questions.'],
      englishOnly: true,
    },
  ],
  compute(ctx, out) {
    const n = ctx.wordCount;
    out.hedge_per_100w = per100(ctx.stats.categories[CAT.hedge] + ctx.phrases.hedgePhrases, n);
    out.booster_per_100w = per100(ctx.stats.categories[CAT.booster], n);
  },
};
