/**
 * Diagnostic for the detector's evidence: for two replies to DIFFERENT prompts, how well does a
 * representation tell "same generator" from "different generators"? Pair AUC (0.5 = no signal).
 * Every change-point method here compares replies with each other, so this bounds what any of
 * them can see in one pair; a segment pools several pairs. Also a pair metric LEARNED on
 * development pairs (logistic regression on per-feature differences and the two cosines), scored
 * on every set: whether what separates development generators carries to unseen ones.
 */
import { DETECTOR_PARAMS } from '../../src/core/detect/params.ts';
import { FEATURES } from '../../src/core/features/registry.ts';
import { sparseDot, type SparseVector } from './style/vector.ts';
import { replyStyleVector } from './channels.ts';
import type { AlpacaRecord } from './data.ts';
import { featuresOf } from './features.ts';
import { makeRng, type Rng } from './rng.ts';
import { denseRow, probabilities, trainSoftmax } from './softmax.ts';
import { wordHabitVector } from './word-habits.ts';

const NAMES = FEATURES.map((f) => f.name);
const CLIP = DETECTOR_PARAMS.clip;

interface Reply {
  z: number[];
  skeleton: SparseVector;
  habits: SparseVector;
}

interface Pair {
  a: Reply;
  b: Reply;
  same: boolean;
}

export const REPRESENTATIONS = ['scalar features, detector weights', 'style skeleton (cosine)', 'word habits (cosine)', 'metric learned on dev pairs'] as const;

export function pairSeparability(
  records: readonly AlpacaRecord[],
  devPairs: readonly (readonly string[])[],
  sets: Record<string, readonly (readonly string[])[]>,
  pairsPerSet = 3000,
  seed = 7,
): Record<string, number[]> {
  const cache = new Map<string, Reply>();
  const reply = (g: string, i: number): Reply => {
    const key = `${g}\u0000${i}`;
    let r = cache.get(key);
    if (!r) {
      const text = records[i].outputs[g];
      const f = featuresOf(text);
      r = { z: NAMES.map((n) => (f[n] ?? 0) / (DETECTOR_PARAMS.priorScale[n] ?? 1)), skeleton: replyStyleVector(text), habits: wordHabitVector(text) };
      cache.set(key, r);
    }
    return r;
  };
  const rng = makeRng(seed);
  const sample = (pairs: readonly (readonly string[])[], n: number) => samplePairs(records, pairs, n, rng, reply);
  const learned = learnPairMetric(sample(devPairs, 6000));
  const w = DETECTOR_PARAMS.weights;
  const scores: ((p: Pair) => number)[] = [
    (p) => -NAMES.reduce((s, n, k) => s + (w[n] ?? 0) ** 2 * Math.min(CLIP * CLIP, (p.a.z[k] - p.b.z[k]) ** 2), 0),
    (p) => sparseDot(p.a.skeleton, p.b.skeleton),
    (p) => sparseDot(p.a.habits, p.b.habits),
    learned,
  ];
  const out: Record<string, number[]> = {};
  for (const [name, pairs] of Object.entries(sets)) {
    const ps = sample(pairs, pairsPerSet);
    out[name] = scores.map((score) =>
      auc(
        ps.map(score),
        ps.map((p) => p.same),
      ),
    );
  }
  return out;
}

/** For each draw: reply i of g1 against reply j of g2 (different) and reply j of g1 (same). */
function samplePairs(
  records: readonly AlpacaRecord[],
  pairs: readonly (readonly string[])[],
  n: number,
  rng: Rng,
  reply: (g: string, i: number) => Reply,
): Pair[] {
  const out: Pair[] = [];
  const ok = (g: string, i: number) => (records[i].outputs[g] ?? '').trim().length > 0;
  for (let k = 0; k < n; k++) {
    const [g1, g2] = pairs[rng.int(0, pairs.length - 1)];
    const i = rng.int(0, records.length - 1),
      j = rng.int(0, records.length - 1);
    if (i === j || !ok(g1, i) || !ok(g1, j) || !ok(g2, j)) continue;
    out.push({ a: reply(g1, i), b: reply(g2, j), same: false }, { a: reply(g1, i), b: reply(g1, j), same: true });
  }
  return out;
}

const pairFeatures = (p: Pair) => [
  ...p.a.z.map((x, k) => Math.min(CLIP * CLIP, (x - p.b.z[k]) ** 2)),
  ...p.a.z.map((x, k) => Math.min(CLIP, Math.abs(x + p.b.z[k]) / 2)),
  sparseDot(p.a.skeleton, p.b.skeleton),
  sparseDot(p.a.habits, p.b.habits),
];

function learnPairMetric(train: readonly Pair[]): (p: Pair) => number {
  const xs = train.map(pairFeatures);
  const d = xs[0].length;
  const mean = Array.from({ length: d }, (_, k) => xs.reduce((s, x) => s + x[k], 0) / xs.length);
  const sd = mean.map((m, k) => Math.sqrt(xs.reduce((s, x) => s + (x[k] - m) ** 2, 0) / xs.length) || 1);
  const row = (x: number[]) => denseRow(x.map((v, k) => (v - mean[k]) / sd[k]));
  const model = trainSoftmax(
    xs.map(row),
    train.map((p) => (p.same ? 1 : 0)),
    2,
    d,
    { iterations: 500, rate: 0.5, l2: 1e-3 },
  );
  const prob = new Float64Array(2);
  return (p) => probabilities(model, row(pairFeatures(p)), prob)[1];
}

/** Mann–Whitney AUC with tied scores sharing their mean rank. */
export function auc(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((x, y) => x[0] - y[0]);
  let rankSum = 0,
    pos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (positive[order[k][1]]) (rankSum += rank), pos++;
    i = j + 1;
  }
  const neg = order.length - pos;
  return pos && neg ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : NaN;
}
