/**
 * Fisher's discriminant over the detector's scalar features (issue 14): fitted here, shipped as
 * src/core/detect/discriminant-data.ts by `npm run train:discriminant`. The segment
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
import { residualZ, type Discriminant } from '../../src/core/detect/discriminant.ts';
import type { FeatureValues } from '../../src/core/model/types.ts';
import type { CorpusRecord, GeneratorInfo } from './corpus.ts';
import type { CorpusFeatures } from './feature-cache.ts';
import { familyFolds } from './habit-folds.ts';
import { addRelativesSpread, fisherDirections } from './fisher.ts';

export interface FeatureLdaOptions {
  rank: number;
  /** Ridge on the within scatter, as a share of its mean diagonal. */
  ridge?: number;
  /**
   * With `family`: the spread of generators around their own family's mean (families with two or
   * more members) added to the between scatter with this weight — directions that tell relatives apart.
   */
  siblings?: number;
  family?: (generator: string) => string;
  /**
   * With `groups` (each generator's reply groups, e.g. the source dataset of each prompt): the spread
   * of a generator's group means around its own mean added to the within scatter with this weight, so
   * directions that move when the task changes count as noise.
   */
  taskNuisance?: number;
  groups?: ReadonlyMap<string, readonly string[]>;
}

/** Inputs every discriminant here is fitted on: residual z-scores of these features, clipped. */
export interface LdaInput {
  features: readonly string[];
  scale: readonly number[];
  clip: number;
}

/** Fisher's discriminant of per-generator residual z-score vectors (all generators answer the same prompts). */
export function fitFeatureLda(
  replies: ReadonlyMap<string, readonly (readonly number[])[]>,
  input: LdaInput,
  o: FeatureLdaOptions,
  version: string,
): Discriminant {
  const { features } = input;
  const K = features.length;
  const { ridge = 0.05 } = o;
  const Sw = new Float64Array(K * K);
  const Sb = new Float64Array(K * K);
  const means: Float64Array[] = [];
  const meanOf = new Map<string, Float64Array>();
  let N = 0;
  for (const [g, xs] of replies) {
    if (!xs.length) continue;
    const mu = new Float64Array(K);
    for (const x of xs) for (let k = 0; k < K; k++) mu[k] += x[k] / xs.length;
    means.push(mu);
    meanOf.set(g, mu);
    for (const x of xs) {
      for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) Sw[i * K + j] += (x[i] - mu[i]) * (x[j] - mu[j]);
      N++;
    }
  }
  if (o.taskNuisance && o.groups) {
    for (const [g, xs] of replies) {
      const labels = o.groups.get(g);
      const mu = meanOf.get(g);
      if (!labels || !mu) continue;
      const sums = new Map<string, { n: number; s: Float64Array }>();
      xs.forEach((x, r) => {
        const e = sums.get(labels[r]) ?? { n: 0, s: new Float64Array(K) };
        e.n++;
        for (let k = 0; k < K; k++) e.s[k] += x[k];
        sums.set(labels[r], e);
      });
      for (const { n, s: sum } of sums.values()) {
        const d = Float64Array.from(sum, (v, k) => v / n - mu[k]);
        for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) Sw[i * K + j] += o.taskNuisance * n * d[i] * d[j];
      }
    }
  }
  for (let i = 0; i < K * K; i++) Sw[i] /= Math.max(1, N);
  let tr = 0;
  for (let i = 0; i < K; i++) tr += Sw[i * K + i];
  for (let i = 0; i < K; i++) Sw[i * K + i] += (ridge * tr) / K;
  const grand = new Float64Array(K);
  for (const mu of means) for (let k = 0; k < K; k++) grand[k] += mu[k] / means.length;
  for (const mu of means) for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) Sb[i * K + j] += ((mu[i] - grand[i]) * (mu[j] - grand[j])) / means.length;
  if (o.siblings && o.family) addRelativesSpread(Sb, K, meanOf, o.family, o.siblings);
  const { W, rank: r, ratio } = fisherDirections(Sw, Sb, K, o.rank, 400);
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return {
    version,
    features: [...features],
    scale: [...input.scale],
    clip: input.clip,
    weights: Array.from({ length: r }, (_, c) => Array.from({ length: K }, (_, k) => round(W[c * K + k]))),
    ratio: ratio.map((x) => round(x)),
  };
}

export interface FeatureLdaFolds {
  /** The discriminant trained without the given folds of DEV generators (memoised). */
  excluding(folds: readonly number[]): Discriminant;
  foldOf(generator: string): number | undefined;
}

/** Cross-fitted discriminants over DEV generators × DEV prompts (EVAL data is never read). */
export function featureLdaFolds(
  cf: CorpusFeatures,
  devPool: readonly CorpusRecord[],
  devGens: readonly string[],
  table: Map<string, GeneratorInfo>,
  expectedOf: (prompt: string) => FeatureValues,
  input: LdaInput,
  o: FeatureLdaOptions,
): FeatureLdaFolds {
  const fold = familyFolds(devGens, table);
  const vectors = residualVectors(cf, devPool, devGens, expectedOf, input);
  const memo = new Map<string, Discriminant>();
  return {
    foldOf: (g) => fold.get(g),
    excluding(folds) {
      const key = [...new Set(folds)].sort().join(',');
      let m = memo.get(key);
      if (!m) {
        const kept = new Map([...vectors].filter(([g]) => !folds.includes(fold.get(g)!)));
        memo.set(key, (m = fitFeatureLda(kept, input, o, `dev-without-${key || 'none'}`)));
      }
      return m;
    },
  };
}

/** Each generator's residual z-score vectors over the given prompts. */
export function residualVectors(
  cf: CorpusFeatures,
  pool: readonly CorpusRecord[],
  gens: readonly string[],
  expectedOf: (prompt: string) => FeatureValues,
  input: LdaInput,
): Map<string, number[][]> {
  const out = new Map<string, number[][]>();
  for (const g of gens) {
    const xs: number[][] = [];
    for (const r of pool) {
      const f = cf.get(g, r.index);
      if (f) xs.push(residualZ(input, f, expectedOf(r.prompt)));
    }
    out.set(g, xs);
  }
  return out;
}

/** The shipped discriminant's version and training options (`npm run train:discriminant`; bench:detect cross-fits the same). */
export const DISCRIMINANT_VERSION = 'fd1';
export const DISCRIMINANT_OPTIONS: FeatureLdaOptions = { rank: 6, ridge: 0.05 };
/** Residual z-scores of every feature, over the prompt model's residual noise scales, clipped at ±4. */
export function discriminantInput(features: readonly string[], residualScale: Readonly<Record<string, number>>): LdaInput {
  return { features, scale: features.map((f) => residualScale[f] ?? 1), clip: 4 };
}

/** Each generator's reply groups in residualVectors' order: the source dataset of each prompt it answered. */
export function datasetGroups(cf: CorpusFeatures, pool: readonly CorpusRecord[], gens: readonly string[]): Map<string, string[]> {
  return new Map(gens.map((g) => [g, pool.filter((r) => cf.get(g, r.index)).map((r) => r.dataset)]));
}
