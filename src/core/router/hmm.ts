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
import { logSumExp } from '../math/stats.ts';

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
  const d = seq[0]?.length ?? 0;
  const consts = emissionConsts(p);
  return seq.map((x) => p.means.map((_, k) => logEmission(x, p, k, d, consts[k])));
}

function emissionConsts(p: HmmParams): number[] {
  return p.variances.map((v) => v.reduce((s, vj) => s + Math.log(2 * Math.PI * vj), 0));
}

function logEmission(x: readonly number[], p: HmmParams, k: number, d: number, c: number): number {
  const mu = p.means[k];
  const v = p.variances[k];
  let q = 0;
  for (let j = 0; j < d; j++) {
    const e = x[j] - mu[j];
    q += (e * e) / v[j];
  }
  return -0.5 * (c + q);
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

/** Parameters in the form the inner loops read: probabilities (not logs), flat K×K. */
interface Prepared {
  p: HmmParams;
  A: Float64Array;
  pi: Float64Array;
  consts: number[];
}

function prepareParams(p: HmmParams): Prepared {
  const K = p.k;
  const A = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) A[i * K + j] = Math.exp(p.logA[i][j]);
  return { p, A, pi: Float64Array.from(p.logPi, Math.exp), consts: emissionConsts(p) };
}

/**
 * Forward pass with per-step scaling (Rabiner 1989): emissions are exponentiated relative to
 * their largest value at each step and α renormalised, so nothing underflows and no log or exp
 * is taken inside the K×K loops. Fills ws.alpha, ws.bv, ws.scale; returns the log-likelihood.
 */
function forwardInto(seq: Seq, pp: Prepared, ws: Workspace): number {
  const T = seq.length;
  const K = pp.p.k;
  const d = seq[0]?.length ?? 0;
  ws.ensure(T);
  const { alpha, bv, bm, scale, row } = ws;
  const A = pp.A;
  let logLik = 0;
  for (let t = 0; t < T; t++) {
    const x = seq[t];
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      const lb = logEmission(x, pp.p, k, d, pp.consts[k]);
      row[k] = lb;
      if (lb > m || k === 0) m = lb;
    }
    const base = t * K;
    for (let k = 0; k < K; k++) bv[base + k] = Math.exp(row[k] - m);
    bm[t] = m;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      let acc = 0;
      if (t === 0) acc = pp.pi[k];
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

/** Backward pass, posteriors into ws.gamma and expected transition counts into ws.xi (zeroed first). */
function backwardInto(T: number, pp: Prepared, ws: Workspace): void {
  const K = pp.p.k;
  const { alpha, beta, bv, scale, gamma, xi } = ws;
  const A = pp.A;
  const last = (T - 1) * K;
  for (let k = 0; k < K; k++) beta[last + k] = 1;
  for (let t = T - 2; t >= 0; t--) {
    const base = t * K;
    const nb = base + K;
    const c = scale[t + 1];
    for (let j = 0; j < K; j++) {
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
  const logLik = forwardInto(seq, pp, ws);
  backwardInto(T, pp, ws);
  const gamma = Array.from({ length: T }, (_, t) => Array.from(ws.gamma.subarray(t * K, t * K + K)));
  const xi = Array.from({ length: K }, (_, i) => Array.from(ws.xi.subarray(i * K, i * K + K)));
  return { logLik, gamma, xi };
}

/** Log-likelihood of every sequence under `p` (the forward pass only). */
export function sequenceLogLiks(seqs: readonly Seq[], p: HmmParams): number[] {
  const ws = new Workspace(p.k);
  const pp = prepareParams(p);
  return seqs.map((s) => (s.length ? forwardInto(s, pp, ws) : 0));
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
    forwardInto(s, pp, ws);
    backwardInto(s.length, pp, ws);
    for (let t = 0; t < s.length; t++) visit(c, t, ws.gamma, t * K);
  });
}

/** Most likely state path (log-space Viterbi). */
export function viterbi(seq: Seq, p: HmmParams): number[] {
  const T = seq.length;
  const K = p.k;
  if (T === 0) return [];
  const logB = logEmissions(seq, p);
  let delta = p.logPi.map((lp, k) => lp + logB[0][k]);
  const back: number[][] = [];
  for (let t = 1; t < T; t++) {
    const next = new Array<number>(K);
    const ptr = new Array<number>(K);
    for (let k = 0; k < K; k++) {
      let best = -Infinity;
      let arg = 0;
      for (let j = 0; j < K; j++) {
        const v = delta[j] + p.logA[j][k];
        if (v > best) {
          best = v;
          arg = j;
        }
      }
      next[k] = best + logB[t][k];
      ptr[k] = arg;
    }
    back.push(ptr);
    delta = next;
  }
  const path = new Array<number>(T);
  path[T - 1] = delta.indexOf(Math.max(...delta));
  for (let t = T - 1; t > 0; t--) path[t - 1] = back[t - 1][path[t]];
  return path;
}

/** Fit a K-state sticky HMM to all sequences; best of `restarts` seeded starts. */
export function fitHmm(seqs: readonly Seq[], k: number, opts: HmmFitOptions = {}): HmmFit {
  const data = seqs.filter((s) => s.length > 0);
  const d = data[0]?.[0]?.length ?? 0;
  if (data.length === 0 || d === 0) throw new Error('fitHmm: no observations');
  const rng = createRng(opts.seed ?? 1);
  const restarts = k === 1 ? 1 : Math.max(1, opts.restarts ?? 3);
  let best: HmmFit | null = null;
  for (let r = 0; r < restarts; r++) {
    const start = initialParams(data, k, rng, opts.varianceFloor ?? 1e-2, opts.independent ?? false);
    if (opts.wholeConversation) start.logA = identityLogA(k);
    const fit = baumWelch(data, start, opts);
    if (!best || fit.logLik > best.logLik) best = fit;
  }
  return best as HmmFit;
}

function baumWelch(seqs: readonly Seq[], start: HmmParams, opts: HmmFitOptions): HmmFit {
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
  for (; iter < maxIter; iter++) {
    const pi = new Array<number>(K).fill(1e-6);
    const trans = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (i === j ? kappa : 0) + 1e-6));
    const w = new Array<number>(K).fill(0);
    const s1 = Array.from({ length: K }, () => new Array<number>(d).fill(0));
    const s2 = Array.from({ length: K }, () => new Array<number>(d).fill(0));
    logLik = 0;
    const pp = prepareParams(p);
    for (const seq of seqs) {
      logLik += forwardInto(seq, pp, ws);
      backwardInto(seq.length, pp, ws);
      const { gamma, xi } = ws;
      for (let k = 0; k < K; k++) pi[k] += gamma[k];
      for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) trans[i][j] += xi[i * K + j];
      for (let t = 0; t < seq.length; t++) {
        const x = seq[t];
        for (let k = 0; k < K; k++) {
          const g = gamma[t * K + k];
          w[k] += g;
          const r1 = s1[k];
          const r2 = s2[k];
          for (let j = 0; j < d; j++) {
            r1[j] += g * x[j];
            r2[j] += g * x[j] * x[j];
          }
        }
      }
    }
    if (logLik - prev < tol * Math.max(1, Math.abs(logLik))) break;
    prev = logLik;
    const piSum = pi.reduce((a, b) => a + b, 0);
    const wSum = w.reduce((a, b) => a + b, 0);
    const mixture = w.map((v) => Math.log(Math.max(v, 1e-9) / wSum));
    const means = s1.map((row, k) => row.map((v, j) => (w[k] > 1e-9 ? v / w[k] : p.means[k][j])));
    const variances = s2.map((row, k) => row.map((v, j) => (w[k] > 1e-9 ? Math.max(floor, v / w[k] - means[k][j] ** 2) : p.variances[k][j])));
    p = {
      k: K,
      logPi: opts.independent ? mixture : pi.map((v) => Math.log(v / piSum)),
      logA: opts.wholeConversation
        ? identityLogA(K)
        : opts.independent
          ? trans.map(() => [...mixture])
          : trans.map((row) => {
              const s = row.reduce((a, b) => a + b, 0);
              return row.map((v) => Math.log(v / s));
            }),
      means,
      variances,
    };
  }
  // logLik belongs to the parameters used in the last E-step, i.e. `p`.
  return { params: p, logLik, iterations: iter, paramCount: hmmParamCount(K, d, opts.independent, opts.wholeConversation) };
}

/** k-means++ seeding plus a few Lloyd steps; sticky transitions; per-state variances. */
function initialParams(seqs: readonly Seq[], k: number, rng: Rng, floor: number, independent: boolean): HmmParams {
  const pts = seqs.flat();
  const d = pts[0].length;
  const dist2 = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
  const centers: number[][] = [[...pts[rng.int(pts.length)]]];
  while (centers.length < k) {
    const dd = pts.map((x) => Math.min(...centers.map((c) => dist2(x, c))));
    const total = dd.reduce((a, b) => a + b, 0);
    let u = rng.next() * total;
    let idx = 0;
    while (idx < pts.length - 1 && u > dd[idx]) u -= dd[idx++];
    centers.push([...pts[idx]]);
  }
  let assign = new Array<number>(pts.length).fill(0);
  for (let it = 0; it < 10; it++) {
    assign = pts.map((x) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (dist2(x, centers[c]) < dist2(x, centers[best])) best = c;
      return best;
    });
    for (let c = 0; c < k; c++) {
      const members = pts.filter((_, i) => assign[i] === c);
      if (members.length) for (let j = 0; j < d; j++) centers[c][j] = members.reduce((s, x) => s + x[j], 0) / members.length;
    }
  }
  const globalVar = Array.from({ length: d }, (_, j) => {
    const m = pts.reduce((s, x) => s + x[j], 0) / pts.length;
    return Math.max(floor, pts.reduce((s, x) => s + (x[j] - m) ** 2, 0) / pts.length);
  });
  const variances = centers.map((c, ci) => {
    const members = pts.filter((_, i) => assign[i] === ci);
    if (members.length < 2) return [...globalVar];
    return c.map((m, j) => Math.max(floor, members.reduce((s, x) => s + (x[j] - m) ** 2, 0) / members.length));
  });
  const stay = k === 1 ? 1 : independent ? 1 / k : 0.9;
  return {
    k,
    logPi: new Array<number>(k).fill(-Math.log(k)),
    logA: Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => Math.log(i === j ? stay : (1 - stay) / (k - 1)))),
    means: centers,
    variances,
  };
}
