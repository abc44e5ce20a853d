/**
 * Fisher's discriminant over the detector's scalar features (issue 14, bench only). The segment
 * cost weighs each feature on its own, but words_log, paragraphs, list_share, headers and bold
 * move together, so a change of length is counted several times over while word-level habits
 * count once. Here the prompt-model residuals (each divided by its residual noise scale) are
 * projected on the directions along which generators differ most relative to one generator's own
 * reply-to-reply spread over prompts (within scatter: what the detector sees as noise inside a
 * segment; between scatter: the spread of generator means, prompt-matched because every generator
 * answers the same prompts). W'(S_w + ridge)W = I: each dimension has about unit noise per reply.
 * Cross-fitted like the habit metric (habit-folds.ts): a DEV conversation is projected with a
 * discriminant trained without its generators' family folds.
 */
import type { FeatureValues } from '../../src/core/model/types.ts';
import type { CorpusRecord, GeneratorInfo } from './corpus.ts';
import type { CorpusFeatures } from './feature-cache.ts';
import { familyFolds } from './habit-folds.ts';
import { backward, cholesky, forward, topEigenvectors, transpose } from './habit-lda.ts';

export interface FeatureLda {
  features: string[];
  /** rank × features, row-major. */
  W: Float64Array;
  rank: number;
  /** Between / within variance ratio of each dimension. */
  ratio: number[];
}

export interface FeatureLdaOptions {
  rank: number;
  /** Ridge on the within scatter, as a share of its mean diagonal. */
  ridge?: number;
  /** Inputs (residual z-scores) clipped to ±clip before the scatter is measured. */
  clip?: number;
}

/** A reply's residual z-scores: (value − expected) / residual scale, missing → 0, clipped. */
export function residualVector(
  f: FeatureValues,
  expected: FeatureValues,
  features: readonly string[],
  scale: Readonly<Record<string, number>>,
  clip: number,
): Float64Array {
  return Float64Array.from(features, (n) => {
    const x = f[n];
    if (typeof x !== 'number') return 0;
    const z = (x - (expected[n] ?? 0)) / (scale[n] ?? 1);
    return Math.max(-clip, Math.min(clip, z));
  });
}

export function fitFeatureLda(replies: ReadonlyMap<string, readonly Float64Array[]>, features: readonly string[], o: FeatureLdaOptions): FeatureLda {
  const K = features.length;
  const { ridge = 0.05 } = o;
  const Sw = new Float64Array(K * K);
  const Sb = new Float64Array(K * K);
  const means: Float64Array[] = [];
  let N = 0;
  for (const xs of replies.values()) {
    if (!xs.length) continue;
    const mu = new Float64Array(K);
    for (const x of xs) for (let k = 0; k < K; k++) mu[k] += x[k] / xs.length;
    means.push(mu);
    for (const x of xs) {
      for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) Sw[i * K + j] += (x[i] - mu[i]) * (x[j] - mu[j]);
      N++;
    }
  }
  for (let i = 0; i < K * K; i++) Sw[i] /= Math.max(1, N);
  let tr = 0;
  for (let i = 0; i < K; i++) tr += Sw[i * K + i];
  for (let i = 0; i < K; i++) Sw[i * K + i] += (ridge * tr) / K;
  const grand = new Float64Array(K);
  for (const mu of means) for (let k = 0; k < K; k++) grand[k] += mu[k] / means.length;
  for (const mu of means) for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) Sb[i * K + j] += ((mu[i] - grand[i]) * (mu[j] - grand[j])) / means.length;
  // Whiten: M = L⁻¹ Sb L⁻ᵀ, top eigenvectors V (eigenvalue = between / within ratio), W = L⁻ᵀ V.
  const L = cholesky(Sw, K);
  const A = Sb.slice();
  forward(L, A, K, K);
  const M = transpose(A, K, K);
  forward(L, M, K, K);
  const r = Math.min(o.rank, K);
  const V = topEigenvectors(M, K, r, 400);
  const ratio = Array.from({ length: r }, (_, c) => {
    let q = 0;
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) q += V[i * r + c] * M[i * K + j] * V[j * r + c];
    return q;
  });
  backward(L, V, K, r);
  return { features: [...features], W: transpose(V, K, r), rank: r, ratio };
}

export function projectFeatures(lda: FeatureLda, z: Float64Array): Float64Array {
  const K = lda.features.length;
  const out = new Float64Array(lda.rank);
  for (let c = 0; c < lda.rank; c++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += lda.W[c * K + k] * z[k];
    out[c] = s;
  }
  return out;
}

export interface FeatureLdaFolds {
  /** The discriminant trained without the given folds of DEV generators (memoised). */
  excluding(folds: readonly number[]): FeatureLda;
  foldOf(generator: string): number | undefined;
}

/** Cross-fitted discriminants over DEV generators × DEV prompts (EVAL data is never read). */
export function featureLdaFolds(
  cf: CorpusFeatures,
  devPool: readonly CorpusRecord[],
  devGens: readonly string[],
  table: Map<string, GeneratorInfo>,
  expectedOf: (prompt: string) => FeatureValues,
  features: readonly string[],
  scale: Readonly<Record<string, number>>,
  o: FeatureLdaOptions,
): FeatureLdaFolds {
  const fold = familyFolds(devGens, table);
  const clip = o.clip ?? 4;
  const vectors = new Map<string, Float64Array[]>();
  for (const g of devGens) {
    const xs: Float64Array[] = [];
    for (const r of devPool) {
      const f = cf.get(g, r.index);
      if (f) xs.push(residualVector(f, expectedOf(r.prompt), features, scale, clip));
    }
    vectors.set(g, xs);
  }
  const memo = new Map<string, FeatureLda>();
  return {
    foldOf: (g) => fold.get(g),
    excluding(folds) {
      const key = [...new Set(folds)].sort().join(',');
      let m = memo.get(key);
      if (!m) {
        const kept = new Map([...vectors].filter(([g]) => !folds.includes(fold.get(g)!)));
        memo.set(key, (m = fitFeatureLda(kept, features, o)));
      }
      return m;
    },
  };
}
