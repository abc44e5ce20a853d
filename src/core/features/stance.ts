/** Hedging versus certainty (stance). English only. */
import { HEDGE_PHRASES, HEDGE_WORDS } from '../lexicons/hedges.ts';
import { BOOSTER_WORDS } from '../lexicons/stance.ts';
import { countIn, per100, type FeatureFamily } from './types.ts';

/** Occurrences of whole-word phrases in lower-cased text. */
export function countPhrases(lower: string, phrases: readonly string[]): number {
  let n = 0;
  for (const p of phrases) {
    let i = lower.indexOf(p);
    while (i !== -1) {
      const before = i === 0 ? ' ' : lower[i - 1];
      const after = lower[i + p.length] ?? ' ';
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) n++;
      i = lower.indexOf(p, i + p.length);
    }
  }
  return n;
}

export const stance: FeatureFamily = {
  family: 'stance',
  defs: [
    {
      name: 'hedge_per_100w', label: 'Hedges', family: 'stance',
      description: 'Hedge words and phrases (wooorm `hedges` list, minus a few very common words) per 100 words: tentative, qualified stance.',
      unit: 'per 100 words', range: [0, 15],
      failureCases: ['Literal uses: "appears on screen", "suggest a name", "approximately 5 km" (a fact, not a hedge).', 'Lists of options ("you could… or could…") read as hedging.'],
      englishOnly: true,
    },
    {
      name: 'booster_per_100w', label: 'Boosters', family: 'stance',
      description: 'Certainty boosters (definitely, clearly, always, must, …) per 100 words: assertive stance.',
      unit: 'per 100 words', range: [0, 10],
      failureCases: ['Instructions ("you must install X first", "always back up") read as certainty.', '"exactly" in "what exactly is…" questions.'],
      englishOnly: true,
    },
  ],
  compute(ctx) {
    const n = ctx.words.length;
    return {
      hedge_per_100w: per100(countIn(ctx.words, HEDGE_WORDS) + countPhrases(ctx.lowerProse, HEDGE_PHRASES), n),
      booster_per_100w: per100(countIn(ctx.words, BOOSTER_WORDS), n),
    };
  },
};
