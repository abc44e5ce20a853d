/** Lexical diversity and word shape. Language-neutral. */
import type { FeatureFamily } from './types.ts';

export const MATTR_WINDOW = 50;

const MAX_WINDOW = 0xff;

/**
 * Moving-average type–token ratio over windows of `window` words (plain TTR when shorter), of
 * word type ids. `counts`: zeroed per-type counts covering every id (ReplyContext.typeCounts), one
 * byte each (a count never exceeds the window): read at random, a small array stays in cache. Left zero.
 */
export function mattrOfTokens(tokens: Int32Array, counts: Uint8Array, window = MATTR_WINDOW): number {
  const n = tokens.length;
  if (n === 0) return 0;
  if (window > MAX_WINDOW) throw new RangeError(`mattr window ${window} exceeds ${MAX_WINDOW}`);
  const w = Math.min(n, window);
  let types = 0;
  for (let i = 0; i < w; i++) if (counts[tokens[i]]++ === 0) types++;
  let sum = types;
  for (let i = w; i < n; i++) {
    if (--counts[tokens[i - w]] === 0) types--;
    if (counts[tokens[i]]++ === 0) types++;
    sum += types;
  }
  for (let i = n - w; i < n; i++) counts[tokens[i]] = 0;
  return n <= window ? types / n : sum / (n - window + 1) / window;
}

export const diversity: FeatureFamily = {
  family: 'diversity',
  defs: [
    {
      name: 'mattr',
      label: 'Lexical diversity (MATTR)',
      family: 'diversity',
      description: `Moving-average type–token ratio over ${MATTR_WINDOW}-word windows (plain type–token ratio for shorter replies).`,
      unit: 'fraction',
      range: [0, 1],
      failureCases: [
        'Replies under 50 words get plain TTR, which is higher for short texts.',
        'Repetitive templates (tables, lists of similar items) lower it regardless of persona.',
      ],
      englishOnly: false,
    },
    {
      name: 'word_length',
      label: 'Word length',
      family: 'diversity',
      description: 'Mean characters per prose word.',
      unit: 'characters',
      range: [1, 12],
      failureCases: ['URLs and identifiers left in prose inflate it.', 'Not comparable across languages (German compounds).'],
      englishOnly: false,
    },
  ],
  compute(ctx, out) {
    out.mattr = mattrOfTokens(ctx.tokens, ctx.typeCounts);
    out.word_length = ctx.wordCount ? ctx.stats.chars / ctx.wordCount : 0;
  },
};
