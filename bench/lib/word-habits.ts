/**
 * A reply's vocabulary and formatting habits as a hashed sparse vector (bench-only reference
 * representation): word unigrams and bigrams (lower case, punctuation as tokens), the shape of
 * each line's first three characters ("## ", "1. ", "- A"…), and the first word. Values are
 * square roots of relative frequencies, so the vector has unit length (a Hellinger embedding).
 * With `chars`, also the character 3-grams of each word with its edges ("_th", "he_"): spelling and
 * morphology habits (issue 14's same-family "habit kernel", measured on DEV with
 * `npm run bench:detect -- --habit W`).
 */
import type { SparseVector } from './style/vector.ts';

export const WORD_HABIT_BUCKETS = 1 << 14;

/** FNV-1a bucket of a feature key. */
export function hashBucket(key: string, buckets: number): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % buckets;
}
const bucket = (key: string) => hashBucket(key, WORD_HABIT_BUCKETS);

/** A line's first three characters as a shape: "## ", "1. ", "- A", "Aaa". */
export const lineShape = (line: string) => line.trim().slice(0, 3).replace(/[a-z]/g, 'a').replace(/[A-Z]/g, 'A').replace(/\d/g, '9');

export function wordHabitVector(text: string, o: { chars?: boolean } = {}): SparseVector {
  const counts = new Map<number, number>();
  const add = (key: string) => {
    const b = bucket(key);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  };
  const tokens = text.toLowerCase().match(/[a-z']+|[^\sa-z0-9]/g) ?? [];
  tokens.forEach((tok, i) => {
    add(`u:${tok}`);
    if (i > 0) add(`b:${tokens[i - 1]} ${tok}`);
  });
  if (o.chars)
    for (const tok of tokens) {
      const w = `_${tok}_`;
      for (let i = 0; i + 3 <= w.length; i++) add(`c:${w.slice(i, i + 3)}`);
    }
  for (const line of text.split('\n')) add(`line:${lineShape(line)}`);
  add(`first:${tokens[0] ?? ''}`);
  let total = 0;
  for (const c of counts.values()) total += c;
  const index = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  return { index, value: Float64Array.from(index, (b) => Math.sqrt(counts.get(b)! / total)) };
}
