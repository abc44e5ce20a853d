/**
 * Fitting the sticky HMM (hmm.ts) to all conversations at once:
 * - Baum–Welch with a self-transition bias κ added to the diagonal expected counts (the cheap
 *   "sticky" prior of Fox et al.), so the model does not flicker between states every reply;
 * - random restarts seeded from k-means++ (hmm-init.ts) so results are reproducible from one seed;
 * - the two baselines fitted the same way: an order-free mixture and conversation clusters.
 */
import { backwardInto, forwardInto, packAll, prepareParams, Workspace, type HmmParams, type Prepared, type Seq } from './hmm.ts';
import { initialParams } from './hmm-init.ts';
import { createRng } from './random.ts';

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

export function hmmParamCount(k: number, d: number, independent = false, wholeConversation = false): number {
  return k - 1 + (independent || wholeConversation ? 0 : k * (k - 1)) + 2 * k * d;
}

/** log transition matrix that never leaves a state (log 0 = −Infinity off the diagonal). */
function identityLogA(k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 0 : -Infinity)));
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
