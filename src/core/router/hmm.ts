/**
 * Sticky Gaussian HMM with diagonal covariances, trained jointly on many sequences
 * (conversations) that share emissions and transitions.
 *
 * - forward–backward in log space (long conversations underflow otherwise);
 * - Baum–Welch with a self-transition bias κ added to the diagonal expected counts (the cheap
 *   "sticky" prior of Fox et al.), so the model does not flicker between states every reply;
 * - Viterbi for the single most likely state path;
 * - random restarts seeded from k-means++ so results are reproducible from one seed.
 */
import { createRng, type Rng } from './random.ts';

export interface HmmParams {
  k: number;
  /** log initial-state probabilities. */
  logPi: number[];
  /** log transition probabilities, logA[from][to]. */
  logA: number[][];
  means: number[][];
  variances: number[][];
}

export interface HmmFit {
  params: HmmParams;
  logLik: number;
  iterations: number;
  /** Free parameters counted for BIC: (K−1) + K(K−1) + 2Kd. */
  paramCount: number;
}

export interface HmmFitOptions {
  stickiness?: number;
  restarts?: number;
  maxIter?: number;
  tol?: number;
  seed?: number;
  /** Lower bound on every variance, so a state cannot collapse onto one point. */
  varianceFloor?: number;
  /**
   * Fit a plain mixture instead: every reply draws its state afresh from the same weights, so
   * order carries no information. The baseline that shows whether persistence is real.
   */
  independent?: boolean;
  /**
   * Fit conversation clusters instead: each conversation draws one state and keeps it to the end
   * (transitions frozen at the identity). The baseline for "the HMM only sorts whole
   * conversations by topic"; it pays no transition parameters.
   */
  wholeConversation?: boolean;
}

type Seq = readonly (readonly number[])[];

export function hmmParamCount(k: number, d: number, independent = false, wholeConversation = false): number {
  return k - 1 + (independent || wholeConversation ? 0 : k * (k - 1)) + 2 * k * d;
}

/** log transition matrix that never leaves a state (log 0 = −Infinity off the diagonal). */
function identityLogA(k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 0 : -Infinity)));
}

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

function packAll(seqs: readonly Seq[], d: number): Float64Array[] {
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
class Workspace {
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
interface Prepared {
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

function prepareParams(p: HmmParams): Prepared {
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
function forwardInto(x: Float64Array, pp: Prepared, ws: Workspace): number {
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
function backwardInto(T: number, pp: Prepared, ws: Workspace, withXi = true): void {
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

/** Fit a K-state sticky HMM to all sequences; best of `restarts` seeded starts. */
export function fitHmm(seqs: readonly Seq[], k: number, opts: HmmFitOptions = {}): HmmFit {
  const data = seqs.filter((s) => s.length > 0);
  const d = data[0]?.[0]?.length ?? 0;
  if (data.length === 0 || d === 0) throw new Error('fitHmm: no observations');
  const rng = createRng(opts.seed ?? 1);
  const restarts = k === 1 ? 1 : Math.max(1, opts.restarts ?? 3);
  const packed = packAll(data, d);
  let best: HmmFit | null = null;
  for (let r = 0; r < restarts; r++) {
    const start = initialParams(packed, d, k, rng, opts.varianceFloor ?? 1e-2, opts.independent ?? false);
    if (opts.wholeConversation) start.logA = identityLogA(k);
    const fit = baumWelch(packed, start, opts);
    if (!best || fit.logLik > best.logLik) best = fit;
  }
  return best as HmmFit;
}

/** Expected sufficient statistics of one E-step, summed over sequences (flat typed arrays). */
interface Stats {
  logLik: number;
  /** pi[k]: posterior of state k at t = 0 (plus the 1e-6 prior). */
  pi: Float64Array;
  /** trans[i * K + j]: expected transitions (plus the stickiness prior). */
  trans: Float64Array;
  /** w[k], s1[k * d + j], s2[k * d + j]: posterior mass, and posterior-weighted sums of x and x². */
  w: Float64Array;
  s1: Float64Array;
  s2: Float64Array;
}

/** One E-step over every sequence: forward–backward, then the moments each state needs. */
function expectations(seqs: readonly Float64Array[], pp: Prepared, ws: Workspace, kappa: number, learnsTransitions: boolean): Stats {
  const K = pp.k;
  const d = pp.d;
  const pi = new Float64Array(K).fill(1e-6);
  const trans = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) trans[i * K + j] = (i === j ? kappa : 0) + 1e-6;
  const w = new Float64Array(K);
  const s1 = new Float64Array(K * d);
  const s2 = new Float64Array(K * d);
  let logLik = 0;
  for (const seq of seqs) {
    const T = seq.length / d;
    logLik += forwardInto(seq, pp, ws);
    backwardInto(T, pp, ws, learnsTransitions);
    const { gamma, xi } = ws;
    for (let k = 0; k < K; k++) pi[k] += gamma[k];
    if (learnsTransitions) for (let q = 0; q < K * K; q++) trans[q] += xi[q];
    accumulateMoments(seq, gamma, T, K, d, w, s1, s2);
  }
  return { logLik, pi, trans, w, s1, s2 };
}

function accumulateMoments(x: Float64Array, gamma: Float64Array, T: number, K: number, d: number, w: Float64Array, s1: Float64Array, s2: Float64Array): void {
  for (let t = 0; t < T; t++) {
    const xo = t * d;
    for (let k = 0; k < K; k++) {
      const g = gamma[t * K + k];
      w[k] += g;
      const o = k * d;
      for (let j = 0; j < d; j++) {
        const xj = x[xo + j];
        s1[o + j] += g * xj;
        s2[o + j] += g * xj * xj;
      }
    }
  }
}

function baumWelch(seqs: readonly Float64Array[], start: HmmParams, opts: HmmFitOptions): HmmFit {
  const K = start.k;
  const d = start.means[0].length;
  const kappa = opts.stickiness ?? 2;
  const floor = opts.varianceFloor ?? 1e-2;
  const maxIter = opts.maxIter ?? 150;
  const tol = opts.tol ?? 1e-5;
  let p = start;
  let prev = -Infinity;
  let iter = 0;
  let logLik = -Infinity;
  const ws = new Workspace(K);
  const learnsTransitions = !opts.independent && !opts.wholeConversation;
  for (; iter < maxIter; iter++) {
    const { logLik: ll, pi, trans, w, s1, s2 } = expectations(seqs, prepareParams(p), ws, kappa, learnsTransitions);
    logLik = ll;
    if (logLik - prev < tol * Math.max(1, Math.abs(logLik))) break;
    prev = logLik;
    const piSum = pi.reduce((a, b) => a + b, 0);
    const wSum = w.reduce((a, b) => a + b, 0);
    const mixture = Array.from(w, (v) => Math.log(Math.max(v, 1e-9) / wSum));
    const means = Array.from({ length: K }, (_, k) => Array.from({ length: d }, (_, j) => (w[k] > 1e-9 ? s1[k * d + j] / w[k] : p.means[k][j])));
    const variances = Array.from({ length: K }, (_, k) =>
      Array.from({ length: d }, (_, j) => (w[k] > 1e-9 ? Math.max(floor, s2[k * d + j] / w[k] - means[k][j] ** 2) : p.variances[k][j])),
    );
    p = {
      k: K,
      logPi: opts.independent ? mixture : Array.from(pi, (v) => Math.log(v / piSum)),
      logA: opts.wholeConversation
        ? identityLogA(K)
        : opts.independent
          ? Array.from({ length: K }, () => [...mixture])
          : Array.from({ length: K }, (_, i) => {
              const row = trans.subarray(i * K, i * K + K);
              const s = row.reduce((a, b) => a + b, 0);
              return Array.from(row, (v) => Math.log(v / s));
            }),
      means,
      variances,
    };
  }
  // logLik belongs to the parameters used in the last E-step, i.e. `p`.
  return { params: p, logLik, iterations: iter, paramCount: hmmParamCount(K, d, opts.independent, opts.wholeConversation) };
}

/**
 * k-means++ seeding plus a few Lloyd steps; sticky transitions; per-state variances. Plain loops
 * that add in the same order as the reduce/filter form they replaced (identical numbers).
 */
function initialParams(seqs: readonly Float64Array[], d: number, k: number, rng: Rng, floor: number, independent: boolean): HmmParams {
  // pts[i * d + j]: every reply of every sequence, in order.
  let n = 0;
  for (const s of seqs) n += s.length / d;
  const pts = new Float64Array(n * d);
  let at = 0;
  for (const s of seqs) {
    pts.set(s, at);
    at += s.length;
  }
  const point = (i: number) => Array.from(pts.subarray(i * d, i * d + d));
  const dist2 = (i: number, c: readonly number[]) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (pts[i * d + j] - c[j]) ** 2;
    return s;
  };
  const centers: number[][] = [point(rng.int(n))];
  const dd = new Float64Array(n);
  while (centers.length < k) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let m = Infinity;
      for (const c of centers) m = Math.min(m, dist2(i, c));
      dd[i] = m;
      total += m;
    }
    let u = rng.next() * total;
    let idx = 0;
    while (idx < n - 1 && u > dd[idx]) u -= dd[idx++];
    centers.push(point(idx));
  }
  const assign = new Int32Array(n);
  const sums = Array.from({ length: k }, () => new Float64Array(d));
  const counts = new Int32Array(k);
  for (let it = 0; it < 10; it++) {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = dist2(i, centers[0]);
      for (let c = 1; c < k; c++) {
        const dc = dist2(i, centers[c]);
        if (dc < bestD) {
          best = c;
          bestD = dc;
        }
      }
      assign[i] = best;
    }
    for (const row of sums) row.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const row = sums[assign[i]];
      for (let j = 0; j < d; j++) row[j] += pts[i * d + j];
      counts[assign[i]]++;
    }
    for (let c = 0; c < k; c++) if (counts[c]) for (let j = 0; j < d; j++) centers[c][j] = sums[c][j] / counts[c];
  }
  const globalVar = Array.from({ length: d }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += pts[i * d + j];
    const m = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (pts[i * d + j] - m) ** 2;
    return Math.max(floor, ss / n);
  });
  // Final assignment's squared deviations from the final centres, per state and dimension.
  const dev = Array.from({ length: k }, () => new Float64Array(d));
  for (let i = 0; i < n; i++) {
    const c = centers[assign[i]];
    const row = dev[assign[i]];
    for (let j = 0; j < d; j++) row[j] += (pts[i * d + j] - c[j]) ** 2;
  }
  const variances = centers.map((c, ci) => (counts[ci] < 2 ? [...globalVar] : c.map((_, j) => Math.max(floor, dev[ci][j] / counts[ci]))));
  const stay = k === 1 ? 1 : independent ? 1 / k : 0.9;
  return {
    k,
    logPi: new Array<number>(k).fill(-Math.log(k)),
    logA: Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => Math.log(i === j ? stay : (1 - stay) / (k - 1)))),
    means: centers,
    variances,
  };
}
