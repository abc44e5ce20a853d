/**
 * The learned "same generator?" habit metric (issue 14, v2 of pair-metric.ts): a diagonal metric
 * over the hashed habit vector (habit-vector.ts), learned on prompt-matched pairs. For two prompts
 * p ≠ q, (g on p, g on q) is a "same" pair and (g on p, h on q) a "different" one, so both kinds
 * see the same two requests and the metric cannot learn the prompt. Steps:
 * 1. Pre-selection: per bucket, a Welch t of the squared difference, different minus same pairs;
 *    the `keep` buckets with the largest t stay (the rest carry topic or nothing).
 * 2. Logistic regression P(different) = σ(b + Σ_k w_k Δ_k²) on those buckets, w ≥ 0 (projected
 *    gradient on standardised inputs, L2 penalty): the metric d(x, y) = Σ w_k (x_k − y_k)².
 * 3. Scale: the mean distance of "same" training pairs is 2, so a reply's spread around its
 *    generator's mean is about 1 per reply, the same order as one weighted scalar feature.
 * In the segment cost the metric is a linear kernel on φ(x) = √w ⊙ x (L2 cost in metric space).
 */
import type { CorpusRecord } from './corpus.ts';
import { HABIT_BUCKETS } from './habit-vector.ts';
import { auc } from './pair-separability.ts';
import { makeRng } from './rng.ts';
import type { SparseVector } from './style/vector.ts';

export interface HabitPair {
  a: SparseVector;
  b: SparseVector;
  different: boolean;
  /** What was drawn: generator and prompts of each side (for other representations of the same pair). */
  drawn: { a: string; P: readonly CorpusRecord[]; b: string; Q: readonly CorpusRecord[] };
}

export interface HabitMetric {
  /** Selected buckets, ascending. */
  buckets: Int32Array;
  /** Non-negative weight per selected bucket (same order). */
  weights: Float64Array;
}

export type VectorOf = (generator: string, r: CorpusRecord) => SparseVector | null;

/** Mean of sparse vectors (index ascending). */
export function meanVector(vs: readonly SparseVector[]): SparseVector {
  if (vs.length === 1) return vs[0];
  const acc = new Map<number, number>();
  for (const v of vs) v.index.forEach((b, i) => acc.set(b, (acc.get(b) ?? 0) + v.value[i] / vs.length));
  const index = Int32Array.from([...acc.keys()].sort((a, b) => a - b));
  return { index, value: Float64Array.from(index, (b) => acc.get(b)!) };
}

/**
 * `count` same + `count` different prompt-matched pairs among `gens` on prompts of `pool`. With
 * `replies` r > 1 each side is the mean of r replies to r distinct prompts (segment means, as the
 * segment cost compares them): g on P vs g on Q ("same") and g on P vs h on Q ("different").
 */
export function sampleHabitPairs(
  pool: readonly CorpusRecord[],
  gens: readonly string[],
  vectorOf: VectorOf,
  count: number,
  seed: number,
  accept: (g: string, h: string) => boolean = () => true,
  replies = 1,
): HabitPair[] {
  const rng = makeRng(seed);
  const out: HabitPair[] = [];
  const side = (g: string, rs: readonly CorpusRecord[]) => {
    const vs = rs.map((r) => vectorOf(g, r));
    return vs.every((v): v is SparseVector => v !== null) ? meanVector(vs) : null;
  };
  for (let tries = 0; out.length < 2 * count && tries < 50 * count; tries++) {
    const drawn = rng.shuffle(pool).slice(0, 2 * replies);
    const [P, Q] = [drawn.slice(0, replies), drawn.slice(replies)];
    const [g, h] = [rng.pick(gens), rng.pick(gens)];
    if (g === h || !accept(g, h)) continue;
    const a = side(g, P);
    const same = side(g, Q);
    const other = side(h, Q);
    if (!a || !same || !other) continue;
    out.push({ a, b: same, different: false, drawn: { a: g, P, b: g, Q } }, { a, b: other, different: true, drawn: { a: g, P, b: h, Q } });
  }
  return out;
}

/** Calls f(bucket, Δ²) for every bucket where a or b is non-zero (both index arrays ascending). */
function forDiff2(a: SparseVector, b: SparseVector, f: (bucket: number, d2: number) => void): void {
  let i = 0,
    j = 0;
  while (i < a.index.length || j < b.index.length) {
    const ai = i < a.index.length ? a.index[i] : Infinity;
    const bj = j < b.index.length ? b.index[j] : Infinity;
    if (ai === bj) f(ai, (a.value[i++] - b.value[j++]) ** 2);
    else if (ai < bj) f(ai, a.value[i++] ** 2);
    else f(bj, b.value[j++] ** 2);
  }
}

/** Buckets whose squared difference is larger in different than in same pairs, by Welch t, best `keep`. */
export function selectBuckets(pairs: readonly HabitPair[], keep: number): Int32Array {
  const s = [new Float64Array(HABIT_BUCKETS), new Float64Array(HABIT_BUCKETS)];
  const s2 = [new Float64Array(HABIT_BUCKETS), new Float64Array(HABIT_BUCKETS)];
  const n = [0, 0];
  for (const p of pairs) {
    const c = p.different ? 1 : 0;
    n[c]++;
    forDiff2(p.a, p.b, (k, d2) => {
      s[c][k] += d2;
      s2[c][k] += d2 * d2;
    });
  }
  const t = new Float64Array(HABIT_BUCKETS);
  for (let k = 0; k < HABIT_BUCKETS; k++) {
    const m = [0, 1].map((c) => s[c][k] / Math.max(1, n[c]));
    const v = [0, 1].map((c) => Math.max(0, s2[c][k] / Math.max(1, n[c]) - m[c] * m[c]) / Math.max(1, n[c]));
    t[k] = (m[1] - m[0]) / Math.sqrt(v[0] + v[1] + 1e-12);
  }
  const order = Array.from({ length: HABIT_BUCKETS }, (_, k) => k)
    .filter((k) => t[k] > 0)
    .sort((x, y) => t[y] - t[x])
    .slice(0, keep);
  return Int32Array.from(order.sort((x, y) => x - y));
}

/** Δ² of each pair on the selected buckets, row-major (pairs × buckets). */
function diffMatrix(pairs: readonly HabitPair[], buckets: Int32Array): Float32Array {
  const col = new Int32Array(HABIT_BUCKETS).fill(-1);
  buckets.forEach((b, j) => (col[b] = j));
  const K = buckets.length;
  const X = new Float32Array(pairs.length * K);
  pairs.forEach((p, i) =>
    forDiff2(p.a, p.b, (k, d2) => {
      if (col[k] >= 0) X[i * K + col[k]] = d2;
    }),
  );
  return X;
}

export interface FitOptions {
  keep?: number;
  iterations?: number;
  rate?: number;
  l2?: number;
}

/** Pre-selection, then the non-negative logistic fit, then the scale (see the file comment). */
export function fitHabitMetric(pairs: readonly HabitPair[], o: FitOptions = {}): HabitMetric {
  const { keep = 1024, iterations = 150, rate = 0.5, l2 = 1e-3 } = o;
  const buckets = selectBuckets(pairs, keep);
  const K = buckets.length,
    N = pairs.length;
  const X = diffMatrix(pairs, buckets);
  const mean = new Float64Array(K),
    sd = new Float64Array(K);
  for (let i = 0; i < N; i++) for (let k = 0; k < K; k++) mean[k] += X[i * K + k] / N;
  for (let i = 0; i < N; i++) for (let k = 0; k < K; k++) sd[k] += (X[i * K + k] - mean[k]) ** 2 / N;
  for (let k = 0; k < K; k++) sd[k] = Math.sqrt(sd[k]) || 1;
  for (let i = 0; i < N; i++) for (let k = 0; k < K; k++) X[i * K + k] = (X[i * K + k] - mean[k]) / sd[k];
  const w = new Float64Array(K);
  const g = new Float64Array(K);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < N; i++) {
      let z = b;
      const row = i * K;
      for (let k = 0; k < K; k++) z += w[k] * X[row + k];
      const err = 1 / (1 + Math.exp(-z)) - (pairs[i].different ? 1 : 0);
      gb += err;
      for (let k = 0; k < K; k++) g[k] += err * X[row + k];
    }
    b -= (rate * gb) / N;
    for (let k = 0; k < K; k++) w[k] = Math.max(0, w[k] - rate * (g[k] / N + l2 * w[k]));
  }
  const weights = Float64Array.from(w, (x, k) => x / sd[k]);
  const metric = { buckets, weights };
  const same = pairs.filter((p) => !p.different);
  const meanSame = same.reduce((s, p) => s + habitDistance((v) => embed(metric, v), p.a, p.b), 0) / Math.max(1, same.length);
  if (meanSame > 0) for (let k = 0; k < K; k++) weights[k] *= 2 / meanSame;
  return metric;
}

/** φ(x) = √w ⊙ x on the selected buckets (dense): the metric's embedding for a linear kernel. */
export function embed(m: HabitMetric, v: SparseVector): Float64Array {
  const out = new Float64Array(m.buckets.length);
  let i = 0;
  for (let j = 0; j < m.buckets.length && i < v.index.length; j++) {
    while (i < v.index.length && v.index[i] < m.buckets[j]) i++;
    if (i < v.index.length && v.index[i] === m.buckets[j]) out[j] = Math.sqrt(m.weights[j]) * v.value[i];
  }
  return out;
}

/** A learned embedding of habit vectors: the metric is the squared distance between embeddings. */
export type Embed = (v: SparseVector) => Float64Array;

export function habitDistance(f: Embed, a: SparseVector, b: SparseVector): number {
  const x = f(a),
    y = f(b);
  let d = 0;
  for (let k = 0; k < x.length; k++) d += (x[k] - y[k]) ** 2;
  return d;
}

export const habitPairAuc = (f: Embed, pairs: readonly HabitPair[]) =>
  auc(
    pairs.map((p) => habitDistance(f, p.a, p.b)),
    pairs.map((p) => p.different),
  );
