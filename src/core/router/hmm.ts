/**
 * Sticky Gaussian HMM with diagonal covariances over many sequences (conversations) that share
 * emissions and transitions: inference for given parameters.
 *
 * - forward–backward with per-step scaling (long conversations underflow otherwise);
 * - Viterbi for the single most likely state path.
 * Fitting (Baum–Welch, restarts) is hmm-fit.ts; it reuses the packed sequences, the prepared
 * parameters and the workspace exported here for it.
 */

export interface HmmParams {
  k: number;
  /** log initial-state probabilities. */
  logPi: number[];
  /** log transition probabilities, logA[from][to]. */
  logA: number[][];
  means: number[][];
  variances: number[][];
}

export type Seq = readonly (readonly number[])[];

/** log N(x; μ, diag σ²) for every state: out[t][k]. */
export function logEmissions(seq: Seq, p: HmmParams): number[][] {
  const pp = prepareParams(p);
  const x = packSeq(seq, p.means[0]?.length ?? 0);
  return seq.map((_, t) => p.means.map((_, k) => logEmission(x, t * pp.d, pp, k)));
}

function emissionConsts(p: HmmParams): Float64Array {
  return Float64Array.from(p.variances.map((v) => v.reduce((s, vj) => s + Math.log(2 * Math.PI * vj), 0)));
}

/** log N(x; μ_k, diag σ_k²) of the reply at x[xo … xo + d). */
function logEmission(x: Float64Array, xo: number, pp: Prepared, k: number): number {
  const d = pp.d;
  const mu = pp.means;
  const v = pp.variances;
  const mo = k * d;
  let q = 0;
  for (let j = 0; j < d; j++) {
    const e = x[xo + j] - mu[mo + j];
    q += (e * e) / v[mo + j];
  }
  return -0.5 * (pp.consts[k] + q);
}

/**
 * A sequence packed row-major into one Float64Array (x[t * d + j]): the inner loops read
 * monomorphic typed arrays instead of arrays of arrays (same numbers, same arithmetic order).
 */
function packSeq(seq: Seq, d: number): Float64Array {
  const out = new Float64Array(seq.length * d);
  for (let t = 0; t < seq.length; t++) {
    const row = seq[t];
    for (let j = 0; j < d; j++) out[t * d + j] = row[j];
  }
  return out;
}

export function packAll(seqs: readonly Seq[], d: number): Float64Array[] {
  return seqs.map((s) => packSeq(s, d));
}

export interface Posteriors {
  logLik: number;
  /** gamma[t][k] = P(state k at t | sequence). */
  gamma: number[][];
  /** Expected transition counts summed over t: xi[i][j]. */
  xi: number[][];
}

/**
 * Flat, reusable buffers for the forward–backward pass (the analysis's inner loop runs it for
 * every conversation in every Baum–Welch iteration; allocating per step dominated its time).
 * Grown on demand; index [t * K + k].
 */
export class Workspace {
  size = 0;
  alpha = new Float64Array(0);
  beta = new Float64Array(0);
  /** Emissions relative to their largest value at t: exp(log b − m_t). */
  bv = new Float64Array(0);
  bm = new Float64Array(0);
  scale = new Float64Array(0);
  gamma = new Float64Array(0);
  xi: Float64Array;
  row: Float64Array;
  constructor(readonly k: number) {
    this.xi = new Float64Array(k * k);
    this.row = new Float64Array(k);
  }
  ensure(T: number): void {
    if (T <= this.size) return;
    const n = Math.max(T, 2 * this.size);
    const K = this.k;
    this.alpha = new Float64Array(n * K);
    this.beta = new Float64Array(n * K);
    this.bv = new Float64Array(n * K);
    this.bm = new Float64Array(n);
    this.scale = new Float64Array(n);
    this.gamma = new Float64Array(n * K);
    this.size = n;
  }
}

/** Parameters in the form the inner loops read: probabilities (not logs), flat K×K and K×d. */
export interface Prepared {
  k: number;
  d: number;
  A: Float64Array;
  /**
   * 'identity' (the conversation clusters: a state is never left) and 'shared-rows' (the mixture:
   * every row the same weights) let the recursions skip sums whose terms are exact zeros or repeat
   * another row's; the numbers are the same as the general K × K loops give.
   */
  shape: 'identity' | 'shared-rows' | 'general';
  pi: Float64Array;
  means: Float64Array;
  variances: Float64Array;
  consts: Float64Array;
}

export function prepareParams(p: HmmParams): Prepared {
  const K = p.k;
  const d = p.means[0]?.length ?? 0;
  const A = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) A[i * K + j] = Math.exp(p.logA[i][j]);
  const means = new Float64Array(K * d);
  const variances = new Float64Array(K * d);
  for (let k = 0; k < K; k++)
    for (let j = 0; j < d; j++) {
      means[k * d + j] = p.means[k][j];
      variances[k * d + j] = p.variances[k][j];
    }
  return { k: K, d, A, shape: transitionShape(A, K), pi: Float64Array.from(p.logPi, Math.exp), means, variances, consts: emissionConsts(p) };
}

function transitionShape(A: Float64Array, K: number): Prepared['shape'] {
  let identity = true;
  let shared = true;
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      const a = A[i * K + j];
      if (a !== (i === j ? 1 : 0)) identity = false;
      if (a !== A[j]) shared = false;
    }
  return identity ? 'identity' : shared ? 'shared-rows' : 'general';
}

/**
 * Forward pass with per-step scaling (Rabiner 1989): emissions are exponentiated relative to
 * their largest value at each step and α renormalised, so nothing underflows and no log or exp
 * is taken inside the K×K loops. Fills ws.alpha, ws.bv, ws.scale; returns the log-likelihood.
 */
export function forwardInto(x: Float64Array, pp: Prepared, ws: Workspace): number {
  const K = pp.k;
  const d = pp.d;
  const T = d > 0 ? x.length / d : 0;
  ws.ensure(T);
  const { alpha, bv, bm, scale, row } = ws;
  const A = pp.A;
  const identity = pp.shape === 'identity';
  let logLik = 0;
  for (let t = 0; t < T; t++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      const lb = logEmission(x, t * d, pp, k);
      row[k] = lb;
      if (lb > m || k === 0) m = lb;
    }
    const base = t * K;
    for (let k = 0; k < K; k++) {
      const rel = row[k] - m;
      bv[base + k] = rel === 0 ? 1 : Math.exp(rel); // the likeliest state: exp(0) = 1 exactly, no call
    }
    bm[t] = m;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      let acc = 0;
      if (t === 0) acc = pp.pi[k];
      else if (identity)
        acc = alpha[base - K + k]; // the other terms are alpha × 0
      else {
        const prev = base - K;
        for (let j = 0; j < K; j++) acc += alpha[prev + j] * A[j * K + k];
      }
      const a = acc * bv[base + k];
      alpha[base + k] = a;
      sum += a;
    }
    if (!(sum > 0)) sum = Number.MIN_VALUE; // every state impossible: keep finite, logLik → very low
    for (let k = 0; k < K; k++) alpha[base + k] /= sum;
    scale[t] = sum;
    logLik += Math.log(sum) + m;
  }
  return logLik;
}

/**
 * Backward pass, posteriors into ws.gamma and expected transition counts into ws.xi (zeroed
 * first; left alone when `withXi` is false — the mixture and the conversation clusters never read them).
 */
export function backwardInto(T: number, pp: Prepared, ws: Workspace, withXi = true): void {
  const K = pp.k;
  const { alpha, beta, bv, scale, gamma, xi } = ws;
  const A = pp.A;
  const last = (T - 1) * K;
  for (let k = 0; k < K; k++) beta[last + k] = 1;
  for (let t = T - 2; t >= 0; t--) {
    const base = t * K;
    const nb = base + K;
    const c = scale[t + 1];
    if (pp.shape === 'identity') for (let j = 0; j < K; j++) beta[base + j] = (bv[nb + j] * beta[nb + j]) / c;
    else
      for (let j = 0; j < K; j++) {
        if (j > 0 && pp.shape === 'shared-rows') {
          beta[base + j] = beta[base]; // the same terms as row 0, in the same order
          continue;
        }
        let acc = 0;
        for (let k = 0; k < K; k++) acc += A[j * K + k] * bv[nb + k] * beta[nb + k];
        beta[base + j] = acc / c;
      }
  }
  for (let t = 0; t < T; t++) {
    const base = t * K;
    let s = 0;
    for (let k = 0; k < K; k++) s += gamma[base + k] = alpha[base + k] * beta[base + k];
    for (let k = 0; k < K; k++) gamma[base + k] = s > 0 ? gamma[base + k] / s : 1 / K;
  }
  if (!withXi) return;
  xi.fill(0);
  for (let t = 0; t < T - 1; t++) {
    const base = t * K;
    const nb = base + K;
    const c = scale[t + 1];
    for (let i = 0; i < K; i++) {
      const ai = alpha[base + i];
      if (ai === 0) continue;
      for (let j = 0; j < K; j++) xi[i * K + j] += (ai * A[i * K + j] * bv[nb + j] * beta[nb + j]) / c;
    }
  }
}

/**
 * Forward–backward with per-step scaling: same posteriors and log-likelihood as the log-space
 * form, several times faster (this is the analysis's inner loop).
 */
export function forwardBackward(seq: Seq, p: HmmParams): Posteriors {
  const K = p.k;
  const T = seq.length;
  const ws = new Workspace(K);
  const pp = prepareParams(p);
  const logLik = forwardInto(packSeq(seq, pp.d), pp, ws);
  backwardInto(T, pp, ws);
  const gamma = Array.from({ length: T }, (_, t) => Array.from(ws.gamma.subarray(t * K, t * K + K)));
  const xi = Array.from({ length: K }, (_, i) => Array.from(ws.xi.subarray(i * K, i * K + K)));
  return { logLik, gamma, xi };
}

/** Log-likelihood of every sequence under `p` (the forward pass only). */
export function sequenceLogLiks(seqs: readonly Seq[], p: HmmParams): number[] {
  const ws = new Workspace(p.k);
  const pp = prepareParams(p);
  return seqs.map((s) => (s.length ? forwardInto(packSeq(s, pp.d), pp, ws) : 0));
}

/**
 * Visits the posterior state probabilities of every reply under `p` in order (conversation c,
 * reply t; `gamma[offset + k]`), without materialising them: on large piles the per-reply arrays
 * were most of the decoding's garbage.
 */
export function forEachPosterior(seqs: readonly Seq[], p: HmmParams, visit: (c: number, t: number, gamma: Float64Array, offset: number) => void): void {
  const K = p.k;
  const ws = new Workspace(K);
  const pp = prepareParams(p);
  seqs.forEach((s, c) => {
    if (s.length === 0) return;
    forwardInto(packSeq(s, pp.d), pp, ws);
    backwardInto(s.length, pp, ws);
    for (let t = 0; t < s.length; t++) visit(c, t, ws.gamma, t * K);
  });
}

/** Most likely state path (log-space Viterbi). */
export function viterbi(seq: Seq, p: HmmParams): number[] {
  const T = seq.length;
  const K = p.k;
  if (T === 0) return [];
  const pp = prepareParams(p);
  const d = pp.d;
  const x = packSeq(seq, d);
  const logA = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) logA[i * K + j] = p.logA[i][j];
  let delta = new Float64Array(K);
  let next = new Float64Array(K);
  for (let k = 0; k < K; k++) delta[k] = p.logPi[k] + logEmission(x, 0, pp, k);
  // back[(t − 1) * K + k]: best predecessor of state k at t.
  const back = new Int32Array((T - 1) * K);
  for (let t = 1; t < T; t++) {
    for (let k = 0; k < K; k++) {
      let best = -Infinity;
      let arg = 0;
      for (let j = 0; j < K; j++) {
        const v = delta[j] + logA[j * K + k];
        if (v > best) {
          best = v;
          arg = j;
        }
      }
      next[k] = best + logEmission(x, t * d, pp, k);
      back[(t - 1) * K + k] = arg;
    }
    [delta, next] = [next, delta];
  }
  const path = new Array<number>(T);
  let last = 0;
  for (let k = 1; k < K; k++) if (delta[k] > delta[last]) last = k;
  path[T - 1] = last;
  for (let t = T - 1; t > 0; t--) path[t - 1] = back[(t - 1) * K + path[t]];
  return path;
}
