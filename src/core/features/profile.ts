/**
 * Vector style profiles (not scalar features, so not in FeatureValues): hashed bags of a reply's
 * closed-class words, line-start markup, punctuation and opening words. Used for distances
 * between windows of replies; a single reply is far too short for author-level stylometry
 * (Eder 2015, docs/reference/methods.md §4.2), so compare pooled windows.
 */
import { ENGLISH_FUNCTION_WORDS } from '../lexicons/function-words.ts';
import { STYLE_BUCKETS, STYLE_WORDS, styleBucket } from './style-words.ts';
import type { FeatureEngine } from './engine/feature-engine.ts';

export { STYLE_BUCKETS } from './style-words.ts';

const LINE_MARK = /^[ \t]*(#{1,6} |[-*+•] |\d+[.)] |\*\*|> |\|)/;
const PUNCT = /[:;!?—–()"“”…*]/g;

/**
 * Style token profile of a reply: hashed bag of its words, the line-start markup it uses (list
 * markers, headers, bold lead-ins, tables), its punctuation, and its opening words — the small
 * habits that tell generators apart (docs/reference/methods.md §4.2: "certainly", "utilize"…) without any list
 * of particular models. sqrt(count) then unit length, so one long reply does not dominate.
 * Topic words vary from reply to reply and average out over a segment; habits do not.
 */
export function styleProfile(raw: string, lowerWords: readonly string[], buckets = STYLE_BUCKETS): Float64Array {
  // Only closed-class words: content words follow the topic, which changes with every prompt.
  const bucketOf = (w: string) => (ENGLISH_FUNCTION_WORDS.has(w) || STYLE_WORDS.has(w) ? styleBucket(w, buckets) : -1);
  return profileFrom(
    raw,
    lowerWords.length,
    (i) => lowerWords[i],
    (i) => bucketOf(lowerWords[i]),
    buckets,
  );
}

/** styleProfile of the words with type ids `tokens` (the engine's word table: buckets and words by id). */
export function styleProfileOfTokens(raw: string, tokens: Int32Array, engine: Pick<FeatureEngine, 'typeString' | 'styleBucketOf'>): Float64Array {
  return profileFrom(
    raw,
    tokens.length,
    (i) => engine.typeString(tokens[i]),
    (i) => engine.styleBucketOf(tokens[i]),
    STYLE_BUCKETS,
  );
}

/** The profile of `count` lower-cased words, the i-th given by wordAt(i) with style bucket bucketAt(i) (−1: none). */
function profileFrom(raw: string, count: number, wordAt: (i: number) => string, bucketAt: (i: number) => number, buckets: number): Float64Array {
  const v = new Float64Array(buckets);
  for (let i = 0; i < count; i++) {
    const b = bucketAt(i);
    if (b >= 0) v[b]++;
  }
  for (const line of raw.split('\n')) {
    const m = LINE_MARK.exec(line);
    if (m) v[styleBucket('§line:' + m[1].trim().replace(/\d+/, '1'), buckets)]++;
  }
  for (const p of raw.match(PUNCT) ?? []) v[styleBucket('§p:' + p, buckets)]++;
  for (let i = 0; i < Math.min(3, count); i++) v[styleBucket(`§open${i}:` + wordAt(i), buckets)] += 2;
  let norm = 0;
  for (let i = 0; i < buckets; i++) {
    v[i] = Math.sqrt(v[i]);
    norm += v[i] * v[i];
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < buckets; i++) v[i] /= norm;
  return v;
}
