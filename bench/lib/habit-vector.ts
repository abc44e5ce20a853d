/**
 * A reply's writing habits as a hashed sparse vector, the input of the learned "same generator?"
 * habit metric (habit-metric.ts). Four groups, each its own Hellinger block (square roots of
 * relative frequencies within the group, so every group has unit length whatever the reply's length):
 * - character 1–3-grams of the lower-cased text (digits → 9, line breaks kept as ¶): spelling,
 *   punctuation and spacing choices (’ or ', — or -, ":**", ", and");
 * - word unigrams (function words and every other word: the metric learns which carry habits);
 * - line-start shapes ("## ", "1. ", "- A"; bench/lib/word-habits.ts) and blank-line runs;
 * - the opener and the closer: first two words of the reply and of its last line.
 */
import type { SparseVector } from './style/vector.ts';
import { hashBucket, lineShape } from './word-habits.ts';

export const HABIT_BUCKETS = 1 << 14;

type Counts = Map<number, number>;

function add(counts: Counts, key: string): void {
  const b = hashBucket(key, HABIT_BUCKETS);
  counts.set(b, (counts.get(b) ?? 0) + 1);
}

/** Square roots of relative frequencies, summed into `out` (groups may share a bucket). */
function hellinger(counts: Counts, out: Map<number, number>): void {
  let total = 0;
  for (const c of counts.values()) total += c;
  if (!total) return;
  for (const [b, c] of counts) out.set(b, (out.get(b) ?? 0) + Math.sqrt(c / total));
}

const firstWords = (s: string) => (s.toLowerCase().match(/[a-z']+|[^\sa-z0-9]/g) ?? []).slice(0, 2).join(' ');

export function habitVector(text: string): SparseVector {
  const out = new Map<number, number>();
  const chars: Counts = new Map();
  const flat = text
    .toLowerCase()
    .replace(/\d/g, '9')
    .replace(/\n/g, '¶')
    .replace(/[^\S¶]+/g, ' ');
  for (let i = 0; i < flat.length; i++) for (let n = 1; n <= 3 && i + n <= flat.length; n++) add(chars, `c${flat.slice(i, i + n)}`);
  hellinger(chars, out);
  const words: Counts = new Map();
  for (const w of text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? []) add(words, `w${w}`);
  hellinger(words, out);
  const lines: Counts = new Map();
  const all = text.split('\n');
  let blank = 0;
  for (const line of all) {
    if (!line.trim()) {
      blank++;
      continue;
    }
    if (blank) add(lines, `gap${Math.min(blank, 3)}`);
    blank = 0;
    add(lines, `l${lineShape(line)}`);
  }
  hellinger(lines, out);
  const ends: Counts = new Map();
  const nonEmpty = all.filter((l) => l.trim());
  add(ends, `open:${firstWords(nonEmpty[0] ?? '')}`);
  add(ends, `close:${firstWords(nonEmpty[nonEmpty.length - 1] ?? '')}`);
  hellinger(ends, out);
  const index = Int32Array.from([...out.keys()].sort((a, b) => a - b));
  return { index, value: Float64Array.from(index, (b) => out.get(b)!) };
}
