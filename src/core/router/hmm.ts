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
  const consts = p.variances.map((v) => v.reduce((s, vj) => s + Math.log(2 * Math.PI * vj), 0));
  return seq.map((x) =>
    p.means.map((mu, k) => {
      let q = 0;
      for (let j = 0; j < d; j++) q += (x[j] - mu[j]) ** 2 / p.variances[k][j];
      return -0.5 * (consts[k] + q);
    }),
  );
}

export interface Posteriors {
  logLik: number;
  /** gamma[t][k] = P(state k at t | sequence). */
  gamma: number[][];
  /** Expected transition counts summed over t: xi[i][j]. */
  xi: number[][];
}

/**
 * Forward–backward with per-step scaling (Rabiner 1989): emissions are exponentiated relative
 * to their largest value at each step and α, β renormalised, so nothing underflows and no log or
 * exp is taken inside the K×K loops. Same posteriors and log-likelihood as the log-space form,
 * several times faster (this is the analysis's inner loop).
 */
export function forwardBackward(seq: Seq, p: HmmParams): Posteriors {
  const T = seq.length;
  const K = p.k;
  const logB = logEmissions(seq, p);
  const A = p.logA.map((row) => row.map(Math.exp));
  const pi = p.logPi.map(Math.exp);
  const b = logB.map((row) => {
    const m = Math.max(...row);
    return { m, v: row.map((x) => Math.exp(x - m)) };
  });
  const alpha = Array.from({ length: T }, () => new Float64Array(K));
  const beta = Array.from({ length: T }, () => new Float64Array(K));
  const scale = new Float64Array(T);
  let logLik = 0;
  for (let t = 0; t < T; t++) {
    const at = alpha[t];
    let sum = 0;
    for (let k = 0; k < K; k++) {
      let acc = 0;
      if (t === 0) acc = pi[k];
      else {
        const prev = alpha[t - 1];
        for (let j = 0; j < K; j++) acc += prev[j] * A[j][k];
      }
      at[k] = acc * b[t].v[k];
      sum += at[k];
    }
    if (!(sum > 0)) sum = Number.MIN_VALUE; // every state impossible: keep finite, logLik → very low
    for (let k = 0; k < K; k++) at[k] /= sum;
    scale[t] = sum;
    logLik += Math.log(sum) + b[t].m;
  }
  beta[T - 1].fill(1);
  for (let t = T - 2; t >= 0; t--) {
    const next = beta[t + 1];
    const bn = b[t + 1].v;
    for (let j = 0; j < K; j++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += A[j][k] * bn[k] * next[k];
      beta[t][j] = acc / scale[t + 1];
    }
  }
  const gamma: number[][] = new Array(T);
  for (let t = 0; t < T; t++) {
    const row = new Array<number>(K);
    let s = 0;
    for (let k = 0; k < K; k++) s += row[k] = alpha[t][k] * beta[t][k];
    for (let k = 0; k < K; k++) row[k] = s > 0 ? row[k] / s : 1 / K;
    gamma[t] = row;
  }
  const xi = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let t = 0; t < T - 1; t++) {
    const bn = b[t + 1].v;
    const c = scale[t + 1];
    for (let i = 0; i < K; i++) {
      const ai = alpha[t][i];
      if (ai === 0) continue;
      for (let j = 0; j < K; j++) xi[i][j] += (ai * A[i][j] * bn[j] * beta[t + 1][j]) / c;
    }
  }
  return { logLik, gamma, xi };
}

/** Log-likelihood of one sequence only (the forward pass), for scoring without posteriors. */
export function sequenceLogLik(seq: Seq, p: HmmParams): number {
  return seq.length ? forwardBackward(seq, p).logLik : 0;
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

export function totalLogLik(seqs: readonly Seq[], p: HmmParams): number {
  return seqs.reduce((s, seq) => s + (seq.length ? forwardBackward(seq, p).logLik : 0), 0);
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
  for (; iter < maxIter; iter++) {
    const pi = new Array<number>(K).fill(1e-6);
    const trans = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (i === j ? kappa : 0) + 1e-6));
    const w = new Array<number>(K).fill(0);
    const s1 = Array.from({ length: K }, () => new Array<number>(d).fill(0));
    const s2 = Array.from({ length: K }, () => new Array<number>(d).fill(0));
    logLik = 0;
    for (const seq of seqs) {
      const post = forwardBackward(seq, p);
      logLik += post.logLik;
      for (let k = 0; k < K; k++) pi[k] += post.gamma[0][k];
      for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) trans[i][j] += post.xi[i][j];
      seq.forEach((x, t) => {
        for (let k = 0; k < K; k++) {
          const g = post.gamma[t][k];
          w[k] += g;
          for (let j = 0; j < d; j++) {
            s1[k][j] += g * x[j];
            s2[k][j] += g * x[j] * x[j];
          }
        }
      });
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
