/** Lexical diversity and word shape. Language-neutral. */
import type { FeatureFamily } from './types.ts';

export const MATTR_WINDOW = 50;

/** Moving-average type–token ratio over windows of `window` words (plain TTR when shorter). */
export function mattr(words: readonly string[], window = MATTR_WINDOW): number {
  const n = words.length;
  if (n === 0) return 0;
  if (n <= window) return new Set(words).size / n;
  const counts = new Map<string, number>();
  let types = 0;
  for (let i = 0; i < window; i++) {
    const c = counts.get(words[i]) ?? 0;
    if (c === 0) types++;
    counts.set(words[i], c + 1);
  }
  let sum = types;
  for (let i = window; i < n; i++) {
    const out = words[i - window];
    const co = counts.get(out)! - 1;
    counts.set(out, co);
    if (co === 0) types--;
    const c = counts.get(words[i]) ?? 0;
    if (c === 0) types++;
    counts.set(words[i], c + 1);
    sum += types;
  }
  return sum / (n - window + 1) / window;
}

export const diversity: FeatureFamily = {
  family: 'diversity',
  defs: [
    {
      name: 'mattr', label: 'Lexical diversity (MATTR)', family: 'diversity',
      description: `Moving-average type–token ratio over ${MATTR_WINDOW}-word windows (plain type–token ratio for shorter replies).`,
      unit: 'fraction', range: [0, 1],
      failureCases: ['Replies under 50 words get plain TTR, which is higher for short texts.', 'Repetitive templates (tables, lists of similar items) lower it regardless of persona.'],
      englishOnly: false,
    },
    {
      name: 'word_length', label: 'Word length', family: 'diversity',
      description: 'Mean characters per prose word.',
      unit: 'characters', range: [1, 12],
      failureCases: ['URLs and identifiers left in prose inflate it.', 'Not comparable across languages (German compounds).'],
      englishOnly: false,
    },
  ],
  compute(ctx) {
    let chars = 0;
    for (const w of ctx.words) chars += w.length;
    return { mattr: mattr(ctx.words), word_length: ctx.words.length ? chars / ctx.words.length : 0 };
  },
};
