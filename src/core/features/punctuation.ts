/** Questions, exclamations and emoji: conversational energy. Language-neutral. */
import { per100, type FeatureFamily } from './types.ts';

const EMOJI = /\p{Extended_Pictographic}/gu;
/** Extended_Pictographic starts at U+00A9 (©): text without such characters has no emoji. */
const MAYBE_EMOJI = /[^\x00-\xa8]/;
/** Closing quotes, brackets, emphasis and spaces that may follow a sentence's end mark. */
const TRAILING = /["'”’)\]*_\s]/;

/** Last character of a sentence before trailing quotes/brackets/emphasis ('' if none). */
function endMark(s: string): string {
  let j = s.length;
  while (j > 0 && TRAILING.test(s[j - 1])) j--;
  return j > 0 ? s[j - 1] : '';
}

export const punctuation: FeatureFamily = {
  family: 'punctuation',
  defs: [
    {
      name: 'question_share', label: 'Questions', family: 'punctuation',
      description: 'Share of sentences ending in a question mark (? or ？): questions back to the user, rhetorical questions.',
      unit: 'fraction', range: [0, 1],
      failureCases: ['Quoted questions ("the FAQ asks: why?") and question-style headers ("What is X?") count.'],
      englishOnly: false,
    },
    {
      name: 'exclamation_share', label: 'Exclamations', family: 'punctuation',
      description: 'Share of sentences ending in an exclamation mark.',
      unit: 'fraction', range: [0, 1],
      failureCases: ['Code-like text outside fences ("!= null") is not a sentence end and is ignored; "!" inside quotes counts.'],
      englishOnly: false,
    },
    {
      name: 'emoji_per_100w', label: 'Emoji', family: 'punctuation',
      description: 'Emoji (Unicode Extended_Pictographic) per 100 words.',
      unit: 'per 100 words', range: [0, 20],
      failureCases: ['Symbols such as © ® ™ are pictographic in Unicode and count.', 'Sites that render emoji as images may drop them from the captured text.'],
      englishOnly: false,
    },
  ],
  compute(ctx) {
    let q = 0, e = 0;
    for (const s of ctx.sentences) {
      const end = endMark(s);
      if (end === '?' || end === '？') q++;
      else if (end === '!' || end === '！') e++;
    }
    const n = Math.max(1, ctx.sentences.length);
    return {
      question_share: q / n,
      exclamation_share: e / n,
      emoji_per_100w: per100(MAYBE_EMOJI.test(ctx.raw) ? (ctx.raw.match(EMOJI)?.length ?? 0) : 0, ctx.words.length),
    };
  },
};
