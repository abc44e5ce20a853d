/**
 * Bayesian online change-point detection (Adams & MacKay 2007) with a Normal–Gamma prior per
 * dimension (diagonal), so each dimension's predictive is a Student-t; log predictives are summed
 * across dimensions. Constant hazard 1/λ; run length truncated at maxRun (fixed memory).
 *
 * This is the live detector: push a reply's standardised vector and read P(a new segment starts
 * at this reply | replies so far). We score the new reply under the prior (a new run) against the
 * existing runs, so the probability is informative at arrival; `startProbability(lag)` gives the
 * same question answered `lag` replies later, which is sharper.
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

interface RunStats {
  mu: number[];
  beta: number[];
  kappa: number;
  alpha: number;
}

function studentTLogPdf(x: number, mu: number, scale2: number, nu: number): number {
  const z = ((x - mu) * (x - mu)) / (nu * scale2);
  return gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * Math.log(nu * Math.PI * scale2) - ((nu + 1) / 2) * Math.log1p(z);
}

function logPredictive(s: RunStats, x: readonly number[]): number {
  const nu = 2 * s.alpha;
  let lp = 0;
  for (let k = 0; k < x.length; k++) {
    const scale2 = (s.beta[k] * (s.kappa + 1)) / (s.alpha * s.kappa);
    lp += studentTLogPdf(x[k], s.mu[k], scale2, nu);
  }
  return lp;
}

function update(s: RunStats, x: readonly number[]): RunStats {
  const k0 = s.kappa;
  return {
    mu: s.mu.map((m, k) => (k0 * m + x[k]) / (k0 + 1)),
    beta: s.beta.map((b, k) => b + (k0 * (x[k] - s.mu[k]) ** 2) / (2 * (k0 + 1))),
    kappa: k0 + 1,
    alpha: s.alpha + 0.5,
  };
}

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

export class OnlineDetector {
  private readonly o: BocpdOptions;
  /** logR[i] = log P(current run has length i + 1 | data); runs[i] its sufficient statistics. */
  private logR: number[] = [];
  private runs: RunStats[] = [];

  constructor(options: Partial<BocpdOptions> = {}) {
    this.o = { ...DEFAULT_BOCPD, ...options };
  }

  private prior(d: number): RunStats {
    return { mu: new Array<number>(d).fill(this.o.mu0), beta: new Array<number>(d).fill(this.o.beta0), kappa: this.o.kappa0, alpha: this.o.alpha0 };
  }

  /** Adds one reply; returns P(a new segment starts at this reply | replies so far). */
  push(x: readonly number[]): number {
    const prior = this.prior(x.length);
    if (this.runs.length === 0) {
      this.runs = [update(prior, x)];
      this.logR = [0];
      return 0; // The first reply starts the conversation, not a shift.
    }
    const H = 1 / this.o.lambda;
    const change = Math.log(H) + logPredictive(prior, x);
    const grow = this.logR.map((lr, i) => Math.log(1 - H) + lr + logPredictive(this.runs[i], x));
    const all = [change, ...grow];
    const norm = all.reduce(logAdd, -Infinity);
    this.logR = all.map((v) => v - norm);
    this.runs = [update(prior, x), ...this.runs.map((s) => update(s, x))];
    if (this.logR.length > this.o.maxRun) {
      // Fold the tail into the longest kept run: fixed memory, small approximation.
      const tail = this.logR.slice(this.o.maxRun - 1).reduce(logAdd, -Infinity);
      this.logR = this.logR.slice(0, this.o.maxRun);
      this.logR[this.o.maxRun - 1] = tail;
      this.runs.length = this.o.maxRun;
    }
    return Math.exp(this.logR[0]);
  }

  /** P(the current run started `lag` replies ago), i.e. a segment start at reply (now − lag). */
  startProbability(lag: number): number {
    return lag < this.logR.length ? Math.exp(this.logR[lag]) : 0;
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
