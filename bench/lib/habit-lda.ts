/**
 * A low-rank "same generator?" metric over the habit vector (habit-vector.ts): Fisher's linear
 * discriminant across many generators. Every generator answers the same prompts, so the generator
 * means are prompt-matched; the within-generator scatter is the spread of one generator's replies
 * over prompts (what the detector sees as noise inside a segment). The projection W maximises
 * between- over within-generator variance; W'(S_w + ridge)W = I, so each of the `rank` dimensions
 * has at most unit noise per reply (exactly 1 without the ridge), like a standardised scalar feature.
 * `siblings` > 0 adds the spread of generators around their own family's mean (families with two
 * or more members) to the between scatter, with that weight: directions that tell relatives apart.
 */
import { selectBuckets, type HabitPair } from './habit-metric.ts';
import { addRelativesSpread, fisherDirections } from './fisher.ts';
import type { SparseVector } from './style/vector.ts';

export interface HabitProjection {
  /** Input buckets, ascending. */
  buckets: Int32Array;
  /** rank × buckets.length, row-major. */
  W: Float64Array;
  rank: number;
}

export interface LdaOptions {
  keep?: number;
  rank?: number;
  /** Ridge on the within scatter, as a share of its mean diagonal. */
  ridge?: number;
  siblings?: number;
}

function dense(v: SparseVector, col: Int32Array, K: number): Float64Array {
  const x = new Float64Array(K);
  v.index.forEach((b, i) => {
    if (col[b] >= 0) x[col[b]] = v.value[i];
  });
  return x;
}

/**
 * Fits the projection. `replies` holds each training generator's reply vectors (the same prompts
 * for all), `family` its family; `pairs` (prompt-matched, habit-metric.ts) pre-select the buckets.
 */
export function fitHabitLda(
  replies: ReadonlyMap<string, readonly SparseVector[]>,
  family: (g: string) => string,
  pairs: readonly HabitPair[],
  o: LdaOptions = {},
): HabitProjection {
  const { keep = 384, rank = 12, ridge = 0.1, siblings = 0 } = o;
  const buckets = selectBuckets(pairs, keep);
  const K = buckets.length;
  const col = new Int32Array(1 << 16).fill(-1);
  buckets.forEach((b, j) => (col[b] = j));
  const gens = [...replies.keys()];
  const means = new Map<string, Float64Array>();
  const Sw = new Float64Array(K * K);
  let N = 0;
  for (const g of gens) {
    const xs = replies.get(g)!.map((v) => dense(v, col, K));
    const mu = new Float64Array(K);
    for (const x of xs) for (let k = 0; k < K; k++) mu[k] += x[k] / xs.length;
    means.set(g, mu);
    for (const x of xs) {
      const d = Float64Array.from(x, (v, k) => v - mu[k]);
      for (let i = 0; i < K; i++) if (d[i] !== 0) for (let j = 0; j < K; j++) Sw[i * K + j] += d[i] * d[j];
      N++;
    }
  }
  for (let i = 0; i < K * K; i++) Sw[i] /= N;
  let tr = 0;
  for (let i = 0; i < K; i++) tr += Sw[i * K + i];
  for (let i = 0; i < K; i++) Sw[i * K + i] += (ridge * tr) / K;
  const Sb = new Float64Array(K * K);
  const addOuter = (d: Float64Array, w: number) => {
    for (let i = 0; i < K; i++) if (d[i] !== 0) for (let j = 0; j < K; j++) Sb[i * K + j] += w * d[i] * d[j];
  };
  const grand = new Float64Array(K);
  for (const mu of means.values()) for (let k = 0; k < K; k++) grand[k] += mu[k] / gens.length;
  for (const mu of means.values())
    addOuter(
      Float64Array.from(mu, (v, k) => v - grand[k]),
      1 / gens.length,
    );
  if (siblings > 0) addRelativesSpread(Sb, K, means, family, siblings);
  const { W, rank: r } = fisherDirections(Sw, Sb, K, rank);
  return { buckets, W, rank: r };
}

export function project(p: HabitProjection, v: SparseVector): Float64Array {
  const K = p.buckets.length;
  const z = new Float64Array(p.rank);
  let i = 0;
  for (let j = 0; j < K && i < v.index.length; j++) {
    while (i < v.index.length && v.index[i] < p.buckets[j]) i++;
    if (i < v.index.length && v.index[i] === p.buckets[j]) {
      const x = v.value[i];
      for (let c = 0; c < p.rank; c++) z[c] += p.W[c * K + j] * x;
    }
  }
  return z;
}
