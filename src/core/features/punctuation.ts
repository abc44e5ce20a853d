/** Questions, exclamations and emoji: conversational energy. Language-neutral. */
// Sentence end marks (last character before closing quotes/brackets/emphasis) come from text/segment.ts sentenceStats.
import { countAll, per100, type FeatureFamily } from './types.ts';

const EMOJI = /\p{Extended_Pictographic}/gu;
/**
 * Every Extended_Pictographic code point is © ®, in U+203C–U+3299, or in U+1F000–U+1FFFF (high
 * surrogates D83C–D83F): text without such code units has no emoji, and most replies' non-ASCII
 * (curly quotes, dashes, …) is below U+203C, so the Unicode-property scan is usually skipped.
 */
const MAYBE_EMOJI = /[\xa9\xae\u203c-\u3299\ud83c-\ud83f]/;
export const punctuation: FeatureFamily = {
  family: 'punctuation',
  defs: [
    {
      name: 'question_share',
      label: 'Questions',
      family: 'punctuation',
      description: 'Share of sentences ending in a question mark (? or ？): questions back to the user, rhetorical questions.',
      unit: 'fraction',
      range: [0, 1],
      failureCases: ['Quoted questions ("the FAQ asks: why?") and question-style headers ("What is X?") count.'],
      englishOnly: false,
    },
    {
      name: 'exclamation_share',
      label: 'Exclamations',
      family: 'punctuation',
      description: 'Share of sentences ending in an exclamation mark.',
      unit: 'fraction',
      range: [0, 1],
      failureCases: ['Code-like text outside fences ("!= null") is not a sentence end and is ignored; "!" inside quotes counts.'],
      englishOnly: false,
    },
    {
      name: 'emoji_per_100w',
      label: 'Emoji',
      family: 'punctuation',
      description: 'Emoji (Unicode Extended_Pictographic) per 100 words.',
      unit: 'per 100 words',
      range: [0, 20],
      failureCases: ['Symbols such as © ® ™ are pictographic in Unicode and count.', 'Sites that render emoji as images may drop them from the captured text.'],
      englishOnly: false,
    },
  ],
  compute(ctx, out) {
    const { questions, exclamations } = ctx.sentences;
    const n = Math.max(1, ctx.sentences.count);
    out.question_share = questions / n;
    out.exclamation_share = exclamations / n;
    out.emoji_per_100w = per100(MAYBE_EMOJI.test(ctx.raw) ? countAll(EMOJI, ctx.raw) : 0, ctx.wordCount);
  },
};
