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
import { makeRng } from './rng.ts';
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

export function cholesky(A: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * n + j];
    }
  return L;
}

/** Solves L y = b (forward) for each column of B (n × m, row-major), in place. */
export function forward(L: Float64Array, B: Float64Array, n: number, m: number): void {
  for (let c = 0; c < m; c++)
    for (let i = 0; i < n; i++) {
      let s = B[i * m + c];
      for (let k = 0; k < i; k++) s -= L[i * n + k] * B[k * m + c];
      B[i * m + c] = s / L[i * n + i];
    }
}

/** Solves L' y = b (backward) for each column of B, in place. */
export function backward(L: Float64Array, B: Float64Array, n: number, m: number): void {
  for (let c = 0; c < m; c++)
    for (let i = n - 1; i >= 0; i--) {
      let s = B[i * m + c];
      for (let k = i + 1; k < n; k++) s -= L[k * n + i] * B[k * m + c];
      B[i * m + c] = s / L[i * n + i];
    }
}

export function transpose(A: Float64Array, n: number, m: number): Float64Array {
  const T = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) T[j * n + i] = A[i * m + j];
  return T;
}

/** Top `r` eigenvectors of a symmetric n×n matrix by subspace iteration (columns of an n × r matrix). */
export function topEigenvectors(M: Float64Array, n: number, r: number, iterations = 150): Float64Array {
  const rng = makeRng(1460);
  let V = Float64Array.from({ length: n * r }, () => rng.int(-1000, 1000) / 1000);
  for (let it = 0; it < iterations; it++) {
    const Y = new Float64Array(n * r);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) {
        const m = M[i * n + k];
        if (m !== 0) for (let c = 0; c < r; c++) Y[i * r + c] += m * V[k * r + c];
      }
    // Gram–Schmidt on the columns.
    for (let c = 0; c < r; c++) {
      for (let p = 0; p < c; p++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += Y[i * r + c] * Y[i * r + p];
        for (let i = 0; i < n; i++) Y[i * r + c] -= d * Y[i * r + p];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += Y[i * r + c] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < n; i++) Y[i * r + c] /= norm;
    }
    V = Y;
  }
  return V;
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
  if (siblings > 0) {
    const byFamily = new Map<string, string[]>();
    for (const g of gens) byFamily.set(family(g), [...(byFamily.get(family(g)) ?? []), g]);
    const groups = [...byFamily.values()].filter((gs) => gs.length >= 2);
    const count = groups.reduce((s, gs) => s + gs.length, 0);
    for (const gs of groups) {
      const fm = new Float64Array(K);
      for (const g of gs) for (let k = 0; k < K; k++) fm[k] += means.get(g)![k] / gs.length;
      for (const g of gs)
        addOuter(
          Float64Array.from(means.get(g)!, (v, k) => v - fm[k]),
          siblings / count,
        );
    }
  }
  // Whiten: M = L⁻¹ Sb L⁻ᵀ, top eigenvectors V, W = L⁻ᵀ V.
  const L = cholesky(Sw, K);
  const A = Sb.slice();
  forward(L, A, K, K); // L⁻¹ Sb
  const At = transpose(A, K, K); // (L⁻¹ Sb)ᵀ = Sb L⁻ᵀ
  forward(L, At, K, K); // L⁻¹ Sb L⁻ᵀ (symmetric)
  const r = Math.min(rank, K);
  const V = topEigenvectors(At, K, r);
  backward(L, V, K, r); // L⁻ᵀ V
  return { buckets, W: transpose(V, K, r), rank: r };
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
