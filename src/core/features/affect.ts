/** Sentiment, warmth and enthusiasm. English only (lexicons). */
// Lexicons (lexicons/sentiment.ts, stance.ts, phrases.ts) are looked up by the feature engine
// (engine/word-table.ts, engine/phrase-scan.ts).
import { CAT, per100, type FeatureFamily } from './types.ts';

const perWord = (sum: number, words: number) => (words ? sum / words : 0);

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

export const affect: FeatureFamily = {
  family: 'affect',
  defs: [
    {
      name: 'sentiment',
      label: 'Sentiment',
      family: 'affect',
      description: 'Mean AFINN-165 valence per word (−5..+5 per scored word, 0 for unscored), with simple two-word negation.',
      unit: 'valence per word',
      range: [-1, 1],
      failureCases: [
        'Topic words carry valence: an answer about cancer or war scores negative while the tone is neutral.',
        'Sarcasm and negation beyond two words.',
      ],
      englishOnly: true,
    },
    {
      name: 'warmth_per_100w',
      label: 'Warmth',
      family: 'affect',
      description: 'Empathy and friendliness phrases ("I understand", "that\'s completely valid", "I hope this helps", thanks) per 100 words.',
      unit: 'per 100 words',
      range: [0, 5],
      failureCases: [
        'Formulaic closings ("feel free to ask") count as warmth in any persona.',
        '"I understand" inside technical text ("I understand the error is…").',
      ],
      englishOnly: true,
    },
    {
      name: 'enthusiasm_per_100w',
      label: 'Enthusiasm',
      family: 'affect',
      description: 'Intensifiers and excitement words (so, very, amazing, love, …) plus exclamation marks, per 100 words.',
      unit: 'per 100 words',
      range: [0, 15],
      failureCases: ['"so" as a connective ("so the loop ends") counts as an intensifier.', 'Literal "love" in a reply about a love poem.'],
      englishOnly: true,
    },
  ],
  compute(ctx, out) {
    const n = ctx.wordCount;
    const bangs = countChar(ctx.prose, '!');
    out.sentiment = perWord(ctx.stats.valence, ctx.wordCount);
    out.warmth_per_100w = per100(ctx.phrases.warmth, n);
    out.enthusiasm_per_100w = per100(ctx.stats.categories[CAT.intensifier] + bangs, n);
  },
};
