/**
 * Bayesian online change-point detection (Adams & MacKay 2007) with a Normal–Gamma prior per
 * dimension (diagonal), so each dimension's predictive is a Student-t; log predictives are summed
 * across dimensions. Constant hazard 1/λ; run length truncated at maxRun (fixed memory).
 *
 * This is the live detector: push a reply's standardised vector and read P(a new segment starts
 * at this reply | replies so far). We score the new reply under the prior (a new run) against the
 * existing runs, so the probability is informative at arrival; `startProbability(lag)` gives the
 * same question answered `lag` replies later, which is sharper.
 *
 * Speed: a run's pseudo-count and shape depend only on its length, so everything in the Student-t
 * that does not involve the data (two gammaln calls, the degrees of freedom) is computed once per
 * run length; the per-run means and rates live in flat typed arrays updated in place. The
 * arithmetic is the textbook formula's, operation for operation, so results are bit-identical.
 */
import { gammaln } from 'simple-statistics';

export interface BocpdOptions {
  /** Expected run length in replies (hazard = 1/lambda). */
  lambda: number;
  /** Normal–Gamma prior: mean, pseudo-count, shape, rate. Data are standardised, so mu0 = 0. */
  mu0: number;
  kappa0: number;
  alpha0: number;
  beta0: number;
  maxRun: number;
}

export const DEFAULT_BOCPD: BocpdOptions = { lambda: 10, mu0: 0, kappa0: 0.5, alpha0: 2, beta0: 2, maxRun: 64 };

/** Data-free parts of the Student-t predictive for a run with pseudo-count kappa and shape alpha. */
interface RunShape {
  kappa: number;
  /** kappa + 1 and alpha·kappa: the predictive scale² is beta·(kappa + 1) / (alpha·kappa). */
  kappa1: number;
  alphaKappa: number;
  nu: number;
  nuPi: number;
  halfNu1: number;
  /** gammaln((nu + 1) / 2) − gammaln(nu / 2). */
  logGammaRatio: number;
}

function runShape(kappa: number, alpha: number): RunShape {
  const nu = 2 * alpha;
  return {
    kappa,
    kappa1: kappa + 1,
    alphaKappa: alpha * kappa,
    nu,
    nuPi: nu * Math.PI,
    halfNu1: (nu + 1) / 2,
    logGammaRatio: gammaln((nu + 1) / 2) - gammaln(nu / 2),
  };
}

/** Σ_k log Student-t(x_k | mu_k, beta_k) for one run (stats at `off` in the flat arrays). */
function logPredictive(s: RunShape, mu: Float64Array, beta: Float64Array, off: number, x: readonly number[]): number {
  const { kappa1, alphaKappa, nu, nuPi, halfNu1, logGammaRatio } = s;
  let lp = 0;
  for (let k = 0; k < x.length; k++) {
    const scale2 = (beta[off + k] * kappa1) / alphaKappa;
    const dx = x[k] - mu[off + k];
    const z = (dx * dx) / (nu * scale2);
    lp += logGammaRatio - 0.5 * Math.log(nuPi * scale2) - halfNu1 * Math.log1p(z);
  }
  return lp;
}

/** Posterior of a run after one more observation: writes stats at `to` from those at `from` (pseudo-count k0). */
function update(
  k0: number,
  muFrom: Float64Array,
  betaFrom: Float64Array,
  from: number,
  mu: Float64Array,
  beta: Float64Array,
  to: number,
  x: readonly number[],
): void {
  for (let k = 0; k < x.length; k++) {
    const m = muFrom[from + k];
    const dx = x[k] - m;
    mu[to + k] = (k0 * m + x[k]) / (k0 + 1);
    beta[to + k] = betaFrom[from + k] + (k0 * (dx * dx)) / (2 * (k0 + 1));
  }
}

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

export class OnlineDetector {
  private readonly o: BocpdOptions;
  private readonly maxRun: number;
  /** shapes[i]: run of length i + 1; prior: the empty run. */
  private readonly shapes: RunShape[] = [];
  private readonly prior: RunShape;
  private readonly logH: number;
  private readonly log1mH: number;
  /** logR[i] = log P(current run has length i + 1 | data), i < len; next is scratch. */
  private logR: Float64Array;
  private next: Float64Array;
  private len = 0;
  private d = -1;
  /** Sufficient statistics of run i at offset i·d (runs kept: min(len, maxRun)). */
  private mu = new Float64Array(0);
  private beta = new Float64Array(0);
  private priorMu = new Float64Array(0);
  private priorBeta = new Float64Array(0);

  constructor(options: Partial<BocpdOptions> = {}) {
    this.o = { ...DEFAULT_BOCPD, ...options };
    this.maxRun = Math.max(1, this.o.maxRun);
    this.prior = runShape(this.o.kappa0, this.o.alpha0);
    // Repeated +1 / +0.5, as the sequential posterior updates compute them.
    let kappa = this.o.kappa0,
      alpha = this.o.alpha0;
    for (let i = 0; i < this.maxRun; i++) {
      kappa += 1;
      alpha += 0.5;
      this.shapes.push(runShape(kappa, alpha));
    }
    const H = 1 / this.o.lambda;
    this.logH = Math.log(H);
    this.log1mH = Math.log(1 - H);
    this.logR = new Float64Array(this.maxRun + 1);
    this.next = new Float64Array(this.maxRun + 1);
  }

  private init(d: number): void {
    this.d = d;
    this.mu = new Float64Array(this.maxRun * d);
    this.beta = new Float64Array(this.maxRun * d);
    this.priorMu = new Float64Array(d).fill(this.o.mu0);
    this.priorBeta = new Float64Array(d).fill(this.o.beta0);
  }

  /** Adds one reply (every reply must have the same dimension); returns P(a new segment starts at this reply | replies so far). */
  push(x: readonly number[]): number {
    const d = x.length;
    if (this.len === 0) {
      this.init(d);
      update(this.o.kappa0, this.priorMu, this.priorBeta, 0, this.mu, this.beta, 0, x);
      this.logR[0] = 0;
      this.len = 1;
      return 0; // The first reply starts the conversation, not a shift.
    }
    if (d !== this.d) throw new Error(`OnlineDetector: dimension ${d}, expected ${this.d}`);
    const { mu, beta, logR, next } = this;
    const runs = Math.min(this.len, this.maxRun);
    next[0] = this.logH + logPredictive(this.prior, this.priorMu, this.priorBeta, 0, x);
    let norm = logAdd(-Infinity, next[0]);
    for (let i = 0; i < this.len; i++) {
      next[i + 1] = this.log1mH + logR[i] + logPredictive(this.shapes[i], mu, beta, i * d, x);
      norm = logAdd(norm, next[i + 1]);
    }
    let len = this.len + 1;
    for (let i = 0; i < len; i++) next[i] -= norm;
    if (len > this.maxRun) {
      // Fold the tail into the longest kept run: fixed memory, small approximation.
      let tail = -Infinity;
      for (let i = this.maxRun - 1; i < len; i++) tail = logAdd(tail, next[i]);
      len = this.maxRun;
      next[len - 1] = tail;
    }
    // New stats: run i + 1 ← run i updated with x (from the longest down, in place); run 0 ← prior.
    for (let i = Math.min(runs, this.maxRun - 1); i >= 1; i--) update(this.shapes[i - 1].kappa, mu, beta, (i - 1) * d, mu, beta, i * d, x);
    update(this.o.kappa0, this.priorMu, this.priorBeta, 0, mu, beta, 0, x);
    this.logR = next;
    this.next = logR;
    this.len = len;
    return Math.exp(next[0]);
  }

  /** P(the current run started `lag` replies ago), i.e. a segment start at reply (now − lag). */
  startProbability(lag: number): number {
    return lag < this.len ? Math.exp(this.logR[lag]) : 0;
  }
}

/**
 * Runs the online detector over a whole series; p[t] = P(segment starts at t | replies up to
 * t + lag) (lag 0 = live). The first reply is never a shift.
 */
export function bocpdStartProbabilities(series: readonly (readonly number[])[], lag: number, options: Partial<BocpdOptions> = {}): number[] {
  const det = new OnlineDetector(options);
  const p = new Array<number>(series.length).fill(0);
  for (let t = 0; t < series.length; t++) {
    det.push(series[t]);
    const s = t - lag;
    if (s >= 1) p[s] = det.startProbability(lag);
  }
  // Replies in the last `lag` positions get the best available (shorter-lag) answer.
  for (let s = Math.max(1, series.length - lag); s < series.length; s++) p[s] = det.startProbability(series.length - 1 - s);
  return p;
}

/** Live answer for the newest reply: P(a new segment starts at the last reply | all replies so far). */
export function liveShiftProbability(series: readonly (readonly number[])[], options: Partial<BocpdOptions> = {}): number {
  const det = new OnlineDetector(options);
  for (const x of series) det.push(x);
  return series.length > 1 ? det.startProbability(0) : 0;
}
