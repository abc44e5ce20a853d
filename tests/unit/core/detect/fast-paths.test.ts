/**
 * The detector's fast paths against straightforward formulations: BOCPD (flat typed-array run
 * statistics) against the textbook recursion written out plainly, PELT against an unpruned
 * O(n²) optimal partition, FeatureColumns against array formulas.
 */
import { describe, expect, it } from 'vitest';
import { gammaln } from 'simple-statistics';
import { bocpdStartProbabilities, DEFAULT_BOCPD, type BocpdOptions } from '../../../../src/core/changepoint/bocpd.ts';
import { l2Cost } from '../../../../src/core/changepoint/cost.ts';
import { pelt } from '../../../../src/core/changepoint/pelt.ts';
import { FeatureColumns } from '../../../../src/core/detect/columns.ts';
import { piecewise, series } from './synthetic.ts';

/** Adams & MacKay with a Normal–Gamma prior per dimension, as plainly as possible. */
function textbookBocpd(xs: readonly (readonly number[])[], lag: number, o: BocpdOptions): number[] {
  type Run = { mu: number[]; beta: number[]; kappa: number; alpha: number };
  const logT = (x: number, mu: number, s2: number, nu: number) =>
    gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * Math.log(nu * Math.PI * s2) - ((nu + 1) / 2) * Math.log1p(((x - mu) * (x - mu)) / (nu * s2));
  const pred = (r: Run, x: readonly number[]) =>
    x.reduce((lp, v, k) => lp + logT(v, r.mu[k], (r.beta[k] * (r.kappa + 1)) / (r.alpha * r.kappa), 2 * r.alpha), 0);
  const upd = (r: Run, x: readonly number[]): Run => ({
    mu: r.mu.map((m, k) => (r.kappa * m + x[k]) / (r.kappa + 1)),
    beta: r.beta.map((b, k) => b + (r.kappa * (x[k] - r.mu[k]) ** 2) / (2 * (r.kappa + 1))),
    kappa: r.kappa + 1,
    alpha: r.alpha + 0.5,
  });
  const logAdd = (a: number, b: number) =>
    a === -Infinity ? b : b === -Infinity ? a : a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
  const H = 1 / o.lambda;
  let logR: number[] = [];
  let runs: Run[] = [];
  const p = new Array<number>(xs.length).fill(0);
  xs.forEach((x, t) => {
    const prior: Run = { mu: x.map(() => o.mu0), beta: x.map(() => o.beta0), kappa: o.kappa0, alpha: o.alpha0 };
    if (t === 0) {
      [runs, logR] = [[upd(prior, x)], [0]];
    } else {
      const all = [Math.log(H) + pred(prior, x), ...logR.map((lr, i) => Math.log(1 - H) + lr + pred(runs[i], x))];
      const norm = all.reduce(logAdd, -Infinity);
      logR = all.map((v) => v - norm);
      runs = [upd(prior, x), ...runs.map((r) => upd(r, x))];
      if (logR.length > o.maxRun) {
        const tail = logR.slice(o.maxRun - 1).reduce(logAdd, -Infinity);
        logR = logR.slice(0, o.maxRun);
        logR[o.maxRun - 1] = tail;
        runs.length = o.maxRun;
      }
    }
    if (t - lag >= 1) p[t - lag] = Math.exp(logR[lag] ?? -Infinity);
  });
  for (let s = Math.max(1, xs.length - lag); s < xs.length; s++) p[s] = Math.exp(logR[xs.length - 1 - s] ?? -Infinity);
  return p;
}

describe('BOCPD', () => {
  it('equals the textbook recursion exactly, run-length truncation included', () => {
    const x = series(
      90,
      3,
      5,
      piecewise(
        [30, 60],
        [
          [0, 0, 0],
          [2, -2, 1],
          [0, 1, -1],
        ],
      ),
    );
    for (const o of [DEFAULT_BOCPD, { ...DEFAULT_BOCPD, maxRun: 7 }, { lambda: 6, mu0: 0.3, kappa0: 0.1, alpha0: 1.3, beta0: 0.7, maxRun: 20 }]) {
      for (const lag of [0, 2]) expect(bocpdStartProbabilities(x, lag, o)).toEqual(textbookBocpd(x, lag, o));
    }
  });
});

describe('PELT', () => {
  it('finds the optimal partition (checked by unpruned dynamic programming)', () => {
    for (const seed of [1, 2, 3, 4]) {
      const x = series(
        40,
        2,
        seed,
        piecewise(
          [12, 25],
          [
            [0, 0],
            [1.5, -1],
            [0, 1],
          ],
        ),
      );
      const c = l2Cost(x);
      for (const minSize of [1, 2, 3]) {
        const penalty = 4;
        const F = [-penalty];
        for (let t = 1; t <= x.length; t++) {
          F[t] = Infinity;
          for (let s = 0; s <= t - minSize; s++) if (s === 0 || s >= minSize) F[t] = Math.min(F[t], F[s] + c.cost(s, t) + penalty);
        }
        const cps = pelt(c, penalty, minSize);
        const bounds = [0, ...cps, x.length];
        const total = bounds.slice(1).reduce((sum, b, i) => sum + c.cost(bounds[i], b) + penalty, -penalty);
        expect(total).toBeCloseTo(F[x.length], 9);
        for (let i = 1; i < bounds.length; i++) expect(bounds[i] - bounds[i - 1]).toBeGreaterThanOrEqual(minSize);
      }
    }
  });
});

describe('FeatureColumns', () => {
  it('range means and sample variances match the array formulas, skipping missing values', () => {
    const rows = [{ f: 1 }, { f: null }, { f: 4 }, { f: 2.5 }, {}, { f: -3 }].map((r) => r as Record<string, number | null>);
    const cols = new FeatureColumns(rows);
    for (const [a, b] of [
      [0, 6],
      [1, 3],
      [2, 4],
      [1, 2],
      [4, 6],
    ]) {
      const xs = rows
        .slice(a, b)
        .map((r) => r.f)
        .filter((x): x is number => typeof x === 'number');
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.length > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) : 0;
      expect(cols.mean('f', a, b)).toEqual({ n: xs.length, mean: xs.length ? mean : 0 });
      expect(cols.stats('f', a, b)).toEqual({ n: xs.length, mean: xs.length ? mean : 0, variance });
    }
    expect(cols.mean('absent')).toEqual({ n: 0, mean: 0 });
  });
});
