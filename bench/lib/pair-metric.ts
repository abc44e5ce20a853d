/**
 * A pairwise "same generator?" metric (issue 14), learned on prompt-matched pairs across the DEV
 * generators: for two prompts p, q, the pair (g on p, g on q) is "same" and (g on p, h on q) is
 * "different", so both kinds see the same two requests. A pair's input is the squared difference
 * of each prompt-model residual in noise units (clipped like the detector's series); a logistic
 * regression learns which differences mean "another generator". Its non-negative coefficients
 * are a diagonal metric, i.e. squared feature weights of the detector's L2 segment cost, which is
 * how it plugs in (bench/lib/candidates.ts). AUC is measured on EVAL generators × EVAL prompts.
 */
import { FEATURE_NAMES } from '../../src/core/features/registry.ts';
import { PROMPT_MODEL } from '../../src/core/detect/prompt-model-data.ts';
import type { FeatureValues } from '../../src/core/model/types.ts';
import type { CorpusRecord } from './corpus.ts';
import type { CorpusFeatures } from './feature-cache.ts';
import { auc } from './pair-separability.ts';
import { makeRng } from './rng.ts';

const CLIP = 2.5;

/** A reply's prompt-model residuals in noise units, clipped (NaN where a feature is missing). */
export function residualZ(cf: CorpusFeatures, g: string, r: CorpusRecord, expected: FeatureValues): number[] | null {
  const f = cf.get(g, r.index);
  if (!f) return null;
  return FEATURE_NAMES.map((n) => {
    const x = f[n],
      e = expected[n];
    if (x === null || x === undefined || e === null || e === undefined) return NaN;
    const z = (x - e) / (PROMPT_MODEL.residualScale[n] || 1);
    return Math.max(-CLIP, Math.min(CLIP, z));
  });
}

export interface Pair {
  diff2: number[];
  different: boolean;
}

/** count same + count different prompt-matched pairs among `gens` on `pool`. */
export function samplePairs(
  cf: CorpusFeatures,
  pool: readonly CorpusRecord[],
  gens: readonly string[],
  expectedOf: (prompt: string) => FeatureValues,
  count: number,
  seed: number,
): Pair[] {
  const rng = makeRng(seed);
  const out: Pair[] = [];
  while (out.length < 2 * count) {
    const [p, q] = [rng.pick(pool), rng.pick(pool)];
    const [g, h] = [rng.pick(gens), rng.pick(gens)];
    if (p === q || g === h) continue;
    const a = residualZ(cf, g, p, expectedOf(p.prompt));
    const same = residualZ(cf, g, q, expectedOf(q.prompt));
    const other = residualZ(cf, h, q, expectedOf(q.prompt));
    if (!a || !same || !other) continue;
    const d2 = (b: number[]) => a.map((x, k) => (Number.isNaN(x) || Number.isNaN(b[k]) ? 0 : (x - b[k]) ** 2));
    out.push({ diff2: d2(same), different: false }, { diff2: d2(other), different: true });
  }
  return out;
}

/** Logistic regression (gradient descent on standardised inputs); returns non-negative coefficients per feature. */
export function fitPairMetric(pairs: readonly Pair[], iterations = 400, rate = 0.5): number[] {
  const d = FEATURE_NAMES.length;
  const mean = Array.from({ length: d }, (_, k) => pairs.reduce((s, p) => s + p.diff2[k], 0) / pairs.length);
  const sd = Array.from({ length: d }, (_, k) => Math.sqrt(pairs.reduce((s, p) => s + (p.diff2[k] - mean[k]) ** 2, 0) / pairs.length) || 1);
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (const p of pairs) {
      let z = b;
      for (let k = 0; k < d; k++) z += (w[k] * (p.diff2[k] - mean[k])) / sd[k];
      const err = 1 / (1 + Math.exp(-z)) - (p.different ? 1 : 0);
      gb += err;
      for (let k = 0; k < d; k++) gw[k] += (err * (p.diff2[k] - mean[k])) / sd[k];
    }
    b -= (rate * gb) / pairs.length;
    for (let k = 0; k < d; k++) w[k] -= (rate * gw[k]) / pairs.length + rate * 1e-3 * w[k];
  }
  return w.map((x, k) => Math.max(0, x / sd[k]));
}

export const pairAuc = (pairs: readonly Pair[], coef: readonly number[]) =>
  auc(
    pairs.map((p) => p.diff2.reduce((s, x, k) => s + coef[k] * x, 0)),
    pairs.map((p) => p.different),
  );

/** Detector weights from the metric: sqrt of the coefficients, scaled to max 1, small ones dropped. */
export function metricWeights(coef: readonly number[], min = 0.15): Record<string, number> {
  const w = coef.map(Math.sqrt);
  const top = Math.max(...w) || 1;
  return Object.fromEntries(FEATURE_NAMES.flatMap((n, k) => (w[k] / top >= min ? [[n, Number((w[k] / top).toFixed(2))]] : [])));
}
