/**
 * Fisher's discriminant, the linear algebra shared by the habit metric (habit-lda.ts) and the
 * generator discriminant (feature-lda.ts): given a within scatter S_w (ridge already added) and a
 * between scatter S_b, the directions W with W' S_w W = I that maximise between- over within-class
 * variance, by whitening with S_w's Cholesky factor and subspace iteration.
 */
import { makeRng } from './rng.ts';

function cholesky(A: Float64Array, n: number): Float64Array {
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
function forward(L: Float64Array, B: Float64Array, n: number, m: number): void {
  for (let c = 0; c < m; c++)
    for (let i = 0; i < n; i++) {
      let s = B[i * m + c];
      for (let k = 0; k < i; k++) s -= L[i * n + k] * B[k * m + c];
      B[i * m + c] = s / L[i * n + i];
    }
}

/** Solves L' y = b (backward) for each column of B, in place. */
function backward(L: Float64Array, B: Float64Array, n: number, m: number): void {
  for (let c = 0; c < m; c++)
    for (let i = n - 1; i >= 0; i--) {
      let s = B[i * m + c];
      for (let k = i + 1; k < n; k++) s -= L[k * n + i] * B[k * m + c];
      B[i * m + c] = s / L[i * n + i];
    }
}

function transpose(A: Float64Array, n: number, m: number): Float64Array {
  const T = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) T[j * n + i] = A[i * m + j];
  return T;
}

/** Top `r` eigenvectors of a symmetric n×n matrix by subspace iteration (columns of an n × r matrix). */
function topEigenvectors(M: Float64Array, n: number, r: number, iterations = 150): Float64Array {
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

export interface FisherDirections {
  /** rank × K, row-major. */
  W: Float64Array;
  rank: number;
  /** Between / within variance ratio of each direction (its eigenvalue). */
  ratio: number[];
}

/** Top `rank` directions of S_b relative to S_w (both K × K, row-major). */
export function fisherDirections(Sw: Float64Array, Sb: Float64Array, K: number, rank: number, iterations = 150): FisherDirections {
  // Whiten: M = L⁻¹ Sb L⁻ᵀ, top eigenvectors V, W = L⁻ᵀ V.
  const L = cholesky(Sw, K);
  const A = Sb.slice();
  forward(L, A, K, K); // L⁻¹ Sb
  const M = transpose(A, K, K); // (L⁻¹ Sb)ᵀ = Sb L⁻ᵀ
  forward(L, M, K, K); // L⁻¹ Sb L⁻ᵀ (symmetric)
  const r = Math.min(rank, K);
  const V = topEigenvectors(M, K, r, iterations);
  const ratio = Array.from({ length: r }, (_, c) => {
    let q = 0;
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) q += V[i * r + c] * M[i * K + j] * V[j * r + c];
    return q;
  });
  backward(L, V, K, r); // L⁻ᵀ V
  return { W: transpose(V, K, r), rank: r, ratio };
}

/**
 * Adds to S_b the spread of class means around their own family's mean (families with two or more
 * members), `weight` shared over all their members: directions that tell relatives apart.
 */
export function addRelativesSpread(
  Sb: Float64Array,
  K: number,
  means: ReadonlyMap<string, Float64Array>,
  family: (name: string) => string,
  weight: number,
): void {
  const byFamily = new Map<string, Float64Array[]>();
  for (const [g, mu] of means) byFamily.set(family(g), [...(byFamily.get(family(g)) ?? []), mu]);
  const groups = [...byFamily.values()].filter((ms) => ms.length >= 2);
  const count = groups.reduce((s, ms) => s + ms.length, 0);
  for (const ms of groups) {
    const fm = new Float64Array(K);
    for (const mu of ms) for (let k = 0; k < K; k++) fm[k] += mu[k] / ms.length;
    for (const mu of ms) {
      const d = Float64Array.from(mu, (v, k) => v - fm[k]);
      for (let i = 0; i < K; i++) if (d[i] !== 0) for (let j = 0; j < K; j++) Sb[i * K + j] += (weight / count) * d[i] * d[j];
    }
  }
}
